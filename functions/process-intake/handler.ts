/** intake.fifo → tickets. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { documentClient, sqsClient } from '../../shared/adapters/clients.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { SqsMessageQueue } from '../../shared/adapters/sqs/message-queue.ts';
import { loadConfig } from '../../shared/config.ts';
import { intakeMessageSchema, type OutboundMessage } from '../../shared/domain/intake-message.ts';
import { logger } from '../../shared/logger.ts';
import { fifoBatchHandler } from '../../shared/queue-handler.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import { processIntakeMessages } from '../../shared/use-cases/process-intake-message.ts';

const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'OUTBOUND_QUEUE_URL', 'REOPEN_WINDOW_DAYS']);
const store = new DynamoTicketStore({
  client: documentClient(),
  ticketsTable: config.TICKETS_TABLE,
  auditTable: config.AUDIT_TABLE,
});
const clock = { now: () => new Date() };
const dependencies = {
  store,
  clock,
  backlog: new BacklogCache(store, clock),
  reopenWindowDays: config.REOPEN_WINDOW_DAYS,
  outboundQueue: new SqsMessageQueue<OutboundMessage>({
    client: sqsClient(),
    queueUrl: config.OUTBOUND_QUEUE_URL,
  }),
};

export const handler = middy<SQSEvent, SQSBatchResponse>().handler(
  fifoBatchHandler(intakeMessageSchema, async (messages) => {
    const results = await processIntakeMessages(dependencies, messages);
    return results.map((result) => {
      if (result instanceof Error) return result;
      logger.info('Intake processed', { ...result });
      return undefined;
    });
  }),
);
