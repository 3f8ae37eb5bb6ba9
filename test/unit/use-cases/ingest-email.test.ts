import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import {
  type InboundMail,
  ingestEmail,
  languageOf,
  RawMailMissing,
  routingAddress,
} from '../../../shared/use-cases/ingest-email.ts';

function system() {
  const store = new MemoryTicketStore();
  const blobs = new MemoryBlobStore();
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const audit = new MemoryAuditLog();
  const deps = {
    store,
    blobs,
    intakeQueue,
    audit,
    clock: new FixedClock('2026-11-27T10:00:00Z'),
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
  };
  return { store, blobs, intakeQueue, audit, deps };
}

const pass = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
const event = (messageId: string, verdicts: Partial<InboundMail['verdicts']> = {}): InboundMail => ({
  messageId,
  receivedAt: '2026-11-27T09:59:00.000Z',
  recipients: ['Nodevas@Courtdesk.localhost'],
  verdicts: { ...pass, ...verdicts },
});

const rawMail = (headers: string[], body: string) =>
  Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));

describe('ingestEmail', () => {
  it('enqueues the mail as an email-channel request, routed by the unit address it was sent to', async () => {
    const s = system();
    s.blobs.objects.set('raw-mail/m1', {
      content: rawMail(
        ['From: Jānis Bērziņš <Janis@Example.lv>', 'To: nodevas@courtdesk.localhost', 'Subject: Nodeva'],
        'Labdien! Kā atmaksāt nodevu?',
      ),
      contentType: 'message/rfc822',
    });

    const outcome = await ingestEmail(s.deps, event('m1'));

    expect(outcome).toEqual({ outcome: 'enqueued', reference: 'TA-2026-000001' });
    const [sent] = s.intakeQueue.sent;
    expect(sent?.message).toMatchObject({
      channel: 'email',
      sourceId: 'm1',
      client: { name: 'Jānis Bērziņš', email: 'janis@example.lv' },
      subject: 'Nodeva',
      topic: 'general',
      language: 'lv',
      recipients: ['nodevas@courtdesk.example.lv'],
    });
    expect(sent?.message.acknowledge).toBeUndefined();
    expect(sent?.options.deduplicationId).toBe('m1');
  });

  it('answers a redelivered event with the same message and reference', async () => {
    const s = system();
    s.blobs.objects.set('raw-mail/m2', {
      content: rawMail(['From: a@example.lv', 'Subject: S'], 'T'),
      contentType: 'message/rfc822',
    });
    const first = await ingestEmail(s.deps, event('m2'));
    const second = await ingestEmail(s.deps, event('m2'));
    expect(second).toEqual({ outcome: 'duplicate', reference: (first as { reference: string }).reference });
    // Sent again with the same deduplication id (the memory queue, as SQS, keeps one).
    expect(s.intakeQueue.sent).toHaveLength(1);
    expect(s.store.counters.get(2026)).toBe(20);
  });

  it('does not acknowledge automatic mail or spam, and quarantines viruses and unreadable mail', async () => {
    const s = system();
    s.blobs.objects.set('raw-mail/auto', {
      content: rawMail(
        ['From: a@example.lv', 'Subject: Out of office', 'Auto-Submitted: auto-replied'],
        'Away',
      ),
      contentType: 'message/rfc822',
    });
    s.blobs.objects.set('raw-mail/spam', {
      content: rawMail(['From: b@example.lv', 'Subject: Win'], 'Win'),
      contentType: 'message/rfc822',
    });
    s.blobs.objects.set('raw-mail/virus', {
      content: rawMail(['From: c@example.lv', 'Subject: Invoice'], 'See attachment'),
      contentType: 'message/rfc822',
    });
    s.blobs.objects.set('raw-mail/junk', { content: Buffer.from('\u0000\u0001 not mail'), contentType: '' });

    await ingestEmail(s.deps, event('auto'));
    await ingestEmail(s.deps, event('spam', { spam: 'FAIL' }));
    expect(await ingestEmail(s.deps, event('virus', { virus: 'FAIL' }))).toEqual({
      outcome: 'quarantined',
      reason: 'virus',
    });
    const junk = await ingestEmail(s.deps, event('junk'));

    expect(s.intakeQueue.sent.map((entry) => [entry.message.sourceId, entry.message.acknowledge])).toEqual([
      ['auto', false],
      ['spam', false],
    ]);
    expect(junk.outcome).toBe('quarantined');
    expect([...s.store.quarantined.keys()]).toEqual(['virus', 'junk']);
    expect(s.store.quarantined.get('virus')).toMatchObject({ rawKey: 'quarantine/virus', reason: 'virus' });
    // A copy the staff API may read; the raw mail stays where SES put it.
    expect(s.blobs.objects.get('quarantine/virus')?.content).toEqual(
      s.blobs.objects.get('raw-mail/virus')?.content,
    );
    expect(s.audit.records.map((record) => record.eventName)).toEqual(['QuarantineMail', 'QuarantineMail']);
  });

  it('makes a released mail a ticket: past its verdict, or with the unreadable original attached', async () => {
    const s = system();
    s.blobs.objects.set('raw-mail/virus', {
      content: rawMail(['From: c@example.lv', 'Subject: Rēķins'], 'Skatīt pielikumu'),
      contentType: 'message/rfc822',
    });
    const junk = Buffer.from('\u0000\u0001 not mail');
    s.blobs.objects.set('raw-mail/junk', { content: junk, contentType: '' });
    expect((await ingestEmail(s.deps, event('virus', { virus: 'FAIL' }))).outcome).toBe('quarantined');
    expect((await ingestEmail(s.deps, event('junk'))).outcome).toBe('quarantined');

    const virus = await ingestEmail(s.deps, event('virus', { virus: 'FAIL' }), { by: 'supervisor.nodevas' });
    const unreadable = await ingestEmail(s.deps, event('junk'), { by: 'supervisor.nodevas' });
    // Released twice (a retried request): the same ticket message, no second reference.
    const again = await ingestEmail(s.deps, event('junk'), { by: 'supervisor.nodevas' });

    expect(virus.outcome).toBe('enqueued');
    expect(unreadable.outcome).toBe('enqueued');
    expect(again).toEqual({
      outcome: 'duplicate',
      reference: (unreadable as { reference: string }).reference,
    });
    const [released, original] = s.intakeQueue.sent.map((entry) => entry.message);
    expect(released).toMatchObject({ subject: 'Rēķins', client: { email: 'c@example.lv' } });
    expect(released?.origin.userAgent).toContain('supervisor.nodevas');
    expect(original).toMatchObject({ acknowledge: false, client: { email: 'unknown-sender+junk@invalid' } });
    expect(original?.body).toContain('original.eml');
    expect(original?.attachments).toEqual([
      expect.objectContaining({ key: 'attachments/junk/original.eml', contentType: 'message/rfc822' }),
    ]);
    expect(s.blobs.objects.get('attachments/junk/original.eml')?.content.equals(junk)).toBe(true);
  });

  it('fails (to be retried) while the raw message is not in the bucket', async () => {
    const s = system();
    await expect(ingestEmail(s.deps, event('missing'))).rejects.toBeInstanceOf(RawMailMissing);
    expect(s.intakeQueue.sent).toEqual([]);
  });
});

describe('routingAddress and languageOf', () => {
  it('reads our inbound domain as the units’ address domain', () => {
    expect(routingAddress(' Nodevas@CourtDesk.localhost ', 'courtdesk.localhost')).toBe(
      'nodevas@courtdesk.example.lv',
    );
    expect(routingAddress('someone@example.com', 'courtdesk.localhost')).toBe('someone@example.com');
  });

  it('takes Latvian unless the mail reads as English', () => {
    expect(languageOf({ subject: 'Question', text: 'Dear Sir, could you please tell me the fee?' })).toBe(
      'en',
    );
    expect(languageOf({ subject: 'Jautājums', text: 'Labdien, cik jāmaksā?' })).toBe('lv');
    expect(languageOf({ subject: 'X', text: 'C-1234' })).toBe('lv');
  });
});
