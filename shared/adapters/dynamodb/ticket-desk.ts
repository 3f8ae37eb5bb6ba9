/**
 * TicketDesk on DynamoDB: a ticket's partition read at once (ticket, staff messages, sent
 * messages), and every staff write as one transaction with its audit record, conditional on the
 * ticket's status and unit as the staff member saw them.
 */
import { stillToAnswer, type Ticket } from '../../domain/ticket.ts';
import type { SentRecord, StaffWrite, TicketDesk, TicketRecord } from '../../ports/ticket-desk.ts';
import { toDeliveryProblem } from './delivery-problems.ts';
import { retentionKeys } from './retention-keys.ts';
import { toSurveyResponse } from './survey-items.ts';
import {
  acknowledgementId,
  doneSendStates,
  messagePut,
  senderKey,
  ticketKey,
  ticketPartition,
  toThreadMessage,
  toTicket,
  unitListKeyOf,
  worklistKeyOf,
} from './ticket-items.ts';
import { cancelledBy, type DynamoTables, TicketsTable, type TransactItem } from './tickets-table.ts';

/** A letter's id and, once the mailroom recorded it, its dispatch (its `LETTER#` item). */
function letterOf(
  items: readonly Record<string, unknown>[],
  letterId: string,
): NonNullable<SentRecord['letter']> {
  const item = items.find((candidate) => candidate.sk === `LETTER#${letterId}`);
  const dispatch = item?.dispatch as NonNullable<SentRecord['letter']>['dispatch'] | undefined;
  return dispatch ? { letterId, dispatch } : { letterId };
}

export class DynamoTicketDesk implements TicketDesk {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async record(reference: string): Promise<TicketRecord | undefined> {
    const items = await this.#table.partition(ticketPartition(reference), { consistent: true });
    const item = items.find((candidate) => candidate.sk === 'TICKET');
    if (!item) return undefined;
    const sent: SentRecord[] = items
      .filter(
        (candidate) =>
          String(candidate.sk).startsWith('OUTBOUND#') && doneSendStates.includes(String(candidate.state)),
      )
      .map((candidate) => ({
        outboundId: String(candidate.sk).slice('OUTBOUND#'.length),
        kind: String(candidate.kind),
        sentAt: String(candidate.sentAt),
        sesMessageId: String(candidate.sesMessageId),
        ...(candidate.state === 'withheld'
          ? {
              withheld:
                candidate.withheld === 'no-address' ||
                candidate.withheld === 'erased' ||
                candidate.withheld === 'ack-budget'
                  ? candidate.withheld
                  : ('rate-limit' as const),
            }
          : {}),
        ...(candidate.state === 'letter' ? { letter: letterOf(items, String(candidate.letterId)) } : {}),
      }));
    const ack = sent.find((record) => record.outboundId === acknowledgementId(reference) && !record.withheld);
    const ticket = toTicket(item);
    const survey = toSurveyResponse(items.find((candidate) => candidate.sk === 'SURVEY'));
    return {
      ticket: ack
        ? { ...ticket, acknowledgement: { sesMessageId: ack.sesMessageId, sentAt: ack.sentAt } }
        : ticket,
      messages: items
        .filter((candidate) => String(candidate.sk).startsWith('MESSAGE#'))
        .map(toThreadMessage)
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
      sent,
      deliveryProblems: items
        .flatMap((candidate) => toDeliveryProblem(candidate) ?? [])
        .sort((a, b) => a.at.localeCompare(b.at) || a.feedbackId.localeCompare(b.feedbackId)),
      ...(survey ? { survey } : {}),
    };
  }

