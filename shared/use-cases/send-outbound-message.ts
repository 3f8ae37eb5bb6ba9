/**
 * Sends one message to a client, at most once per outbound id: the send is claimed before SES is
 * called and recorded (with SES's message id) before the queue message is acknowledged.
 */
import { renderAcknowledgement } from '../domain/acknowledgement.ts';
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { OutboundInProgress, TicketNotFound } from '../domain/errors.ts';
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { Clock, Mailer, TicketStore } from '../ports/index.ts';

export interface SendOutboundDeps {
  readonly store: TicketStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly senderAddress: string;
}

/** A claim older than this belongs to an attempt that died (functions time out after 30 s). */
const staleClaimMs = 60_000;

export async function sendOutboundMessage(
  deps: SendOutboundDeps,
  outbound: OutboundMessage,
): Promise<'sent' | 'already-sent'> {
  const ticket = await deps.store.getTicket(outbound.reference);
  if (!ticket) throw new TicketNotFound(outbound.reference);

  const now = deps.clock.now();
  const claim = await deps.store.claimOutbound(
    ticket.reference,
    outbound.outboundId,
    now,
    new Date(now.getTime() - staleClaimMs),
  );
  if (claim === 'already-sent') return 'already-sent';
  if (claim === 'in-progress') throw new OutboundInProgress(outbound.outboundId);

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
  await deps.store.completeOutbound(
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
  return 'sent';
}
