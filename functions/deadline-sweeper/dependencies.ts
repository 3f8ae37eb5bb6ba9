/** deadline-sweeper's dependencies, built once per cold start. */
import { DynamoDeadlineSweepStore } from '../../shared/adapters/dynamodb/deadline-sweep-store.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { loadConfig } from '../../shared/config.ts';
import type { SweepDeadlinesDeps } from '../../shared/use-cases/sweep-deadlines.ts';
import { auditLog, awsClients, dynamoTables, mailer, randomIds, systemClock } from '../composition-root.ts';

export function buildDependencies(): SweepDeadlinesDeps {
  const aws = awsClients();
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'SENDER_ADDRESS', 'SES_CONFIGURATION_SET']);
  const tables = dynamoTables(aws, config);
  return {
    worklists: new DynamoWorklists(tables),
    sweep: new DynamoDeadlineSweepStore(tables),
    mailer: mailer(aws, config),
    audit: auditLog(aws, config),
    clock: systemClock,
    ids: randomIds,
    senderAddress: config.SENDER_ADDRESS,
  };
}
