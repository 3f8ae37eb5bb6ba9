/** In-memory adapters for unit tests. Same contracts as the DynamoDB/SQS/SES adapters. */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type {
  AuditLog,
  Clock,
  IdempotencyRecord,
  Mailer,
  MessageQueue,
  OutgoingEmail,
  SendOptions,
  TicketStore,
} from '../../ports/index.ts';

export class FixedClock implements Clock {
  #now: Date;
  constructor(now: Date | string) {
    this.#now = new Date(now);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(milliseconds: number): void {
    this.#now = new Date(this.#now.getTime() + milliseconds);
  }
}

export class MemoryTicketStore implements TicketStore {
  readonly counters = new Map<number, number>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly tickets = new Map<string, Ticket>();
  readonly outbound = new Map<string, { sesMessageId: string; sentAt: string }>();
  readonly audit: AuditRecord[] = [];
  readonly discarded = new Map<string, number>();

  async reserveReferenceBlock(year: number, size: number): Promise<number> {
    const value = (this.counters.get(year) ?? 0) + size;
    this.counters.set(year, value);
    return value;
  }
  async getIdempotency(key: string) {
    return this.idempotency.get(key);
  }
  async putIdempotency(record: IdempotencyRecord, _expiresAt: Date, audit: AuditRecord): Promise<boolean> {
    if (this.idempotency.has(record.key)) return false;
    this.idempotency.set(record.key, record);
    this.audit.push(audit);
    return true;
  }
  async createTicket(ticket: Ticket, audit: AuditRecord): Promise<'created' | 'exists'> {
    if (this.tickets.has(ticket.reference)) return 'exists';
    this.tickets.set(ticket.reference, ticket);
    this.audit.push(audit);
    return 'created';
  }
  async getTicket(reference: string) {
    return this.tickets.get(reference);
  }
  async isOutboundSent(reference: string, outboundId: string): Promise<boolean> {
    return this.outbound.has(`${reference}/${outboundId}`);
  }
  async completeOutbound(
    reference: string,
    outboundId: string,
    sent: { sesMessageId: string; sentAt: string },
    audit: AuditRecord,
  ): Promise<boolean> {
    const ticket = this.tickets.get(reference);
    if (!ticket) throw new Error(`No ticket ${reference}`);
    if (this.outbound.has(`${reference}/${outboundId}`)) return false;
    this.outbound.set(`${reference}/${outboundId}`, { sesMessageId: sent.sesMessageId, sentAt: sent.sentAt });
    this.tickets.set(reference, {
      ...ticket,
      acknowledgement: { sesMessageId: sent.sesMessageId, sentAt: sent.sentAt },
    });
    this.audit.push(audit);
    return true;
  }
  async countDiscarded(reason: string, day: string): Promise<void> {
    this.discarded.set(`${reason}/${day}`, (this.discarded.get(`${reason}/${day}`) ?? 0) + 1);
  }
  async discardedCount(reason: string, day: string): Promise<number> {
    return this.discarded.get(`${reason}/${day}`) ?? 0;
  }
}

export class MemoryQueue<M> implements MessageQueue<M> {
  readonly sent: { message: M; options: SendOptions }[] = [];
  async send(message: M, options: SendOptions): Promise<void> {
    // FIFO deduplication: a second send with the same id within the window is dropped.
    if (this.sent.some((entry) => entry.options.deduplicationId === options.deduplicationId)) return;
    this.sent.push({ message: structuredClone(message), options });
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingEmail & { messageId: string })[] = [];
  failNext = false;
  async send(email: OutgoingEmail): Promise<string> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('mailer unavailable');
    }
    const messageId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...email, messageId });
    return messageId;
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly records: AuditRecord[] = [];
  async append(records: readonly AuditRecord[]): Promise<void> {
    for (const record of records) {
      if (!this.records.some((existing) => existing.eventID === record.eventID)) this.records.push(record);
    }
  }
}
