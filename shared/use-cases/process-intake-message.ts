/**
 * Intake messages become tickets, exactly once, and their acknowledgements are enqueued.
 * A redelivered message finds its ticket already there and only re-enqueues the acknowledgement,
 * which outbound.fifo deduplicates and send-email never sends twice. Messages of different clients
 * are stored together in one write.
 */
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { stableId } from '../domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../domain/intake-message.ts';
import { ticketFromIntake } from '../domain/ticket.ts';
import type { Clock, MessageQueue, TicketStore } from '../ports/index.ts';

export interface ProcessIntakeDeps {
  readonly store: TicketStore;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly clock: Clock;
}

export interface IntakeOutcome {
  readonly reference: string;
  readonly outcome: 'created' | 'exists';
}

export async function processIntakeMessages(
  deps: ProcessIntakeDeps,
  messages: readonly IntakeMessage[],
): Promise<IntakeOutcome[]> {
  const storedAt = deps.clock.now();
  const entries = messages.map((message) => {
    const ticket = ticketFromIntake(message, storedAt);
    const audit = auditRecord({
      eventTime: message.receivedAt,
      eventSource: auditEventSource,
      eventName: 'CreateTicket',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'process-intake' },
      sourceIPAddress: message.origin.sourceIPAddress,
      userAgent: message.origin.userAgent,
      requestParameters: { channel: ticket.channel, topic: ticket.topic },
      responseElements: {
        reference: ticket.reference,
        competence: ticket.competence,
        answerDeadline: ticket.answerDeadline,
      },
      requestID: message.origin.requestId,
      eventID: stableId(ticket.reference, 'CreateTicket'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    });
    return { ticket, audit };
  });
  const outcomes = await deps.store.createTickets(entries);
  await deps.outboundQueue.sendBatch(
    entries.map(({ ticket }) => {
      const outboundId = `ack-${ticket.reference}`;
      return {
        message: { version: 1, kind: 'acknowledgement', outboundId, reference: ticket.reference } as const,
        // Every message to a client about one ticket is in the ticket's group: sent in order, never in parallel.
        options: { groupId: ticket.reference, deduplicationId: outboundId },
      };
    }),
  );
  return entries.map(({ ticket }, i) => ({ reference: ticket.reference, outcome: outcomes[i] ?? 'exists' }));
}

export async function processIntakeMessage(
  deps: ProcessIntakeDeps,
  message: IntakeMessage,
): Promise<IntakeOutcome> {
  const [outcome] = await processIntakeMessages(deps, [message]);
  return outcome as IntakeOutcome;
}
