/**
 * TicketStore on DynamoDB (single table). Keys:
 * - `TICKET#<reference>` / `TICKET`: the ticket; `worklistKey`/`receivedKey` feed the worklist index.
 * - `TICKET#<reference>` / `OUTBOUND#<outboundId>`: one message to the client and its send state.
 * - `IDEMPOTENCY#<key>` / `IDEMPOTENCY`: a web request's idempotency record (expires).
 * - `COUNTER#REFERENCE#<year>` / `COUNTER`: the reference sequence, advanced a block at a time.
 * - `STATS#<reason>#<day>` / `STATS`: counters of discarded submissions.
 * - `TICKET#<reference>` / `MESSAGE#<id>`: a staff reply or internal note (see ticket-desk.ts).
 * - `SENDER#<client key>` / `SENDER`: a sender whose service was ended (§17).
 * - `QUARANTINE#<SES message id>` / `QUARANTINE`: inbound mail held with the reason.
 * - `MSGID#<message-id key>` / `MSGID`: the ticket a mail's Message-ID (ours or the client's)
 *   threads to (`messageIdKey` in threading.ts).
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { clientGroupId } from '../../domain/ids.ts';
import { sesMessageIdKey } from '../../domain/threading.ts';
import { type DeadlineChange, type Reroute, stillToAnswer, type Ticket } from '../../domain/ticket.ts';
import type {
  ClientFollowUp,
  CompletedSend,
  IdempotencyRecord,
  NewTicket,
  QuarantineRecord,
  ThreadMessage,
  TicketStore,
} from '../../ports/index.ts';
import { auditPuts } from './audit-log.ts';
import { addToCounter, queryPartition } from './items.ts';
import { letterItem } from './postal-desk.ts';
import { quarantineIndexKeys } from './quarantine-desk.ts';

export interface DynamoTicketStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly ticketsTable: string;
  readonly auditTable: string;
}

const ticketKey = (reference: string) => ({ pk: `TICKET#${reference}`, sk: 'TICKET' });
const threadKey = (key: string) => ({ pk: `MSGID#${key}`, sk: 'MSGID' });
/** Items DynamoDB takes in one transaction. */
const maxTransactionItems = 100;

export class DynamoTicketStore implements TicketStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: DynamoTicketStoreOptions) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async reserveReferenceBlock(year: number, size: number): Promise<number> {
    return addToCounter(
      this.#client,
      this.#tickets,
      { pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' },
      'value',
      size,
    );
  }

  async getIdempotency(key: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#tickets,
        Key: { pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    return { key, fingerprint: result.Item.fingerprint, message: result.Item.message };
  }

  async putIdempotency(record: IdempotencyRecord, expiresAt: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tickets,
          Item: {
            pk: `IDEMPOTENCY#${record.key}`,
            sk: 'IDEMPOTENCY',
            fingerprint: record.fingerprint,
            message: record.message,
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]> {
    // One transaction for the lot (the ticket, its audit record and the record's ticket index item,
    // and any thread keys: at most 100 items per transaction). If it fails for any reason (a
    // redelivered ticket that exists, one item too large, throttling), each ticket is tried on its
    // own, so one bad message never holds back the other clients'.
    const items = entries.flatMap((e) => this.#newTicketItems(e));
    if (entries.length > 1 && items.length <= maxTransactionItems) {
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: items }));
        return entries.map(() => 'created');
      } catch {
        // Fall through to one by one.
      }
    }
    return eachSettled(entries, (entry) => this.#createTicket(entry));
  }

