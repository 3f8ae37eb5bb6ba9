/**
 * Whether a ticket's client is invited to the satisfaction survey (§26), or why not. The invitation
 * follows a staff member's answer or close, once per ticket, and never goes:
 * - to a sender whose service was ended (§17) — on this ticket or another of theirs (the sender's
 *   flag) — nor for a ticket closed by ending it;
 * - for automatic mail (auto-replies, bounces, list mail: RFC 3834) or mail SES judged spam;
 * - for a quarantine release whose sender could not be read (a placeholder `.invalid` address and
 *   no postal address), nor to a client with no address at all;
 * - to an email address that bounced permanently or complained about our mail (recorded on the
 *   ticket), unless the answer goes by post;
 * - on its own by post: a printed invitation alone is not posted, it travels only in a reply letter.
 * The 30-day gap per address is checked where the invitation is sent (it needs the store).
 */

import { isErased } from './pseudonymise-ticket.ts';
import type { TicketStatus } from './ticket.ts';
import { hasEmailAddress, type Ticket } from './ticket.ts';

export type SurveySkipReason =
  | 'not-settled'
  | 'service-ended'
  | 'automatic-mail'
  | 'spam'
  | 'released-without-address'
  | 'no-address'
  | 'undeliverable'
  | 'letter-without-reply'
  | 'already-invited'
  /** Checked at send time: the address had an invitation in the last 30 days. */
  | 'address-cap'
  /** The ticket was pseudonymised: it has no client left to ask. */
  | 'erased';

export type SurveyEligibility =
  | { readonly invite: true; readonly via: 'email' | 'letter' }
  | { readonly invite: false; readonly reason: SurveySkipReason };

export interface SurveyEligibilityInput {
  readonly ticket: Pick<Ticket, 'status' | 'channel' | 'client' | 'serviceEnded' | 'review' | 'screening'>;
  /**
   * The status the staff action set (a reply's or a status change's); absent, the ticket's own. Only
   * `answered` and `closed` invite.
   */
  readonly action?: TicketStatus;
  /** Whether the invitation would travel with a reply (its footer, or a reply letter). */
  readonly withReply: boolean;
  /** The bounces and complaints recorded on the ticket. */
  readonly deliveryProblems: readonly { readonly undeliverable: boolean }[];
  /** An invitation for this ticket was recorded already. */
  readonly invited: boolean;
  /** Service was ended (§17) for the ticket's sender, possibly on another ticket of theirs. */
  readonly senderServiceEnded?: boolean;
}

const settled: ReadonlySet<TicketStatus> = new Set(['answered', 'closed']);

/**
 * Whether the ticket's client gets an invitation now, and how (by email or in a reply letter); or
 * the first reason it does not, in the order of the rules above.
 */
export function surveyEligibility(input: SurveyEligibilityInput): SurveyEligibility {
  const { ticket } = input;
  const skip = (reason: SurveySkipReason): SurveyEligibility => ({ invite: false, reason });
  if (isErased(ticket)) return skip('erased');
  if (!settled.has(input.action ?? ticket.status) || !settled.has(ticket.status)) return skip('not-settled');
  if (ticket.serviceEnded || ticket.review?.reason === 'service-ended' || input.senderServiceEnded)
    return skip('service-ended');
  if (ticket.screening?.automatic) return skip('automatic-mail');
  if (ticket.screening?.spam) return skip('spam');
  const email = hasEmailAddress(ticket.client);
  if (!email && !ticket.client.postalAddress)
    // A mail whose sender could not be read gets a placeholder address when staff release it.
    return skip(ticket.channel === 'email' ? 'released-without-address' : 'no-address');
  if (email) {
    if (input.deliveryProblems.some((problem) => problem.undeliverable)) return skip('undeliverable');
  } else if (!input.withReply) return skip('letter-without-reply');
  if (input.invited) return skip('already-invited');
  return { invite: true, via: email ? 'email' : 'letter' };
}
