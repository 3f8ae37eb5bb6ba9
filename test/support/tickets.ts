/** Real-shaped tickets and their CreateTicket audit records, for tests that store tickets directly. */
import { auditEventSource, auditRecord, ticketResource } from '../../shared/domain/audit-event.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { NewTicket } from '../../shared/ports/intake.ts';

/** A new web ticket of `competence`, routed by its topic, with every date set to `answerDeadline`. */
export function testTicket(
  reference: string,
  competence: CompetenceId,
  fields: Partial<Ticket> & { answerDeadline: string; receivedAt: string },
): Ticket {
  return {
    reference,
    sourceId: `test:${reference}`,
    channel: 'web',
    status: 'new',
    language: 'lv',
    client: { name: 'Anna Kalniņa', email: 'anna@example.lv' },
    topic: competence,
    competence,
    routing: {
      competence,
      ruleId: `topic-${competence}`,
      rulesVersion: 'test',
      explanation: { lv: '', en: '' },
      matched: [],
    },
    subject: 'Konfidenciāls temats',
    body: 'Konfidenciāls teksts',
    storedAt: new Date(Date.parse(fields.receivedAt) + 1000).toISOString(),
    firstResponseDue: fields.answerDeadline,
    expectedAnswerBy: fields.answerDeadline,
    ...fields,
  };
}

/** The ticket with the CreateTicket audit record process-intake would write with it. */
export function newTicket(ticket: Ticket): NewTicket {
  return {
    ticket,
    audit: auditRecord({
      eventTime: ticket.storedAt,
      eventSource: auditEventSource,
      eventName: 'CreateTicket',
      userIdentity: { type: 'Service' },
      sourceIPAddress: '127.0.0.1',
      userAgent: 'test',
      requestParameters: null,
      responseElements: null,
      requestID: ticket.reference,
      eventID: `create-${ticket.reference}`,
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    }),
  };
}