  async #createTicket(entry: NewTicket): Promise<'created' | 'exists'> {
    try {
      await this.#client.send(new TransactWriteCommand({ TransactItems: this.#newTicketItems(entry) }));
      return 'created';
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'exists';
      throw error;
    }
  }

  #newTicketItems({ ticket, audit, threadKeys = [], linkBack }: NewTicket) {
    const reference = ticket.reference;
    return [
      {
        Put: {
          TableName: this.#tickets,
          Item: { ...ticketKey(ticket.reference), type: 'ticket', ...indexKeys(ticket), ...ticket },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...auditPuts(this.#audit, audit),
      ...threadKeys.map((key) => this.#threadKeyWrite(key, reference)),
      ...(linkBack
        ? [
            {
              Update: {
                TableName: this.#tickets,
                Key: ticketKey(linkBack.reference),
                UpdateExpression: 'SET links = list_append(if_not_exists(links, :none), :link)',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':none': [], ':link': [linkBack.link] },
              },
            },
          ]
        : []),
    ];
  }

  /**
   * Points a message-id key at a ticket unless it points somewhere already: the first ticket a
   * Message-ID was seen on keeps it (never taken over by a later mail reusing the id), and the
   * write never fails the transaction it is part of.
   */
  #threadKeyWrite(key: string, reference: string) {
    return {
      Update: {
        TableName: this.#tickets,
        Key: threadKey(key),
        UpdateExpression: 'SET #reference = if_not_exists(#reference, :reference), #type = :type',
        ExpressionAttributeNames: { '#reference': 'reference', '#type': 'type' },
        ExpressionAttributeValues: { ':reference': reference, ':type': 'msgid' },
      },
    };
  }

  async threadTargets(keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map(threadKey);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.#client.send(
          new BatchGetCommand({ RequestItems: { [this.#tickets]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.#tickets] ?? [])
          found.set(String(item.pk).slice('MSGID#'.length), String(item.reference));
        pending = (result.UnprocessedKeys?.[this.#tickets]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async addClientMessage(
    reference: string,
    followUp: ClientFollowUp,
  ): Promise<'added' | 'duplicate' | 'conflict'> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':expected': followUp.expect.status,
      ':expectedCompetence': followUp.expect.competence,
      ':expectedDeadline': followUp.expect.answerDeadline,
      ':at': followUp.message.at,
    };
    const set = ['lastClientMessageAt = :at'];
    if (followUp.email) {
      set.push('#email = :email');
      names['#email'] = 'email';
      values[':email'] = followUp.email;
    }
    if (followUp.attachments?.length) {
      set.push('attachments = list_append(if_not_exists(attachments, :none), :attachments)');
      values[':attachments'] = followUp.attachments;
      values[':none'] = [];
    }
    const { reopen } = followUp;
    if (reopen) {
      set.push(
        '#status = :to',
        'worklistKey = :worklistKey',
        'statusChanges = list_append(if_not_exists(statusChanges, :none), :statusChange)',
        // Back on the deadline index, with the dates counted from the follow-up when they are later.
        'dueKey = :competence',
        'dueSortKey = :dueSortKey',
        'answerDeadline = :answerDeadline',
        'firstResponseDue = :firstResponseDue',
        'expectedAnswerBy = :expectedAnswerBy',
      );
      Object.assign(values, {
        ':to': reopen.statusChange.to,
        ':worklistKey': worklistKeyOf({
          competence: reopen.competence,
          status: reopen.statusChange.to,
          ...(followUp.expect.review ? { review: { reason: 'service-ended', since: '' } } : {}),
        }),
        ':none': [],
        ':statusChange': [reopen.statusChange],
        ':competence': reopen.competence,
        ':dueSortKey': `${reopen.answerDeadline}#${reference}`,
        ':answerDeadline': reopen.answerDeadline,
        ':firstResponseDue': reopen.firstResponseDue,
        ':expectedAnswerBy': reopen.expectedAnswerBy,
      });
    }
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  pk: `TICKET#${reference}`,
                  sk: `MESSAGE#${followUp.message.id}`,
                  type: 'message',
                  ...followUp.message,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.#tickets,
                Key: ticketKey(reference),
                UpdateExpression: `SET ${set.join(', ')}`,
                // As the decision saw it: a staff member's change meanwhile means deciding again.
                ConditionExpression:
                  '#status = :expected AND competence = :expectedCompetence AND answerDeadline = :expectedDeadline',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...followUp.threadKeys.map((key) => this.#threadKeyWrite(key, reference)),
            ...auditPuts(this.#audit, followUp.audit),
          ],
        }),
      );
      return 'added';
    } catch (error) {
      if (isConditionFailure(error, 0)) return 'duplicate';
      if (isConditionFailure(error, 1)) return 'conflict';
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict')
      )
        return 'conflict';
      throw error;
    }
  }

  /**
   * The ticket with what is recorded beside it in its partition: the acknowledgement's SES message
   * id lives on the acknowledgement's outbound item, so that a send never rewrites the ticket item
   * (nor its worklist index entry).
   */
  async getTicket(reference: string): Promise<Ticket | undefined> {
    const items = await queryPartition(this.#client, this.#tickets, `TICKET#${reference}`, {
      consistent: true,
    });
    const item = items.find((candidate) => candidate.sk === 'TICKET');
    if (!item) return undefined;
    const acknowledgement = items.find(
      (candidate) => candidate.sk === `OUTBOUND#ack-${reference}` && candidate.state === 'sent',
    );
    const ticket = toTicket(item);
    return acknowledgement
      ? {
          ...ticket,
          acknowledgement: {
            sesMessageId: String(acknowledgement.sesMessageId),
            sentAt: String(acknowledgement.sentAt),
          },
        }
      : ticket;
  }

  async getForSending(
    messages: readonly { reference: string; outboundId: string; messageId?: string | undefined }[],
  ): Promise<{ ticket: Ticket | undefined; sent: boolean; message?: ThreadMessage | undefined }[]> {
    const keys = new Map<string, { pk: string; sk: string }>();
    for (const { reference, outboundId, messageId } of messages) {
      keys.set(`TICKET#${reference}|TICKET`, ticketKey(reference));
      keys.set(`TICKET#${reference}|OUTBOUND#${outboundId}`, {
        pk: `TICKET#${reference}`,
        sk: `OUTBOUND#${outboundId}`,
      });
      if (messageId)
        keys.set(`TICKET#${reference}|MESSAGE#${messageId}`, {
          pk: `TICKET#${reference}`,
          sk: `MESSAGE#${messageId}`,
        });
    }
    const items = new Map<string, Record<string, unknown>>();
    let pending = [...keys.values()];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const next: { pk: string; sk: string }[] = [];
      for (let i = 0; i < pending.length; i += 100) {
        const result = await this.#client.send(
          new BatchGetCommand({
            RequestItems: { [this.#tickets]: { Keys: pending.slice(i, i + 100), ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[this.#tickets] ?? []) items.set(`${item.pk}|${item.sk}`, item);
        next.push(...((result.UnprocessedKeys?.[this.#tickets]?.Keys ?? []) as { pk: string; sk: string }[]));
      }
      pending = next;
    }
    return messages.map(({ reference, outboundId, messageId }) => {
      const ticket = items.get(`TICKET#${reference}|TICKET`);
      const message = messageId ? items.get(`TICKET#${reference}|MESSAGE#${messageId}`) : undefined;
      return {
        ticket: ticket ? toTicket(ticket) : undefined,
        sent: ['sent', 'withheld', 'letter'].includes(
          String(items.get(`TICKET#${reference}|OUTBOUND#${outboundId}`)?.state),
        ),
        ...(message ? { message: toThreadMessage(message) } : {}),
      };
    });
  }

  async completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]> {
    // Four items per send (its record, the record's ticket index item, the audit record and the
    // Message-ID key), at most 100 items per transaction; on any failure, one by one, so that only a
    // send whose own record cannot be written is retried (and sent again).
    const items = entries.flatMap((e) => this.#sentItems(e));
    if (entries.length > 1 && items.length <= maxTransactionItems) {
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: items }));
        return entries.map(() => true);
      } catch {
        // Fall through to one by one.
      }
    }
    return eachSettled(entries, async (entry) => {
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: this.#sentItems(entry) }));
        return true;
      } catch (error) {
        if (isConditionFailure(error, 0)) return false;
        throw error;
      }
    });
  }

  #sentItems(entry: CompletedSend) {
    return [
      {
        Put: {
          TableName: this.#tickets,
          Item: {
            pk: `TICKET#${entry.reference}`,
            sk: `OUTBOUND#${entry.outboundId}`,
            // Withheld and printed count as done too: a redelivery must not send it after all.
            state: entry.withheld ? 'withheld' : entry.letter ? 'letter' : 'sent',
            ...(entry.withheld ? { withheld: entry.withheld } : {}),
            ...(entry.letter ? { letterId: entry.letter.letterId } : {}),
            kind: entry.kind,
            sesMessageId: entry.sesMessageId,
            sentAt: entry.sentAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...auditPuts(this.#audit, entry.audit),
      // The letter the mailroom prints and posts, on its list until the dispatch is recorded.
      ...(entry.letter ? [{ Put: { TableName: this.#tickets, Item: letterItem(entry.letter) } }] : []),
      // The client's answer to this mail threads back by its Message-ID (SES's id @amazonses.com).
      ...(entry.withheld || entry.letter
        ? []
        : [
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  ...threadKey(sesMessageIdKey(entry.sesMessageId)),
                  type: 'msgid',
                  reference: entry.reference,
                },
              },
            },
          ]),
    ];
  }

  async rerouteTicket(
    reference: string,
    change: {
      readonly reroute: Reroute;
      readonly expectedAnswerBy: string;
      readonly heldForReview?: boolean;
      readonly callbackPending?: boolean;
    },
  ): Promise<Ticket | undefined> {
    const { reroute } = change;
    try {
      const result = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tickets,
          Key: ticketKey(reference),
          UpdateExpression:
            'SET competence = :to, #status = :new, worklistKey = :worklistKey, dueKey = :to, ' +
            'expectedAnswerBy = :expected, reroutes = list_append(if_not_exists(reroutes, :none), :reroute)' +
            (change.callbackPending ? ', callbackKey = :to ' : ' ') +
            // A due-soon/overdue flag was reported to the old unit; the new unit's sweep must see it.
            'REMOVE assignee, takenAt, deadlineFlag, deadlineFlaggedAt, deadlineFlaggedFor, deadlineReportedOn',
          // The callback as it was read: a callback recorded meanwhile must not come back on a list.
          ConditionExpression: `competence = :from AND NOT #status IN (:answered, :closed) AND ${
            change.callbackPending ? 'attribute_exists(callbackKey)' : 'attribute_not_exists(callbackKey)'
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': reroute.to,
            ':from': reroute.from,
            ':new': 'new',
            ':answered': 'answered',
            ':closed': 'closed',
            ':worklistKey': `${reroute.to}#${change.heldForReview ? 'review' : 'new'}`,
            ':expected': change.expectedAnswerBy,
            ':none': [],
            ':reroute': [reroute],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toTicket(result.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async extendTicketDeadline(
    reference: string,
    change: DeadlineChange,
    competence?: string,
  ): Promise<Ticket | undefined> {
    try {
      const result = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tickets,
          Key: ticketKey(reference),
          UpdateExpression:
            'SET answerDeadline = :to, dueSortKey = :dueSortKey, ' +
            'deadlineExtensions = list_append(if_not_exists(deadlineExtensions, :none), :change) ' +
            // A due-soon or overdue flag was for the old deadline; the sweeper judges the new one.
            'REMOVE deadlineFlag, deadlineFlaggedAt, deadlineFlaggedFor, deadlineReportedOn',
          ConditionExpression: `answerDeadline = :from AND NOT #status IN (:answered, :closed)${competence ? ' AND competence = :competence' : ''}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': change.to,
            ':from': change.from,
            ':dueSortKey': `${change.to}#${reference}`,
            ':none': [],
            ':change': [change],
            ':answered': 'answered',
            ':closed': 'closed',
            ...(competence ? { ':competence': competence } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toTicket(result.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async openTickets(competence: string): Promise<number> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tickets, Key: { pk: `STATS#open#${competence}`, sk: 'STATS' } }),
    );
    return Math.max(0, Number(result.Item?.count ?? 0));
  }

  async answeredOn(competence: string, days: readonly string[]): Promise<number[]> {
    if (days.length === 0) return [];
    const result = await this.#client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.#tickets]: {
            Keys: days.map((day) => ({ pk: `STATS#answered#${competence}#${day}`, sk: 'STATS' })),
          },
        },
      }),
    );
    const counts = new Map(
      (result.Responses?.[this.#tickets] ?? []).map((item) => [String(item.pk), Number(item.count ?? 0)]),
    );
    // Unprocessed keys (throttling) count as unknown days: the estimate falls back to the plan.
    return days.map((day) => counts.get(`STATS#answered#${competence}#${day}`) ?? 0);
  }

  async countAnswered(competence: string, day: string): Promise<void> {
    await addToCounter(
      this.#client,
      this.#tickets,
      { pk: `STATS#answered#${competence}#${day}`, sk: 'STATS' },
      'count',
      1,
    );
  }

  async adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void> {
    await Promise.all(
      [...changes].map(([competence, delta]) =>
        addToCounter(
          this.#client,
          this.#tickets,
          { pk: `STATS#open#${competence}`, sk: 'STATS' },
          'count',
          delta,
        ),
      ),
    );
  }

  async countDiscarded(reason: 'honeypot', day: string): Promise<void> {
    await addToCounter(
      this.#client,
      this.#tickets,
      { pk: `STATS#${reason}#${day}`, sk: 'STATS' },
      'count',
      1,
    );
  }

  async ticketsReceivedBetween(
    clientKey: string,
    from: string,
    through: string,
    limit: number,
  ): Promise<number> {
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tickets,
        IndexName: 'client',
        KeyConditionExpression: 'clientKey = :key AND receivedKey BETWEEN :from AND :through',
        ExpressionAttributeValues: { ':key': clientKey, ':from': from, ':through': through },
        Select: 'COUNT',
        Limit: limit,
      }),
    );
    return result.Count ?? 0;
  }

  async quarantine(record: QuarantineRecord): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tickets,
          Item: {
            pk: `QUARANTINE#${record.id}`,
            sk: 'QUARANTINE',
            type: 'quarantine',
            state: 'held',
            ...record,
            // Listed for the unit's supervisors on the worklist index, oldest first (quarantine-desk.ts).
            ...(record.competence ? quarantineIndexKeys(record.competence, 'held', record) : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(clientKeys)];
    const flagged = new Set<string>();
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map((key) => senderKey(key));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.#client.send(
          new BatchGetCommand({ RequestItems: { [this.#tickets]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.#tickets] ?? [])
          flagged.add(String(item.pk).slice('SENDER#'.length));
        pending = (result.UnprocessedKeys?.[this.#tickets]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return flagged;
  }

  async discardedCount(reason: 'honeypot', day: string): Promise<number> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#tickets,
        Key: { pk: `STATS#${reason}#${day}`, sk: 'STATS' },
        ConsistentRead: true,
      }),
    );
    return Number(result.Item?.count ?? 0);
  }
}

/**
 * The attributes that place a ticket in the worklist indexes: by unit and status, by assignee
 * (once assigned) and by deadline (until answered). Sort keys lead with the receipt time or the
 * deadline, then the reference, so equal times keep a stable order.
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
    ...(ticket.callback && !ticket.callback.done ? { callbackKey: ticket.competence } : {}),
    ...(stillToAnswer(ticket.status)
      ? { dueKey: ticket.competence, dueSortKey: `${ticket.answerDeadline}#${ticket.reference}` }
      : {}),
  };
}

/**
 * The worklist partition: unit and status; a new ticket from a sender whose service was ended
 * waits in the unit's `review` list for a supervisor instead of the queue agents take from.
 */
export function worklistKeyOf(
  ticket: Pick<Ticket, 'status' | 'review'> & { readonly competence: string },
): string {
  return ticket.review && ticket.status === 'new'
    ? `${ticket.competence}#review`
    : `${ticket.competence}#${ticket.status}`;
}

export const senderKey = (clientKey: string) => ({ pk: `SENDER#${clientKey}`, sk: 'SENDER' });

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
  };
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
    ...ticket
  } = item;
  return ticket as unknown as Ticket;
}

/** Runs `task` for every entry concurrently; answers each result, or the error it failed with. */
async function eachSettled<T, R>(
  entries: readonly T[],
  task: (entry: T) => Promise<R>,
): Promise<(R | Error)[]> {
  const settled = await Promise.allSettled(entries.map(task));
  return settled.map((result) =>
    result.status === 'fulfilled'
      ? result.value
      : result.reason instanceof Error
        ? result.reason
        : new Error(String(result.reason)),
  );
}

/** Whether a transaction was cancelled because the condition on its item `index` failed. */
function isConditionFailure(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}
