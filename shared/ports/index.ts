/**
 * The ports: what the use cases need from the outside world. Adapters implement them against
 * DynamoDB, SQS and SES (`../adapters/*`) or in memory for unit tests.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { IntakeMessage, OutboundMessage } from '../domain/intake-message.ts';
import type { Ticket } from '../domain/ticket.ts';

export interface Clock {
  now(): Date;
}

export interface IdempotencyRecord {
  readonly key: string;
  /** Hash of the request the key was first used with. */
  readonly fingerprint: string;
  readonly message: IntakeMessage;
}

export interface TicketStore {
  /** Atomically adds `size` to `year`'s reference counter and returns the new value. */
  reserveReferenceBlock(year: number, size: number): Promise<number>;
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the record with its audit record unless the key is taken; `false` when it was. */
  putIdempotency(record: IdempotencyRecord, expiresAt: Date, audit: AuditRecord): Promise<boolean>;
  /** Creates the ticket and its audit record together; `exists` when the reference is taken. */
  createTicket(ticket: Ticket, audit: AuditRecord): Promise<'created' | 'exists'>;
  getTicket(reference: string): Promise<Ticket | undefined>;
  /** Whether `outboundId` has been sent (and recorded) already. */
  isOutboundSent(reference: string, outboundId: string): Promise<boolean>;
  /**
   * Records a completed send on the outbound item and, for an acknowledgement, on the ticket;
   * `false` when it was recorded already.
   */
  completeOutbound(
    reference: string,
    outboundId: string,
    sent: { sesMessageId: string; sentAt: string; kind: OutboundMessage['kind'] },
    audit: AuditRecord,
  ): Promise<boolean>;
  /** Counts a discarded spam submission for the day. */
  countDiscarded(reason: 'honeypot', day: string): Promise<void>;
  discardedCount(reason: 'honeypot', day: string): Promise<number>;
}

export interface SendOptions {
  readonly groupId: string;
  readonly deduplicationId: string;
}

export interface MessageQueue<M> {
  send(message: M, options: SendOptions): Promise<void>;
}

export interface OutgoingEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: readonly { name: string; value: string }[];
}

export interface Mailer {
  /** Sends and returns the provider's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface AuditLog {
  /** Appends records; appending the same eventID twice keeps one. */
  append(records: readonly AuditRecord[]): Promise<void>;
}
