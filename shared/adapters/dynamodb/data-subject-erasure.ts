/**
 * Erasure of a ticket on DynamoDB (+ the mail bucket through `ObjectVersions`), and legal holds.
 *
 * An erasure first claims the ticket (`erasing`, conditional on no hold and no erasure done), and a
 * hold is set only on a ticket no erasure has claimed: a hold can never arrive after files are
 * gone. Then, in an order that lets a run that stopped half-way be finished by the next: files
 * (every version, quarantine copies and the exports that hold the ticket included), then the keys
 * that point at the ticket (message ids, data-subject index, intake idempotency records, the
 * client's sender and survey-cap flags on request), the letter's postal registration, then the
 * partition's items, and the ticket itself last — until it carries `erasedAt`, a call does
 * everything again, and each step is idempotent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isErased, pseudonymiseTicket, removedFields } from '../../domain/pseudonymise-ticket.ts';
import type { LegalHold, TicketErasure, TicketErasureOutcome } from '../../ports/data-subjects.ts';
import type { LegalHolds, SetHoldOutcome } from '../../ports/legal-holds.ts';
import type { ObjectVersions } from '../../ports/object-versions.ts';
import {
  clientPseudonyms,
  erasedPartitionItem,
  erasedRegistrationItem,
  exportKeysOf,
  filesOf,
  heldObjectItem,
  heldObjectKey,
  heldObjectsOf,
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
// worked (every staff write is refused), so take-next must not hand it out; and off the deadline
// list, which the deadline sweeper and the supervisors' due list read (nobody can answer it now).
const droppedIndexAttributes = ['clientKey', 'callbackKey', 'worklistKey', 'dueKey', 'dueSortKey'];

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

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
    // A claim taken before (a run that stopped, or one running now) is continued: each step is idempotent.
    if (item.erasing === undefined) {
      if (!(await this.#claim(reference, erasure))) {
        // Held, erased, reopened or gone since the partition was read: read again, once, to answer which.
        if (again) return this.eraseTicket(reference, erasure, false);
        throw new Error('The ticket could not be claimed for erasure');
      }
      // Claimed: from now on no write reaches the ticket (its writers' conditions refuse `erasing`).
      // Read the partition again, so that a message written before the claim is erased too.
      return this.eraseTicket(reference, erasure, again);
    }
    const ticket = toTicket(item);

    const intake = intakeRecordsOf(ticket, partition);
    for (const file of filesOf(ticket, partition)) await this.#files.deleteEveryVersion(file.key);
    for (const key of [...intake.quarantineCopies, ...exportKeysOf(partition)])
      await this.#files.deleteEveryVersion(key);
    for (const prefix of intake.attachmentPrefixes) await this.#files.deleteEveryVersionUnder(prefix);
    await this.#files.deleteEveryVersionUnder(`replies/${reference}/`);

    const { subjectKeys, clientKey } = clientPseudonyms(ticket);
    const keys = [
      ...threadKeysOf(ticket, partition).map(threadKey),
      // The intake's idempotency records hold the whole intake message (the ticket's and follow-ups').
      ...intake.idempotencyKeys.map((key) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' })),
      ...subjectKeys.map((key) => subjectTicketKey(key, reference)),
      // Left by a hold's lift that stopped half-way: nothing is held once the ticket is erased.
      ...heldObjectsOf(ticket, partition).map(heldObjectKey),
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
    const removed = new Set([...removedFields(ticket, pseudonymised), ...droppedIndexAttributes, 'erasing']);
    const removes = [...removed].map((field, index) => {
      names[`#r${index}`] = field;
      return `#r${index}`;
    });
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
      if (again && isConditionFailure(error)) return this.eraseTicket(reference, erasure, false);
      throw error;
    }
    return { outcome: 'erased' };
  }

  /** Marks the ticket `erasing` (kept if set); false when it is held, erased or gone. */
  async #claim(
    reference: string,
    erasure: { readonly basis: string; readonly at: string },
  ): Promise<boolean> {
    // A retention run claims only a ticket still settled: one reopened since the sweeper read it is not due.
    const settled = erasure.basis === 'retention';
    try {
      await this.#tables.client.send(
        new UpdateCommand({
          TableName: this.#tables.ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: 'SET erasing = if_not_exists(erasing, :at)',
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(legalHold) AND attribute_not_exists(erasedAt)${
            settled ? ' AND #status IN (:answered, :closed)' : ''
          }`,
          ExpressionAttributeValues: {
            ':at': erasure.at,
            ...(settled ? { ':answered': 'answered', ':closed': 'closed' } : {}),
          },
          ...(settled ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
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

  async setHold(reference: string, hold: LegalHold): Promise<SetHoldOutcome> {
    try {
      await this.#tables.client.send(
        new UpdateCommand({
          TableName: this.#tables.ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: 'SET legalHold = :hold',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(legalHold) AND attribute_not_exists(erasing) AND attribute_not_exists(erasedAt)',
          ExpressionAttributeValues: { ':hold': hold },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as ConditionalCheckFailedException).Item as
        | { legalHold?: { M?: Record<string, { S?: string }> }; erasing?: unknown; erasedAt?: unknown }
        | undefined;
      if (!old) return 'missing';
      if (!old.legalHold) return old.erasedAt ? 'erased' : 'erasing';
      const held = old.legalHold.M ?? {};
      const inForce = { reason: held.reason?.S ?? '', by: held.by?.S ?? '', at: held.at?.S ?? '' };
      // Held already: its objects' protection written again (a set that stopped before it did).
      await this.#protectObjects(reference, { put: inForce.at });
      return { held: inForce };
    }
    await this.#protectObjects(reference, { put: hold.at });
    return 'set';
  }

  async liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'> {
    let lifted: LegalHold | undefined;
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
      lifted = result.Attributes?.legalHold as LegalHold | undefined;
    } catch (error) {
      if (isConditionFailure(error)) return 'missing';
      throw error;
    }
    if (!lifted) return 'none';
    // Only the lifted hold's protection: a hold set meanwhile has written its own (tagged with its
    // `at`), which a slow lift must leave. Items a lift that stopped half-way left behind protect
    // nothing (the sweeper confirms the ticket's hold) and go with the ticket's erasure.
    await this.#protectObjects(reference, { delete: lifted.at });
    return lifted;
  }

  /**
   * Writes (`put`) the `HOLDKEY#<object key>` item of each of the ticket's objects, tagged with the
   * hold's `at`; or deletes (`delete`) those still tagged with the given hold's (or with none).
   */
  async #protectObjects(
    reference: string,
    action: { readonly put: string } | { readonly delete: string },
  ): Promise<void> {
    const { client, ticketsTable } = this.#tables;
    const partition = await queryPartition(client, ticketsTable, ticketPartition(reference), {
      consistent: true,
    });
    const item = partition.find((candidate) => candidate.sk === 'TICKET');
    if (!item) return;
    const keys = heldObjectsOf(toTicket(item), partition);
    // One write each, 25 at a time (no BatchWriteItem grant): a ticket has tens of objects at most.
    for (let start = 0; start < keys.length; start += 25)
      await Promise.all(
        keys.slice(start, start + 25).map((objectKey) =>
          'put' in action
            ? client.send(
                new PutCommand({
                  TableName: ticketsTable,
                  Item: heldObjectItem(objectKey, reference, action.put),
                }),
              )
            : this.#unprotect(objectKey, action.delete),
        ),
      );
  }

  /** Deletes the object's `HOLDKEY` item unless a newer hold has written it again. */
  async #unprotect(objectKey: string, hold: string): Promise<void> {
    try {
      await this.#tables.client.send(
        new DeleteCommand({
          TableName: this.#tables.ticketsTable,
          Key: heldObjectKey(objectKey),
          // Untagged: written before holds were tagged, by the hold being lifted.
          ConditionExpression: 'attribute_not_exists(#hold) OR #hold = :hold',
          ExpressionAttributeNames: { '#hold': 'hold' },
          ExpressionAttributeValues: { ':hold': hold },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
