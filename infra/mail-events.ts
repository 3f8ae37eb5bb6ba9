/**
 * What SES calls the events a `mail-events` trigger receives: the `detail-type` of the event on
 * EventBridge's default bus and the `eventType` of its `detail`. Shared by the CDK rule
 * (`constructs/email-sending.ts`) and the sandbox's mailbox simulator (`local/mail-events.ts`),
 * so that the two agree.
 */
import type { MailEventKind } from './inventory.ts';

export const mailEventNames: Readonly<
  Record<MailEventKind, { readonly detailType: string; readonly eventType: string }>
> = {
  bounce: { detailType: 'Email Bounced', eventType: 'Bounce' },
  complaint: { detailType: 'Email Complaint Received', eventType: 'Complaint' },
};
