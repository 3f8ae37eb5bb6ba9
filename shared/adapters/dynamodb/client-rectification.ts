/**
 * A rectification on the tickets table, in one transaction with its audit record: the ticket's
 * client (conditional on the client as staff saw it) and its client index key, the data-subject
 * index items (`SUBJECT#<key>` / `TICKET#<reference>`), the client's own Message-ID keys, the
 * sender's ended-service flag and the survey's address gap when this ticket holds them. The
 * client's messages' authors follow in the same transaction when it has room, else in further
 * ones (a retry corrects what a crash left: see rectify-client.ts).
 */

import type { ClientRectification, ClientRectificationWrite } from '../../ports/client-rectification.ts';
import { subjectTicketKey } from './data-subject-items.ts';
import { subjectIndexItem } from './subject-items.ts';
import { surveyCapKey } from './survey-invitations.ts';
import { messageKey, senderKey, threadKey, threadKeyWrite, ticketKey } from './ticket-items.ts';
import {
  cancelledByCondition,
  type DynamoTables,
  maxTransactionItems,
  TicketsTable,
  type TransactItem,
} from './tickets-table.ts';

export class DynamoClientRectification implements ClientRectification {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async rectify(reference: string, write: ClientRectificationWrite): Promise<'rectified' | 'conflict'> {
    const table = this.#table.name;
    const main: TransactItem[] = [
      { Update: { TableName: table, Key: ticketKey(reference), ...ticketUpdate(write) } },
      ...write.subjectKeys.remove.map((key) => ({
        Delete: { TableName: table, Key: subjectTicketKey(key, reference) },
      })),
      ...write.subjectKeys.add.map((key) => ({
        Put: { TableName: table, Item: subjectIndexItem(key, reference) },
      })),
      ...write.threadKeys.flatMap((key) => this.#moveThreadKey(reference, key, write.audit.eventTime)),
      ...(write.moveFlags ? await this.#flagMoves(reference, write.clientKey) : []),
    ];
    // Each message's author with its own Message-ID key, never split between transactions.
    const groups = write.clientMessageIds.map((id): TransactItem[] => {
      const moved = write.messageThreadKeys?.[id];
      return [
        authorUpdate(table, reference, id, write.client.email),
        ...(moved ? this.#moveThreadKey(reference, moved, write.audit.eventTime) : []),
      ];
    });
    const room = maxTransactionItems - main.length - this.#table.auditPuts(write.audit).length;
    const first: TransactItem[] = [];
    while (groups.length > 0 && first.length + (groups[0]?.length ?? 0) <= room)
      first.push(...(groups.shift() ?? []));
    try {
      await this.#table.transact([...main, ...first], write.audit);
    } catch (error) {
      if (cancelledByCondition(error, 0)) return 'conflict';
      throw error;
    }
    while (groups.length > 0) {
      const next: TransactItem[] = [];
      while (groups.length > 0 && next.length + (groups[0]?.length ?? 0) <= maxTransactionItems)
        next.push(...(groups.shift() ?? []));
      await this.#table.transact(next);
    }
    return 'rectified';
  }

  /** A Message-ID key moved: a key never changes the ticket it points at, so the one read as ours stays ours. */
  #moveThreadKey(reference: string, key: { from: string; to: string }, at: string): TransactItem[] {
    const table = this.#table.name;
    return [
      { Delete: { TableName: table, Key: threadKey(key.from) } },
      // Counted from the correction: the key under the new pseudonym is written now.
      threadKeyWrite(table, key.to, reference, this.#table.expiryOf('message-id-key', at)),
    ];
  }

  /** The sender flag and the survey gap under the old key, when this ticket holds them, moved to the new key. */
  async #flagMoves(reference: string, clientKey: ClientRectificationWrite['clientKey']) {
    const table = this.#table.name;
    const keys = [senderKey(clientKey.from), surveyCapKey(clientKey.from), surveyCapKey(clientKey.to)];
    const items = await this.#table.batchGet(keys);
    const found = (key: { pk: string }) => items.find((item) => item.pk === key.pk);
    const moves: TransactItem[] = [];
    const sender = found(senderKey(clientKey.from));
    if (sender?.reference === reference)
      moves.push(
        { Delete: { TableName: table, Key: senderKey(clientKey.from) } },
        { Put: { TableName: table, Item: { ...sender, ...senderKey(clientKey.to) } } },
      );
    const cap = found(surveyCapKey(clientKey.from));
    const capAtNew = found(surveyCapKey(clientKey.to));
    if (cap?.reference === reference) {
      moves.push({ Delete: { TableName: table, Key: surveyCapKey(clientKey.from) } });
      // The longer gap wins where the corrected address has one of its own.
      if (!capAtNew || String(capAtNew.until) < String(cap.until))
        moves.push({ Put: { TableName: table, Item: { ...cap, ...surveyCapKey(clientKey.to) } } });
    }
    return moves;
  }
}

/** The ticket's client, its client index key, a moved callback and the correction's record. */
function ticketUpdate(write: ClientRectificationWrite) {
  const set = ['#client = :client', 'clientKey = :clientKey'];
  const values: Record<string, unknown> = {
    ':client': write.client,
    ':clientKey': write.clientKey.to,
    ':expect': write.expect,
  };
  if (write.callback) {
    set.push('callback = :callback');
    values[':callback'] = write.callback;
  }
  if (write.correction) {
    set.push('clientCorrections = list_append(if_not_exists(clientCorrections, :none), :correction)');
    values[':none'] = [];
    values[':correction'] = [write.correction];
  }
  return {
    UpdateExpression: `SET ${set.join(', ')}`,
    // Never onto a pseudonymised ticket: an erasure that landed after the use case read it wins.
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasedAt) AND #client = :expect',
    ExpressionAttributeNames: { '#client': 'client' },
    ExpressionAttributeValues: values,
  };
}

function authorUpdate(table: string, reference: string, id: string, email: string): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: messageKey(reference, id),
      UpdateExpression: 'SET author = :author',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':author': email },
    },
  };
}
