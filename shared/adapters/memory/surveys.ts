/**
 * The survey's items in memory, for unit tests: the same items as the DynamoDB adapter
 * (`survey-items.ts`), kept by key, with the same conditions and the audit records beside them.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  SurveyState,
  Surveys,
  SurveyTicket,
  SurveyWrite,
  SurveyWriteOutcome,
} from '../../ports/surveys.ts';
import { surveyCommentItem, surveyItem, surveyResponseOf, surveyTicketOf } from '../dynamodb/survey-items.ts';
import { ticketPartition } from '../dynamodb/ticket-keys.ts';

type Item = Record<string, unknown>;

export class MemorySurveys implements Surveys {
  /** Every item, by `<pk>\n<sk>`: the tickets (as much of them as the survey reads) and the survey's. */
  readonly items = new Map<string, Item>();
  readonly audit: AuditRecord[] = [];

  /** A ticket item, as the tickets table holds one (answered at `answeredAt` unless its status says otherwise). */
  putTicket(ticket: SurveyTicket & { readonly statusChanges?: readonly { to: string; at: string }[] }): void {
    const statusChanges =
      ticket.statusChanges ?? (ticket.answeredAt ? [{ to: ticket.status, at: ticket.answeredAt }] : []);
    this.items.set(`${ticketPartition(ticket.reference)}\nTICKET`, {
      pk: ticketPartition(ticket.reference),
      sk: 'TICKET',
      type: 'ticket',
      reference: ticket.reference,
      status: ticket.status,
      competence: ticket.competence,
      channel: ticket.channel,
      language: ticket.language,
      statusChanges,
    });
  }

  /** The survey's items of a ticket (`SURVEY`, `SURVEY#COMMENT`), for assertions. */
  surveyItems(reference: string): Item[] {
    const pk = ticketPartition(reference);
    return [...this.items.values()].filter((item) => item.pk === pk && String(item.sk).startsWith('SURVEY'));
  }

  async surveyOf(reference: string): Promise<SurveyState | undefined> {
    const ticket = this.items.get(`${ticketPartition(reference)}\nTICKET`);
    if (!ticket) return undefined;
    const response = this.items.get(`${ticketPartition(reference)}\nSURVEY`);
    return {
      ticket: surveyTicketOf(ticket),
      ...(response ? { response: surveyResponseOf(structuredClone(response)) } : {}),
    };
  }

  async saveResponse(write: SurveyWrite, audit: AuditRecord): Promise<SurveyWriteOutcome> {
    const pk = ticketPartition(write.ticket.reference);
    const current = this.items.get(`${pk}\nSURVEY`);
    if (write.previous ? current?.version !== write.previous.version : current !== undefined)
      return 'conflict';
    const status = this.items.get(`${pk}\nTICKET`)?.status;
    if (status !== 'answered' && status !== 'closed') return 'not-answered';
    this.items.set(`${pk}\nSURVEY`, surveyItem(write));
    const comment = surveyCommentItem(write);
    if (comment) this.items.set(`${pk}\nSURVEY#COMMENT`, comment);
    this.audit.push(audit);
    return 'saved';
  }
}
