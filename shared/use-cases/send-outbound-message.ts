/**
 * Sends one message to a client, once per outbound id. The send is recorded (with SES's message
 * id) before the queue message is acknowledged, so a redelivered message finds it and sends
 * nothing. Two deliveries of one outbound id never run at the same time: every outbound message of
 * a ticket is in the ticket's FIFO message group, and the queue's visibility timeout (180 s) is
 * longer than the function's (30 s). What remains is the crash between SES accepting the mail and
 * the record being written: then the message is sent again (at least once rather than lost).
 */
import { renderAcknowledgement } from '../domain/acknowledgement.ts';
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { TicketNotFound } from '../domain/errors.ts';
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { Clock, Mailer, TicketStore } from '../ports/index.ts';

export interface SendOutboundDeps {
  readonly store: TicketStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly senderAddress: string;
}

export async function sendOutboundMessage(
  deps: SendOutboundDeps,
  outbound: OutboundMessage,
): Promise<'sent' | 'already-sent'> {
  const [ticket, sent] = await Promise.all([
    deps.store.getTicket(outbound.reference),
    deps.store.isOutboundSent(outbound.reference, outbound.outboundId),
  ]);
  if (!ticket) throw new TicketNotFound(outbound.reference);
  if (sent) return 'already-sent';

  const email = renderAcknowledgement(ticket);
  const sesMessageId = await deps.mailer.send({
    from: deps.senderAddress,
    to: ticket.client.email,
    subject: email.subject,
    text: email.text,
    // RFC 3834: an automatic reply, so that the client's auto-responders do not answer it.
    headers: [{ name: 'Auto-Submitted', value: 'auto-replied' }],
  });
  const sentAt = deps.clock.now().toISOString();
  const recorded = await deps.store.completeOutbound(
    ticket.reference,
    outbound.outboundId,
    { sesMessageId, sentAt, kind: outbound.kind },
    auditRecord({
      eventTime: sentAt,
      eventSource: auditEventSource,
      eventName: 'SendEmail',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'send-email' },
      sourceIPAddress: 'courtdesk.internal',
      userAgent: 'courtdesk/send-email',
      requestParameters: { kind: outbound.kind, outboundId: outbound.outboundId },
      responseElements: { sesMessageId },
      requestID: outbound.outboundId,
      eventID: stableId(outbound.outboundId, 'SendEmail'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    }),
  );
  return recorded ? 'sent' : 'already-sent';
}
