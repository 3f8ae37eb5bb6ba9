/**
 * The staff desk: what employees do with tickets through the admin page, one verb per file
 * (`read-ticket.ts`, `reply-to-client.ts`, `add-note.ts`, …). Every verb checks the caller's right
 * to the record it touches (`staff-access.ts`) and writes an audit record — reads of a client's data
 * included (`staff-audit.ts`) — and every refusal is a `Refused` carrying its HTTP status.
 */
import type { OutboundMessage } from '../domain/intake-message.ts';
import { type FieldRefusal, invalidFields, type Refused } from '../domain/refused.ts';
import type { StaffMessageKey } from '../i18n/staff-messages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { BacklogCounters, BacklogReader } from '../ports/counters.ts';
import type { MessageQueue } from '../ports/queue.ts';
import type { TicketDesk } from '../ports/ticket-desk.ts';
import type { TicketReader } from '../ports/ticket-reader.ts';
import type { DownloadLinks, UploadTargets } from '../ports/uploads.ts';
import type { Worklists } from '../ports/worklists.ts';
import type { SurveyRequestDeps } from './request-survey-invitation.ts';

/** What the staff desk's verbs work with; each verb uses its part. */
export interface StaffDeskDeps {
  readonly store: TicketReader & Pick<BacklogCounters, 'countAnswered' | 'adjustOpenTickets'>;
  readonly desk: TicketDesk;
  readonly worklists: Worklists;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly backlog: BacklogReader;
  readonly downloads: DownloadLinks;
  /** Signed browser uploads of reply attachments, and what arrived. */
  readonly uploads: UploadTargets;
  /** Survey invitations on answering or closing (§26); without it, none is asked for. */
  readonly surveys?: SurveyRequestDeps;
}

/** A field at fault, with its message in the staff catalogue (checked when written). */
export interface StaffFieldError extends FieldRefusal {
  readonly key: StaffMessageKey;
}

/** The request's fields are at fault (`ValidationError`, 400), each with its message. */
export const fieldsRefused = (fields: readonly StaffFieldError[]): Refused => invalidFields(fields);
