import { describe, expect, it } from 'vitest';
import { MemoryDeadlineSweepStore } from '../../../shared/adapters/memory/deadline-sweep.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryTicketStore,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import { type CompetenceId, findCompetence } from '../../../shared/domain/competences.ts';
import type { Ticket, TicketStatus } from '../../../shared/domain/ticket.ts';
import { type DeadlineFlagState, deadlineFlagStateOf } from '../../../shared/ports/deadline-sweep.ts';
import {
  maximumDigestEntries,
  renderDeadlineDigest,
  supervisorsAddressOf,
  sweepDeadlines,
} from '../../../shared/use-cases/sweep-deadlines.ts';
import { testTicket } from '../../support/tickets.ts';

const senderAddress = 'noreply@courtdesk.example.lv';

function system(now: string) {
  const store = new MemoryTicketStore();
  const audit = new MemoryAuditLog();
  const sweep = new MemoryDeadlineSweepStore(store, audit);
  const clock = new FixedClock(now);
  const mailer = new MemoryMailer();
  const deps = { worklists: new MemoryWorklists(store), sweep, mailer, audit, clock, senderAddress };
  let sequence = 0;
  const add = (
    competence: CompetenceId,
    answerDeadline: string,
    options: { status?: TicketStatus } = {},
  ): Ticket => {
    sequence += 1;
    const reference = `TA-2026-${String(sequence).padStart(6, '0')}`;
    const ticket = testTicket(reference, competence, {
      status: options.status ?? 'new',
      receivedAt: '2026-10-01T08:00:00Z',
      answerDeadline,
    });
    store.tickets.set(reference, ticket);
    return ticket;
  };
  const flagOf = (ticket: Ticket) => deadlineFlagStateOf(store.tickets.get(ticket.reference)!);
  return { store, sweep, clock, mailer, audit, deps, add, flagOf };
}

