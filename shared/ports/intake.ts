/**
 * What the intake side needs of the tickets table: reference numbers a block at a time, the web
 * form's (and the phone's) idempotency records, and new tickets written with their audit records.
 * Users: ingest-email, ingest-web, ingest-postal and staff-api (references, idempotency),
 * process-intake (new tickets).
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { IntakeMessage } from '../domain/intake-message.ts';
import type { TicketLink } from '../domain/threading.ts';
import type { Ticket } from '../domain/ticket.ts';

export interface ReferenceBlocks {
  /** Atomically adds `size` to `year`'s reference counter and returns the new value. */
  reserveReferenceBlock(year: number, size: number): Promise<number>;
}

export interface IdempotencyRecord {
  readonly key: string;
  /** Hash of the request the key was first used with. */
  readonly fingerprint: string;
  readonly message: IntakeMessage;
}

/**
 * Idempotency records expire (`expiresAt`, the DynamoDB TTL, from the retention schedule's
 * `idempotency-item`); TTL deletes up to two days late, so a record past it at `now` is not there.
 */
export interface IdempotencyStore {
  /** The record of `key`, unless there is none or it has expired at `now`. */
  getIdempotency(key: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /** Stores the record unless the key is taken by one not expired at `now`; `false` when it was. */
  putIdempotency(record: IdempotencyRecord, expiresAt: Date, now: Date): Promise<boolean>;
}

export interface NewTicket {
  readonly ticket: Ticket;
  readonly audit: AuditRecord;
  /** Message-id keys (`messageIdKey`) that thread to this ticket from now on: the mail's own. */
  readonly threadKeys?: readonly string[];
  /** The reverse link, recorded on the older ticket a follow-up or quoting mail named. */
  readonly linkBack?: { readonly reference: string; readonly link: TicketLink };
}

export interface TicketIntake {
  /**
   * Creates each ticket together with its audit record, in as few requests as it can; answers per
   * entry, in order, `exists` when the reference was taken already (a redelivered message), or the
   * error that entry failed with. One entry's failure never fails the others.
   */
  createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]>;
}
