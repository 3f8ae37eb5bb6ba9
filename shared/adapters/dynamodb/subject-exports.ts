/**
 * Which tickets a data-subject export holds, on DynamoDB: one `EXPORT#<id>` item per ticket in the
 * ticket's partition (`exportItem`), where erasure's partition read finds it and deletes the ZIP.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SubjectExports } from '../../ports/data-subjects.ts';
import { exportItem } from './data-subject-items.ts';
import type { DynamoTables } from './tickets-table.ts';

export class DynamoSubjectExports implements SubjectExports {
  readonly #tables: DynamoTables;

  constructor(tables: DynamoTables) {
    this.#tables = tables;
  }

  async recordExport(
    exportId: string,
    key: string,
    references: readonly string[],
    expiresAt: number,
  ): Promise<void> {
    const { client, ticketsTable } = this.#tables;
    // One PutItem each, 25 at a time (staff-api has no BatchWriteItem grant; an export holds at most 200).
    for (let start = 0; start < references.length; start += 25)
      await Promise.all(
        references.slice(start, start + 25).map((reference) =>
          client.send(
            new PutCommand({
              TableName: ticketsTable,
              Item: exportItem(reference, exportId, key, expiresAt),
            }),
          ),
        ),
      );
  }
}
