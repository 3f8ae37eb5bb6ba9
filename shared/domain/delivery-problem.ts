/**
 * Bounces and complaints of the mail we send. SES publishes them as events of
 * the configuration set; we read the SES part (`eventType`, `mail`, `bounce` / `complaint`), which
 * is the same whether it arrives as an EventBridge event's `detail` or inside an SNS message.
 *
 * The event names its ticket through the `reference` message tag that send-email puts on every
 * mail (`mail.tags.reference`), so no lookup by address is needed.
 */
import * as z from 'zod/mini';
import { referencePattern } from './reference.ts';

/** The message tag that carries the ticket reference on every mail we send to a client. */
export const referenceTagName = 'reference';

/**
 * What SES accepts as a message tag's name or value: letters, digits, `_` and `-`, at most 256
 * characters (SESv2 `MessageTag`).
 */
export const messageTagPattern = /^[A-Za-z0-9_-]{1,256}$/;

export type DeliveryProblemKind = 'bounce' | 'complaint';

/** A bounce or complaint SES reported for one of our messages, as kept on the ticket. */
export interface DeliveryProblem {
  /** SES's feedback id: one per bounce or complaint, so a redelivered event is recognised. */
  readonly feedbackId: string;
  /** The SES message id of the mail it is about (the outbound item's `sesMessageId`). */
  readonly sesMessageId: string;
  readonly kind: DeliveryProblemKind;
  /** Bounce: `Permanent`, `Transient` or `Undetermined`; complaint: the feedback type, if given. */
  readonly type: string;
  /** Bounce: SES's subtype (`General`, `NoEmail`, `Suppressed`, `OnAccountSuppressionList`, …). */
  readonly subtype?: string;
  /** The recipient's SMTP status (`5.1.1`), when SES has one; no diagnostic text (it may name people). */
  readonly status?: string;
  /** When the receiving side reported it (SES's time). */
  readonly at: string;
  /** When we recorded it. */
  readonly recordedAt: string;
  /**
   * Whether the address must not be written to again: a permanent bounce or a complaint. A
   * transient or undetermined bounce is kept for staff but does not mark the address.
   */
  readonly undeliverable: boolean;
}

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** SES ids (message and feedback ids) become key parts: a conservative alphabet. */
const sesId = z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,200}$/));
const instant = z.string().check(
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'not a time'),
  z.maxLength(40),
);

const mailSchema = z.object({
  messageId: sesId,
  timestamp: z.optional(z.string()),
  /** `ses:configuration-set`, `ses:from-domain`, … and ours (`reference`). */
  tags: z.optional(z.record(z.string(), z.array(z.string()))),
});

const bounceSchema = z.object({
  bounceType: text(40),
  bounceSubType: z.optional(text(60)),
  bouncedRecipients: z.optional(z.array(z.object({ status: z.optional(z.nullable(z.string())) }))),
  timestamp: instant,
  feedbackId: sesId,
});

const complaintSchema = z.object({
  complaintFeedbackType: z.optional(z.nullable(z.string())),
  complaintSubType: z.optional(z.nullable(z.string())),
  timestamp: instant,
  feedbackId: sesId,
});

/** The SES part of a configuration-set event (what EventBridge carries as `detail`). */
export const sesSendingEventSchema = z.union([
  z.object({ eventType: z.literal('Bounce'), mail: mailSchema, bounce: bounceSchema }),
  z.object({ eventType: z.literal('Complaint'), mail: mailSchema, complaint: complaintSchema }),
  // Any other event type (Delivery, Send, DeliveryDelay, …): recognised, then ignored. A bounce or
  // complaint without its part is malformed, not ignored.
  z.object({
    eventType: z.string().check(z.refine((type) => type !== 'Bounce' && type !== 'Complaint')),
    mail: mailSchema,
  }),
]);

export type SesSendingEvent = z.infer<typeof sesSendingEventSchema>;

/** Our ticket reference from the event's message tags; undefined when absent or not a reference. */
export function referenceOf(event: SesSendingEvent): string | undefined {
  const value = event.mail.tags?.[referenceTagName]?.[0];
  return value && referencePattern.test(value) ? value : undefined;
}

/**
 * The problem an event reports, or undefined for event types that report none. Only a permanent
 * bounce and a complaint make the address undeliverable.
 */
export function deliveryProblemOf(event: SesSendingEvent, recordedAt: string): DeliveryProblem | undefined {
  if ('bounce' in event && event.eventType === 'Bounce') {
    const { bounce } = event;
    const status = bounce.bouncedRecipients?.find((recipient) => recipient.status)?.status;
    return {
      feedbackId: bounce.feedbackId,
      sesMessageId: event.mail.messageId,
      kind: 'bounce',
      type: bounce.bounceType,
      ...(bounce.bounceSubType ? { subtype: bounce.bounceSubType } : {}),
      ...(status && /^\d\.\d{1,3}\.\d{1,3}$/.test(status) ? { status } : {}),
      at: new Date(bounce.timestamp).toISOString(),
      recordedAt,
      undeliverable: bounce.bounceType === 'Permanent',
    };
  }
  if ('complaint' in event && event.eventType === 'Complaint') {
    const { complaint } = event;
    return {
      feedbackId: complaint.feedbackId,
      sesMessageId: event.mail.messageId,
      kind: 'complaint',
      type: (complaint.complaintFeedbackType ?? 'unspecified').slice(0, 60),
      ...(complaint.complaintSubType ? { subtype: complaint.complaintSubType.slice(0, 60) } : {}),
      at: new Date(complaint.timestamp).toISOString(),
      recordedAt,
      undeliverable: true,
    };
  }
  return undefined;
}
