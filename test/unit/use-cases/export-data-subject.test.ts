/**
 * The data-subject export: a ZIP (read back with fflate) with subject.json, the subject's files and
 * a PDF summary in Latvian or English (read back with unpdf), stored under exports/, a 5-minute
 * link, one audit record with counts and no personal data; refused to anyone but the dpo.
 */
import { unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryAuditLog, MemoryBlobStore } from '../../../shared/adapters/memory/index.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import { normalisePhone, subjectKey } from '../../../shared/domain/pseudonyms.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type {
  DataSubjectRecords,
  SubjectQuestion,
  SubjectTicketRecords,
} from '../../../shared/ports/data-subjects.ts';
import type { DownloadLinks } from '../../../shared/ports/uploads.ts';
import { exportDataSubject, exportLinkSeconds } from '../../../shared/use-cases/export-data-subject.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { testTicket } from '../../support/tickets.ts';

const session = { expiresAt: 2_000_000_000, issuedAt: 1_900_000_000, sessionId: 'session-5' };
const dpo: StaffCaller = {
  username: 'dpo.liga',
  roles: ['dpo'],
  competences: [],
  supervises: [],
  sourceIPAddress: '192.0.2.5',
  userAgent: 'test',
  requestId: 'request-5',
  ...session,
};
const supervisor: StaffCaller = {
  ...dpo,
  username: 'supervisor.general',
  roles: ['supervisor'],
  competences: ['general'],
  supervises: ['general'],
};

const email = 'Jānis.Bērziņš@Example.lv';
const phone = '+37120000001';
const scanBytes = Buffer.from('%PDF-1.4 the scanned letter');
const attachmentBytes = Buffer.from('attachment bytes');

/** A small fake of the port: tickets by key, as the data-subject index would hold them. */
class FakeRecords implements DataSubjectRecords {
  readonly asked: string[][] = [];
  constructor(
    readonly byKey: Map<string, string[]>,
    readonly tickets: Map<string, SubjectTicketRecords>,
    readonly questions: Map<string, SubjectQuestion[]>,
  ) {}
  async ticketsOf(keys: readonly string[]): Promise<string[]> {
    this.asked.push([...keys]);
    return [...new Set(keys.flatMap((key) => this.byKey.get(key) ?? []))].sort();
  }
  async ticketRecords(reference: string): Promise<SubjectTicketRecords | undefined> {
    return this.tickets.get(reference);
  }
  async questionsOf(keys: readonly string[]): Promise<SubjectQuestion[]> {
    return keys.flatMap((key) => this.questions.get(key) ?? []);
  }
}

class RecordingLinks implements DownloadLinks {
  readonly links: { key: string; filename: string }[] = [];
  async link(key: string, filename: string): Promise<string> {
    this.links.push({ key, filename });
    return `https://mail.example/${key}?X-Amz-Expires=${exportLinkSeconds}`;
  }
}

