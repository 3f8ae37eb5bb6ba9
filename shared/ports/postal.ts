/**
 * The mailroom's records: registrations of paper letters, settled by ingest-postal when
 * their scan arrives, and the letters courtdesk prints for clients without an email address,
 * listed until the mailroom records their dispatch. Adapters: `../adapters/dynamodb/postal-desk.ts`
 * and, for unit tests, `../adapters/memory/postal.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { PostRegistration } from '../domain/postal-registration.ts';

/** How a registration is settled: accepted with its ticket's reference, or refused with a reason. */
export type RegistrationSettlement = Required<Pick<PostRegistration, 'state' | 'settledAt'>> &
  Pick<PostRegistration, 'reference' | 'scan' | 'refusal'>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

/** A letter to print: one message to a client who has no email address. */
export interface LetterRecord {
  readonly reference: string;
  /** The outbound message's id: one letter per message to the client. */
  readonly letterId: string;
  /** What it says: the acknowledgement, a reply, or a notice. */
  readonly kind: string;
  /** The PDF in the mail bucket (`letters/<reference>/<letterId>.pdf`). */
  readonly key: string;
  readonly size: number;
  readonly createdAt: string;
  /** The addressee, for the mailroom's list (the address is printed in the letter). */
  readonly recipientName: string;
  readonly competence: string;
  /** Files a reply carried, to be printed and enclosed with it. */
  readonly enclosures?: readonly { readonly key: string; readonly filename: string }[];
  readonly dispatch?: LetterDispatch;
}

export interface LetterDispatch {
  readonly by: string;
  readonly at: string;
  /** The day it went out, `YYYY-MM-DD`. */
  readonly dispatchedOn: string;
  readonly registeredMailNumber?: string;
}

export type LetterState = 'pending' | 'dispatched';

export interface PostalDesk {
  /** Stores a new registration with its audit record (never over an existing id). */
  register(registration: PostRegistration, audit: AuditRecord): Promise<void>;
  getRegistration(id: string): Promise<PostRegistration | undefined>;
  /** The newest registrations first. */
  listRegistrations(page: {
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<Page<PostRegistration>>;
  /**
   * Settles a registration that awaits its scan, with the audit record when one is given; `false`
   * when it was settled already (by an earlier delivery of the same S3 event).
   */
  settle(id: string, settlement: RegistrationSettlement, audit?: AuditRecord): Promise<boolean>;
  /** Letters in `state`, oldest first. */
  listLetters(
    state: LetterState,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<LetterRecord>>;
  getLetter(reference: string, letterId: string): Promise<LetterRecord | undefined>;
  /** Records the dispatch with its audit record; `false` when it was recorded already. */
  dispatch(
    letter: Pick<LetterRecord, 'reference' | 'letterId'>,
    dispatch: LetterDispatch,
    audit: AuditRecord,
  ): Promise<boolean>;
}
