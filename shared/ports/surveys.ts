/**
 * The survey's items in the tickets table (survey-api): the ticket as the survey needs it, its
 * response (`SURVEY`), and a response written — created or changed — with its comment item
 * (`SURVEY#COMMENT`) and its audit record in one transaction, on the version read.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { Language } from '../domain/language.ts';
import type { SurveyResponse } from '../domain/survey.ts';
import type { Channel, TicketStatus } from '../domain/ticket.ts';

/** What the survey reads of a ticket: nothing personal. */
export interface SurveyTicket {
  readonly reference: string;
  readonly status: TicketStatus;
  readonly competence: string;
  readonly channel: Channel;
  readonly language: Language;
  /** When it was last answered or closed by staff (ISO), if it was. */
  readonly answeredAt?: string;
}

export interface SurveyState {
  readonly ticket: SurveyTicket;
  readonly response?: SurveyResponse;
}

export interface SurveyWrite {
  readonly ticket: SurveyTicket;
  readonly response: SurveyResponse;
  /** The version the change was made on; undefined for the first response. */
  readonly previous?: SurveyResponse;
}

/**
 * `saved`; `conflict` when the response is no longer the one read (another change came first);
 * `not-answered` when the ticket was reopened meanwhile.
 */
export type SurveyWriteOutcome = 'saved' | 'conflict' | 'not-answered';

export interface Surveys {
  /** The ticket and its response, read consistently; undefined when there is no such ticket. */
  surveyOf(reference: string): Promise<SurveyState | undefined>;
  /** Writes the response (and its comment item) with `audit`, all or nothing. */
  saveResponse(write: SurveyWrite, audit: AuditRecord): Promise<SurveyWriteOutcome>;
}
