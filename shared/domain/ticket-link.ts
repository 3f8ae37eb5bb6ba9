/**
 * How a ticket is related to others (§7 threading), as the ticket records it: the links to a
 * follow-up or a quoted ticket, and why a mail that named a ticket started a new one instead.
 */

/** How a mail was matched to a ticket. */
export type MatchedBy = 'message-id' | 'subject-reference';

/**
 * How two tickets are related: `follow-up-of` a closed ticket (past the window, or its service
 * ended), or `quotes` another client's reference; the older ticket carries the reverse relation.
 */
export type LinkRelation = 'follow-up-of' | 'has-follow-up' | 'quotes' | 'quoted-by';

export interface TicketLink {
  readonly reference: string;
  readonly relation: LinkRelation;
  readonly at: string;
}

/**
 * Why a mail that named a ticket did not join it: the ticket was closed (or answered) too long
 * ago, its service ended, the sender is not its client, or the sender's address is not verified
 * (no DMARC pass) while only the subject's reference pointed to it.
 */
export type LinkReason = 'closed-past-window' | 'service-ended' | 'other-sender' | 'unverified-sender';