describe('sweepDeadlines: flags', () => {
  it('flags overdue tickets and those due within two working days, counting over a holiday', async () => {
    // Prepare: Tuesday 17 November 2026; Wednesday 18 November is Proclamation Day, so two working
    // days ahead is Friday 20 November, not Thursday 19.
    const s = system('2026-11-17T05:00:00Z');
    const overdue = s.add('court-fees', '2026-11-16');
    const today = s.add('court-fees', '2026-11-17');
    const friday = s.add('court-fees', '2026-11-20');
    const monday = s.add('court-fees', '2026-11-23');
    const answered = s.add('court-fees', '2026-11-10', { status: 'answered' });

    // Act
    const result = await sweepDeadlines(s.deps);

    // Assess
    expect(result).toMatchObject({ date: '2026-11-17', workingDay: true, dueThrough: '2026-11-20' });
    expect(s.flagOf(overdue)).toMatchObject({ deadlineFlag: 'overdue', deadlineFlaggedFor: '2026-11-16' });
    expect(s.flagOf(today)?.deadlineFlag).toBe('due-soon');
    expect(s.flagOf(friday)?.deadlineFlag).toBe('due-soon');
    expect(s.flagOf(monday)).toBeUndefined();
    expect(s.flagOf(answered)).toBeUndefined();
    expect(s.flagOf(overdue)?.deadlineFlaggedAt).toBe('2026-11-17T05:00:00.000Z');
    const unit = result.units.find((u) => u.competence === 'court-fees');
    expect(unit).toMatchObject({ overdue: 1, dueSoon: 2, flagged: 3, digest: 'sent', reported: 3 });
  });

  it('counts over a weekend and the Christmas holidays', async () => {
    // Friday 4 December: two working days ahead is Tuesday 8 December.
    const friday = system('2026-12-04T05:00:00Z');
    const tuesday = friday.add('legal-aid', '2026-12-08');
    const wednesday = friday.add('legal-aid', '2026-12-09');
    await sweepDeadlines(friday.deps);
    expect(friday.flagOf(tuesday)?.deadlineFlag).toBe('due-soon');
    expect(friday.flagOf(wednesday)).toBeUndefined();

    // Wednesday 23 December: 24–27 December are not working days, so through Tuesday 29 December.
    const christmas = system('2026-12-23T05:00:00Z');
    const in29 = christmas.add('legal-aid', '2026-12-29');
    const in30 = christmas.add('legal-aid', '2026-12-30');
    const result = await sweepDeadlines(christmas.deps);
    expect(result.dueThrough).toBe('2026-12-29');
    expect(christmas.flagOf(in29)?.deadlineFlag).toBe('due-soon');
    expect(christmas.flagOf(in30)).toBeUndefined();
  });

  it('honours the window it is given', async () => {
    const s = system('2026-12-04T05:00:00Z');
    const today = s.add('insolvency', '2026-12-04');
    const monday = s.add('insolvency', '2026-12-07');
    const result = await sweepDeadlines(s.deps, { dueWithinWorkingDays: 0 });
    expect(result.dueThrough).toBe('2026-12-04');
    expect(s.flagOf(today)?.deadlineFlag).toBe('due-soon');
    expect(s.flagOf(monday)).toBeUndefined();
    await expect(sweepDeadlines(s.deps, { dueWithinWorkingDays: -1 })).rejects.toThrow(RangeError);
    await expect(sweepDeadlines(s.deps, { today: '2026-02-30' })).rejects.toThrow(/Not a calendar date/);
  });

  it.each([
    ['a Saturday', '2026-12-05T08:00:00Z'],
    ['Proclamation Day', '2026-11-18T05:00:00Z'],
    ['a weekday made a day off by a transfer', '2026-06-22T05:00:00Z'],
  ])('does nothing on %s', async (_, now) => {
    const s = system(now);
    const overdue = s.add('court-fees', '2026-06-01');
    const result = await sweepDeadlines(s.deps);
    expect(result).toMatchObject({ workingDay: false, units: [] });
    expect(s.flagOf(overdue)).toBeUndefined();
    expect(s.mailer.sent).toEqual([]);
  });

  it('works on a Saturday to which a working day was transferred', async () => {
    // Saturday 27 June 2026 is worked in place of Monday 22 June.
    const s = system('2026-06-27T05:00:00Z');
    const overdue = s.add('court-fees', '2026-06-26');
    const result = await sweepDeadlines(s.deps);
    expect(result.workingDay).toBe(true);
    expect(s.flagOf(overdue)?.deadlineFlag).toBe('overdue');
  });

  it('turns a due-soon flag into overdue once the deadline passes, and reports it again', async () => {
    const s = system('2026-12-04T05:00:00Z');
    const ticket = s.add('court-fees', '2026-12-07');
    await sweepDeadlines(s.deps);
    expect(s.flagOf(ticket)?.deadlineFlag).toBe('due-soon');

    s.clock.advance(4 * 86_400_000); // Tuesday 8 December
    const result = await sweepDeadlines(s.deps);
    expect(s.flagOf(ticket)).toMatchObject({ deadlineFlag: 'overdue', deadlineReportedOn: '2026-12-08' });
    expect(result.units.find((u) => u.competence === 'court-fees')?.digest).toBe('sent');
    expect(s.mailer.sent).toHaveLength(2);
  });

  it('flags an extended deadline afresh when it comes due', async () => {
    const s = system('2026-12-04T05:00:00Z');
    const ticket = s.add('court-fees', '2026-12-07');
    await sweepDeadlines(s.deps);
    // Extended to Tuesday 8 December: still due soon on Friday, but for another deadline.
    await s.store.extendTicketDeadline(ticket.reference, {
      from: '2026-12-07',
      to: '2026-12-08',
      reason: 'Jāpieprasa ziņas no tiesas',
      by: 'supervisor',
      at: '2026-12-04T09:00:00Z',
    });
    await sweepDeadlines(s.deps);
    expect(s.flagOf(ticket)).toMatchObject({ deadlineFlag: 'due-soon', deadlineFlaggedFor: '2026-12-08' });
    expect(s.mailer.sent).toHaveLength(1); // The day's digest went out already: the next one lists it.
    expect(s.flagOf(ticket)?.deadlineReportedOn).toBeUndefined();

    s.clock.advance(3 * 86_400_000); // Monday 7 December
    await sweepDeadlines(s.deps);
    expect(s.mailer.sent).toHaveLength(2);
    expect(s.mailer.sent[1]?.text).toContain(`${ticket.reference}: termiņš 08.12.2026.`);
    expect(s.flagOf(ticket)?.deadlineReportedOn).toBe('2026-12-07');
  });
});

