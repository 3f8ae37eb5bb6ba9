/**
 * A scan's S3 event through ingest-postal: the registration it belongs to is settled
 * accepted or refused (once), an accepted letter is enqueued on intake.fifo as a `postal` request
 * (on every delivery, with the same ids), a refused or unregistered file is deleted.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryPostalDesk } from '../../../shared/adapters/memory/postal.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import type { PostRegistration } from '../../../shared/domain/postal-registration.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { MessageQueue, SendOptions } from '../../../shared/ports/queue.ts';
import { inspectScan } from '../../../shared/postal/inspect-scan.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import {
  type IngestPostalDeps,
  ingestPostalScan,
  ScanChangedAfterAcceptance,
  type ScanFiles,
  ScanMissing,
} from '../../../shared/use-cases/ingest-postal.ts';
import { processIntakeMessage } from '../../../shared/use-cases/process-intake-message.ts';
import {
  corruptPdf,
  encryptedPdf,
  imageOnlyPdf,
  textPdf,
  windowsExecutable,
} from '../../support/scan-fixtures.ts';

const maxScanBytes = 64 * 1024;
const letterText = 'Labdien! Lūdzu atmaksāt pārmaksāto valsts nodevu lietā Nr. C-1234.';

/** The scans in the bucket, with every read and deletion counted. */
class MemoryScanFiles implements ScanFiles {
  readonly objects = new Map<string, Buffer>();
  readonly deleted: string[] = [];
  reads = 0;
  async get(key: string): Promise<Buffer | undefined> {
    this.reads += 1;
    return this.objects.get(key);
  }
  async delete(key: string): Promise<void> {
    this.deleted.push(key);
    this.objects.delete(key);
  }
}

/** Keeps every send, as SQS accepts them (its deduplication is what the second send relies on). */
class RecordingQueue<M> implements MessageQueue<M> {
  readonly sent: { message: M; options: SendOptions }[] = [];
  async send(message: M, options: SendOptions): Promise<void> {
    this.sent.push({ message: structuredClone(message), options });
  }
  async sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void> {
    for (const entry of entries) await this.send(entry.message, entry.options);
  }
}

function system(now = '2026-11-27T10:00:00Z') {
  const store = new MemoryTicketStore();
  const desk = new MemoryPostalDesk();
  const scans = new MemoryScanFiles();
  const intakeQueue = new RecordingQueue<IntakeMessage>();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock(now);
  let deps: IngestPostalDeps = {
    desk,
    scans,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), 1),
    inspect: (bytes) => inspectScan(bytes, { maxBytes: maxScanBytes }),
    scansPrefix: 'scans/',
    maxScanBytes,
  };

  /** Stores a registration awaiting its scan, as registerPost would. */
  const register = (fields: Partial<PostRegistration> = {}): PostRegistration => {
    const registration: PostRegistration = {
      id: randomUUID(),
      state: 'awaiting-scan',
      createdAt: '2026-11-27T09:30:00.000Z',
      registeredBy: 'mailroom',
      sender: {
        name: 'Jānis Bērziņš',
        postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
      },
      receivedOn: '2026-11-25',
      registeredMailNumber: 'RR123456789LV',
      topic: 'court-fees',
      language: 'lv',
      file: { filename: 'vēstule.pdf', contentType: 'application/pdf', size: 1 },
      ...fields,
    };
    desk.registrations.set(registration.id, registration);
    return registration;
  };

  /** Puts `bytes` at the registration's key and delivers the S3 event (`size` as S3 reports it). */
  const arrive = async (registration: PostRegistration, bytes: Uint8Array, size = bytes.length) => {
    const key = `scans/${registration.id}`;
    scans.objects.set(key, Buffer.from(bytes));
    return ingestPostalScan(deps, { key, size, requestId: `s3-${registration.id}` });
  };

  return {
    store,
    desk,
    scans,
    intakeQueue,
    audit,
    clock,
    get deps() {
      return deps;
    },
    set deps(changed: IngestPostalDeps) {
      deps = changed;
    },
    register,
    arrive,
  };
}

