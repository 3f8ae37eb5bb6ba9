/**
 * A data subject's records, as the data protection officer finds, exports and erases them and as
 * the retention sweeper pseudonymises a ticket whose period is over (§5.6, §13, §24).
 *
 * Found by keyed pseudonyms (`subjectKeysOf`, `clientGroupId` in `../domain/pseudonyms.ts` and
 * `../domain/ids.ts`), never by scanning: the data-subject index (`SUBJECT#<key>` items beside
 * the tickets, written with each ticket and re-keyed by a rectification) and the client index.
 */
import type { Ticket } from '../domain/ticket.ts';
import type { ThreadMessage } from './thread-message.ts';

/** A legal hold on a ticket: retention and erasure stop for it until lifted. */
export interface LegalHold {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A file of the ticket's in the mail bucket (all its versions are the subject's). */
export interface SubjectFile {
  readonly kind: 'attachment' | 'scan' | 'reply-file' | 'letter' | 'raw-mail';
  /** The object's key in the mail bucket. */
  readonly key: string;
  /** The file's name as the client or staff gave it (the key's last part for raw mail and letters). */
  readonly name: string;
  readonly contentType?: string;
  readonly size?: number;
}

/** A message sent to the client, as the ticket's outbound item keeps it. */
export interface SubjectDelivery {
  readonly outboundId: string;
  readonly kind: string;
  readonly at?: string;
  readonly sendState?: string;
  readonly to?: string;
  readonly subject?: string;
}

/** Everything a ticket holds of its client. */
export interface SubjectTicketRecords {
  readonly ticket: Ticket & {
    readonly legalHold?: LegalHold;
    readonly erasedAt?: string;
    /** Set when an erasure claimed the ticket (its start); gone once it is erased. */
    readonly erasing?: string;
  };
  readonly messages: readonly ThreadMessage[];
  readonly deliveries: readonly SubjectDelivery[];
  readonly files: readonly SubjectFile[];
  readonly survey?: {
    readonly satisfaction: number;
    readonly answered: string;
    readonly comment?: string;
  };
}

/** An assistant question whose text named the subject's email or phone (masked in the log). */
export interface SubjectQuestion {
  readonly id: string;
  readonly askedAt: string;
  readonly text: string;
}

export interface DataSubjectRecords {
  /** The references of the tickets any of `keys` (subject keys and client keys) points at, oldest first. */
  ticketsOf(keys: readonly string[]): Promise<string[]>;
  /** What the ticket holds; undefined when there is no such ticket. */
  ticketRecords(reference: string): Promise<SubjectTicketRecords | undefined>;
  /** The assistant questions linked to any of `keys`, but none past its expiry at `now` (TTL deletes late). */
  questionsOf(keys: readonly string[], now: Date): Promise<SubjectQuestion[]>;
}

/** What erasing (or a retention run pseudonymising) one ticket came to. */
export type TicketErasureOutcome =
  | { readonly outcome: 'erased' }
  /** Pseudonymised before: nothing changed. */
  | { readonly outcome: 'already' }
  | { readonly outcome: 'held'; readonly hold: LegalHold }
  | { readonly outcome: 'missing' };

export interface TicketErasure {
  /**
   * Pseudonymises the ticket — keeps its unit, channel, dates, status and outcome, so that the
   * figures stay exactly as they were — and deletes its texts, its files (every version), the
   * data-subject exports that hold it, its survey comment, its threading and index keys.
   *
   * First claims the ticket (`erasing`, only if it is under no legal hold): from then on no hold
   * can be set, so none can come too late for files already deleted. Idempotent and resumable: a
   * run that stopped half-way (claim taken, not finished) is finished by the next. Refused
   * (`held`) while the ticket is under legal hold.
   */
  eraseTicket(
    reference: string,
    erasure: { readonly basis: string; readonly by: string; readonly at: string },
  ): Promise<TicketErasureOutcome>;
}

/**
 * Which tickets each data-subject export (`exports/<id>.zip`) holds, for as long as the ZIP lives:
 * erasing one of them deletes the ZIP (every version) before its 7 days are over.
 */
export interface SubjectExports {
  /** Records that the object `key` holds `references`; the records go by `expiresAt` (epoch seconds). */
  recordExport(
    exportId: string,
    key: string,
    references: readonly string[],
    expiresAt: number,
  ): Promise<void>;
}
