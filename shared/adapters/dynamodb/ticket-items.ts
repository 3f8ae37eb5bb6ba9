/**
 * How tickets and what lies beside them are kept in the tickets table (single table), as pure
 * functions: keys, the index attributes that put a ticket on its worklists, and items read back
 * as tickets and thread messages. Keys:
 * - `TICKET#<reference>` / `TICKET`: the ticket; `worklistKey`/`receivedKey` feed the worklist index,
 *   `dueKey`/`dueSortKey` the deadlines index, `callbackKey` the callbacks index; the unit's lists
 *   are sharded by reference (`<list>#<shard>`, see `listShards`).
 * - `TICKET#<reference>` / `OUTBOUND#<outboundId>`: one message to the client and its send state.
 * - `TICKET#<reference>` / `MESSAGE#<id>`: a staff reply or note, or a client's follow-up.
 * - `IDEMPOTENCY#<key>` / `IDEMPOTENCY`: a web request's idempotency record (expires); its key is
 *   on the ticket (`idempotencyKey`) or a follow-up's message (`source`), for erasure.
 * - `COUNTER#REFERENCE#<year>` / `COUNTER`: the reference sequence, advanced a block at a time.
 * - `STATS#…` / `STATS`: counters of open tickets, answers a day and discarded submissions.
 * - `SENDER#<client key>` / `SENDER`: a sender whose service was ended (§17).
 * - `QUARANTINE#<SES message id>` / `QUARANTINE`: inbound mail held with the reason.
 * - `MSGID#<message-id key>` / `MSGID`: the ticket a mail's Message-ID (ours or the client's)
 *   threads to (`messageIdKey` in threading.ts).
 * Pure, so that the memory fakes place tickets on lists by the very same keys.
 */
import { clientGroupId } from '../../domain/ids.ts';
import { stillToAnswer, type Ticket } from '../../domain/ticket.ts';
import type { ThreadMessage } from '../../ports/thread-message.ts';
import { messageKey, shardedKey, threadKey, ticketKey } from './ticket-keys.ts';

export {
  acknowledgementId,
  messageKey,
  outboundKey,
  senderKey,
  shardedKey,
  threadKey,
  ticketKey,
  ticketPartition,
} from './ticket-keys.ts';

/** Send states of an outbound item that count as done: a redelivery must not send it again. */
export const doneSendStates: readonly string[] = ['sent', 'withheld', 'letter'];

/**
 * The attributes that place a ticket in the worklist indexes: by unit and status, by assignee
 * (once assigned) and by deadline (until answered). Sort keys lead with the receipt time or the
 * deadline, then the reference, so equal times keep a stable order and shards merge exactly.
 */
export function indexKeys(
  ticket: Pick<
    Ticket,
    'competence' | 'status' | 'receivedAt' | 'reference' | 'answerDeadline' | 'review' | 'callback'
  > & {
    readonly client: { readonly email: string };
  },
) {
  return {
    worklistKey: worklistKeyOf(ticket),
    receivedKey: `${ticket.receivedAt}#${ticket.reference}`,
    clientKey: clientGroupId(ticket.client.email),
    // The unit's callback list (sparse): while the callback the client asked for is not recorded.
    ...(ticket.callback && !ticket.callback.done
      ? { callbackKey: unitListKeyOf(ticket.competence, ticket.reference) }
      : {}),
    ...(stillToAnswer(ticket.status)
      ? {
          dueKey: unitListKeyOf(ticket.competence, ticket.reference),
          dueSortKey: `${ticket.answerDeadline}#${ticket.reference}`,
        }
      : {}),
  };
}

/**
 * The worklist a ticket is on: unit and status; a new ticket from a sender whose service was ended
 * waits in the unit's `review` list for a supervisor instead of the queue agents take from.
 */
export function worklistOf(
  ticket: Pick<Ticket, 'status' | 'review'> & { readonly competence: string },
): string {
  return ticket.review && ticket.status === 'new'
    ? `${ticket.competence}#review`
    : `${ticket.competence}#${ticket.status}`;
}

/** The worklist partition of a ticket: its worklist's shard. */
export function worklistKeyOf(
  ticket: Pick<Ticket, 'status' | 'review' | 'reference'> & { readonly competence: string },
): string {
  return shardedKey(worklistOf(ticket), ticket.reference);
}

/** A ticket's partition of its unit's deadline or callback list. */
export const unitListKeyOf = (competence: string, reference: string) => shardedKey(competence, reference);

/** The item of a new ticket: its key, its type and its index attributes beside its fields. */
export function ticketItem(ticket: Ticket): Record<string, unknown> {
  return { ...ticketKey(ticket.reference), type: 'ticket', ...indexKeys(ticket), ...ticket };
}

export function toTicket(item: Record<string, unknown>): Ticket {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    worklistKey: _w,
    receivedKey: _r,
    dueKey: _d,
    dueSortKey: _ds,
    clientKey: _c,
    callbackKey: _cb,
    retainKey: _rk,
    retainSortKey: _rs,
    ...ticket
  } = item;
  return ticket as unknown as Ticket;
}

export function toThreadMessage(item: Record<string, unknown>): ThreadMessage {
  return {
    id: String(item.id),
    kind: item.kind === 'note' ? 'note' : item.kind === 'client' ? 'client' : 'reply',
    at: String(item.at),
    author: String(item.author),
    text: String(item.text),
    ...(typeof item.outboundId === 'string' ? { outboundId: item.outboundId } : {}),
    ...(Array.isArray(item.attachments) && item.attachments.length
      ? { attachments: item.attachments as NonNullable<ThreadMessage['attachments']> }
      : {}),
    ...(typeof item.subject === 'string' ? { subject: item.subject } : {}),
    ...(typeof item.html === 'string' ? { html: item.html } : {}),
    ...(item.threading && typeof item.threading === 'object'
      ? { threading: item.threading as NonNullable<ThreadMessage['threading']> }
      : {}),
    ...(item.source && typeof item.source === 'object'
      ? { source: item.source as NonNullable<ThreadMessage['source']> }
      : {}),
    ...(typeof item.messageId === 'string' ? { messageId: item.messageId } : {}),
  };
}

/** The put of a thread message into its ticket's partition, once (a retried write is `duplicate`). */
export function messagePut(table: string, reference: string, message: ThreadMessage) {
  return {
    Put: {
      TableName: table,
      Item: { ...messageKey(reference, message.id), type: 'message', ...message },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Points a message-id key at a ticket unless it points somewhere already: the first ticket a
 * Message-ID was seen on keeps it (never taken over by a later mail reusing the id), and the
 * write never fails the transaction it is part of. `expiresAt` (epoch seconds, the TTL: see
 * `TicketsTable.expiryOf`) goes with the first ticket too; a key written before keys expired gets it now.
 */
export function threadKeyWrite(table: string, key: string, reference: string, expiresAt: number) {
  return {
    Update: {
      TableName: table,
      Key: threadKey(key),
      UpdateExpression:
        'SET #reference = if_not_exists(#reference, :reference), #type = :type, expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ExpressionAttributeNames: { '#reference': 'reference', '#type': 'type' },
      ExpressionAttributeValues: { ':reference': reference, ':type': 'msgid', ':expiresAt': expiresAt },
    },
  };
}
