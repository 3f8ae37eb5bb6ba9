/**
 * Mail that real servers send, through ingest-email and process-intake (memory adapters): each
 * fixture of the corpus becomes a ticket with its text exact, or a quarantine entry with its
 * reason; and a mail that a service refuses after it was read is quarantined, not retried to
 * exhaustion, while a busy or failing service still makes the event be retried.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { isRetryable } from '../../../shared/retryable-error.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { type InboundMail, ingestEmail } from '../../../shared/use-cases/ingest-email.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';
import { fixtureDirectory, mailFixtures } from '../../fixtures/mail/generate-fixtures.ts';
import { latvianRequest, latvianSubject } from '../../fixtures/mail/real-world-fixtures.ts';

/** An SDK-shaped error, as S3, SQS or DynamoDB throw it. */
function awsError(name: string, status: number | undefined, extra: Record<string, unknown> = {}): Error {
  const error = new Error(`${name}: the value "Content-Type: PDF" is refused`);
  error.name = name;
  Object.assign(error, status === undefined ? {} : { $metadata: { httpStatusCode: status } }, extra);
  return error;
}

/**
 * A blob store that refuses as S3 does what is no header value, and fails the next puts as told.
 * (Before the values were normalised, `Content-Type: application/pdf X-Injected` reached S3.)
 */
class StrictBlobStore extends MemoryBlobStore {
  failures: Error[] = [];
  override async put(key: string, content: Buffer, contentType: string): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (!/^[\x21-\x7e]+\/[\x21-\x7e]+$/.test(contentType)) throw awsError('InvalidArgument', 400);
    await super.put(key, content, contentType);
  }
}

/** A queue that fails the next sends as told. */
class FailingQueue extends MemoryQueue<IntakeMessage> {
  failures: Error[] = [];
  override async send(...args: Parameters<MemoryQueue<IntakeMessage>['send']>): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    await super.send(...args);
  }
}

function system() {
  const store = new MemoryTicketStore();
  const blobs = new StrictBlobStore();
  const intakeQueue = new FailingQueue();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const deps = {
    store,
    blobs,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
    isRetryable,
  };
  const intake = {
    store,
    outboundQueue: new MemoryQueue<OutboundMessage>(),
    clock,
    backlog: new BacklogCache(store, clock),
    reopenWindowDays: 30,
  };
  const event = (messageId: string): InboundMail => ({
    messageId,
    receivedAt: '2026-11-27T09:59:00.000Z',
    recipients: ['palidziba@courtdesk.localhost'],
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  });
  return {
    store,
    blobs,
    intakeQueue,
    audit,
    deps,
    event,
    /** SES stored the file's bytes; ingest-email runs on its event. */
    async ingest(messageId: string, raw: Buffer) {
      blobs.objects.set(`raw-mail/${messageId}`, { content: raw, contentType: 'message/rfc822' });
      return ingestEmail(deps, event(messageId));
    },
    /** process-intake takes what is queued. */
    async process() {
      return processIntakeMessages(
        intake,
        intakeQueue.sent.map((entry) => entry.message),
      );
    },
  };
}

const fixture = (name: string): Buffer => readFileSync(join(fixtureDirectory, name));
const latvianBody = `${latvianRequest.replace(/\r\n/g, '\n')}\n`;

describe('the real-world fixtures through ingest-email and process-intake', () => {
  it.each(['undeclared-windows-1257.eml', 'undeclared-utf8.eml', 'us-ascii-windows-1257.eml'])(
    '%s becomes a Latvian ticket with its text, subject and name exact',
    async (name) => {
      const s = system();

      const outcome = await s.ingest(name, fixture(name));
      const [processed] = await s.process();

      expect(outcome.outcome).toBe('enqueued');
      if (!processed || processed instanceof Error) throw processed ?? new Error('not processed');
      const ticket = s.store.tickets.get(processed.reference);
      expect(ticket).toMatchObject({
        channel: 'email',
        language: 'lv',
        subject: latvianSubject,
        client: { name: 'Ģirts Šķēle', email: 'girts.skele@pasts.example' },
      });
      expect(ticket?.body).toBe(latvianBody);
      expect(JSON.stringify(ticket)).not.toContain('\ufffd');
    },
  );

  it('content-type-invalid.eml becomes a ticket whose attachments S3 stores with a valid type', async () => {
    const s = system();

    const outcome = await s.ingest('ct', fixture('content-type-invalid.eml'));
    const [processed] = await s.process();

    expect(outcome.outcome).toBe('enqueued');
    if (!processed || processed instanceof Error) throw processed ?? new Error('not processed');
    expect(s.store.quarantined.size).toBe(0);
    const [sent] = s.intakeQueue.sent;
    expect(sent?.message.attachments?.map(({ filename, contentType }) => [filename, contentType])).toEqual([
      ['izzina.pdf', 'application/pdf'],
      ['a.pdf', 'application/pdf'],
      ['x', 'image/jpeg'],
      ['rēķinsfdp.exe', 'application/octet-stream'],
    ]);
    expect([...s.blobs.objects.entries()].filter(([key]) => key.startsWith('attachments/'))).toEqual([
      ['attachments/ct/1', expect.objectContaining({ contentType: 'application/pdf' })],
      ['attachments/ct/2', expect.objectContaining({ contentType: 'application/pdf' })],
      ['attachments/ct/3', expect.objectContaining({ contentType: 'image/jpeg' })],
      ['attachments/ct/4', expect.objectContaining({ contentType: 'application/octet-stream' })],
    ]);
    expect(s.store.tickets.get(processed.reference)?.subject).toBe('Dokumenti pielikumā');
  });

  it('takes every fixture of the corpus to a ticket or a quarantine entry with its reason', async () => {
    const s = system();
    const outcomes = new Map<string, string>();
    for (const [name, raw] of mailFixtures()) {
      const outcome = await s.ingest(name, raw);
      outcomes.set(
        name,
        outcome.outcome === 'quarantined' ? `quarantined: ${outcome.reason}` : outcome.outcome,
      );
    }
    const processed = await s.process();

    expect(Object.fromEntries([...outcomes].filter(([, outcome]) => outcome !== 'enqueued'))).toEqual({
      'no-from.eml': 'quarantined: no-sender',
      'nested-12.eml': 'quarantined: too-deep',
      'parts-120.eml': 'quarantined: too-many-parts',
    });
    expect(processed.filter((outcome) => outcome instanceof Error)).toEqual([]);
    expect(processed).toHaveLength(mailFixtures().size - 3);
    for (const record of s.store.quarantined.values()) expect(record.detail).not.toBe('');
  });
});

