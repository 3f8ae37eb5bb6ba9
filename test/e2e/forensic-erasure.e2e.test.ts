/**
 * The forensic test, on the real sandbox: one data subject through every channel, then the
 * scanner reads every item of every table and index, the tables' streams, every object of every
 * bucket, every queue and dead-letter queue, every file of the data folder and the captured logs
 * (the SES mailbox excepted: the client's own inbox). First it must find the subject (the scanner
 * works), and find nothing outside the tickets' own records where no personal data belongs (the
 * audit trail, the logs); then, after erasure through the staff API as `dpo`, nothing at all, with
 * the audit trail intact and the figures unchanged.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/local/sandbox.ts';
import { describeFindings, type Finding, scanDataFolder, scanSandbox } from '../support/forensic.ts';
import {
  createSubject,
  dictionaryNeedles,
  needles,
  type SubjectTickets,
  settled,
  staffCaller,
  subject,
} from '../support/forensic-subject.ts';
import { useSandbox } from '../support/sandbox-client.ts';

// Everything the sandbox's functions log, from before it starts: the logs are scanned too. The
// sandbox logs at INFO, as the functions do in the cloud.
const captured: string[] = [];
const writes = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};
process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  captured.push(String(chunk));
  return process.env.SANDBOX_LOGS === '1' ? writes.out(chunk, ...rest) : true;
}) as typeof process.stdout.write;
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  captured.push(String(chunk));
  return writes.err(chunk, ...rest);
}) as typeof process.stderr.write;
afterAll(() => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
});

const suite = useSandbox('courtdesk-forensic-', {
  quiet: false,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

let tickets: SubjectTickets;
let before: Finding[];
let figuresBefore: unknown;
const startedAt = new Date();
beforeAll(async () => {
  tickets = await createSubject(suite.sandbox, suite.client);
  before = await scanSandbox(suite.sandbox, needles, { logs: captured.join('') });
  figuresBefore = await figures();
}, 240_000);

const scan = () => scanSandbox(suite.sandbox, needles, { logs: captured.join('') });

async function figures(): Promise<unknown> {
  const today = new Date().toISOString().slice(0, 10);
  const { status, body } = await staffCaller(suite.sandbox)(
    'admin',
    'GET',
    `/api/staff/analytics?from=${today}&to=${today}`,
  );
  expect(status).toBe(200);
  return body;
}

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
    const hashes = await scanSandbox(suite.sandbox, dictionaryNeedles, { logs: captured.join('') });
    expect(describeFindings(hashes.filter((finding) => finding.source !== 'file'))).toBe('');
  });

  it('lists where personal data sits outside the tickets’ own items', () => {
    const outside = before.filter((finding) => !ownRecords(finding));
    // A record for the report (not an assertion: erasure and retention must reach these).
    writes.out(
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
    const after = await scan();
    // Tables, indexes, buckets, queues and logs: nothing. The tables' streams keep a change's images
    // 24 hours by design (listed, not counted); DynamoDB Local's SQLite file keeps deleted rows'
    // bytes until the sandbox compacts it at stop (see the next test).
    const live = after.filter((finding) => finding.source !== 'stream' && finding.source !== 'file');
    expect(describeFindings(live)).toBe('');
    writes.out(
      `\nforensic: stream records after erasure: ${after.filter((f) => f.source === 'stream').length}\n`,
    );
    expect(JSON.stringify(await figures())).toBe(JSON.stringify(figuresBefore));
    expect(await auditVerify(startedAt, new Date())).toBe(0);
  }, 240_000);

  it('leaves 0 occurrences in the data folder either, once the sandbox has stopped', async () => {
    // A clean stop writes what the sandbox keeps (queues, buckets) and compacts DynamoDB Local's
    // file: the stream records handled are dropped, the pages of deleted items rewritten.
    await suite.sandbox.stop();
    const files = await scanDataFolder(suite.dataDir, needles);
    expect(describeFindings(files)).toBe('');
  }, 180_000);
});

/** `npm run audit:verify` over the test's period, as a person runs it, once the period is sealed. */
async function auditVerify(from: Date, to: Date): Promise<number> {
  const minute = (date: Date) => date.toISOString().slice(0, 16);
  // The sealer seals a minute once its grace has passed: wait for it, then run it now. `to` is
  // exclusive, so the minute of `to` itself need not be sealed.
  await new Promise((resolve) => setTimeout(resolve, (suite.sandbox.audit.graceSeconds + 61) * 1000));
  await suite.sandbox.runScheduled('audit-sealer');
  // A fast run can erase within the minute it started: the verifier needs `--from` before `--to`.
  const end = new Date(Math.max(to.getTime(), from.getTime() + 60_000));
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|AUDIT_|MAIL_BUCKET|TICKETS_TABLE)/.test(name)),
  );
  return promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/audit-verify.ts', '--from', minute(from), '--to', minute(end)],
    { cwd: repositoryRoot, env: { ...environment, COURTDESK_DATA_DIR: suite.dataDir } },
  ).then(
    () => 0,
    (error: { code: number; stdout: string; stderr: string }) => {
      writes.out(`audit:verify: ${error.stdout}${error.stderr}\n`);
      return error.code;
    },
  );
}