describe('an accepted scan', () => {
  it('settles the registration with a reference and enqueues the letter as a postal request', async () => {
    // Prepare: a letter that arrived on Wednesday, registered on Friday.
    const s = system();
    const registration = s.register();
    const scan = await textPdf([letterText, 'Ar cieņu, Jānis Bērziņš']);

    // Act
    const outcome = await s.arrive(registration, scan);

    // Assess: the registration is accepted with the ticket's reference and what the scan held.
    const settled = s.desk.registrations.get(registration.id);
    expect(outcome).toEqual({
      outcome: 'enqueued',
      reference: settled?.reference,
      needsTranscription: false,
    });
    expect(settled).toMatchObject({
      state: 'accepted',
      reference: expect.stringMatching(/^TA-2026-\d{6}$/),
      scan: { kind: 'pdf', pages: 2, needsTranscription: false },
      settledAt: '2026-11-27T10:00:00.000Z',
    });
    expect(s.scans.deleted).toEqual([]);

    expect(s.intakeQueue.sent).toHaveLength(1);
    const [entry] = s.intakeQueue.sent;
    const message = entry?.message as IntakeMessage;
    expect(message).toMatchObject({
      kind: 'new-request',
      channel: 'postal',
      reference: settled?.reference,
      sourceId: `postal:${registration.id}`,
      // Midnight of 25 November in Riga (UTC+2 in winter): it queues ahead of what came later.
      receivedAt: '2026-11-24T22:00:00.000Z',
      language: 'lv',
      topic: 'court-fees',
      postal: {
        registrationId: registration.id,
        receivedOn: '2026-11-25',
        registeredMailNumber: 'RR123456789LV',
        registeredBy: 'mailroom',
        scan: { kind: 'pdf', pages: 2 },
        needsTranscription: false,
      },
    });
    expect(message.client).toEqual({
      name: 'Jānis Bērziņš',
      email: expect.stringMatching(/^post-[0-9a-f]{24}@post\.invalid$/),
      postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
    });
    expect(message.body).toContain('pārmaksāto valsts nodevu lietā Nr. C-1234');
    expect(message.body).toContain('Ar cieņu, Jānis Bērziņš');
    expect(message.subject).toContain('RR123456789LV');
    expect(message.attachments).toEqual([
      {
        key: `scans/${registration.id}`,
        filename: 'vēstule.pdf',
        contentType: 'application/pdf',
        size: scan.length,
        inline: false,
      },
    ]);
    expect(entry?.options).toEqual({
      groupId: clientGroupId(message.client.email),
      deduplicationId: `postal-${registration.id}`,
    });
    // Nothing is audited here: process-intake's CreateTicket record carries the origin.
    expect(s.audit.records).toEqual([]);
    expect(message.origin).toMatchObject({ requestId: `s3-${registration.id}` });
  });

  it('counts a letter from the start of its Riga day in summer too (UTC+3)', async () => {
    const s = system('2026-07-03T10:00:00Z');
    const registration = s.register({ createdAt: '2026-07-03T09:00:00.000Z', receivedOn: '2026-07-01' });
    await s.arrive(registration, await textPdf([letterText]));
    expect(s.intakeQueue.sent[0]?.message.receivedAt).toBe('2026-06-30T21:00:00.000Z');
  });

  it('counts a letter registered the day it arrived from its registration, Riga’s day deciding', async () => {
    const s = system();
    const today = s.register({ receivedOn: '2026-11-27' });
    // 01:30 in Riga on the 27th is still the 26th in UTC.
    const afterMidnight = s.register({ createdAt: '2026-11-26T23:30:00.000Z', receivedOn: '2026-11-27' });
    const scan = await textPdf([letterText]);
    await s.arrive(today, scan);
    await s.arrive(afterMidnight, scan);
    expect(s.intakeQueue.sent.map((entry) => entry.message.receivedAt)).toEqual([
      '2026-11-27T09:30:00.000Z',
      '2026-11-26T23:30:00.000Z',
    ]);
  });

  it('gives a sender without email one placeholder address in .invalid, another sender another', async () => {
    // Prepare
    const s = system();
    const scan = await textPdf([letterText]);
    const first = s.register();
    const again = s.register({
      sender: {
        name: ' jānis  BĒRZIŅŠ ',
        postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
      },
    });
    const neighbour = s.register({
      sender: {
        name: 'Jānis Bērziņš',
        postalAddress: { addressLine: 'Brīvības iela 12-4', place: 'Rīga', postalCode: 'LV-1050' },
      },
    });
    const withEmail = s.register({
      sender: {
        name: 'Jānis Bērziņš',
        email: 'janis@example.lv',
        phone: '+37129123456',
        postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
      },
    });

    // Act
    for (const registration of [first, again, neighbour, withEmail]) await s.arrive(registration, scan);

    // Assess
    const clients = s.intakeQueue.sent.map((entry) => entry.message.client);
    const groups = s.intakeQueue.sent.map((entry) => entry.options.groupId);
    expect(clients[0]?.email).toMatch(/@post\.invalid$/);
    expect(clients[1]?.email).toBe(clients[0]?.email);
    expect(groups[1]).toBe(groups[0]);
    expect(clients[2]?.email).toMatch(/@post\.invalid$/);
    expect(clients[2]?.email).not.toBe(clients[0]?.email);
    expect(groups[2]).not.toBe(groups[0]);
    expect(clients[3]).toMatchObject({ email: 'janis@example.lv', phone: '+37129123456' });
    expect(clients[3]?.postalAddress).toEqual(first.sender.postalAddress);
  });

  it('takes the subject the mailroom gave, and marks a scan without text for transcription', async () => {
    const s = system();
    const registration = s.register({ subject: 'Par nodevu' });
    const outcome = await s.arrive(registration, await imageOnlyPdf(1));
    expect(outcome).toMatchObject({ outcome: 'enqueued', needsTranscription: true });
    expect(s.desk.registrations.get(registration.id)?.scan).toEqual({
      kind: 'pdf',
      pages: 1,
      needsTranscription: true,
    });
    expect(s.intakeQueue.sent[0]?.message).toMatchObject({
      subject: 'Par nodevu',
      postal: { needsTranscription: true },
    });
  });

  it('enqueues the same message again on a second delivery: one reference, one ticket', async () => {
    // Prepare
    const s = system();
    const registration = s.register();
    const scan = await textPdf([letterText]);

    // Act: S3 delivers the event twice.
    const first = await s.arrive(registration, scan);
    const second = await s.arrive(registration, scan);

    // Assess: the same reference, no second one allocated, the same message and ids.
    expect(second).toEqual(first);
    expect(s.store.counters.get(2026)).toBe(1);
    expect(s.desk.registrations.get(registration.id)?.reference).toBe(
      first.outcome === 'enqueued' ? first.reference : undefined,
    );
    expect(s.intakeQueue.sent).toHaveLength(2);
    const [one, two] = s.intakeQueue.sent;
    expect(two?.options).toEqual(one?.options);
    expect(two?.message.sourceId).toBe(one?.message.sourceId);
    expect(two?.message).toEqual(one?.message);

    // process-intake makes one ticket of both.
    const intake = {
      store: s.store,
      outboundQueue: new MemoryQueue<OutboundMessage>(),
      clock: s.clock,
      backlog: new BacklogCache(s.store, s.clock),
    };
    const outcomes = [];
    for (const entry of s.intakeQueue.sent) outcomes.push(await processIntakeMessage(intake, entry.message));
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['created', 'exists']);
    expect(s.store.tickets.size).toBe(1);
    const ticket = [...s.store.tickets.values()][0];
    expect(ticket).toMatchObject({
      channel: 'postal',
      competence: 'court-fees',
      receivedAt: '2026-11-24T22:00:00.000Z',
      client: { postalAddress: { postalCode: 'LV-1050' } },
    });
  });

  it('refuses to touch an accepted ticket when its scan was replaced by something unreadable', async () => {
    const s = system();
    const registration = s.register();
    await s.arrive(registration, await textPdf([letterText]));
    await expect(s.arrive(registration, corruptPdf())).rejects.toBeInstanceOf(ScanChangedAfterAcceptance);
    expect(s.desk.registrations.get(registration.id)?.state).toBe('accepted');
    expect(s.intakeQueue.sent).toHaveLength(1);
    expect(s.scans.deleted).toEqual([]);
  });
});

