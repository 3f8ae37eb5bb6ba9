/**
 * Threading on the tickets table: the tickets Message-ID keys point at, a client's follow-up added
 * to its ticket in one transaction (the message, the ticket's update conditional on what the
 * decision saw — its legal hold included —, the new thread keys, the hold's protection of the
 * mail's objects, the audit record), and the senders whose service was ended.
 */
import { expiredAt } from '../../domain/retention.ts';
import type { ClientFollowUp, ThreadingStore } from '../../ports/threading.ts';
import { heldObjectItem, heldObjectsOfMessage } from './held-objects.ts';
import {
  messagePut,
  senderKey,
  threadKey,
  threadKeyWrite,
  ticketKey,
  unitListKeyOf,
  worklistKeyOf,
} from './ticket-items.ts';
import { cancelledBy, cancelledByCondition, type DynamoTables, TicketsTable } from './tickets-table.ts';

export class DynamoThreading implements ThreadingStore {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async threadTargets(keys: readonly string[], now: Date): Promise<Map<string, string>> {
    const items = await this.#table.batchGet([...new Set(keys)].map(threadKey));
    return new Map(
      items
        .filter((item) => !expiredAt(item.expiresAt, now))
        .map((item) => [String(item.pk).slice('MSGID#'.length), String(item.reference)]),
    );
  }

  async serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>> {
    const items = await this.#table.batchGet([...new Set(clientKeys)].map(senderKey));
    return new Set(items.map((item) => String(item.pk).slice('SENDER#'.length)));
  }

  async addClientMessage(
    reference: string,
    followUp: ClientFollowUp,
  ): Promise<'added' | 'duplicate' | 'conflict'> {
    const table = this.#table.name;
    try {
      await this.#table.transact(
        [
          messagePut(table, reference, followUp.message),
          { Update: { TableName: table, Key: ticketKey(reference), ...ticketUpdate(reference, followUp) } },
          ...followUp.threadKeys.map((key) =>
            threadKeyWrite(
              table,
              key,
              reference,
              this.#table.expiryOf('message-id-key', followUp.message.at),
            ),
          ),
          // Under a legal hold, the mail's objects are protected by it from the start, as the hold's
          // own objects are (data-subject-erasure.ts): the ticket's condition checks it is still that hold.
          ...(followUp.expect.legalHold
            ? heldObjectsOfMessage(followUp.message).map((objectKey) => ({
                Put: {
                  TableName: table,
                  Item: heldObjectItem(objectKey, reference, followUp.expect.legalHold as string),
                },
              }))
            : []),
        ],
        followUp.audit,
      );
      return 'added';
    } catch (error) {
      if (cancelledByCondition(error, 0)) return 'duplicate';
      if (cancelledByCondition(error, 1)) return 'conflict';
      if (cancelledBy(error, 'TransactionConflict', 'any')) return 'conflict';
      throw error;
    }
  }
}

/** The ticket's update for a follow-up: when it came, its mail and files, and a reopening. */
function ticketUpdate(reference: string, followUp: ClientFollowUp) {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':expected': followUp.expect.status,
    ':expectedCompetence': followUp.expect.competence,
    ':expectedDeadline': followUp.expect.answerDeadline,
    ':at': followUp.message.at,
  };
  const set = ['lastClientMessageAt = :at'];
  // The legal hold as the decision saw it: its objects' protection is written for that hold only.
  names['#legalHold'] = 'legalHold';
  const hold = followUp.expect.legalHold;
  if (hold) {
    names['#holdAt'] = 'at';
    values[':holdAt'] = hold;
  }
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
      // The deadline it replaces, kept: the figures count the first answer against the old one.
      'reopenings = list_append(if_not_exists(reopenings, :none), :reopening)',
      // Back on the deadline index, with the dates counted from the follow-up when they are later.
      'dueKey = :dueKey',
      'dueSortKey = :dueSortKey',
      'answerDeadline = :answerDeadline',
      'firstResponseDue = :firstResponseDue',
      'expectedAnswerBy = :expectedAnswerBy',
    );
    Object.assign(values, {
      ':to': reopen.statusChange.to,
      ':worklistKey': worklistKeyOf({
        competence: reopen.competence,
        reference,
        status: reopen.statusChange.to,
        ...(followUp.expect.review ? { review: { reason: 'service-ended', since: '' } } : {}),
      }),
      ':none': [],
      ':statusChange': [reopen.statusChange],
      ':reopening': [
        { at: reopen.statusChange.at, from: followUp.expect.answerDeadline, to: reopen.answerDeadline },
      ],
      ':dueKey': unitListKeyOf(reopen.competence, reference),
      ':dueSortKey': `${reopen.answerDeadline}#${reference}`,
      ':answerDeadline': reopen.answerDeadline,
      ':firstResponseDue': reopen.firstResponseDue,
      ':expectedAnswerBy': reopen.expectedAnswerBy,
    });
  }
  return {
    UpdateExpression: `SET ${set.join(', ')}`,
    // As the decision saw it: a staff member's change meanwhile means deciding again.
    // Nor an erasure claimed or done meanwhile: the message would outlive it (a new ticket instead).
    ConditionExpression: `#status = :expected AND competence = :expectedCompetence AND answerDeadline = :expectedDeadline AND attribute_not_exists(erasing) AND attribute_not_exists(erasedAt) AND ${
      hold ? '#legalHold.#holdAt = :holdAt' : 'attribute_not_exists(#legalHold)'
    }`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