function system() {
  const first = testTicket('TA-2026-000101', 'general', {
    receivedAt: '2026-03-02T08:15:00Z',
    answerDeadline: '2026-04-01',
    channel: 'email',
    status: 'answered',
    client: { name: 'Jānis Bērziņš', email, phone },
    subject: 'Lūgums izsniegt sprieduma kopiju',
    body: 'Labdien, lūdzu izsniegt sprieduma kopiju lietā C-123.',
  });
  const second = testTicket('TA-2026-000202', 'general', {
    receivedAt: '2026-05-10T09:00:00Z',
    answerDeadline: '2026-06-09',
    channel: 'postal',
    client: {
      name: 'Jānis Bērziņš',
      email: 'no-address@post.invalid',
      postalAddress: { addressLine: 'Brīvības iela 1-2', place: 'Rīga', postalCode: 'LV-1010' },
    },
    subject: 'Vēstule par lietu',
    body: 'Ar cieņu, J. Bērziņš',
  });
  const tickets = new Map<string, SubjectTicketRecords>([
    [
      first.reference,
      {
        ticket: first,
        messages: [
          {
            id: 'm1',
            kind: 'client',
            at: '2026-03-03T10:00:00Z',
            author: email,
            text: 'Papildinu: man vajag arī lēmumu.',
            subject: 'Re: Lūgums',
            attachments: [{ key: 'attachments/a1/pielikums.pdf', filename: 'pielikums.pdf' } as never],
          },
          {
            id: 'm2',
            kind: 'reply',
            at: '2026-03-05T12:00:00Z',
            author: 'agent.general',
            text: 'Labdien, pielikumā kopija.',
          },
        ],
        deliveries: [
          {
            outboundId: 'o1',
            kind: 'reply',
            at: '2026-03-05T12:01:00Z',
            sendState: 'sent',
            to: email,
            subject: 'Atbilde',
          },
        ],
        files: [
          {
            kind: 'attachment',
            key: 'attachments/a1/pielikums.pdf',
            name: 'pielikums.pdf',
            contentType: 'application/pdf',
            size: attachmentBytes.length,
          },
          { kind: 'raw-mail', key: 'raw-mail/gone', name: 'gone.eml' },
        ],
        survey: { satisfaction: 4, answered: 'yes', comment: 'Ātri un laipni.' },
      },
    ],
    [
      second.reference,
      {
        ticket: second,
        messages: [],
        deliveries: [],
        files: [
          {
            kind: 'scan',
            key: 'scans/s1.pdf',
            name: '../../etc/skenējums.pdf',
            contentType: 'application/pdf',
          },
        ],
      },
    ],
  ]);
  const byKey = new Map<string, string[]>([
    [subjectKey('email', 'jānis.bērziņš@example.lv'), [first.reference]],
    [subjectKey('phone', normalisePhone(phone)), [first.reference]],
  ]);
  const questions = new Map<string, SubjectQuestion[]>([
    [
      subjectKey('email', 'jānis.bērziņš@example.lv'),
      [{ id: 'q1', askedAt: '2026-02-01T07:00:00Z', text: 'Kā saņemt sprieduma kopiju? [e-pasts]' }],
    ],
  ]);
  const records = new FakeRecords(byKey, tickets, questions);
  const files = new MemoryBlobStore();
  void files.put('attachments/a1/pielikums.pdf', attachmentBytes, 'application/pdf');
  void files.put('scans/s1.pdf', scanBytes, 'application/pdf');
  const audit = new MemoryAuditLog();
  const downloads = new RecordingLinks();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const exports = {
    recorded: [] as { exportId: string; key: string; references: readonly string[] }[],
    async recordExport(exportId: string, key: string, references: readonly string[]) {
      this.recorded.push({ exportId, key, references });
    },
  };
  return {
    deps: { records, exports, files, downloads, audit, clock, newId: () => 'export-1' },
    exports,
    records,
    files,
    audit,
    downloads,
  };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe('exportDataSubject', () => {
  it('finds the subject by the email’s subject and client keys and by references, and zips every ticket, message, delivery, file and question', async () => {
    // Prepare
    const { deps, records, files, exports } = system();

    // Act
    const answer = await exportDataSubject(deps, dpo, { email, references: ['TA-2026-000202'] });

    // Assess
    expect(records.asked[0]).toEqual([subjectKey('email', 'jānis.bērziņš@example.lv'), clientGroupId(email)]);
    expect(answer.tickets).toBe(2);
    expect(answer.expiresAt).toBe('2026-11-27T10:05:00.000Z');
    const stored = files.objects.get('exports/export-1.zip');
    expect(stored?.contentType).toBe('application/zip');
    // Each ticket records the export that holds it, so that erasing the ticket deletes the ZIP.
    expect(exports.recorded).toEqual([
      {
        exportId: 'export-1',
        key: 'exports/export-1.zip',
        references: ['TA-2026-000101', 'TA-2026-000202'],
      },
    ]);
    const zip = unzipSync(new Uint8Array(stored?.content ?? []));
    expect(Object.keys(zip).sort()).toEqual([
      'files/TA-2026-000101/01-pielikums.pdf',
      'files/TA-2026-000202/01-_._etc_skenējums.pdf',
      'kopsavilkums.pdf',
      'subject.json',
    ]);
    expect(Buffer.from(zip['files/TA-2026-000101/01-pielikums.pdf'] ?? []).equals(attachmentBytes)).toBe(
      true,
    );
    expect(Buffer.from(zip['files/TA-2026-000202/01-_._etc_skenējums.pdf'] ?? []).equals(scanBytes)).toBe(
      true,
    );

    const document = JSON.parse(new TextDecoder().decode(zip['subject.json']));
    expect(document).toMatchObject({
      schema: 'courtdesk.data-subject-export',
      schemaVersion: 1,
      generatedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(document.tickets.map((ticket: { reference: string }) => ticket.reference)).toEqual([
      'TA-2026-000101',
      'TA-2026-000202',
    ]);
    const [first, second] = document.tickets;
    expect(first).toMatchObject({
      channel: 'email',
      status: 'answered',
      client: { name: 'Jānis Bērziņš', email, phone },
      subject: 'Lūgums izsniegt sprieduma kopiju',
      text: 'Labdien, lūdzu izsniegt sprieduma kopiju lietā C-123.',
      deliveries: [{ id: 'o1', kind: 'reply', state: 'sent', to: email, subject: 'Atbilde' }],
      survey: { satisfaction: 4, answered: 'yes', comment: 'Ātri un laipni.' },
    });
    expect(first.messages).toEqual([
      {
        id: 'm1',
        kind: 'client',
        at: '2026-03-03T10:00:00Z',
        from: 'client',
        subject: 'Re: Lūgums',
        text: 'Papildinu: man vajag arī lēmumu.',
        attachments: ['pielikums.pdf'],
      },
      {
        id: 'm2',
        kind: 'reply',
        at: '2026-03-05T12:00:00Z',
        from: 'staff',
        text: 'Labdien, pielikumā kopija.',
      },
    ]);
    // Staff are named by role only; a file the bucket no longer has is listed without a path.
    expect(JSON.stringify(document)).not.toContain('agent.general');
    expect(first.files).toEqual([
      {
        kind: 'attachment',
        name: 'pielikums.pdf',
        contentType: 'application/pdf',
        size: attachmentBytes.length,
        path: 'files/TA-2026-000101/01-pielikums.pdf',
      },
      { kind: 'raw-mail', name: 'gone.eml' },
    ]);
    // A placeholder address is not the subject's.
    expect(second.client).toEqual({
      name: 'Jānis Bērziņš',
      postalAddress: { addressLine: 'Brīvības iela 1-2', place: 'Rīga', postalCode: 'LV-1010' },
    });
    expect(document.questions).toEqual([
      { id: 'q1', askedAt: '2026-02-01T07:00:00Z', text: 'Kā saņemt sprieduma kopiju? [e-pasts]' },
    ]);
  });

  it('writes a Latvian summary with the tickets, units, statuses and counts', async () => {
    const { deps, files } = system();
    await exportDataSubject(deps, dpo, { email });
    const zip = unzipSync(new Uint8Array(files.objects.get('exports/export-1.zip')?.content ?? []));
    const text = await pdfText(zip['kopsavilkums.pdf'] ?? new Uint8Array());
    expect(text).toContain('Jūsu personas datu kopsavilkums');
    expect(text).toContain('Pieprasījums TA-2026-000101');
    expect(text).toContain('Lūgums izsniegt sprieduma kopiju');
    expect(text).toContain('e-pasts');
    expect(text).toContain('atbildēts');
    expect(text).toContain('02.03.2026. 10:15'); // Europe/Riga, winter time
    expect(text).toContain('vērtējums 4 no 5');
    expect(text).toContain('Kā saņemt sprieduma kopiju?');
    expect(text).not.toContain('TA-2026-000202');
  });

  it('writes the summary in English as summary.pdf when asked', async () => {
    const { deps, files } = system();
    await exportDataSubject(deps, dpo, { phone: '2000 0001', language: 'en' });
    const zip = unzipSync(new Uint8Array(files.objects.get('exports/export-1.zip')?.content ?? []));
    expect(zip['kopsavilkums.pdf']).toBeUndefined();
    const text = await pdfText(zip['summary.pdf'] ?? new Uint8Array());
    expect(text).toContain('Summary of your personal data');
    expect(text).toContain('Request TA-2026-000101');
    expect(text).toContain('2026-03-02 10:15');
    expect(text).toContain('answered');
  });

  it('answers a 5-minute link to the ZIP under exports/ and audits counts without personal data', async () => {
    const { deps, audit, downloads } = system();
    const answer = await exportDataSubject(deps, dpo, { email, phone, references: ['TA-2026-000202'] });
    expect(downloads.links).toEqual([{ key: 'exports/export-1.zip', filename: 'courtdesk-2026-11-27.zip' }]);
    expect(answer.url).toBe(`https://mail.example/exports/export-1.zip?X-Amz-Expires=${exportLinkSeconds}`);
    expect(audit.records).toHaveLength(1);
    const [record] = audit.records;
    expect(record).toMatchObject({
      eventName: 'ExportDataSubject',
      readOnly: true,
      userIdentity: { userName: 'dpo.liga' },
      requestParameters: { matchedBy: ['email', 'phone', 'reference'], language: 'lv' },
      responseElements: {
        exportId: 'export-1',
        tickets: 2,
        messages: 2,
        deliveries: 1,
        files: 2,
        questions: 1,
      },
    });
    expect(record?.resources.map((resource) => resource.ARN)).toEqual([
      expect.stringContaining('TA-2026-000101'),
      expect.stringContaining('TA-2026-000202'),
    ]);
    const written = JSON.stringify(record).toLowerCase();
    for (const personal of [email.toLowerCase(), 'bērziņš', '20000001', 'brīvības', 'sprieduma'])
      expect(written).not.toContain(personal);
  });

  it('exports an empty ZIP (JSON and summary) when nothing is found', async () => {
    const { deps, files } = system();
    const answer = await exportDataSubject(deps, dpo, { email: 'nobody@example.lv' });
    expect(answer.tickets).toBe(0);
    const zip = unzipSync(new Uint8Array(files.objects.get('exports/export-1.zip')?.content ?? []));
    expect(Object.keys(zip).sort()).toEqual(['kopsavilkums.pdf', 'subject.json']);
    expect(await pdfText(zip['kopsavilkums.pdf'] ?? new Uint8Array())).toContain('Pieprasījumu nav.');
  });

  it('is refused to anyone but the data protection officer, before anything is read', async () => {
    const { deps, records, files } = system();
    await expect(exportDataSubject(deps, supervisor, { email })).rejects.toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(records.asked).toEqual([]);
    expect(files.objects.has('exports/export-1.zip')).toBe(false);
  });

  it('refuses a query that names nobody, and a name without its postal address', async () => {
    const { deps } = system();
    const empty = exportDataSubject(deps, dpo, {});
    await expect(empty).rejects.toBeInstanceOf(Refused);
    await expect(empty).rejects.toMatchObject({ status: 400 });
    await expect(exportDataSubject(deps, dpo, { name: 'Jānis Bērziņš' })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'postalAddress', key: 'staff.field.required' }],
    });
  });
});
