/**
 * In-memory adapters for unit tests, with the same contracts as the DynamoDB, SQS and SES adapters
 * (the port contract tests in `test/integration/ports/` run the ticket-table fakes on both).
 */
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { safeMailHeaders } from '../../mail/outbound-headers.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Mailer, OutgoingEmail } from '../../ports/mailer.ts';
import type { MessageQueue, SendOptions } from '../../ports/queue.ts';
import type { SignedObject, UploadedObject, UploadTargets } from '../../ports/uploads.ts';

export { MemoryTicketDesk } from './ticket-desk.ts';
export { MemoryTicketStore } from './ticket-store.ts';
export { MemoryWorklists } from './worklists.ts';

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

export class MemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, { content: Buffer; contentType: string }>();
  async get(key: string): Promise<Buffer | undefined> {
    return this.objects.get(key)?.content;
  }
  async put(key: string, content: Buffer, contentType: string): Promise<void> {
    this.objects.set(key, { content, contentType });
  }
}

/**
 * Signed uploads in memory: `signPut` records what was signed, `upload` plays the browser's PUT
 * (with whatever it sends: tests may send something else than what was signed, as an emulator
 * would accept it).
 */
export class MemoryUploadTargets implements UploadTargets {
  readonly signed = new Map<
    string,
    {
      contentType: string;
      size: number;
      metadata: Record<string, string>;
      sha256?: string;
      ifNoneMatch?: boolean;
    }
  >();
  readonly objects = new Map<string, UploadedObject & { content: Buffer }>();
  async signPut(
    key: string,
    object: SignedObject,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    this.signed.set(key, {
      contentType: object.contentType,
      size: object.size,
      metadata: { ...object.metadata },
      ...(object.sha256 ? { sha256: object.sha256 } : {}),
      ...(object.ifNoneMatch ? { ifNoneMatch: true } : {}),
    });
    return {
      url: `https://uploads.example/${key}?signed`,
      headers: {
        'content-type': object.contentType,
        ...(object.ifNoneMatch ? { 'if-none-match': '*' } : {}),
        ...(object.sha256 ? { 'x-amz-checksum-sha256': object.sha256 } : {}),
        ...Object.fromEntries(
          Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
        ),
      },
    };
  }
  /**
   * Stores the object as the signed PUT would (with a signed checksum, S3 keeps the SHA-256 of the
   * bytes it checked), or with the given overrides.
   */
  upload(key: string, content: Buffer, overrides: Partial<UploadedObject> = {}): void {
    const signed = this.signed.get(key);
    const sha256 = signed?.sha256 ? createHash('sha256').update(content).digest('base64') : undefined;
    this.objects.set(key, {
      size: content.length,
      contentType: signed?.contentType ?? 'application/octet-stream',
      metadata: signed?.metadata ?? {},
      ...(sha256 ? { sha256 } : {}),
      ...overrides,
      content,
    });
  }
  async describe(key: string): Promise<UploadedObject | undefined> {
    const object = this.objects.get(key);
    return object
      ? {
          size: object.size,
          contentType: object.contentType,
          metadata: object.metadata,
          ...(object.sha256 ? { sha256: object.sha256 } : {}),
        }
      : undefined;
  }
}

export class MemoryQueue<M> implements MessageQueue<M> {
  readonly sent: { message: M; options: SendOptions }[] = [];
  async sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void> {
    for (const entry of entries) await this.send(entry.message, entry.options);
  }
  async send(message: M, options: SendOptions): Promise<void> {
    // FIFO deduplication: a second send with the same id within the window is dropped.
    if (this.sent.some((entry) => entry.options.deduplicationId === options.deduplicationId)) return;
    this.sent.push({ message: structuredClone(message), options });
  }
}

/** Records what the SES mailer would send: header values made safe as it makes them. */
export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingEmail & { messageId: string })[] = [];
  failNext = false;
  async send(email: OutgoingEmail): Promise<string> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('mailer unavailable');
    }
    const { from, to, subject, headers } = safeMailHeaders(email);
    const messageId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...email, from, to, subject, ...(email.headers ? { headers } : {}), messageId });
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
