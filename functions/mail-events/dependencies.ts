/** mail-events' dependencies, built once per cold start. */
import { DynamoDeliveryProblems } from '../../shared/adapters/dynamodb/delivery-problems.ts';
import { loadConfig } from '../../shared/config.ts';
import type { RecordDeliveryEventDeps } from '../../shared/use-cases/record-delivery-event.ts';
import { auditLog, awsClients, dynamoTables, systemClock } from '../composition-root.ts';

export function buildDependencies(): RecordDeliveryEventDeps {
  const aws = awsClients();
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE']);
  return {
    deliveries: new DynamoDeliveryProblems(dynamoTables(aws, config)),
    audit: auditLog(aws, config),
    clock: systemClock,
  };
}
