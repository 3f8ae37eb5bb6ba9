import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryQuarantineDesk } from '../../../shared/adapters/memory/quarantine.ts';
import { reasonDigest } from '../../../shared/domain/audit-event.ts';
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import type { IntakeMessage } from '../../../shared/domain/intake-message.ts';
import { quarantineCompetence } from '../../../shared/domain/quarantine.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { type InboundMail, ingestEmail } from '../../../shared/use-cases/ingest-email.ts';
import {
  listQuarantine,
  readQuarantinedMail,
  releaseQuarantinedMail,
} from '../../../shared/use-cases/quarantine-mail.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';

function system() {
  const store = new MemoryTicketStore();
  const blobs = new MemoryBlobStore();
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const ingest = {
    store,
    blobs,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
    // Small limits, so that a few parts are enough to be held.
    limits: { maxAttachments: 1 },
  };
  const quarantine = new MemoryQuarantineDesk(store);
  const deps = {
    quarantine,
    downloads: {
      link: async (key: string, filename: string) => `https://download.test/${key}?as=${filename}`,
    },
    audit,
    clock,
    ingest: { ...ingest, inboundDomain: 'courtdesk.example.lv', limits: {} },
  };
  /** Receives `raw` as SES would, through ingest-email with its limits. */
  const receive = async (
    id: string,
    raw: string,
    options: { to?: string; receivedAt?: string; verdicts?: Partial<InboundMail['verdicts']> } = {},
  ) => {
    blobs.objects.set(`raw-mail/${id}`, { content: Buffer.from(raw), contentType: 'message/rfc822' });
    return ingestEmail(ingest, {
      messageId: id,
      receivedAt: options.receivedAt ?? '2026-11-27T09:00:00.000Z',
      recipients: [options.to ?? 'nodevas@courtdesk.localhost'],
      verdicts: {
        spam: 'PASS',
        virus: 'PASS',
        spf: 'PASS',
        dkim: 'PASS',
        dmarc: 'PASS',
        ...options.verdicts,
      },
    });
  };
  return { store, blobs, intakeQueue, audit, clock, quarantine, deps, receive };
}

function caller(username: string, competences: CompetenceId[], supervises: CompetenceId[] = []): StaffCaller {
  return {
    username,
    roles: supervises.length ? ['supervisor'] : ['agent'],
    competences,
    supervises,
    expiresAt: 0,
    issuedAt: 0,
    sessionId: username,
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestId: 'request-1',
  };
}

const supervisor = caller('supervisor.court-fees', ['court-fees'], ['court-fees']);
const agent = caller('agent.court-fees', ['court-fees']);
const triageSupervisor = caller('supervisor.general', ['general'], ['general']);

/** A mail with two attachments and an HTML version: over the test limit of one attachment. */
const twoAttachments = [
  'From: Jānis Bērziņš <janis@example.lv>',
  'To: nodevas@courtdesk.localhost',
  'Subject: =?UTF-8?B?UMSBcm1ha3PEgXTEgSBub2RldmE=?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: multipart/alternative; boundary="b2"',
  '',
  '--b2',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Labdien! Lūdzu atmaksāt. <script>alert(1)</script>',
  '--b2',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Labdien!</p><img src="https://tracker.example/x.png">',
  '--b2--',
  '--b1',
  'Content-Type: application/pdf; name="a.pdf"',
  'Content-Disposition: attachment; filename="a.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b1',
  'Content-Type: application/pdf; name="b.pdf"',
  'Content-Disposition: attachment; filename="b.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b1--',
  '',
].join('\r\n');

const notMail = 'This is not a mail message at all\r\n\r\n';

describe('quarantineCompetence', () => {
  it("is the unit of the recipients' address, or triage when no recipient rule matches", () => {
    expect(quarantineCompetence(['nodevas@courtdesk.example.lv'])).toBe('court-fees');
    expect(quarantineCompetence(['nobody@courtdesk.example.lv'])).toBe('general');
    expect(quarantineCompetence([])).toBe('general');
  });
});

