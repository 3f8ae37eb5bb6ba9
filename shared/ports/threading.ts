/**
 * What threading needs (process-intake): the tickets a mail's Message-ID keys point at, a client's
 * follow-up added to its ticket, and the senders whose service was ended (§17).
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { StatusChange, Ticket, TicketStatus } from '../domain/ticket.ts';
import type { ThreadMessage } from './thread-message.ts';

/** A client's mail that joins an existing ticket (§7 threading), written with its audit record. */
export interface ClientFollowUp {
  /**
   * The ticket as the decision saw it (optimistic concurrency): its status, unit and deadline, so
   * that a staff member's change made meanwhile is decided on again rather than overwritten.
   */
  readonly expect: {
    readonly status: TicketStatus;
    readonly competence: string;
    readonly answerDeadline: string;
    /** Held for a supervisor (§17): a reopened ticket returns to the review list, not the queue. */
    readonly review: boolean;
    /**
     * The `at` of the legal hold the ticket was under (absent: none). The follow-up's raw mail and
     * quarantine copy are protected by that hold (`HOLDKEY#` items) in the same write; a hold set,
     * lifted or replaced meanwhile means deciding again.
     */
    readonly legalHold?: string;
  };
  readonly message: ThreadMessage;
  /** The mail's Message-ID and References: our next answer threads under it. */
  readonly email?: Ticket['email'];
  readonly attachments?: Ticket['attachments'];
  /** Back to work: the status change, and the dates counted from the follow-up when later. */
  readonly reopen?: {
    readonly statusChange: StatusChange;
    readonly competence: string;
    readonly answerDeadline: string;
    readonly firstResponseDue: string;
    readonly expectedAnswerBy: string;
  };
  /** Keys that thread to this ticket from now on: the follow-up's own message id, its source marker. */
  readonly threadKeys: readonly string[];
  readonly audit: AuditRecord;
}

export interface ThreadingStore {
  /**
   * The tickets the given message-id keys (`messageIdKey`) thread to, by key; unknown keys absent,
   * and so are keys past their `expiresAt` at `now` (TTL deletes them up to two days late).
   */
  threadTargets(keys: readonly string[], now: Date): Promise<Map<string, string>>;
  /**
   * Adds a client's follow-up to the ticket: `duplicate` when it is there already (a redelivered
   * message), `conflict` when the ticket's status changed since it was read.
   */
  addClientMessage(reference: string, followUp: ClientFollowUp): Promise<'added' | 'duplicate' | 'conflict'>;
  /** Of the given client keys (`clientGroupId`), those whose service was ended (§17). */
  serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>>;
}
