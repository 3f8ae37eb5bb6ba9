/**
 * An intake message becomes a ticket, exactly once, and its acknowledgement is enqueued.
 * A redelivered message finds its ticket already there and only re-enqueues the acknowledgement,
 * which outbound.fifo deduplicates and send-email never sends twice.
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

export async function processIntakeMessage(
  deps: ProcessIntakeDeps,
  message: IntakeMessage,
): Promise<{ reference: string; outcome: 'created' | 'exists' }> {
  const ticket = ticketFromIntake(message, deps.clock.now());
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
  const outcome = await deps.store.createTicket(ticket, audit);
  const outboundId = `ack-${ticket.reference}`;
  await deps.outboundQueue.send(
    { version: 1, kind: 'acknowledgement', outboundId, reference: ticket.reference },
    { groupId: ticket.reference, deduplicationId: outboundId },
  );
  return { reference: ticket.reference, outcome };
}
