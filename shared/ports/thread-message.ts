/** A message in a ticket's thread: what threading adds, send-email sends and the staff desk reads. */
import type { ReplyAttachment } from '../domain/reply-attachments.ts';
import type { MatchedBy } from '../domain/threading.ts';
import type { TicketStatus } from '../domain/ticket.ts';

/** A staff member's reply or internal note, or a client's follow-up mail, in a ticket's thread. */
export interface ThreadMessage {
  readonly id: string;
  readonly kind: 'reply' | 'note' | 'client';
  readonly at: string;
  /** Staff username; for a client's mail, the sender's address. */
  readonly author: string;
  readonly text: string;
  /** For a reply: the outbound message that carries it to the client. */
  readonly outboundId?: string;
  /** For a client's mail: its subject, its HTML (untrusted), and how it was matched to the ticket. */
  readonly subject?: string;
  readonly html?: string;
  readonly threading?: {
    readonly by: MatchedBy;
    readonly matched: string;
    /** The status the follow-up put the ticket back to, if it did. */
    readonly reopened?: TicketStatus;
    /** Automatic mail (an auto-reply): joined, but the ticket's status left alone. */
    readonly automatic?: boolean;
  };
  /**
   * For a client's mail: the files that came with it (also listed on the ticket while there is
   * room). For a reply: the files sent with it (uploads under `replies/<reference>/`, no `inline`).
   */
  readonly attachments?: readonly (ReplyAttachment & { readonly inline?: boolean })[];
  /**
   * For a client's mail: its own Message-ID, whose key (`messageIdKey`, under the client key)
   * threads a reply to it; kept so that a rectification of the client's email can move that key,
   * and erasure delete it. Absent on mail without one, and on follow-ups stored before it was kept.
   */
  readonly messageId?: string;
  /**
   * For a client's mail: its intake source (for an email, the SES message id, which names its raw
   * mail and attachments in the bucket) and the key of its intake idempotency record, so that
   * erasure of the client finds them. Absent on follow-ups stored before it was recorded.
   */
  readonly source?: {
    readonly channel: 'web' | 'email' | 'postal' | 'phone';
    readonly id: string;
    readonly idempotencyKey?: string;
  };
}