describe('a mail a service refuses after it was read', () => {
  const raw = fixture('content-type-invalid.eml');

  it.each([
    ['S3 refusing a value', 'blobs', awsError('InvalidArgument', 400)],
    ['SQS refusing the message', 'queue', awsError('InvalidParameterValue', 400)],
    [
      'a value Node refuses as a header',
      'blobs',
      Object.assign(new TypeError('Invalid character'), { code: 'ERR_INVALID_CHAR' }),
    ],
  ])('is quarantined with its reason on %s, not thrown', async (_case, where, error) => {
    const s = system();
    if (where === 'blobs') s.blobs.failures.push(error);
    else s.intakeQueue.failures.push(error);

    const outcome = await s.ingest('refused', raw);

    expect(outcome).toEqual({ outcome: 'quarantined', reason: 'ingest-failed' });
    const record = s.store.quarantined.get('refused');
    expect(record).toMatchObject({ reason: 'ingest-failed', rawKey: 'quarantine/refused' });
    expect(record?.detail).toContain(error.name);
    // The error's text may quote the mail: never in the record.
    expect(record?.detail).not.toContain('PDF');
    expect(s.blobs.objects.get('quarantine/refused')?.content.equals(raw)).toBe(true);
    expect(s.intakeQueue.sent).toEqual([]);
    expect(s.audit.records.map((entry) => entry.eventName)).toEqual(['QuarantineMail']);
  });

  it.each([
    ['throttling', awsError('SlowDown', 503)],
    ['a DynamoDB throttle', awsError('ProvisionedThroughputExceededException', 400)],
    ['a 5xx', awsError('InternalError', 500)],
    ['a lost connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', awsError('TimeoutError', undefined)],
    ['an error the SDK calls retryable', awsError('SomethingNew', 400, { $retryable: {} })],
  ])('is thrown on %s, so the event is retried, and the retry makes the ticket', async (_case, error) => {
    const s = system();
    s.blobs.failures.push(error);

    await expect(s.ingest('busy', raw)).rejects.toBe(error);
    expect(s.store.quarantined.size).toBe(0);
    const retried = await ingestEmail(s.deps, s.event('busy'));

    expect(retried.outcome).toBe('enqueued');
    expect(s.intakeQueue.sent).toHaveLength(1);
  });

  it('is quarantined when the queue refuses the message a redelivered event finds recorded', async () => {
    const s = system();
    // The first attempt recorded the message and then lost its connection to SQS.
    s.intakeQueue.failures.push(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    await expect(s.ingest('twice', raw)).rejects.toThrow('reset');
    s.intakeQueue.failures.push(awsError('InvalidParameterValue', 400));

    const outcome = await ingestEmail(s.deps, s.event('twice'));

    expect(outcome).toEqual({ outcome: 'quarantined', reason: 'ingest-failed' });
    expect(s.store.quarantined.get('twice')?.reason).toBe('ingest-failed');
  });

  it('is thrown during a release, so the supervisor sees it fail and the mail stays held', async () => {
    const s = system();
    const refused = awsError('InvalidArgument', 400);
    s.blobs.failures.push(refused);
    expect((await s.ingest('held', raw)).outcome).toBe('quarantined');
    s.blobs.failures.push(refused);

    await expect(
      ingestEmail(s.deps, s.event('held'), { by: 'supervisor.nodevas', rawKey: 'quarantine/held' }),
    ).rejects.toBe(refused);
    expect(s.intakeQueue.sent).toEqual([]);
  });
});
