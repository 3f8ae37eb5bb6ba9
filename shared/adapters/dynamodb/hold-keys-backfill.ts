/**
 * Writes the `HOLDKEY#<object key>` items of legal holds set before a hold wrote them
 * (docs/retention.md): without them the retention sweeper keeps a held ticket's raw mail only
 * while intake's idempotency record still names its ticket, and its quarantine copies not at all.
 *
 * One strongly consistent scan of the ticket items, a page at a time (`./migration-pass.ts`,
 * progress `MIGRATION#hold-keys`): stopped, it resumes; a finished pass is skipped unless `force`d.
 * For each held ticket, its partition is read consistently and each of its objects
 * (`heldObjectsOf`, as setting the hold finds them) gets its item, tagged with the hold's `at`,
 * unless it has one (a hold's own, or a follow-up's). A hold lifted meanwhile may leave items
 * behind: they protect nothing (the sweeper checks that the ticket is still held) and go with
 * the ticket's erasure, as a lift that stopped half-way leaves them. A finished pass is recorded
 * once, `BackfillHoldKeys` with counts only.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { legalHoldAt } from '../../domain/legal-hold.ts';
import { heldObjectItem, heldObjectsOf } from './data-subject-items.ts';
import { type Item, queryPartition } from './items.ts';
import { type MigrationPassOptions, type MigrationPassResult, runMigrationPass } from './migration-pass.ts';
import { toTicket } from './ticket-items.ts';
import { ticketPartition } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

export interface HoldKeysBackfillCounts {
  /** Ticket items read. */
  readonly tickets: number;
  /** Of those, under a legal hold. */
  readonly held: number;
  /** `HOLDKEY` items written (the objects that had none). */
  readonly protected: number;
}

export type HoldKeysBackfillOptions = MigrationPassOptions;
export type HoldKeysBackfillResult = MigrationPassResult<HoldKeysBackfillCounts>;

export function backfillHoldKeys(
  tables: DynamoTables,
  options: HoldKeysBackfillOptions,
): Promise<HoldKeysBackfillResult> {
  return runMigrationPass(
    tables,
    {
      name: 'hold-keys',
      empty: { tickets: 0, held: 0, protected: 0 },
      projection: { expression: 'pk, sk, #reference, legalHold', names: { '#reference': 'reference' } },
      migrate: async (item) =>
        legalHoldAt(item) === undefined
          ? { tickets: 1 }
          : { tickets: 1, held: 1, protected: await protectObjects(tables, item) },
      add: (a, b) => ({
        tickets: a.tickets + (b.tickets ?? 0),
        held: a.held + (b.held ?? 0),
        protected: a.protected + (b.protected ?? 0),
      }),
      record: {
        eventName: 'BackfillHoldKeys',
        userIdentity: { type: 'Service', invokedBy: 'retention:backfill' },
        userAgent: 'courtdesk/backfill-retention',
        requestParameters: {},
      },
    },
    options,
  );
}

/** Writes the missing `HOLDKEY` items of one held ticket's objects; how many. */
async function protectObjects(tables: DynamoTables, read: Item): Promise<number> {
  const { client, ticketsTable } = tables;
  const reference = String(read.reference);
  const partition = await queryPartition(client, ticketsTable, ticketPartition(reference), {
    consistent: true,
  });
  const item = partition.find((candidate) => candidate.sk === 'TICKET');
  // Read again with its messages: a hold lifted since the page was read protects nothing.
  const hold = item && legalHoldAt(item);
  if (!item || !hold) return 0;
  let written = 0;
  for (const objectKey of heldObjectsOf(toTicket(item), partition)) {
    try {
      await client.send(
        new PutCommand({
          TableName: ticketsTable,
          Item: heldObjectItem(objectKey, reference, hold),
          // One there already is the hold's own (or a newer hold's): its tag stays.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      written += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return written;
}
