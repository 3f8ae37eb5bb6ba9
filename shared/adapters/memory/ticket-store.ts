/**
 * The whole TicketStore in memory, for unit tests: tickets, messages, sends and counters in maps
 * the tests read. Same contract as `../dynamodb/ticket-store.ts` (checked by the port contract tests).
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import { clientGroupId } from '../../domain/ids.ts';
import { legalHoldAt } from '../../domain/legal-hold.ts';
import { isErasedOrErasing } from '../../domain/pseudonymise-ticket.ts';
import {
  defaultRetentionSchedule,
  expiredAt,
  type RetentionSchedule,
  retentionExpiry,
} from '../../domain/retention.ts';
import type { SurveyResponse } from '../../domain/survey-response.ts';
import { sesMessageIdKey } from '../../domain/threading.ts';
import type { DeadlineChange, Reroute, Ticket } from '../../domain/ticket.ts';
import type { IdempotencyRecord, NewTicket } from '../../ports/intake.ts';
import type { CompletedSend } from '../../ports/outbound.ts';
import type { LetterRecord } from '../../ports/postal.ts';
import type { QuarantineRecord } from '../../ports/quarantine.ts';
import type { ThreadMessage } from '../../ports/thread-message.ts';
import type { ClientFollowUp } from '../../ports/threading.ts';
import type { SentRecord } from '../../ports/ticket-desk.ts';
import type { TicketStore } from '../../ports/ticket-store.ts';
import { heldObjectsOfMessage } from '../dynamodb/held-objects.ts';

/** The ticket without the sweeper's due-soon/overdue flag (set for an old deadline or unit). */
function withoutDeadlineFlag(ticket: Ticket): Ticket {
  const {
    deadlineFlag: _flag,
    deadlineFlaggedAt: _at,
    deadlineFlaggedFor: _for,
    deadlineReportedOn: _on,
    ...rest
  } = ticket as Ticket & Record<string, unknown>;
  return rest as Ticket;
}

export class MemoryTicketStore implements TicketStore {
  readonly counters = new Map<number, number>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly tickets = new Map<string, Ticket>();
  /** Survey responses (the `SURVEY` items), by reference. */
  readonly surveys = new Map<string, SurveyResponse>();
  /** Sends recorded, by `<reference>/<outboundId>`. */
  readonly outbound = new Map<string, SentRecord>();
  readonly audit: AuditRecord[] = [];
  readonly discarded = new Map<string, number>();
  /** References (tickets) and outbound ids whose writes fail, to test failure isolation. */
  readonly refuse = new Set<string>();
  /**
   * The `HOLDKEY#<key>` items: the keys of held tickets' objects, and the `at` of the hold that
   * wrote each. Written by legal holds (`MemoryDataSubjects`, which may be given a set to share
   * with the retention guards) and by a follow-up joining a held ticket.
   */
  heldObjects = new Set<string>();
  readonly holdTags = new Map<string, string>();
  readonly #retention: RetentionSchedule;

  /** @param options.retention the schedule of the expiring items' `expiresAt`; the defaults when absent. */
  constructor(options: { readonly retention?: RetentionSchedule } = {}) {
    this.#retention = options.retention ?? defaultRetentionSchedule;
  }