  async write(reference: string, change: StaffWrite): Promise<Ticket | 'conflict' | 'duplicate'> {
    const key = ticketKey(reference);
    const table = this.#table.name;
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':expectedStatus': change.expect.status,
      ':competence': change.expect.competence,
      ':deadline': change.expect.answerDeadline,
    };
    const set: string[] = [];
    const remove: string[] = [];
    const { statusChange, endService } = change;
    if (statusChange) {
      const ticketAfter = { competence: change.expect.competence, status: statusChange.to, reference };
      set.push(
        '#status = :to',
        'worklistKey = :worklistKey',
        'statusChanges = list_append(if_not_exists(statusChanges, :none), :statusChange)',
      );
      Object.assign(values, {
        ':to': statusChange.to,
        ':worklistKey': worklistKeyOf(ticketAfter),
        ':none': [],
        ':statusChange': [statusChange],
      });
      if (!stillToAnswer(statusChange.to)) {
        // Answered or closed: off the deadline index and its due-soon/overdue flags.
        remove.push('dueKey', 'dueSortKey', 'deadlineFlag', 'deadlineFlaggedAt', 'deadlineFlaggedFor');
        // On the retention index, its period counted from now (retention.ts).
        const retain = retentionKeys(reference, statusChange.at);
        set.push('retainKey = :retainKey', 'retainSortKey = :retainSortKey');
        Object.assign(values, { ':retainKey': retain.retainKey, ':retainSortKey': retain.retainSortKey });
      } else if (!stillToAnswer(statusChange.from)) {
        remove.push('retainKey', 'retainSortKey');
      }
      // Closed (or service ended): nobody is to call back any more; off the callback list.
      if (statusChange.to === 'closed' && !change.callbackDone) remove.push('callbackKey');
      if (stillToAnswer(statusChange.to) && !stillToAnswer(statusChange.from)) {
        // Reopened: back on the deadline index.
        set.push('dueKey = :dueKey', 'dueSortKey = :dueSortKey');
        values[':dueKey'] = unitListKeyOf(change.expect.competence, reference);
        values[':dueSortKey'] = `${change.expect.answerDeadline}#${reference}`;
      }
    }
    if (change.message?.kind === 'reply') {
      // The first response of the figures: the first staff reply, kept once.
      set.push('firstResponseAt = if_not_exists(firstResponseAt, :firstResponseAt)');
      values[':firstResponseAt'] = change.message.at;
    }
    if (endService) {
      set.push('serviceEnded = :serviceEnded');
      values[':serviceEnded'] = { reason: endService.reason, by: endService.by, at: endService.at };
    }
    const conditions: string[] = [];
    if (change.callbackDone) {
      // Off the unit's callback list; a callback is recorded once.
      set.push('#callback.#done = :callbackDone');
      remove.push('callbackKey');
      names['#callback'] = 'callback';
      names['#done'] = 'done';
      values[':callbackDone'] = change.callbackDone;
      conditions.push('attribute_exists(#callback) AND attribute_not_exists(#callback.#done)');
    }
    if (change.transcription) {
      set.push('transcription = :transcription');
      values[':transcription'] = change.transcription;
      conditions.push('attribute_not_exists(transcription)');
    }
    const items: TransactItem[] = [];
    if (change.message) items.push(messagePut(table, reference, change.message));
    // As the staff member saw it: a concurrent change of status, unit or deadline is a conflict, as
    // is an erasure meanwhile (recordFor refused the erased ticket it read; this closes the race).
    const condition = [
      '#status = :expectedStatus AND competence = :competence AND answerDeadline = :deadline',
      'attribute_not_exists(erasedAt) AND attribute_not_exists(erasing)',
      ...conditions,
    ].join(' AND ');
    if (set.length || remove.length) {
      items.push({
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: [
            set.length ? `SET ${set.join(', ')}` : '',
            remove.length ? `REMOVE ${remove.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    } else {
      items.push({
        ConditionCheck: {
          TableName: table,
          Key: key,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    if (endService) {
      items.push({
        Put: {
          TableName: table,
          Item: {
            ...senderKey(endService.clientKey),
            type: 'sender',
            reason: endService.reason,
            by: endService.by,
            at: endService.at,
            reference,
          },
        },
      });
    }
    try {
      await this.#table.transact(items, change.audit);
    } catch (error) {
      if (change.message && cancelledBy(error, 'ConditionalCheckFailed', 0)) return 'duplicate';
      if (
        cancelledBy(error, 'ConditionalCheckFailed', 'any') ||
        cancelledBy(error, 'TransactionConflict', 'any')
      )
        return 'conflict';
      throw error;
    }
    const record = await this.record(reference);
    return record?.ticket ?? 'conflict';
  }

  async clientTickets(clientKey: string, limit: number): Promise<Ticket[]> {
    const { items } = await this.#table.page(
      {
        IndexName: 'client',
        KeyConditionExpression: 'clientKey = :key',
        ExpressionAttributeValues: { ':key': clientKey },
      },
      { limit, newestFirst: true },
    );
    return items.map(toTicket);
  }
}