describe('listQuarantine', () => {
  it("lists the held mail of the caller's units with the reason, oldest first, and audits the read", async () => {
    // Prepare
    const s = system();
    await s.receive('later', twoAttachments, { receivedAt: '2026-11-27T09:30:00.000Z' });
    await s.receive('earlier', notMail, { receivedAt: '2026-11-27T08:00:00.000Z' });
    await s.receive('elsewhere', notMail, { to: 'nobody@courtdesk.localhost' });

    // Act
    const list = await listQuarantine(s.deps, supervisor, {});

    // Assess
    expect(list.items.map((item) => [item.id, item.reason, item.competence, item.state])).toEqual([
      ['earlier', expect.stringMatching(/^(unparseable|no-sender)$/), 'court-fees', 'held'],
      ['later', 'too-many-attachments', 'court-fees', 'held'],
    ]);
    expect(list.items[1]).toMatchObject({
      recipients: ['nodevas@courtdesk.localhost'],
      receivedAt: '2026-11-27T09:30:00.000Z',
      detail: expect.any(String),
    });
    expect((await listQuarantine(s.deps, triageSupervisor, {})).items.map((item) => item.id)).toEqual([
      'elsewhere',
    ]);
    const read = s.audit.records.filter((record) => record.eventName === 'ListQuarantine');
    expect(read[0]).toMatchObject({
      userIdentity: { userName: 'supervisor.court-fees' },
      readOnly: true,
      requestParameters: { state: 'held' },
      responseElements: { count: 2 },
      resources: [
        { type: 'Courtdesk::Mail', ARN: 'arn:courtdesk:mail::message/earlier' },
        { type: 'Courtdesk::Mail', ARN: 'arn:courtdesk:mail::message/later' },
      ],
    });
  });

  it('pages one unit with a cursor, and refuses a cursor across several units', async () => {
    const s = system();
    for (const id of ['m1', 'm2', 'm3']) await s.receive(id, notMail);
    const first = await listQuarantine(s.deps, supervisor, { competence: 'court-fees', limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['m1', 'm2']);
    const rest = await listQuarantine(s.deps, supervisor, { competence: 'court-fees', cursor: first.cursor });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: 'm3' })] });
    const twoUnits = caller('supervisor.two', ['court-fees', 'general'], ['court-fees', 'general']);
    await expect(listQuarantine(s.deps, twoUnits, { cursor: first.cursor })).rejects.toEqual(
      new Refused('InvalidCursor', 400),
    );
  });

  it('refuses agents, and supervisors asking for a unit they do not supervise', async () => {
    const s = system();
    await expect(listQuarantine(s.deps, agent, {})).rejects.toEqual(new Refused('AccessDenied', 403));
    await expect(listQuarantine(s.deps, supervisor, { competence: 'general' })).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
  });
});