  async reserveReferenceBlock(year: number, size: number): Promise<number> {
    const value = (this.counters.get(year) ?? 0) + size;
    this.counters.set(year, value);
    return value;
  }
  /** When each idempotency record expires (epoch seconds, as the table's TTL attribute). */
  readonly idempotencyExpiry = new Map<string, number>();
  async getIdempotency(key: string, now: Date) {
    return expiredAt(this.idempotencyExpiry.get(key), now) ? undefined : this.idempotency.get(key);
  }
  async putIdempotency(record: IdempotencyRecord, expiresAt: Date, now: Date): Promise<boolean> {
    if (this.idempotency.has(record.key) && !expiredAt(this.idempotencyExpiry.get(record.key), now))
      return false;
    this.idempotency.set(record.key, record);
    this.idempotencyExpiry.set(record.key, Math.floor(expiresAt.getTime() / 1000));
    return true;
  }
  async createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]> {
    return entries.map(({ ticket, audit, threadKeys = [], linkBack }) => {
      if (this.refuse.has(ticket.reference)) return new Error(`store refused ${ticket.reference}`);
      if (this.tickets.has(ticket.reference)) return 'exists';
      const linked = linkBack && this.tickets.get(linkBack.reference);
      if (linkBack && !linked) return new Error(`no ticket ${linkBack.reference} to link`);
      this.tickets.set(ticket.reference, ticket);
      if (linkBack && linked)
        this.tickets.set(linkBack.reference, { ...linked, links: [...(linked.links ?? []), linkBack.link] });
      for (const key of threadKeys) this.pointThread(key, ticket.reference, ticket.receivedAt);
      this.audit.push(audit);
      return 'created';
    });
  }
  /** Message-id keys and the tickets they thread to. */
  readonly threads = new Map<string, string>();
  /** When each message-id key expires (epoch seconds, as the table's TTL attribute). */
  readonly threadExpiry = new Map<string, number>();
  async threadTargets(keys: readonly string[], now: Date): Promise<Map<string, string>> {
    return new Map(
      keys.flatMap((key) =>
        this.threads.has(key) && !expiredAt(this.threadExpiry.get(key), now)
          ? [[key, this.threads.get(key) ?? '']]
          : [],
      ),
    );
  }
  /**
   * Points `key` at `reference` unless it points somewhere already, expiring by the schedule's
   * `message-id-key` period from `at` (both kept from the first write, as `threadKeyWrite` does).
   */
  pointThread(key: string, reference: string, at: string): void {
    const expiresAt = retentionExpiry(this.#retention['message-id-key'], new Date(at));
    if (!this.threads.has(key)) {
      this.threads.set(key, reference);
      this.threadExpiry.set(key, expiresAt);
    } else if (!this.threadExpiry.has(key)) this.threadExpiry.set(key, expiresAt);
  }
  async addClientMessage(reference: string, followUp: ClientFollowUp) {
    const ticket = this.tickets.get(reference);
    const key = `${reference}/${followUp.message.id}`;
    if (this.messages.has(key)) return 'duplicate' as const;
    const { expect } = followUp;
    if (
      !ticket ||
      // Erased, or being erased: a follow-up written now would outlive the erasure.
      isErasedOrErasing(ticket) ||
      ticket.status !== expect.status ||
      ticket.competence !== expect.competence ||
      ticket.answerDeadline !== expect.answerDeadline ||
      legalHoldAt(ticket) !== expect.legalHold
    )
      return 'conflict' as const;
    const { reopen } = followUp;
    if (expect.legalHold)
      for (const objectKey of heldObjectsOfMessage(followUp.message)) {
        this.heldObjects.add(objectKey);
        this.holdTags.set(objectKey, expect.legalHold);
      }
    this.messages.set(key, followUp.message);
    this.tickets.set(reference, {
      ...ticket,
      lastClientMessageAt: followUp.message.at,
      ...(followUp.email ? { email: followUp.email } : {}),
      ...(followUp.attachments?.length
        ? { attachments: [...(ticket.attachments ?? []), ...followUp.attachments] }
        : {}),
      ...(reopen
        ? {
            status: reopen.statusChange.to,
            statusChanges: [...(ticket.statusChanges ?? []), reopen.statusChange],
            reopenings: [
              ...(ticket.reopenings ?? []),
              { at: reopen.statusChange.at, from: expect.answerDeadline, to: reopen.answerDeadline },
            ],
            answerDeadline: reopen.answerDeadline,
            firstResponseDue: reopen.firstResponseDue,
            expectedAnswerBy: reopen.expectedAnswerBy,
          }
        : {}),
    });
    for (const threadKey of followUp.threadKeys) this.pointThread(threadKey, reference, followUp.message.at);
    this.audit.push(followUp.audit);
    return 'added' as const;
  }
  async getTicket(reference: string) {
    return this.tickets.get(reference);
  }
  /** Staff replies and notes, by `<reference>/<message id>`. */
  readonly messages = new Map<string, ThreadMessage>();
  /** Client keys of senders whose service was ended. */
  readonly serviceEnded = new Set<string>();
  async getForSending(
    messages: readonly { reference: string; outboundId: string; messageId?: string | undefined }[],
  ) {
    return messages.map(({ reference, outboundId, messageId }) => ({
      ticket: this.tickets.get(reference),
      sent: this.outbound.has(`${reference}/${outboundId}`),
      message: messageId ? this.messages.get(`${reference}/${messageId}`) : undefined,
    }));
  }
  async ticketsReceivedBetween(
    clientKey: string,
    from: string,
    through: string,
    limit: number,
  ): Promise<number> {
    const count = [...this.tickets.values()].filter((ticket) => {
      const key = `${ticket.receivedAt}#${ticket.reference}`;
      return clientGroupId(ticket.client.email) === clientKey && key >= from && key <= through;
    }).length;
    return Math.min(count, limit);
  }
  readonly quarantined = new Map<string, QuarantineRecord>();
  async quarantine(record: QuarantineRecord): Promise<boolean> {
    if (this.quarantined.has(record.id)) return false;
    this.quarantined.set(record.id, record);
    return true;
  }
  async serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>> {
    return new Set(clientKeys.filter((key) => this.serviceEnded.has(key)));
  }
  /** Letters printed instead of mail (by `<reference>/<outboundId>`). */
  readonly letters = new Map<string, LetterRecord>();
  async completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]> {
    return entries.map((entry) => {
      const ticket = this.tickets.get(entry.reference);
      if (!ticket || this.refuse.has(entry.outboundId)) return new Error(`store refused ${entry.outboundId}`);
      const key = `${entry.reference}/${entry.outboundId}`;
      if (this.outbound.has(key)) return false;
      this.outbound.set(key, {
        outboundId: entry.outboundId,
        kind: entry.kind,
        sesMessageId: entry.sesMessageId,
        sentAt: entry.sentAt,
        ...(entry.withheld ? { withheld: entry.withheld } : {}),
        ...(entry.letter ? { letter: { letterId: entry.letter.letterId } } : {}),
      });
      // A printed letter has no SES message to thread by, and is no sent acknowledgement.
      if (entry.letter) this.letters.set(key, entry.letter);
      if (!entry.withheld && !entry.letter) {
        const threadKey = sesMessageIdKey(entry.sesMessageId);
        this.threads.set(threadKey, entry.reference);
        this.threadExpiry.set(
          threadKey,
          retentionExpiry(this.#retention['message-id-key'], new Date(entry.sentAt)),
        );
      }
      // Only the acknowledgement's send shows on the ticket (a reply's is no acknowledgement).
      if (entry.kind === 'acknowledgement' && !entry.withheld && !entry.letter)
        this.tickets.set(entry.reference, {
          ...ticket,
          acknowledgement: { sesMessageId: entry.sesMessageId, sentAt: entry.sentAt },
        });
      this.audit.push(entry.audit);
      if (entry.invitationAudit) this.audit.push(entry.invitationAudit);
      return true;
    });
  }
  async rerouteTicket(
    reference: string,
    change: { reroute: Reroute; expectedAnswerBy: string; callbackPending?: boolean },
  ) {
    const ticket = this.#stillToAnswer(reference);
    const { reroute } = change;
    if (!ticket || ticket.competence !== reroute.from) return undefined;
    // The callback as it was read: one recorded meanwhile must not come back on a list.
    const callbackPending = Boolean(ticket.callback && !ticket.callback.done);
    if (callbackPending !== Boolean(change.callbackPending)) return undefined;
    const { assignee: _assignee, takenAt: _takenAt, ...rest } = withoutDeadlineFlag(ticket);
    const moved: Ticket = {
      ...rest,
      competence: reroute.to,
      status: 'new',
      expectedAnswerBy: change.expectedAnswerBy,
      reroutes: [...(ticket.reroutes ?? []), reroute],
    };
    this.tickets.set(reference, moved);
    return moved;
  }
  async extendTicketDeadline(reference: string, change: DeadlineChange, competence?: string) {
    const ticket = this.#stillToAnswer(reference);
    if (!ticket || ticket.answerDeadline !== change.from) return undefined;
    if (competence && ticket.competence !== competence) return undefined;
    const extended: Ticket = {
      ...withoutDeadlineFlag(ticket),
      answerDeadline: change.to,
      deadlineExtensions: [...(ticket.deadlineExtensions ?? []), change],
    };
    this.tickets.set(reference, extended);
    return extended;
  }
  readonly answered = new Map<string, number>();
  async answeredOn(competence: string, days: readonly string[]): Promise<number[]> {
    return days.map((day) => this.answered.get(`${competence}/${day}`) ?? 0);
  }
  async countAnswered(competence: string, day: string): Promise<void> {
    this.answered.set(`${competence}/${day}`, (this.answered.get(`${competence}/${day}`) ?? 0) + 1);
  }
  #stillToAnswer(reference: string): Ticket | undefined {
    const ticket = this.tickets.get(reference);
    return ticket && ticket.status !== 'answered' && ticket.status !== 'closed' ? ticket : undefined;
  }
  readonly open = new Map<string, number>();
  async openTickets(competence: string): Promise<number> {
    return this.open.get(competence) ?? 0;
  }
  async adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void> {
    for (const [competence, delta] of changes)
      this.open.set(competence, (this.open.get(competence) ?? 0) + delta);
  }
  async countDiscarded(reason: string, day: string): Promise<void> {
    this.discarded.set(`${reason}/${day}`, (this.discarded.get(`${reason}/${day}`) ?? 0) + 1);
  }
  async discardedCount(reason: string, day: string): Promise<number> {
    return this.discarded.get(`${reason}/${day}`) ?? 0;
  }
}
