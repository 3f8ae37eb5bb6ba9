/** EventBridge schedule → deadline flags and one digest per unit to its supervisors. */

import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient, sesClient } from '../../shared/adapters/clients.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoDeadlineSweepStore } from '../../shared/adapters/dynamodb/deadline-sweep-store.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { loadConfig } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import {
  DeadlineSweepIncomplete,
  type SweepResult,
  sweepDeadlines,
} from '../../shared/use-cases/sweep-deadlines.ts';

const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'SENDER_ADDRESS', 'SES_CONFIGURATION_SET']);
const client = documentClient();
const dependencies = {
  worklists: new DynamoWorklists({
    client,
    ticketsTable: config.TICKETS_TABLE,
    auditTable: config.AUDIT_TABLE,
  }),
  sweep: new DynamoDeadlineSweepStore({
    client,
    ticketsTable: config.TICKETS_TABLE,
    auditTable: config.AUDIT_TABLE,
  }),
  mailer: new SesMailer({
    client: sesClient(),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  }),
  audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
  clock: { now: () => new Date() },
  senderAddress: config.SENDER_ADDRESS,
};

export const handler = middy<ScheduledEvent, SweepResult>().handler(
  async (event: ScheduledEvent, context: Context) => {
    // Today is the Riga date now, not the event's: a retry after midnight sweeps the new day.
    const result = await sweepDeadlines({ ...dependencies, runId: context.awsRequestId });
    const failed = result.units.filter((unit) => unit.error);
    for (const unit of result.units) {
      const { error, ...outcome } = unit;
      if (error) logger.error('Deadline sweep of a unit failed', { ...outcome, error });
      else logger.info('Deadline sweep of a unit', outcome);
    }
    logger.info('Deadline sweep', {
      scheduledEvent: event.id,
      date: result.date,
      workingDay: result.workingDay,
      dueThrough: result.dueThrough,
    });
    if (failed.length) throw new DeadlineSweepIncomplete(failed);
    return result;
  },
);