describe('readQuarantinedMail', () => {
  it('shows what it can read within SES limits as plain text, never the HTML, with a download link', async () => {
    const s = system();
    await s.receive('big', twoAttachments);

    const mail = await readQuarantinedMail(s.deps, supervisor, 'big');

    expect(mail).toMatchObject({
      id: 'big',
      reason: 'too-many-attachments',
      state: 'held',
      actions: ['release'],
      size: Buffer.byteLength(twoAttachments),
      downloadUrl: 'https://download.test/quarantine/big?as=big.eml',
      preview: {
        from: { name: 'Jānis Bērziņš', address: 'janis@example.lv' },
        to: ['nodevas@courtdesk.localhost'],
        subject: 'Pārmaksātā nodeva',
        text: expect.stringContaining('Lūdzu atmaksāt. <script>alert(1)</script>'),
        truncated: false,
        hasHtml: true,
        attachments: [
          { name: 'a.pdf', contentType: 'application/pdf', size: 9 },
          { name: 'b.pdf', contentType: 'application/pdf', size: 9 },
        ],
      },
    });
    expect(JSON.stringify(mail)).not.toContain('tracker.example');
    expect(s.audit.records.at(-1)).toMatchObject({
      eventName: 'GetQuarantinedMail',
      readOnly: true,
      requestParameters: { id: 'big' },
      resources: [{ type: 'Courtdesk::Mail', ARN: 'arn:courtdesk:mail::message/big' }],
    });
  });

  it('says why there is no preview when the raw mail is missing, and offers no download then', async () => {
    const s = system();
    await s.receive('gone', notMail);
    s.blobs.objects.delete('quarantine/gone');

    const gone = await readQuarantinedMail(s.deps, supervisor, 'gone');

    expect(gone).toMatchObject({ previewUnavailable: 'missing', actions: ['release'] });
    expect(gone.downloadUrl).toBeUndefined();
    expect(gone.preview).toBeUndefined();
  });

  it('refuses agents (even for unknown ids), other units, and answers NotFound for unknown ids', async () => {
    const s = system();
    await s.receive('elsewhere', notMail, { to: 'nobody@courtdesk.localhost' });
    await expect(readQuarantinedMail(s.deps, agent, 'nope')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    await expect(readQuarantinedMail(s.deps, supervisor, 'elsewhere')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    await expect(readQuarantinedMail(s.deps, supervisor, 'nope')).rejects.toEqual(
      new Refused('NotFound', 404, { messageKey: 'quarantine.NotFound' }),
    );
  });
});

describe('releaseQuarantinedMail', () => {
  it('makes the mail one ticket, records who, when, why and the reference, and refuses a second release', async () => {
    // Prepare
    const s = system();
    await s.receive('big', twoAttachments);
    s.clock.advance(60_000);

    // Act
    const released = await releaseQuarantinedMail(s.deps, supervisor, 'big', '  Pazīstams klients  ');

    // Assess
    expect(released).toEqual({
      reference: 'TA-2026-000001',
      mail: expect.objectContaining({
        id: 'big',
        state: 'released',
        release: {
          by: 'supervisor.court-fees',
          at: '2026-11-27T10:01:00.000Z',
          reason: 'Pazīstams klients',
          reference: 'TA-2026-000001',
        },
      }),
    });
    expect(s.intakeQueue.sent).toHaveLength(1);
    expect(s.intakeQueue.sent[0]?.message).toMatchObject({
      reference: 'TA-2026-000001',
      sourceId: 'big',
      recipients: ['nodevas@courtdesk.example.lv'],
      client: { email: 'janis@example.lv' },
      attachments: [
        expect.objectContaining({ filename: 'a.pdf' }),
        expect.objectContaining({ filename: 'b.pdf' }),
      ],
      origin: { userAgent: 'courtdesk/release-quarantine (supervisor.court-fees)' },
    });
    expect(s.intakeQueue.sent[0]?.message.acknowledge).toBeUndefined();
    const [record] = s.quarantine.audit;
    expect(record).toMatchObject({
      eventName: 'ReleaseQuarantinedMail',
      readOnly: false,
      requestParameters: { id: 'big', ...reasonDigest('Pazīstams klients') },
      responseElements: { reference: 'TA-2026-000001' },
      resources: [
        { type: 'Courtdesk::Mail', ARN: 'arn:courtdesk:mail::message/big' },
        { type: 'Courtdesk::Ticket', ARN: 'arn:courtdesk:tickets::ticket/TA-2026-000001' },
      ],
    });
    expect(JSON.stringify(record)).not.toContain('Pazīstams');
    expect((await listQuarantine(s.deps, supervisor, {})).items).toEqual([]);
    expect(
      (await listQuarantine(s.deps, supervisor, { state: 'released' })).items.map((item) => item.id),
    ).toEqual(['big']);
    expect((await readQuarantinedMail(s.deps, supervisor, 'big')).actions).toEqual([]);
    await expect(releaseQuarantinedMail(s.deps, supervisor, 'big', 'Vēlreiz')).rejects.toEqual(
      new Refused('AlreadyReleased', 409, { messageKey: 'quarantine.AlreadyReleased' }),
    );
    expect(s.intakeQueue.sent).toHaveLength(1);
  });

  it('makes an unreadable mail a ticket with the original attached', async () => {
    const s = system();
    await s.receive('junk', notMail);
    const { reference } = await releaseQuarantinedMail(s.deps, supervisor, 'junk', 'Pārbaudīts');
    expect(s.intakeQueue.sent[0]?.message).toMatchObject({
      reference,
      acknowledge: false,
      attachments: [expect.objectContaining({ filename: 'original.eml' })],
    });
  });

  it('leaves the mail held when the ingest fails, so that the release can be tried again', async () => {
    // Prepare: the raw mail is not (yet) readable
    const s = system();
    await s.receive('big', twoAttachments);
    const raw = s.blobs.objects.get('quarantine/big');
    s.blobs.objects.delete('quarantine/big');

    // Act
    await expect(releaseQuarantinedMail(s.deps, supervisor, 'big', 'Pirmais')).rejects.toThrow(
      /not in the bucket/,
    );

    // Assess: held, the attempt audited; then released on retry
    expect((await readQuarantinedMail(s.deps, supervisor, 'big')).state).toBe('held');
    expect(s.audit.records.find((record) => record.eventName === 'ReleaseQuarantinedMail')).toMatchObject({
      errorCode: 'IngestFailed',
    });
    if (raw) s.blobs.objects.set('quarantine/big', raw);
    expect((await releaseQuarantinedMail(s.deps, supervisor, 'big', 'Otrais')).mail.state).toBe('released');
    expect(s.intakeQueue.sent).toHaveLength(1);
  });

  it('gives the same ticket when the release record failed after the ingest and is retried', async () => {
    const s = system();
    await s.receive('big', twoAttachments);
    s.quarantine.failNextRelease = true;

    await expect(releaseQuarantinedMail(s.deps, supervisor, 'big', 'Pirmais')).rejects.toThrow();
    expect((await readQuarantinedMail(s.deps, supervisor, 'big')).state).toBe('held');
    const retried = await releaseQuarantinedMail(s.deps, supervisor, 'big', 'Otrais');

    expect(retried.reference).toBe('TA-2026-000001');
    // The queue deduplicates the second send by the SES message id: one ticket message.
    expect(s.intakeQueue.sent.map((entry) => entry.message.reference)).toEqual(['TA-2026-000001']);
  });

  it('gives the same ticket on a retried release of mail held longer than the idempotency period', async () => {
    const s = system();
    await s.receive('big', twoAttachments);
    // Sixty days in the quarantine: past the idempotency-item period counted from the mail's receipt.
    s.clock.advance(60 * 86_400_000);
    s.quarantine.failNextRelease = true;

    await expect(releaseQuarantinedMail(s.deps, supervisor, 'big', 'Pirmais')).rejects.toThrow();
    const retried = await releaseQuarantinedMail(s.deps, supervisor, 'big', 'Otrais');

    expect(retried.reference).toBe('TA-2026-000001');
    expect(s.intakeQueue.sent.map((entry) => entry.message.reference)).toEqual(['TA-2026-000001']);
  });

  it('sends no acknowledgement for a released virus or DMARC mail', async () => {
    const s = system();
    const readable = 'From: a@example.lv\r\nSubject: S\r\nContent-Type: text/plain\r\n\r\nText\r\n';
    await s.receive('virus', readable, { verdicts: { virus: 'FAIL' } });
    await s.receive('dmarc', readable, { verdicts: { dmarc: 'FAIL' } });
    // DMARC failing under no policy is not held: only the reject/quarantine policies hold mail.
    expect(s.store.quarantined.has('dmarc')).toBe(false);

    await releaseQuarantinedMail(s.deps, supervisor, 'virus', 'Pārbaudīts, tīrs');

    expect(s.intakeQueue.sent.find((entry) => entry.message.sourceId === 'virus')?.message.acknowledge).toBe(
      false,
    );
  });

  it('refuses agents and supervisors of other units', async () => {
    const s = system();
    await s.receive('big', twoAttachments);
    await expect(releaseQuarantinedMail(s.deps, agent, 'big', 'x')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    await expect(releaseQuarantinedMail(s.deps, triageSupervisor, 'big', 'x')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    expect(s.intakeQueue.sent).toHaveLength(0);
  });
});
