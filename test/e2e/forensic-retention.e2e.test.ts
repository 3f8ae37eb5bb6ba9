/**
 * The forensic test of retention, on the real sandbox: one data subject through every channel,
 * every ticket settled, then the retention sweeper's use case run with its real dependencies and
 * a clock moved past every period, and the sandbox's expiry (DynamoDB TTL, the mailbox) at the
 * same instant. Then the scanner must find nothing anywhere (the tables' streams and the data
 * folder aside until the sandbox stops), the figures unchanged and the audit trail intact; once
 * stopped, nothing in the data folder either.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRetentionSchedule, retentionRecordTypes } from '../../shared/domain/retention.ts';
import { describeFindings, type Finding, scanDataFolder } from '../support/forensic.ts';
import { useForensicSandbox } from '../support/forensic-run.ts';
import {
  createSubject,
  needles,
  type SubjectTickets,
  settled,
  staffCaller,
} from '../support/forensic-subject.ts';

const run = useForensicSandbox('courtdesk-retention-');
const suite = run.suite;

let tickets: SubjectTickets;
let figuresBefore: unknown;
let before: Finding[];
const startedAt = new Date();
// A day past the longest period of the schedule.
const longest = Math.max(...retentionRecordTypes.map((type) => defaultRetentionSchedule[type].days));
const future = new Date(startedAt.getTime() + (longest + 1) * 86_400_000);

beforeAll(async () => {
  tickets = await createSubject(suite.sandbox, suite.client);
  await settleTickets([tickets.web, tickets.email, tickets.postal, tickets.phone]);
  await settled(suite.sandbox);
  figuresBefore = await run.figures();
  before = await run.scan();
}, 240_000);

/** Closes the tickets staff have not answered: only a settled ticket's period runs. */
async function settleTickets(references: readonly string[]): Promise<void> {
  const call = staffCaller(suite.sandbox);
  for (const reference of references) {
    // Every channel of the subject reaches the court-fees unit (its topic, digit 1, its address).
    const { status, body } = await call<{ ticket: { status: string } }>(
      'agent.court-fees',
      'GET',
      `/api/staff/tickets/${reference}`,
    );
    expect(status, reference).toBe(200);
    if (['answered', 'closed'].includes(body.ticket.status)) continue;
    const closed = await call<{ ticket: { status: string } }>(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/status`,
      { status: 'closed' },
    );
    expect(closed.status, reference).toBe(200);
    expect(closed.body.ticket.status).toBe('closed');
  }
}

/** The retention sweeper's use case with its real dependencies on the sandbox, its clock at `now`. */
async function sweepAt(now: Date): Promise<Record<string, number>> {
  // Imported once the sandbox has set the functions' environment (tables, bucket, endpoints).
  const [{ buildDependencies }, { loadPseudonymKey }, { applyRetention }] = await Promise.all([
    import('../../functions/retention-sweeper/dependencies.ts'),
    import('../../functions/pseudonym-key.ts'),
    import('../../shared/use-cases/apply-retention.ts'),
  ]);
  // As the handler's middleware does: the erasure finds the client's index items by keyed pseudonyms.
  await loadPseudonymKey();
  const dependencies = { ...buildDependencies(), clock: { now: () => now } };
  for (let invocation = 1; invocation <= 10; invocation += 1) {
    const result = await applyRetention(dependencies, `forensic-retention-${invocation}`);
    if (result.done) return { ...result.totals };
  }
  throw new Error('The retention run did not finish in 10 invocations');
}

/** Findings in what the sandbox serves: the streams and the data folder's files are checked apart. */
const live = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.source !== 'stream' && finding.source !== 'file');

describe('retention moved forward in time', () => {
  it('finds the subject everywhere before (the scanner is not blind)', () => {
    for (const needle of needles)
      expect(
        live(before).some((finding) => finding.needle === needle.label),
        needle.label,
      ).toBe(true);
  });

  it('leaves 0 occurrences anywhere, the audit trail intact and the figures unchanged', async () => {
    const totals = await sweepAt(future);
    run.report(`\nforensic: retention totals ${JSON.stringify(totals)}\n`);
    expect(totals.ticketsPseudonymised).toBe(4);
    expect(totals.ticketsFailed ?? 0).toBe(0);
    expect(totals.objectsFailed ?? 0).toBe(0);
    await settled(suite.sandbox);
    // What only DynamoDB's TTL removes (listed for the record): then the sandbox's expiry, as late.
    const swept = live(await run.scan());
    run.report(`forensic: left for TTL after the sweep (${swept.length}):\n${describeFindings(swept)}\n`);
    const expired = await suite.sandbox.reapExpired(future);
    run.report(`forensic: expired ${JSON.stringify(expired)}\n`);
    await settled(suite.sandbox);
    // As after erasure: the streams keep a change's images 24 hours, DynamoDB Local's file keeps
    // deleted rows' bytes until the sandbox compacts it at stop (the next test).
    expect(describeFindings(live(await run.scan()))).toBe('');
    // The figures stay exactly as they were: the tickets' (pseudonymised tickets) and the
    // assistant's (its days' counts, which outlive the question log the schedule deleted).
    const after = (await run.figures()) as Record<string, unknown>;
    expect((figuresBefore as { assistant: unknown }).assistant).toMatchObject({ asked: 1 });
    expect(JSON.stringify(after)).toBe(JSON.stringify(figuresBefore));
    expect(await run.auditVerify(startedAt, new Date())).toBe(0);
  }, 300_000);

  it('leaves 0 occurrences in the data folder either, once the sandbox has stopped', async () => {
    await suite.sandbox.stop();
    const files = await scanDataFolder(suite.dataDir, needles);
    expect(describeFindings(files)).toBe('');
  }, 180_000);
});
