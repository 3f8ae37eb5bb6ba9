/**
 * Erasure of a ticket on DynamoDB (+ the mail bucket through `ObjectVersions`), and legal holds.
 * Order, so that a run that stops half-way is finished by the next: files (every version), then the
 * keys that point at the ticket (message ids, data-subject index, intake idempotency records, the
 * client's sender and survey-cap flags on request), the letter's postal registration, then the
 * partition's items, and the ticket itself last — until it carries
 * `erasedAt`, a call does everything again, and each step is idempotent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isErased, pseudonymiseTicket, removedFields } from '../../domain/pseudonymise-ticket.ts';
import type { LegalHold, TicketErasure, TicketErasureOutcome } from '../../ports/data-subjects.ts';
import type { LegalHolds } from '../../ports/legal-holds.ts';
import type { ObjectVersions } from '../../ports/object-versions.ts';
import {
  clientPseudonyms,
  erasedPartitionItem,
  erasedRegistrationItem,
  filesOf,
  intakeRecordsOf,
  registrationKey,
  subjectTicketKey,
  threadKeysOf,
} from './data-subject-items.ts';
import { queryPartition } from './items.ts';
import { toTicket } from './ticket-items.ts';
import { senderKey, threadKey, ticketKey, ticketPartition } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

/** Index attributes a pseudonymised ticket leaves: it is no client's any more, and nobody calls back. */
// Off the client and callback lists, and off its unit's worklist: an erased ticket can no longer be
// worked (every staff write is refused), so take-next must not hand it out.
const droppedIndexAttributes = ['clientKey', 'callbackKey', 'worklistKey'];

export class DynamoTicketErasure implements TicketErasure, LegalHolds {
  readonly #tables: DynamoTables;
  readonly #files: ObjectVersions;

  constructor(tables: DynamoTables, files: ObjectVersions) {
    this.#tables = tables;
    this.#files = files;
  }

  async eraseTicket(
    reference: string,
    erasure: { readonly basis: string; readonly by: string; readonly at: string },
    again = true,
  ): Promise<TicketErasureOutcome> {
    const { client, ticketsTable } = this.#tables;
    const partition = await queryPartition(client, ticketsTable, ticketPartition(reference), {
      consistent: true,
    });
    const item = partition.find((candidate) => candidate.sk === 'TICKET');
    if (!item) return { outcome: 'missing' };
    if (item.legalHold) return { outcome: 'held', hold: item.legalHold as LegalHold };
    if (isErased(item)) return { outcome: 'already' };
    const ticket = toTicket(item);

    const intake = intakeRecordsOf(ticket, partition);
    for (const file of filesOf(ticket, partition)) await this.#files.deleteEveryVersion(file.key);
    for (const prefix of intake.attachmentPrefixes) await this.#files.deleteEveryVersionUnder(prefix);
    await this.#files.deleteEveryVersionUnder(`replies/${reference}/`);

    const { subjectKeys, clientKey } = clientPseudonyms(ticket);
    const keys = [
      ...threadKeysOf(ticket, partition).map(threadKey),
      // The intake's idempotency records hold the whole intake message (the ticket's and follow-ups').
      ...intake.idempotencyKeys.map((key) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' })),
      ...subjectKeys.map((key) => subjectTicketKey(key, reference)),
      // On request, the client's own flags go too; a retention run leaves them to the client's other tickets.
      ...(erasure.basis === 'retention'
        ? []
        : [senderKey(clientKey), { pk: `SURVEYCAP#${clientKey}`, sk: 'SURVEYCAP' }]),
    ];
    for (const key of keys) await client.send(new DeleteCommand({ TableName: ticketsTable, Key: key }));
    if (ticket.postal) await this.#eraseRegistration(ticket.postal.registrationId);

    for (const other of partition) {
      if (other.sk === 'TICKET') continue;
      const erased = erasedPartitionItem(other);
      if (erased === 'delete')
        await client.send(
          new DeleteCommand({ TableName: ticketsTable, Key: { pk: other.pk, sk: other.sk } }),
        );
      else if (erased !== 'keep')
        await client.send(new PutCommand({ TableName: ticketsTable, Item: erased }));
    }

    const pseudonymised = pseudonymiseTicket(ticket, {
      basis: erasure.basis === 'retention' ? 'retention' : 'request',
      at: erasure.at,
    });
    const names: Record<string, string> = { '#client': 'client' };
    const values: Record<string, unknown> = { ':readClient': ticket.client };
    const sets = Object.entries(pseudonymised)
      .filter(([field]) => field !== 'reference')
      .map(([field, value], index) => {
        names[`#s${index}`] = field;
        values[`:s${index}`] = value;
        return `#s${index} = :s${index}`;
      });
    const removes = [...removedFields(ticket, pseudonymised), ...droppedIndexAttributes].map(
      (field, index) => {
        names[`#r${index}`] = field;
        return `#r${index}`;
      },
    );
    try {
      await client.send(
        new UpdateCommand({
          TableName: ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          // A hold set meanwhile wins; a concurrent erasure makes this one `already`; a rectification
          // meanwhile (another client) wrote keys this run did not delete: erased again, once.
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(legalHold) AND attribute_not_exists(erasedAt) AND #client = :readClient',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (again && error instanceof ConditionalCheckFailedException)
        return this.eraseTicket(reference, erasure, false);
      throw error;
    }
    return { outcome: 'erased' };
  }

  /** The mailroom's registration of the ticket's letter, without the sender (see `erasedRegistrationItem`). */
  async #eraseRegistration(registrationId: string): Promise<void> {
    const { client, ticketsTable } = this.#tables;
    const { Item } = await client.send(
      new GetCommand({ TableName: ticketsTable, Key: registrationKey(registrationId), ConsistentRead: true }),
    );
    if (!Item || Item.erased === true) return;
    await client.send(new PutCommand({ TableName: ticketsTable, Item: erasedRegistrationItem(Item) }));
  }

  async setHold(
    reference: string,
    hold: LegalHold,
  ): Promise<'set' | 'missing' | { readonly held: LegalHold }> {
    try {
      await this.#tables.client.send(
        new UpdateCommand({
          TableName: this.#tables.ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: 'SET legalHold = :hold',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(legalHold)',
          ExpressionAttributeValues: { ':hold': hold },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'set';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const old = error.Item as { legalHold?: { M?: Record<string, { S?: string }> } } | undefined;
      if (!old) return 'missing';
      const held = old.legalHold?.M ?? {};
      return { held: { reason: held.reason?.S ?? '', by: held.by?.S ?? '', at: held.at?.S ?? '' } };
    }
  }

  async liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'> {
    try {
      const result = await this.#tables.client.send(
        new UpdateCommand({
          TableName: this.#tables.ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: 'REMOVE legalHold',
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      return (result.Attributes?.legalHold as LegalHold | undefined) ?? 'none';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'missing';
      throw error;
    }
  }
}
