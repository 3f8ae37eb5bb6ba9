/**
 * Which tickets a data-subject export holds, on DynamoDB: one `EXPORT#<id>` item per ticket in the
 * ticket's partition (`exportItem`), where erasure's partition read finds it and deletes the ZIP.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
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
    const requests = references.map((reference) => ({
      PutRequest: { Item: exportItem(reference, exportId, key, expiresAt) },
    }));
    for (let start = 0; start < requests.length; start += 25) {
      let batch: typeof requests | undefined = requests.slice(start, start + 25);
      for (let attempt = 0; batch?.length && attempt < 8; attempt += 1) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [ticketsTable]: batch } }));
        batch = result.UnprocessedItems?.[ticketsTable] as typeof requests | undefined;
      }
      if (batch?.length) throw new Error('The export could not be recorded with its tickets');
    }
  }
}
