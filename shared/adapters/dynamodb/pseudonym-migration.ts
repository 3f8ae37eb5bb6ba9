/**
 * Re-keys the tickets table to the installed pseudonym key (docs/pseudonyms.md): from the legacy
 * unkeyed client keys, and from an older key version during a rotation. Per ticket (one scan of
 * the ticket items, a page at a time): the ticket's `clientKey` (the client index), the client's
 * `SENDER#` and `SURVEYCAP#` items and the `MSGID#` key of the ticket's first mail (all keyed by
 * the client key) moved to the new key, and the `SUBJECT#` index items written (those of an older
 * version deleted). Each step is idempotent (a move copies, then deletes the old item; a ticket
 * already keyed is left alone), and the pass keeps its place in a progress item
 * (`MIGRATION#pseudonyms-v<N>`, `./migration-pass.ts`), so a crash is resumed by running it again;
 * a finished pass is recorded once, `RekeyPseudonyms` with counts only.
 *
 * The scan reads strongly consistent pages, and a ticket's `clientKey` and its `SUBJECT#` items are
 * written in one transaction conditioned on the ticket being as read — not pseudonymised
 * (`erasedAt`) and the same email address — so that an erasure or a rectification done meanwhile
 * is never undone: such a ticket is left alone (counted `changedMeanwhile`; the erasure or the
 * rectification wrote what it needed itself).
 *
 * Not re-keyable: the `MSGID#` keys of a client's follow-up mails (their Message-IDs are not kept),
 * so a mail answering the client's own follow-up threads by its reference in the subject instead.
 */
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clientGroupId, legacyClientKey } from '../../domain/ids.ts';
import type { PseudonymSecret } from '../../domain/pseudonym-key.ts';
import { messageIdKey } from '../../domain/threading.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { Item } from './items.ts';
import { type MigrationPassOptions, type MigrationPassResult, runMigrationPass } from './migration-pass.ts';
import { subjectIndexItem, ticketSubjectKeys } from './subject-items.ts';
import { senderKey, threadKey } from './ticket-keys.ts';
import { cancelledByCondition, type DynamoTables } from './tickets-table.ts';

export interface PseudonymMigrationCounts {
  readonly tickets: number;
  readonly clientKeys: number;
  readonly senders: number;
  readonly surveyCaps: number;
  readonly messageIds: number;
  readonly subjectItems: number;
  /** Tickets erased or given another address between the scan and the write: left alone. */
  readonly changedMeanwhile?: number;
}

export interface PseudonymMigrationOptions extends MigrationPassOptions {
  /** The key to migrate to (the functions' `PSEUDONYM_KEY` at `PSEUDONYM_KEY_VERSION`). */
  readonly to: PseudonymSecret;
  /** Older versions whose keys may still be stored (a rotation); the legacy keys always are looked for. */
  readonly from?: readonly PseudonymSecret[];
}

export type PseudonymMigrationResult = MigrationPassResult<PseudonymMigrationCounts>;

const empty: PseudonymMigrationCounts = {
  tickets: 0,
  clientKeys: 0,
  senders: 0,
  surveyCaps: 0,
  messageIds: 0,
  subjectItems: 0,
};

const surveyCapKey = (clientKey: string) => ({ pk: `SURVEYCAP#${clientKey}`, sk: 'SURVEYCAP' });

export function migratePseudonyms(
  tables: DynamoTables,
  options: PseudonymMigrationOptions,
): Promise<PseudonymMigrationResult> {
  return runMigrationPass(
    tables,
    {
      name: `pseudonyms-v${options.to.version}`,
      empty,
      migrate: (item) => migrateTicket(tables, item, options),
      add,
      record: {
        eventName: 'RekeyPseudonyms',
        userIdentity: { type: 'Service', invokedBy: 'pseudonyms:migrate' },
        userAgent: 'courtdesk/migrate-pseudonyms',
        requestParameters: {
          keyVersion: options.to.version,
          fromVersions: (options.from ?? []).map((s) => s.version),
        },
      },
    },
    options,
  );
}