describe('a refused scan', () => {
  const big = () => new Uint8Array(maxScanBytes + 1).fill(0x25);
  it.each([
    ['a renamed executable', () => windowsExecutable(), undefined, 'executable', 'Windows executable'],
    ['an encrypted PDF', () => encryptedPdf(), undefined, 'pdf-encrypted', undefined],
    ['a damaged PDF', () => corruptPdf(), undefined, 'pdf-corrupt', undefined],
    ['too large by the event’s size', () => windowsExecutable(), maxScanBytes + 1, 'too-large', undefined],
    ['too large by its bytes', big, 1000, 'too-large', undefined],
  ] as const)(
    '%s: settled refused with the reason, audited, deleted, nothing enqueued',
    async (_name, bytes, size, reason, detected) => {
      // Prepare
      const s = system();
      const registration = s.register();

      // Act
      const outcome = await s.arrive(registration, bytes(), size);

      // Assess
      expect(outcome).toEqual({ outcome: 'refused', reason });
      const settled = s.desk.registrations.get(registration.id);
      expect(settled).toMatchObject({
        state: 'refused',
        settledAt: '2026-11-27T10:00:00.000Z',
        refusal: detected ? { reason, detected } : { reason },
      });
      expect(settled?.reference).toBeUndefined();
      expect(s.scans.deleted).toEqual([`scans/${registration.id}`]);
      expect(s.scans.objects.size).toBe(0);
      expect(s.intakeQueue.sent).toEqual([]);
      expect(s.store.counters.size).toBe(0);
      expect(s.desk.audit).toHaveLength(1);
      expect(s.desk.audit[0]).toMatchObject({
        eventName: 'RefusePostalScan',
        errorCode: 'ScanRefused',
        errorMessage: reason,
        requestParameters: { key: `scans/${registration.id}`, registrationId: registration.id },
        responseElements: { reason },
      });
      // The sender's name and address stay on the registration.
      expect(JSON.stringify(s.desk.audit[0])).not.toContain('Bērziņš');
    },
  );

  it('does not read an object the event already says is too large', async () => {
    const s = system();
    const registration = s.register();
    await s.arrive(registration, windowsExecutable(), maxScanBytes + 1);
    expect(s.scans.reads).toBe(0);
  });

  it('deletes the file again on a second delivery and records nothing new', async () => {
    // Prepare
    const s = system();
    const registration = s.register();
    await s.arrive(registration, encryptedPdf());
    s.clock.advance(60_000);

    // Act: the same event again (a new upload cannot come: the URL is signed If-None-Match).
    const again = await s.arrive(registration, encryptedPdf());

    // Assess
    expect(again).toEqual({ outcome: 'already-refused' });
    expect(s.scans.deleted).toEqual([`scans/${registration.id}`, `scans/${registration.id}`]);
    expect(s.desk.registrations.get(registration.id)).toMatchObject({
      state: 'refused',
      settledAt: '2026-11-27T10:00:00.000Z',
      refusal: { reason: 'pdf-encrypted' },
    });
    expect(s.desk.audit).toHaveLength(1);
    expect(s.audit.records).toEqual([]);
    expect(s.intakeQueue.sent).toEqual([]);
  });
});

