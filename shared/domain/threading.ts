/**
 * Threading (§7): whether a client's mail continues a ticket or starts one. A mail joins a ticket
 * when its In-Reply-To or References name a message we sent or received on that ticket, or when
 * its subject quotes the ticket's reference and the sender is the ticket's client. A reference
 * quoted by anyone else never attaches to that ticket (its client's data would be mixed with a
 * stranger's): it starts a new ticket, linked for staff. A follow-up to a closed ticket reopens it
 * within a window, and otherwise starts a new linked ticket. Every outcome says why.
 */
import { clientGroupId, sha256Hex } from './ids.ts';
import type { Ticket, TicketStatus } from './ticket.ts';
import type { LinkReason, MatchedBy } from './ticket-link.ts';

export type { LinkReason, LinkRelation, MatchedBy, TicketLink } from './ticket-link.ts';

/** Days after closing within which a client's follow-up reopens a ticket (default of the config). */
export const defaultReopenWindowDays = 30;

/** What the mail's own fields offer for threading. */
export interface FollowUpClues {
  /** Message ids from In-Reply-To then References (newest first), without angle brackets. */
  readonly messageIds: readonly string[];
  /** Ticket references quoted in the subject. */
  readonly subjectReferences: readonly string[];
  /** Automatic mail (auto-reply, bounce): joins a ticket but never reopens it. */
  readonly automatic?: boolean;
}

/** A candidate ticket the clues point to, and the clue that matched. */
export interface Candidate {
  readonly ticket: Ticket;
  readonly by: MatchedBy;
  /** The message id or reference that matched. */
  readonly matched: string;
}

export type ThreadingDecision =
  /** Nothing matched: an ordinary new ticket. */
  | { readonly kind: 'new' }
  /** Joins the ticket; `reopenTo` when the follow-up puts it back to work. */
  | {
      readonly kind: 'join';
      readonly candidate: Candidate;
      readonly reopenTo?: TicketStatus;
    }
  /** A new ticket, linked to the candidate's. */
  | {
      readonly kind: 'new-linked';
      readonly candidate: Candidate;
      readonly relation: 'follow-up-of' | 'quotes';
      readonly why: LinkReason;
    };

/**
 * Decides for a mail from `senderEmail` received at `receivedAt`, given the ticket its message ids
 * matched (if any) and the ticket its subject's reference names (if any). Only the ticket's own
 * client continues it: a message id of ours proves the mail answers our mail, not that its sender
 * is the client (a forwarded or copied mail), and a quoted reference proves nothing at all — so the
 * subject's reference counts only from a sender whose address passed DMARC.
 */
export function decideThreading(input: {
  readonly senderEmail: string;
  /** Whether the From address is authenticated (SES's DMARC verdict PASS). */
  readonly senderVerified: boolean;
  readonly receivedAt: string;
  readonly automatic: boolean;
  readonly byMessageId?: Candidate | undefined;
  readonly bySubject?: Candidate | undefined;
  readonly reopenWindowDays: number;
}): ThreadingDecision {
  const sameClient = (ticket: Ticket) =>
    clientGroupId(ticket.client.email) === clientGroupId(input.senderEmail);
  let candidate = input.byMessageId;
  if (candidate && !sameClient(candidate.ticket))
    return { kind: 'new-linked', candidate, relation: 'quotes', why: 'other-sender' };
  if (!candidate && input.bySubject) {
    if (!sameClient(input.bySubject.ticket))
      return { kind: 'new-linked', candidate: input.bySubject, relation: 'quotes', why: 'other-sender' };
    if (!input.senderVerified)
      return { kind: 'new-linked', candidate: input.bySubject, relation: 'quotes', why: 'unverified-sender' };
    candidate = input.bySubject;
  }
  if (!candidate) return { kind: 'new' };
  const { ticket } = candidate;
  if (ticket.serviceEnded && !input.automatic)
    return { kind: 'new-linked', candidate, relation: 'follow-up-of', why: 'service-ended' };
  if (input.automatic || ticket.status === 'new' || ticket.status === 'open')
    return { kind: 'join', candidate };
  if (ticket.status === 'closed' || ticket.status === 'answered') {
    const windowEnds = Date.parse(settledAtOf(ticket)) + input.reopenWindowDays * 24 * 3600 * 1000;
    if (Date.parse(input.receivedAt) > windowEnds)
      return { kind: 'new-linked', candidate, relation: 'follow-up-of', why: 'closed-past-window' };
  }
  // Answered, waiting on the client, or closed within the window: back to work. A ticket nobody
  // took goes back to the queue, else to its assignee.
  return { kind: 'join', candidate, reopenTo: ticket.assignee ? 'open' : 'new' };
}

/**
 * When the ticket was settled: its last change to its present status (closed or answered), or when
 * it was stored if none is recorded.
 */
export function settledAtOf(ticket: Ticket): string {
  const changes = ticket.statusChanges ?? [];
  for (let i = changes.length - 1; i >= 0; i -= 1) {
    const change = changes[i];
    if (change?.to === ticket.status) return change.at;
  }
  return ticket.serviceEnded?.at ?? ticket.storedAt;
}

/** Whether a join changes the ticket's status (a reopened ticket counts as open again). */
export function reopens(decision: ThreadingDecision): decision is Extract<
  ThreadingDecision,
  { kind: 'join' }
> & {
  reopenTo: TicketStatus;
} {
  return decision.kind === 'join' && decision.reopenTo !== undefined;
}

const referencePattern = /\bTA-\d{4}-\d{6,9}\b/gi;

/** The ticket references quoted in a subject, upper-cased, at most five, in order. */
export function subjectReferences(subject: string): string[] {
  const found = subject.match(referencePattern) ?? [];
  return [...new Set(found.map((reference) => reference.toUpperCase()))].slice(0, 5);
}

/**
 * The key a message id is stored and looked up by. SES gives our messages the Message-ID
 * `<sesMessageId@region.amazonses.com>`, so for those the SES id alone is the key. Any other id is
 * the sender's own and is keyed together with the sender (`clientKey`, see `clientGroupId`): a
 * Message-ID is chosen by whoever sends the mail, so someone else reusing a client's id must never
 * reach that client's ticket. Hashed, so that a key stays short whatever the id's length or script.
 */
export function messageIdKey(messageId: string, clientKey: string): string {
  const id = messageId.trim().replace(/^<+/, '').replace(/>+$/, '');
  const at = id.lastIndexOf('@');
  if (at > 0 && /(^|\.)amazonses\.com$/i.test(id.slice(at + 1))) return sesMessageIdKey(id.slice(0, at));
  return `id:${sha256Hex(`${clientKey}\u0000${id}`)}`;
}

/** The key of a message SES sent for us, by the id SES returned (hashed when it is not a plain id). */
export function sesMessageIdKey(sesMessageId: string): string {
  return /^[A-Za-z0-9._-]{1,200}$/.test(sesMessageId)
    ? `ses:${sesMessageId}`
    : `ses:#${sha256Hex(sesMessageId)}`;
}

/** The clues of a mail: In-Reply-To, then References newest first; at most 20 ids. */
export function messageIdClues(inReplyTo: string | undefined, references: readonly string[]): string[] {
  const ids = [...(inReplyTo ? [inReplyTo] : []), ...[...references].reverse()];
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= 998))].slice(
    0,
    20,
  );
}