describe('sweepDeadlines: digests', () => {
  it('sends each unit with new flags one digest, to its supervisors, with references, deadlines and flags only', async () => {
    // Prepare
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    s.add('court-fees', '2026-11-12');
    s.add('court-fees', '2026-11-19');
    s.add('legal-aid', '2026-11-20');
    s.add('e-services', '2026-12-15'); // not due soon: no digest for e-services

    // Act
    const result = await sweepDeadlines(s.deps);

    // Assess
    expect(s.mailer.sent.map((mail) => mail.to).sort()).toEqual([
      'competence-court-fees-supervisors@courtdesk.example.lv',
      'competence-legal-aid-supervisors@courtdesk.example.lv',
    ]);
    expect(result.units.find((u) => u.competence === 'e-services')?.digest).toBe('nothing-new');
    const courtFees = s.mailer.sent.find((mail) => mail.to.includes('court-fees'))!;
    expect(courtFees.from).toBe(senderAddress);
    expect(courtFees.subject).toBe('Termiņu pārskats: Tiesu izdevumi un maksājumi, 17.11.2026.');
    expect(courtFees.headers).toEqual([{ name: 'Auto-Submitted', value: 'auto-generated' }]);
    expect(courtFees.text).toContain(
      'Atbildes termiņš ir nokavēts (2):\n- TA-2026-000002: termiņš 12.11.2026.\n- TA-2026-000001: termiņš 16.11.2026.',
    );
    expect(courtFees.text).toContain(
      'Atbildes termiņš beidzas šodien vai tuvāko 2 darbdienu laikā (1):\n- TA-2026-000003: termiņš 19.11.2026.',
    );
    expect(courtFees.text).toContain('nokavēts termiņš — 2, termiņš tuvojas — 1');
    for (const mail of s.mailer.sent) {
      expect(mail.text).not.toMatch(/Anna|anna@example|Konfidenciāl/);
      expect(mail.subject).not.toMatch(/Anna|Konfidenciāl/);
    }
    expect(s.sweep.sent('court-fees', '2026-11-17')).toMatchObject({
      to: 'competence-court-fees-supervisors@courtdesk.example.lv',
      sesMessageId: courtFees.messageId,
      entries: [
        { reference: 'TA-2026-000002', flag: 'overdue', answerDeadline: '2026-11-12' },
        { reference: 'TA-2026-000001', flag: 'overdue', answerDeadline: '2026-11-16' },
        { reference: 'TA-2026-000003', flag: 'due-soon', answerDeadline: '2026-11-19' },
      ],
    });
  });

  it('changes nothing and sends nothing on a second run the same day', async () => {
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    s.add('legal-aid', '2026-11-19');
    await sweepDeadlines(s.deps);
    const tickets = structuredClone([...s.store.tickets.values()]);
    const audited = s.audit.records.length;

    s.clock.advance(3_600_000);
    const second = await sweepDeadlines(s.deps);

    expect(s.mailer.sent).toHaveLength(2);
    expect([...s.store.tickets.values()]).toEqual(tickets);
    // Only the second run's own record: no flag or digest is recorded twice.
    const added = s.audit.records.slice(audited);
    expect(added.map((record) => record.eventName)).toEqual(['SweepDeadlines']);
    expect(added[0]?.responseElements).toMatchObject({ workingDay: true });
    expect(second.units.every((unit) => unit.flagged === 0 && unit.digest === 'nothing-new')).toBe(true);
  });

  it('records every run, also a day off and a day with nothing due, with counts and no tickets', async () => {
    const saturday = system('2026-11-21T05:00:00Z');
    await sweepDeadlines(saturday.deps);
    expect(saturday.audit.records.map((record) => record.eventName)).toEqual(['SweepDeadlines']);
    expect(saturday.audit.records[0]).toMatchObject({
      userIdentity: { type: 'Service', invokedBy: 'deadline-sweeper' },
      requestParameters: { date: '2026-11-21' },
      responseElements: { workingDay: false, units: [] },
      resources: [],
    });

    const quiet = system('2026-11-17T05:00:00Z');
    await sweepDeadlines(quiet.deps);
    const [run] = quiet.audit.records;
    expect(quiet.audit.records).toHaveLength(1);
    expect(run?.eventName).toBe('SweepDeadlines');
    expect(JSON.stringify(run)).not.toMatch(/TA-\d{4}/);
    expect(run?.responseElements).toMatchObject({
      workingDay: true,
      units: expect.arrayContaining([expect.objectContaining({ competence: 'court-fees' })]),
    });
  });

  it('lists only flags not reported yet: yesterday’s overdue ticket is not repeated', async () => {
    const s = system('2026-12-03T05:00:00Z'); // Thursday
    s.add('court-fees', '2026-12-01');
    await sweepDeadlines(s.deps);
    s.clock.advance(86_400_000); // Friday: the same ticket is still overdue, flagged already
    const next = s.add('court-fees', '2026-12-08'); // and a new one is now due soon
    const result = await sweepDeadlines(s.deps);
    expect(result.units.find((u) => u.competence === 'court-fees')).toMatchObject({ reported: 1 });
    const friday = s.mailer.sent[1]!;
    expect(friday.text).toContain(next.reference);
    expect(friday.text).not.toContain('TA-2026-000001');
    expect(friday.text).toContain('nokavēts termiņš — 1, termiņš tuvojas — 1');
  });

  it('renders the digest in English when asked, and splits a long list over digests', async () => {
    const s = system('2026-11-17T05:00:00Z');
    for (let i = 0; i < maximumDigestEntries + 3; i += 1) s.add('insolvency', '2026-11-16');
    await sweepDeadlines({ ...s.deps, digestLanguage: 'en' });
    const [mail] = s.mailer.sent;
    expect(mail?.subject).toBe('Deadline digest: Insolvency supervision, 17 November 2026');
    expect(mail?.text).toContain(`Answer deadline passed (${maximumDigestEntries}):`);
    expect(mail?.text).toContain('Requests that did not fit in this digest: 3.');
    const unreported = [...s.store.tickets.values()].filter(
      (ticket) => !(ticket as Ticket & Partial<DeadlineFlagState>).deadlineReportedOn,
    );
    expect(unreported).toHaveLength(3);

    // The next working day's digest lists the three left over.
    s.clock.advance(86_400_000 * 2); // Thursday 19 November
    await sweepDeadlines({ ...s.deps, digestLanguage: 'en' });
    expect(s.mailer.sent[1]?.text).toContain('Answer deadline passed (3):');
  });

  it('words the due-soon heading for one working day in both languages', () => {
    const competence = findCompetence('court-fees')!;
    const input = {
      competence,
      date: '2026-11-17',
      entries: [
        {
          reference: 'TA-2026-000009',
          answerDeadline: '2026-11-19',
          flag: 'due-soon' as const,
          flaggedAt: '',
        },
      ],
      left: 0,
      totals: { overdue: 0, dueSoon: 1 },
      dueWithinWorkingDays: 1,
    };
    expect(renderDeadlineDigest({ ...input, language: 'lv' }).text).toContain(
      'Atbildes termiņš beidzas šodien vai nākamajā darbdienā (1):\n- TA-2026-000009: termiņš 19.11.2026.',
    );
    expect(renderDeadlineDigest({ ...input, language: 'en' }).text).toContain(
      'Answer deadline today or on the next working day (1):\n- TA-2026-000009: deadline 19 November 2026',
    );
    expect(supervisorsAddressOf(competence)).toBe('competence-court-fees-supervisors@courtdesk.example.lv');
  });

  it('audits every flag and digest, CloudTrail-shaped, without personal data', async () => {
    const s = system('2026-11-17T05:00:00Z');
    const ticket = s.add('court-fees', '2026-11-16');
    await sweepDeadlines(s.deps);
    const flag = s.audit.records.find((record) => record.eventName === 'FlagTicketDeadline');
    const digest = s.audit.records.find((record) => record.eventName === 'SendDeadlineDigest');
    expect(flag).toMatchObject({
      eventVersion: '1.08',
      eventTime: '2026-11-17T05:00:00.000Z',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'deadline-sweeper' },
      requestParameters: { competence: 'court-fees', flag: 'overdue', answerDeadline: '2026-11-16' },
      resources: [{ type: 'Courtdesk::Ticket', ARN: `arn:courtdesk:tickets::ticket/${ticket.reference}` }],
      readOnly: false,
    });
    expect(digest).toMatchObject({
      requestParameters: { competence: 'court-fees', date: '2026-11-17', overdue: 1, dueSoon: 0 },
      responseElements: { sesMessageId: s.mailer.sent[0]?.messageId },
    });
    expect(digest?.resources).toContainEqual({
      type: 'Courtdesk::Ticket',
      ARN: `arn:courtdesk:tickets::ticket/${ticket.reference}`,
    });
    expect(JSON.stringify(s.audit.records)).not.toMatch(/Anna|anna@example|Konfidenciāl/);
  });
});