describe('a file that belongs to no registration', () => {
  it.each([
    ['a key that is not a registration id', 'scans/vestule.pdf'],
    ['an upper-case id', `scans/${randomUUID().toUpperCase()}`],
    ['a key in a folder under scans/', `scans/x/${randomUUID()}`],
    ['an id that was never registered', `scans/${randomUUID()}`],
  ])('%s: deleted and recorded as unregistered', async (_name, key) => {
    // Prepare
    const s = system();
    s.scans.objects.set(key, Buffer.from(await textPdf([letterText])));

    // Act
    const outcome = await ingestPostalScan(s.deps, { key, size: 10, requestId: 'req-9' });

    // Assess
    expect(outcome).toEqual({ outcome: 'refused', reason: 'unregistered' });
    expect(s.scans.deleted).toEqual([key]);
    expect(s.intakeQueue.sent).toEqual([]);
    expect(s.audit.records).toHaveLength(1);
    expect(s.audit.records[0]).toMatchObject({
      eventName: 'RefusePostalScan',
      errorCode: 'ScanRefused',
      requestID: 'req-9',
      requestParameters: { key, size: 10 },
      responseElements: { reason: 'unregistered' },
    });
    expect(s.audit.records[0]?.requestParameters).not.toHaveProperty('registrationId');
  });
});

