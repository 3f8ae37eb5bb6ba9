/**
 * The staff side of a ticket (staff-api): its whole partition read at once, and every staff write
 * applied atomically with its audit record, conditional on the ticket as the staff member saw it.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { DeliveryProblem } from '../domain/delivery-problem.ts';
import type { SurveyResponse } from '../domain/survey-response.ts';
import type { CallbackRequest, StatusChange, Ticket, TicketStatus, Transcription } from '../domain/ticket.ts';
import type { WithheldReason } from './outbound.ts';
import type { LetterDispatch } from './postal.ts';
import type { ThreadMessage } from './thread-message.ts';

/** A message recorded as sent to the client (SES accepted it). */
export interface SentRecord {
  readonly outboundId: string;
  readonly kind: string;
  readonly sentAt: string;
  readonly sesMessageId: string;
  /** Not sent on purpose, and why (an acknowledgement over the hourly limit; no email address). */
  readonly withheld?: WithheldReason;
  /** Printed as a letter (no email address): its id, and its dispatch once the mailroom posted it. */
  readonly letter?: { readonly letterId: string; readonly dispatch?: LetterDispatch };
}

/** A ticket with everything kept in its partition. */
export interface TicketRecord {
  readonly ticket: Ticket;
  readonly messages: readonly ThreadMessage[];
  readonly sent: readonly SentRecord[];
  /** Bounces and complaints SES reported for the ticket's mail, oldest first. */
  readonly deliveryProblems?: readonly DeliveryProblem[];
  /** The client's survey response (its `SURVEY` item), once they gave one. */
  readonly survey?: SurveyResponse;
}

/** What a staff member changes on a ticket, written together with its audit record. */
export interface StaffWrite {
  /** The status the ticket must have (optimistic concurrency); the unit it must be in. */
  readonly expect: {
    readonly status: TicketStatus;
    readonly competence: string;
    readonly answerDeadline: string;
  };
  /** Adds a reply or note to the thread. */
  readonly message?: ThreadMessage;
  readonly statusChange?: StatusChange;
  /** Ends service (§17): recorded on the ticket, and the sender flagged by their client key. */
  readonly endService?: {
    readonly reason: string;
    readonly by: string;
    readonly at: string;
    readonly clientKey: string;
  };
  /** The callback the client asked for was made (or the client not reached): off the callback list. */
  readonly callbackDone?: NonNullable<CallbackRequest['done']>;
  /** The text typed in for a scan without one (once). */
  readonly transcription?: Transcription;
  readonly audit: AuditRecord;
}

export interface TicketDesk {
  record(reference: string): Promise<TicketRecord | undefined>;
  /**
   * Applies the write atomically: `conflict` when the ticket is no longer as expected,
   * `duplicate` when the message id exists already (a retried request), else the new ticket.
   */
  write(reference: string, change: StaffWrite): Promise<Ticket | 'conflict' | 'duplicate'>;
  /** A client's tickets by client key, newest first. */
  clientTickets(clientKey: string, limit: number): Promise<Ticket[]>;
}
