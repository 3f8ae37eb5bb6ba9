/**
 * An SES configuration-set event about one of our messages → the ticket it is about. A permanent
 * bounce or a complaint marks the client's address undeliverable on the ticket, so that staff see
 * it and answer by post; a transient bounce is kept but marks nothing. Each bounce or complaint is
 * recorded once (by SES's feedback id), with its audit record; redelivered events change nothing.
 *
 * Only the ticket the mail was about is marked. The address's other tickets are marked when mail
 * to them is refused too: the configuration set's suppression list turns every later send to the
 * address into a bounce event (`OnAccountSuppressionList`), which names its own ticket.
 */
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import {
  type DeliveryProblem,
  deliveryProblemOf,
  referenceOf,
  sesSendingEventSchema,
} from '../domain/delivery-problem.ts';
import { stableId } from '../domain/ids.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { DeliveryProblemLog } from '../ports/delivery.ts';

export interface RecordDeliveryEventDeps {
  readonly deliveries: DeliveryProblemLog;
  /** Events that mark nothing are recorded here (a bounce or complaint is, with its mark). */
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** What became of an event; ids and the reference only (never an address), fit for the log. */
export type DeliveryEventOutcome =
  | {
      readonly outcome: 'recorded' | 'duplicate';
      readonly reference: string;
      readonly sesMessageId: string;
      readonly feedbackId: string;
      readonly kind: DeliveryProblem['kind'];
      readonly type: string;
      readonly undeliverable: boolean;
    }
  /** The tag names no ticket of ours (deleted test data, another system's mail): nothing to mark. */
  | { readonly outcome: 'unknown-ticket'; readonly reference: string; readonly sesMessageId: string }
  /** Mail without our reference tag (e.g. a supervisors' digest): not about a ticket. */
  | { readonly outcome: 'no-reference'; readonly sesMessageId: string; readonly eventType: string }
  /** An event type that reports no problem (delivery, send, …). */
  | { readonly outcome: 'ignored'; readonly eventType: string; readonly sesMessageId: string }
  /** Not an SES event we can read; the issues (paths only, no values) are logged. */
  | { readonly outcome: 'malformed'; readonly issues: readonly string[] };

/** Records the bounce or complaint that `detail` (the SES part of the event) reports. */
export async function recordDeliveryEvent(
  deps: RecordDeliveryEventDeps,
  detail: unknown,
): Promise<DeliveryEventOutcome> {
  const outcome = await markDeliveryProblem(deps, detail);
  if (unmarked(outcome)) await deps.audit.append([ignoredEventAudit(outcome, deps.clock.now())]);
  return outcome;
}

type UnmarkedOutcome = Exclude<DeliveryEventOutcome, { outcome: 'recorded' | 'duplicate' }>;

const unmarked = (outcome: DeliveryEventOutcome): outcome is UnmarkedOutcome =>
  outcome.outcome !== 'recorded' && outcome.outcome !== 'duplicate';

/**
 * Every event the function receives leaves a record: one that marks nothing says why (ids, SES's
 * event type and the field paths at fault only). Redelivered, it keeps one record (stable id),
 * except an unreadable event, which has no id to key it by.
 */
function ignoredEventAudit(outcome: UnmarkedOutcome, now: Date) {
  const sesMessageId = 'sesMessageId' in outcome ? outcome.sesMessageId : undefined;
  const { outcome: kind, ...details } = outcome;
  return auditRecord({
    eventTime: now.toISOString(),
    eventSource: auditEventSource,
    eventName: 'IgnoreMailEvent',
    eventType: 'AwsServiceEvent',
    userIdentity: { type: 'Service', invokedBy: 'ses.amazonaws.com' },
    sourceIPAddress: 'ses.amazonaws.com',
    userAgent: 'courtdesk/mail-events',
    requestParameters: details,
    responseElements: { outcome: kind },
    requestID: sesMessageId ?? 'unreadable-event',
    eventID: sesMessageId
      ? stableId(sesMessageId, 'IgnoreMailEvent', kind)
      : stableId('IgnoreMailEvent', kind, now.toISOString(), JSON.stringify(details)),
    readOnly: true,
    resources: 'reference' in outcome ? [ticketResource(outcome.reference)] : [],
  });
}

async function markDeliveryProblem(
  deps: RecordDeliveryEventDeps,
  detail: unknown,
): Promise<DeliveryEventOutcome> {
  const parsed = sesSendingEventSchema.safeParse(detail);
  if (!parsed.success) {
    return {
      outcome: 'malformed',
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.code}`),
    };
  }
  const event = parsed.data;
  const recordedAt = deps.clock.now().toISOString();
  const problem = deliveryProblemOf(event, recordedAt);
  if (!problem) return { outcome: 'ignored', eventType: event.eventType, sesMessageId: event.mail.messageId };
  const reference = referenceOf(event);
  if (!reference)
    return { outcome: 'no-reference', sesMessageId: problem.sesMessageId, eventType: event.eventType };

  const eventName = problem.kind === 'bounce' ? 'RecordBounce' : 'RecordComplaint';
  const audit = auditRecord({
    eventTime: recordedAt,
    eventSource: auditEventSource,
    eventName,
    eventType: 'AwsServiceEvent',
    // SES reported it; this function recorded it.
    userIdentity: { type: 'Service', invokedBy: 'ses.amazonaws.com' },
    sourceIPAddress: 'ses.amazonaws.com',
    userAgent: 'courtdesk/mail-events',
    // Ids and SES's classification only: no address, no diagnostic text.
    requestParameters: {
      sesMessageId: problem.sesMessageId,
      feedbackId: problem.feedbackId,
      type: problem.type,
      ...(problem.subtype ? { subtype: problem.subtype } : {}),
      reportedAt: problem.at,
    },
    responseElements: { undeliverable: problem.undeliverable },
    requestID: problem.feedbackId,
    eventID: stableId(problem.feedbackId, eventName),
    readOnly: false,
    resources: [ticketResource(reference)],
  });
  const result = await deps.deliveries.record(reference, problem, audit);
  if (result === 'no-ticket')
    return { outcome: 'unknown-ticket', reference, sesMessageId: problem.sesMessageId };
  return {
    outcome: result === 'recorded' ? 'recorded' : 'duplicate',
    reference,
    sesMessageId: problem.sesMessageId,
    feedbackId: problem.feedbackId,
    kind: problem.kind,
    type: problem.type,
    undeliverable: problem.undeliverable,
  };
}
