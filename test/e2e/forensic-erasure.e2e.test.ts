/**
 * The forensic test, on the real sandbox: one data subject through every channel, then the
 * scanner reads every item of every table and index, the tables' streams, every object of every
 * bucket, every queue and dead-letter queue, every file of the data folder and the captured logs
 * (the SES mailbox excepted: the client's own inbox). First it must find the subject (the scanner
 * works), and find nothing outside the tickets' own records where no personal data belongs (the
 * audit trail, the logs); then, after erasure through the staff API as `dpo`, nothing at all, with
 * the audit trail intact and the figures unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, type Finding, scanDataFolder, scanSandbox } from '../support/forensic.ts';
import { useForensicSandbox } from '../support/forensic-run.ts';
import {
  createSubject,
  dictionaryNeedles,
  needles,
  type SubjectTickets,
  settled,
  staffCaller,
  subject,
} from '../support/forensic-subject.ts';

const run = useForensicSandbox('courtdesk-forensic-');
const suite = run.suite;

let tickets: SubjectTickets;
let before: Finding[];
let figuresBefore: unknown;
const startedAt = new Date();
beforeAll(async () => {
  tickets = await createSubject(suite.sandbox, suite.client);
  before = await run.scan();
  figuresBefore = await run.figures();
}, 240_000);

/** The tickets' own records: items under `TICKET#<reference>` and objects named by the reference. */
function ownRecords(finding: Finding): boolean {
  const references = [tickets.web, tickets.email, tickets.postal, tickets.phone];
  return references.some((reference) => finding.location.includes(reference));
}

describe('the forensic scanner on one data subject', () => {
  it('finds every piece of their data where the tickets keep it', () => {
    const found = (label: string) => before.filter((finding) => finding.needle === label);
    for (const needle of needles) expect(found(needle.label), needle.label).not.toEqual([]);
    // Each in the tickets table, and the files in the mail bucket.
    for (const label of [
      'email',
      'name',
      'phone',
      'address',
      'text:webForm',
      'text:mail',
      'text:followUp',
      'text:call',
    ])
      expect(
        found(label).some((f) => f.source === 'table' && f.location.startsWith('tickets ')),
        label,
      ).toBe(true);
    expect(found('text:mailAttachment').some((f) => f.source === 'bucket')).toBe(true);
    expect(found('text:replyFile').some((f) => f.source === 'bucket')).toBe(true);
    expect(found('text:letter').some((f) => f.source === 'bucket')).toBe(true);
    // Binary forms: the raw mail's attachment is base64 in the raw-mail object.
    expect(found('text:mailAttachment').some((f) => f.form === 'base64')).toBe(true);
  });

  it('finds none of it in the audit trail or the logs', () => {
    const audit = before.filter((finding) => finding.location.startsWith('audit'));
    expect(describeFindings(audit)).toBe('');
    const logs = before.filter((finding) => finding.source === 'logs');
    expect(describeFindings(logs)).toBe('');
  });

  it('finds no hash of their email or phone that a dictionary reverses (an unkeyed SHA-256)', async () => {
    const hashes = await scanSandbox(suite.sandbox, dictionaryNeedles, { logs: run.logs() });
    expect(describeFindings(hashes.filter((finding) => finding.source !== 'file'))).toBe('');
  });

  it('lists where personal data sits outside the tickets’ own items', () => {
    const outside = before.filter((finding) => !ownRecords(finding));
    // A record for the report (not an assertion: erasure and retention must reach these).
    run.report(
      `\nforensic: outside the tickets' own records (${outside.length}):\n${describeFindings(outside)}\n`,
    );
    expect(outside.every((finding) => finding.source !== 'logs')).toBe(true);
  });
});

describe('erasure on request', () => {
  it('leaves 0 occurrences anywhere, the audit trail intact and the figures unchanged', async () => {
    const erase = await staffCaller(suite.sandbox)('dpo', 'POST', '/api/staff/data-subjects/erase', {
      email: subject.email,
      phone: subject.phone,
      references: [tickets.web, tickets.email, tickets.postal, tickets.phone],
      reason: 'VDAR 17. panta 1. punkta a) apakšpunkts: pieprasījums Nr. 1',
    });
    expect(erase.status).toBe(200);
    expect((erase.body as { erased: string[] }).erased.sort()).toEqual(
      [tickets.web, tickets.email, tickets.postal, tickets.phone].sort(),
    );
    await settled(suite.sandbox);
    const after = await run.scan();
    // Tables, indexes, buckets, queues and logs: nothing. The tables' streams keep a change's images
    // 24 hours by design (listed, not counted); DynamoDB Local's SQLite file keeps deleted rows'
    // bytes until the sandbox compacts it at stop (see the next test).
    const live = after.filter((finding) => finding.source !== 'stream' && finding.source !== 'file');
    expect(describeFindings(live)).toBe('');
    run.report(
      `\nforensic: stream records after erasure: ${after.filter((f) => f.source === 'stream').length}\n`,
    );
    expect(JSON.stringify(await run.figures())).toBe(JSON.stringify(figuresBefore));
    expect(await run.auditVerify(startedAt, new Date())).toBe(0);
  }, 240_000);

  it('leaves 0 occurrences in the data folder either, once the sandbox has stopped', async () => {
    // A clean stop writes what the sandbox keeps (queues, buckets) and compacts DynamoDB Local's
    // file: the stream records handled are dropped, the pages of deleted items rewritten.
    await suite.sandbox.stop();
    const files = await scanDataFolder(suite.dataDir, needles);
    expect(describeFindings(files)).toBe('');
  }, 180_000);
});