describe('a scan whose object is gone', () => {
  it('throws ScanMissing (Lambda retries) and leaves the registration awaiting its scan', async () => {
    const s = system();
    const registration = s.register();
    await expect(
      ingestPostalScan(s.deps, { key: `scans/${registration.id}`, size: 100, requestId: 'req-1' }),
    ).rejects.toBeInstanceOf(ScanMissing);
    expect(s.desk.registrations.get(registration.id)?.state).toBe('awaiting-scan');
    expect(s.scans.deleted).toEqual([]);
    expect(s.intakeQueue.sent).toEqual([]);
    expect(s.desk.audit).toEqual([]);
  });
});

describe('when parts fail', () => {
  it('refuses a file its parser chokes on as damaged, rather than leaving the registration waiting', async () => {
    const s = system();
    s.deps = {
      ...s.deps,
      inspect: async () => Promise.reject(new RangeError('Offset is outside the bounds')),
    };
    const pdf = s.register();
    const image = s.register({ file: { filename: 'a.tif', contentType: 'image/tiff', size: 8 } });
    const outcomes = [
      await ingestPostalScan(s.deps, await put(s, pdf, await textPdf([letterText]))),
      await ingestPostalScan(s.deps, await put(s, image, new Uint8Array([0x49, 0x49, 0x2a, 0, 1, 2, 3]))),
    ];
    expect(outcomes).toEqual([
      { outcome: 'refused', reason: 'pdf-corrupt' },
      { outcome: 'refused', reason: 'image-corrupt' },
    ]);
    expect(s.desk.registrations.get(pdf.id)?.state).toBe('refused');
    expect(s.scans.deleted).toEqual([`scans/${pdf.id}`, `scans/${image.id}`]);
  });

  it('keeps the needs-transcription flag when OCR fails, and takes what OCR reads when it works', async () => {
    const failing = system();
    failing.deps = { ...failing.deps, ocr: { read: async () => Promise.reject(new Error('timeout')) } };
    const first = failing.register();
    expect(await failing.arrive(first, await imageOnlyPdf())).toMatchObject({ needsTranscription: true });

    const reading = system();
    reading.deps = { ...reading.deps, ocr: { read: async () => `${letterText} Ar cieņu, Jānis` } };
    const second = reading.register();
    expect(await reading.arrive(second, await imageOnlyPdf())).toMatchObject({ needsTranscription: false });
    const [sent] = reading.intakeQueue.sent;
    expect(sent?.message.body).toContain('pārmaksāto valsts nodevu');
    expect(sent?.message.postal).toMatchObject({ needsTranscription: false, scan: { ocr: true } });
    expect(reading.desk.registrations.get(second.id)?.scan).toMatchObject({ ocr: true });

    // Noise (a stamp, a signature) is not a text.
    const noisy = system();
    noisy.deps = { ...noisy.deps, ocr: { read: async () => '~ | ., 7' } };
    expect(await noisy.arrive(noisy.register(), await imageOnlyPdf())).toMatchObject({
      needsTranscription: true,
    });
  });

  it('never deletes a scan another delivery accepted while this one refused it', async () => {
    const s = system();
    const registration = s.register();
    // Another delivery settled it first (accepted), between this one's read and its refusal.
    s.deps = {
      ...s.deps,
      inspect: async () => {
        await s.desk.settle(registration.id, {
          state: 'accepted',
          settledAt: '2026-11-27T10:00:00.000Z',
          reference: 'TA-2026-000001',
          scan: { kind: 'pdf', pages: 1, needsTranscription: false },
        });
        return { ok: false, reason: 'pdf-corrupt' };
      },
    };
    await expect(s.arrive(registration, await textPdf([letterText]))).rejects.toMatchObject({
      name: 'ScanSettledElsewhere',
    });
    expect(s.scans.deleted).toEqual([]);
    expect(s.desk.registrations.get(registration.id)?.state).toBe('accepted');
  });
});

/** Puts `bytes` at the registration's key; answers the arrival S3 would report. */
async function put(s: ReturnType<typeof system>, registration: PostRegistration, bytes: Uint8Array) {
  const key = `scans/${registration.id}`;
  s.scans.objects.set(key, Buffer.from(bytes));
  return { key, size: bytes.length, requestId: `s3-${registration.id}` };
}