function add(a: PseudonymMigrationCounts, b: Partial<PseudonymMigrationCounts>): PseudonymMigrationCounts {
  return {
    tickets: a.tickets + (b.tickets ?? 0),
    clientKeys: a.clientKeys + (b.clientKeys ?? 0),
    senders: a.senders + (b.senders ?? 0),
    surveyCaps: a.surveyCaps + (b.surveyCaps ?? 0),
    messageIds: a.messageIds + (b.messageIds ?? 0),
    subjectItems: a.subjectItems + (b.subjectItems ?? 0),
    // Absent from the counts of a progress item an older run left.
    changedMeanwhile: (a.changedMeanwhile ?? 0) + (b.changedMeanwhile ?? 0),
  };
}

async function migrateTicket(
  tables: DynamoTables,
  item: Item,
  options: PseudonymMigrationOptions,
): Promise<Partial<PseudonymMigrationCounts>> {
  const { client, ticketsTable } = tables;
  const ticket = item as unknown as Ticket & { clientKey?: string; erasedAt?: string };
  const email = ticket.client?.email;
  // A pseudonymised ticket has no client left to key.
  if (!email || ticket.erasedAt) return { tickets: 1 };
  const newKey = clientGroupId(email, options.to);
  const oldKeys = [
    ...new Set([
      legacyClientKey(email),
      ...(options.from ?? []).map((secret) => clientGroupId(email, secret)),
    ]),
  ].filter((old) => old !== newKey);
  const counts: Partial<Record<keyof PseudonymMigrationCounts, number>> = { tickets: 1 };
  const count = (name: keyof PseudonymMigrationCounts, moved: boolean) => {
    if (moved) counts[name] = (counts[name] ?? 0) + 1;
  };
  const subjects = ticketSubjectKeys(ticket, options.to);
  const puts = subjects.map((subject) => subjectIndexItem(subject, ticket.reference));
  const putKeys = new Set(puts.map((put) => `${put.pk}|${put.sk}`));
  const deletes = [...new Set((options.from ?? []).flatMap((secret) => ticketSubjectKeys(ticket, secret)))]
    .map((old) => subjectIndexItem(old, ticket.reference))
    .filter((old) => !putKeys.has(`${old.pk}|${old.sk}`));
  try {
    // The ticket as read, or nothing: an erasure or a rectification since keeps what it wrote.
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: ticketsTable,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET clientKey = :key',
              ConditionExpression: 'attribute_not_exists(erasedAt) AND #client.#email = :email',
              ExpressionAttributeNames: { '#client': 'client', '#email': 'email' },
              ExpressionAttributeValues: { ':key': newKey, ':email': email },
            },
          },
          ...puts.map((put) => ({ Put: { TableName: ticketsTable, Item: put } })),
          ...deletes.map(({ pk, sk }) => ({ Delete: { TableName: ticketsTable, Key: { pk, sk } } })),
        ],
      }),
    );
  } catch (error) {
    if (cancelledByCondition(error, 0)) return { tickets: 1, changedMeanwhile: 1 };
    throw error;
  }
  count('clientKeys', ticket.clientKey !== newKey);
  counts.subjectItems = puts.length;
  const messageId = ticket.email?.messageId;
  for (const old of oldKeys) {
    count('senders', await move(tables, senderKey(old), senderKey(newKey)));
    count('surveyCaps', await move(tables, surveyCapKey(old), surveyCapKey(newKey)));
    if (messageId)
      count(
        'messageIds',
        await move(
          tables,
          threadKey(messageIdKey(messageId, old)),
          threadKey(messageIdKey(messageId, newKey)),
        ),
      );
  }
  return counts;
}

/** Copies the item at `from` to `to` (unless one is there already), then deletes `from`; whether one was moved. */
async function move(
  { client, ticketsTable }: DynamoTables,
  from: { pk: string; sk: string },
  to: { pk: string; sk: string },
): Promise<boolean> {
  const old = (
    await client.send(new GetCommand({ TableName: ticketsTable, Key: from, ConsistentRead: true }))
  ).Item;
  if (!old) return false;
  try {
    await client.send(
      new PutCommand({
        TableName: ticketsTable,
        Item: { ...old, ...to },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    // One written under the new key since (by the functions already keyed) is the newer: kept.
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  await client.send(new DeleteCommand({ TableName: ticketsTable, Key: from }));
  return true;
}