describe('sweepDeadlines: recovery', () => {
  it('a run that dies between flagging and mailing leaves the digest to the next run', async () => {
    // Prepare: the first run flags, then dies before it claims the digest.
    const s = system('2026-11-17T05:00:00Z');
    const ticket = s.add('court-fees', '2026-11-16');
    s.sweep.failNext.add('claimDigest');
    const first = await sweepDeadlines(s.deps);
    expect(first.units.find((u) => u.competence === 'court-fees')).toMatchObject({
      flagged: 1,
      digest: 'failed',
    });
    expect(s.mailer.sent).toEqual([]);

    // Act: the rerun finds the flag set, so it flags nothing, but the flag is not reported yet.
    s.clock.advance(60_000);
    const second = await sweepDeadlines(s.deps);

    // Assess
    expect(second.units.find((u) => u.competence === 'court-fees')).toMatchObject({
      flagged: 0,
      digest: 'sent',
      reported: 1,
    });
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.mailer.sent[0]?.text).toContain(ticket.reference);
    // One audit record of the flag, though both runs appended it.
    expect(s.audit.records.filter((record) => record.eventName === 'FlagTicketDeadline')).toHaveLength(1);
    await sweepDeadlines(s.deps);
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('a failed send releases its claim, so the retry sends at once', async () => {
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    s.mailer.failNext = true;
    const first = await sweepDeadlines(s.deps);
    expect(first.units.find((u) => u.competence === 'court-fees')?.error?.message).toBe('mailer unavailable');
    const second = await sweepDeadlines(s.deps);
    expect(second.units.find((u) => u.competence === 'court-fees')?.digest).toBe('sent');
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('a run that died holding the claim blocks others until the claim expires; its own retry may take over', async () => {
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    // A run that claimed and then vanished (its process killed before the send).
    await s.sweep.claimDigest(
      'court-fees',
      '2026-11-17',
      'dead-run',
      new Date('2026-11-17T05:02:00Z'),
      s.clock.now(),
    );
    const during = await sweepDeadlines({ ...s.deps, runId: 'other-run' });
    expect(during.units.find((u) => u.competence === 'court-fees')?.digest).toBe('busy');
    expect(s.mailer.sent).toEqual([]);

    const retry = await sweepDeadlines({ ...s.deps, runId: 'dead-run' });
    expect(retry.units.find((u) => u.competence === 'court-fees')?.digest).toBe('sent');
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('a claim left by a dead run expires', async () => {
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    await s.sweep.claimDigest(
      'court-fees',
      '2026-11-17',
      'dead-run',
      new Date('2026-11-17T05:02:00Z'),
      s.clock.now(),
    );
    s.clock.advance(3 * 60_000);
    const later = await sweepDeadlines(s.deps);
    expect(later.units.find((u) => u.competence === 'court-fees')?.digest).toBe('sent');
  });

  it('a run that dies after recording the digest: the rerun marks its tickets and sends nothing', async () => {
    const s = system('2026-11-17T05:00:00Z');
    const ticket = s.add('court-fees', '2026-11-16');
    s.sweep.failNext.add('markReported');
    await sweepDeadlines(s.deps);
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.flagOf(ticket)?.deadlineReportedOn).toBeUndefined();

    const rerun = await sweepDeadlines(s.deps);
    expect(rerun.units.find((u) => u.competence === 'court-fees')?.digest).toBe('already-sent');
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.flagOf(ticket)?.deadlineReportedOn).toBe('2026-11-17');
    expect(s.audit.records.filter((record) => record.eventName === 'SendDeadlineDigest')).toHaveLength(1);
  });

  it('holds a unit’s digest back while one of its flags cannot be written, without stopping other units', async () => {
    const s = system('2026-11-17T05:00:00Z');
    s.add('court-fees', '2026-11-16');
    s.add('legal-aid', '2026-11-16');
    s.sweep.failNext.add('flag');
    const first = await sweepDeadlines({
      ...s.deps,
      competences: [findCompetence('court-fees')!, findCompetence('legal-aid')!],
    });
    expect(first.units.map((unit) => unit.digest).sort()).toEqual(['deferred', 'sent']);
    const second = await sweepDeadlines(s.deps);
    expect(second.units.filter((unit) => unit.digest === 'sent')).toHaveLength(1);
    expect(s.mailer.sent).toHaveLength(2);
  });
});
