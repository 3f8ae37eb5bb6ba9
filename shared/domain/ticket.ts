/**
 * The ticket: one client request, whatever channel it came by.
 */
import { answerDeadline } from './deadlines.ts';
import type { IntakeMessage } from './intake-message.ts';
import { findTopic, type Language } from './topics.ts';

export type TicketStatus = 'new' | 'open' | 'waiting-on-client' | 'answered' | 'closed';
export type Channel = IntakeMessage['channel'];

export interface Client {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

export interface Ticket {
  readonly reference: string;
  readonly sourceId: string;
  readonly channel: Channel;
  readonly status: TicketStatus;
  readonly language: Language;
  readonly client: Client;
  readonly topic: string;
  readonly competence: string;
  readonly subject: string;
  readonly body: string;
  /** ISO instant in UTC. */
  readonly receivedAt: string;
  /** ISO instant in UTC when the ticket was stored (after the intake queue). */
  readonly storedAt: string;
  /** Legal answer deadline, `YYYY-MM-DD` in Europe/Riga. */
  readonly answerDeadline: string;
  /** The date we tell the client to expect an answer by, never later than the deadline. */
  readonly expectedAnswerBy: string;
  readonly acknowledgement?: { readonly sesMessageId: string; readonly sentAt: string };
}

/** The dates a client is told when a request arrives at `receivedAt`. */
export function expectedDates(receivedAt: Date): { answerDeadline: string; expectedAnswerBy: string } {
  const deadline = answerDeadline(receivedAt);
  // The backlog-based estimate comes with routing; until then the estimate is the deadline.
  return { answerDeadline: deadline, expectedAnswerBy: deadline };
}

/** The new ticket an intake message describes. */
export function ticketFromIntake(message: IntakeMessage, storedAt: Date): Ticket {
  const topic = findTopic(message.topic);
  const dates = expectedDates(new Date(message.receivedAt));
  return {
    reference: message.reference,
    sourceId: message.sourceId,
    channel: message.channel,
    status: 'new',
    language: message.language,
    client: message.client.phone
      ? { ...message.client }
      : { name: message.client.name, email: message.client.email },
    topic: message.topic,
    competence: topic?.competence ?? 'general',
    subject: message.subject,
    body: message.body,
    receivedAt: message.receivedAt,
    storedAt: storedAt.toISOString(),
    ...dates,
  };
}
