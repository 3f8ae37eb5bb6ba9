/**
 * The data subject's records for staff-api's data protection routes, loaded by their first call.
 * The DynamoDB adapter of `DataSubjectRecords` is the erasure work's; until it is wired here the
 * routes that need it answer a 500.
 */
import type { DynamoTables } from '../../shared/adapters/dynamodb/tickets-table.ts';
import type { DataSubjectRecords } from '../../shared/ports/data-subjects.ts';

export async function dataSubjectRecords(
  _tables: DynamoTables,
  _knowledgeTable: string,
): Promise<DataSubjectRecords> {
  throw new Error('DataSubjectRecords on DynamoDB is not wired yet');
}
