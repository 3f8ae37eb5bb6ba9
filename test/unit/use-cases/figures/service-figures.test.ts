/**
 * The service-quality figures over hand-made buckets (memory): rows per period, unit and channel,
 * medians and p90 from the histograms, deadline compliance, overdue relative to today, the backlog
 * from the beginning, defaults, the query's checks and who may read them; the CSV.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFiguresReader } from '../../../../shared/adapters/memory/figures-reader.ts';
import { MemoryFiguresTable } from '../../../../shared/adapters/memory/figures-table.ts';
import { FixedClock, MemoryAuditLog } from '../../../../shared/adapters/memory/index.ts';
import { MemoryQuestionLog } from '../../../../shared/adapters/memory/question-log.ts';
import { MemoryTicketStore } from '../../../../shared/adapters/memory/ticket-store.ts';
import { MemoryWorklists } from '../../../../shared/adapters/memory/worklists.ts';
import { competences } from '../../../../shared/domain/competences.ts';
import { Refused } from '../../../../shared/domain/refused.ts';
import type { StaffRole } from '../../../../shared/domain/staff.ts';
import { figuresEpoch, nextPeriod, plusDays } from '../../../../shared/ports/figures-reader.ts';
import type { TakeRecord } from '../../../../shared/ports/worklists.ts';
import { exportServiceFigures } from '../../../../shared/use-cases/figures/figures-csv.ts';
import {
  dayStartsAt,
  durations,
  outOfOrderListed,
  type ServiceFiguresDeps,
  serviceFigures,
} from '../../../../shared/use-cases/figures/service-figures.ts';
import type { StaffCaller } from '../../../../shared/use-cases/staff-audit.ts';
import type { FiguresRow } from '../../../../shared/use-cases/views/figures.ts';
import { addDays, type DayFigures } from '../../../support/figures-buckets.ts';

// Wednesday 2026-03-18, 10:00 in Riga.
const now = '2026-03-18T08:00:00.000Z';

function caller(roles: readonly StaffRole[], supervises: readonly string[] = []): StaffCaller {
  return {
    username: `user-${roles.join('-')}`,
    roles,
    competences: supervises,
    supervises,
    expiresAt: 0,
    issuedAt: 0,
    sessionId: 'session',
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestId: 'request',
  } as unknown as StaffCaller;
}

const admin = caller(['admin']);
const feesSupervisor = caller(['supervisor'], ['court-fees']);

function setUp(days: readonly DayFigures[] = [], takes: readonly TakeRecord[] = []) {
  const table = new MemoryFiguresTable();
  addDays(table, days);
  const audit = new MemoryAuditLog();
  const questionLog = new MemoryQuestionLog();
  const worklists = new MemoryWorklists(new MemoryTicketStore());
  worklists.takeRecords.push(...takes);
  const deps: ServiceFiguresDeps = {
    figures: new MemoryFiguresReader(table),
    questionLog,
    worklists,
    audit,
    clock: new FixedClock(now),
  };
  return { deps, audit, questionLog };
}

const row = (
  rows: readonly FiguresRow[],
  period: string | null,
  competence: string | null,
  channel: string | null,
) => rows.find((r) => r.period === period && r.competence === competence && r.channel === channel);

const fieldsOf = async (promise: Promise<unknown>) => {
  const refusal = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(Refused);
  return (refusal as Refused).fields?.map((field) => [field.field, field.key]);
};

describe('durations from a histogram', () => {
  it('gives the median (the middle two averaged) and the 90th percentile by nearest rank', () => {
    expect(durations(new Map())).toEqual({ median: null, p90: null, count: 0 });
    expect(durations(new Map([[3, 1]]))).toEqual({ median: 3, p90: 3, count: 1 });
    // 0, 1, 1, 2, 2, 2, 3, 5, 8, 13
    const histogram = new Map([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 1],
      [5, 1],
      [8, 1],
      [13, 1],
    ]);
    expect(durations(histogram)).toEqual({ median: 2, p90: 8, count: 10 });
    expect(
      durations(
        new Map([
          [1, 1],
          [4, 1],
        ]),
      ),
    ).toEqual({ median: 2.5, p90: 4, count: 2 });
  });
});

describe('serviceFigures', () => {
  const days: DayFigures[] = [
    // Before the range: two received, one settled — one still open at its start.
    { day: '2025-11-03', sk: 'court-fees#web', values: { received: 2, backlog: 1 } },
    // The week of 2026-03-02 (Monday).
    {
      day: '2026-03-03',
      sk: 'court-fees#web',
      values: { received: 3, backlog: 1, answered: 2, answeredByDeadline: 1, frt_1: 2, ans_4: 1, ans_6: 1 },
    },
    { day: '2026-03-04', sk: 'court-fees#email', values: { received: 1, backlog: 1, frt_3: 1 } },
    { day: '2026-03-05', sk: 'court-fees#-', values: { taken: 4, takenOutOfOrder: 1 } },
    { day: '2026-03-05', sk: 'insolvency#postal', values: { received: 5, backlog: 5, reroutes: 1 } },
    // The week of 2026-03-16: due yesterday (2 missed of 3), today (1, not yet overdue), and surveys.
    { day: '2026-03-17', sk: 'court-fees#web', values: { due: 3, dueMet: 1, closed: 1, extensions: 2 } },
    { day: '2026-03-18', sk: 'court-fees#web', values: { due: 1 } },
    {
      day: '2026-03-16',
      sk: 'court-fees#email',
      values: { invited: 4, responses: 3, sat_5: 2, sat_2: 1, ansYes: 2, ansNo: 1 },
    },
  ];

  it('answers rows per period, unit and channel, and the whole range', async () => {
    const { deps, audit } = setUp(days);
    const figures = await serviceFigures(deps, admin, { from: '2026-03-01', to: '2026-03-18' });
    expect(figures).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-18',
      granularity: 'week',
      channel: null,
      today: '2026-03-18',
    });
    expect(figures.competences).toHaveLength(competences.length);
    // Weeks overlapping the range, the first clipped to it.
    const periods = [...new Set(figures.rows.map((r) => `${r.period}..${r.periodEnd}`))];
    expect(periods).toEqual([
      'null..null',
      '2026-03-01..2026-03-01',
      '2026-03-02..2026-03-08',
      '2026-03-09..2026-03-15',
      '2026-03-16..2026-03-18',
    ]);
    const week = row(figures.rows, '2026-03-02', 'court-fees', null);
    expect(week).toMatchObject({
      received: 4,
      answered: 2,
      answeredByDeadline: 1,
      deadlineCompliance: 0.5,
      taken: 4,
      takenOutOfOrder: 1,
      // One open before the range, two more this week.
      backlogAtEnd: 3,
      firstResponseDays: { median: 1, p90: 3, count: 3 },
      answerDays: { median: 5, p90: 6, count: 2 },
    });
    // A channel's rows carry no takes.
    expect(row(figures.rows, '2026-03-02', 'court-fees', 'web')).toMatchObject({ received: 3, taken: 0 });
    expect(row(figures.rows, '2026-03-02', null, 'postal')).toMatchObject({ received: 5, reroutes: 1 });
    expect(row(figures.rows, '2026-03-02', null, null)).toMatchObject({ received: 9, backlogAtEnd: 8 });
    // Every unit has its row, zeros when empty; a pair only when present.
    expect(row(figures.rows, '2026-03-02', 'legal-aid', null)).toMatchObject({
      received: 0,
      backlogAtEnd: 0,
    });
    expect(row(figures.rows, '2026-03-02', 'legal-aid', 'web')).toBeUndefined();
    // Overdue: yesterday's deadlines missed, not today's.
    expect(row(figures.rows, '2026-03-16', 'court-fees', 'web')).toMatchObject({
      overdue: 2,
      closed: 1,
      extensions: 2,
    });
    expect(row(figures.rows, '2026-03-16', 'court-fees', 'email')?.surveys).toEqual({
      invited: 4,
      responses: 3,
      responseRate: 0.75,
      satisfactionMean: 4,
      satisfaction: [0, 1, 0, 0, 2],
      answeredYes: 2,
      answeredPartly: 0,
      answeredNo: 1,
      answeredYesShare: 0.6667,
    });
    // The whole range.
    expect(row(figures.rows, null, null, null)).toMatchObject({
      received: 9,
      answered: 2,
      overdue: 2,
      backlogAtEnd: 8,
      taken: 4,
      surveys: { invited: 4 },
    });
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({
      eventName: 'GetServiceFigures',
      readOnly: true,
      requestParameters: { from: '2026-03-01', to: '2026-03-18', granularity: 'week' },
    });
  });

  it('counts as overdue only the days before today, for a past range all its days', async () => {
    const { deps } = setUp(days);
    const past = await serviceFigures(deps, admin, {
      from: '2026-03-17',
      to: '2026-03-17',
      granularity: 'day',
    });
    expect(row(past.rows, null, null, null)?.overdue).toBe(2);
    const future = await serviceFigures(deps, admin, {
      from: '2026-03-18',
      to: '2026-03-20',
      granularity: 'day',
    });
    expect(row(future.rows, null, null, null)?.overdue).toBe(0);
  });

  it('defaults to the last 90 days by week, and months clip to the range', async () => {
    const { deps } = setUp(days);
    const figures = await serviceFigures(deps, admin, {});
    expect(figures).toMatchObject({ from: '2025-12-19', to: '2026-03-18', granularity: 'week' });
    const months = await serviceFigures(deps, admin, {
      from: '2026-01-15',
      to: '2026-03-18',
      granularity: 'month',
    });
    expect([...new Set(months.rows.map((r) => r.period))]).toEqual([
      null,
      '2026-01-15',
      '2026-02-01',
      '2026-03-01',
    ]);
    // The backlog from the beginning: one open since November.
    expect(row(months.rows, '2026-01-15', 'court-fees', null)?.backlogAtEnd).toBe(1);
  });

  it('filters by unit and by channel', async () => {
    const { deps } = setUp(days);
    const figures = await serviceFigures(deps, admin, {
      from: '2026-03-01',
      to: '2026-03-18',
      competence: 'court-fees',
      channel: 'web',
    });
    expect(figures.competences).toEqual(['court-fees']);
    expect(figures.channel).toBe('web');
    const all = row(figures.rows, null, null, null);
    expect(all).toMatchObject({ received: 3, taken: 0, backlogAtEnd: 2 });
    expect(figures.rows.every((r) => r.channel === null || r.channel === 'web')).toBe(true);
  });

  it('lists the takes out of order in the range, newest first, and the assistant’s questions', async () => {
    const take = (reference: string, takenAt: string, inOrder: boolean): TakeRecord => ({
      reference,
      competence: 'court-fees',
      assignee: 'anna',
      takenAt,
      receivedAt: '2026-03-01T08:00:00Z',
      inOrder,
      ...(inOrder ? {} : { reason: 'Urgent hearing', passedOver: 'TA-2026-000001' }),
    });
    const { deps, questionLog } = setUp(days, [
      take('TA-2026-000010', '2026-03-10T09:00:00Z', false),
      take('TA-2026-000011', '2026-03-12T09:00:00Z', false),
      take('TA-2026-000012', '2026-03-12T10:00:00Z', true),
      take('TA-2026-000013', '2026-02-27T10:00:00Z', false),
    ]);
    for (const [id, answered, source] of [
      ['q1', true, 'form'],
      ['q2', false, 'form'],
      ['q3', true, 'help'],
    ] as const)
      await questionLog.recordQuestion({
        questionId: id,
        pageId: `page-${id}`,
        source,
        language: 'lv',
        text: 'Kā samaksāt nodevu?',
        normalised: 'nodev samaks',
        answers: answered ? [{ articleId: 'fees', score: 1 } as never] : [],
        loggedAt: '2026-03-10T08:00:00.000Z',
        logDay: '2026-03-10',
      });
    await questionLog.markRequestSubmitted('page-q1', '2026-03-10T08:05:00.000Z');
    const figures = await serviceFigures(deps, feesSupervisor, { from: '2026-03-01', to: '2026-03-18' });
    expect(figures.outOfOrder.map((t) => t.reference)).toEqual(['TA-2026-000011', 'TA-2026-000010']);
    expect(figures.outOfOrder[0]).toEqual({
      reference: 'TA-2026-000011',
      competence: 'court-fees',
      takenAt: '2026-03-12T09:00:00Z',
      assignee: 'anna',
      reason: 'Urgent hearing',
      passedOver: 'TA-2026-000001',
    });
    expect(figures.assistant).toEqual({ asked: 3, unanswered: 1, deflection: 0.5, truncated: false });
  });

  it("reads the assistant's figures from the log's days' counts of the range, never its questions", async () => {
    const { deps } = setUp(days);
    const asked: [string, string][] = [];
    const counted: ServiceFiguresDeps = {
      ...deps,
      questionLog: {
        period: async () => {
          throw new Error('the figures read no questions');
        },
        dayCounts: async (from: string, to: string) => {
          asked.push([from, to]);
          return { asked: 7, unanswered: 2, formPages: 4, formPagesWithRequest: 1 };
        },
      } as unknown as ServiceFiguresDeps['questionLog'],
    };
    const figures = await serviceFigures(counted, admin, { from: '2026-03-01', to: '2026-03-18' });
    expect(figures.assistant).toEqual({ asked: 7, unanswered: 2, deflection: 0.75, truncated: false });
    expect(asked).toEqual([['2026-03-01', '2026-03-18']]);
  });

  it('reads the out-of-order takes by Riga days, each unit once with a limit, at most 100 in all', async () => {
    const take = (reference: string, takenAt: string, competence = 'court-fees'): TakeRecord => ({
      reference,
      competence,
      assignee: 'anna',
      takenAt,
      receivedAt: '2026-02-01T08:00:00.000Z',
      inOrder: false,
      reason: 'Steidzami',
    });
    expect(dayStartsAt('2026-03-01')).toBe('2026-02-28T22:00:00.000Z');
    expect(dayStartsAt('2026-07-01')).toBe('2026-06-30T21:00:00.000Z');
    const many = Array.from({ length: 150 }, (_, index) =>
      take(
        `TA-2026-${String(index).padStart(6, '0')}`,
        `2026-03-05T09:${String(index % 60).padStart(2, '0')}:${String(Math.floor(index / 60)).padStart(2, '0')}.000Z`,
        index % 2 ? 'court-fees' : 'legal-aid',
      ),
    );
    const { deps } = setUp(days, [
      // 00:30 on 1 March and 23:30 on 18 March in Riga: both inside; a minute outside each is not.
      take('TA-2026-100001', '2026-02-28T22:30:00.000Z'),
      take('TA-2026-100002', '2026-03-18T21:30:00.000Z'),
      take('TA-2026-100003', '2026-02-28T21:59:00.000Z'),
      take('TA-2026-100004', '2026-03-18T22:00:00.000Z'),
      ...many,
    ]);
    const asked: [string, string, string, number][] = [];
    const read = deps.worklists.outOfOrderTakes.bind(deps.worklists);
    const counted: ServiceFiguresDeps = {
      ...deps,
      worklists: {
        outOfOrderTakes: (competence, fromIso, toIso, limit) => {
          asked.push([competence, fromIso, toIso, limit]);
          return read(competence, fromIso, toIso, limit);
        },
      },
    };
    const figures = await serviceFigures(counted, admin, { from: '2026-03-01', to: '2026-03-18' });
    expect(figures.outOfOrder).toHaveLength(outOfOrderListed);
    expect(figures.outOfOrder[0]?.reference).toBe('TA-2026-100002');
    expect(figures.outOfOrder.map((t) => t.reference)).not.toContain('TA-2026-100004');
    expect(asked).toHaveLength(competences.length);
    expect(
      asked.every(
        ([, from, to, limit]) =>
          from === '2026-02-28T22:00:00.000Z' &&
          to === '2026-03-18T22:00:00.000Z' &&
          limit === outOfOrderListed,
      ),
    ).toBe(true);
    const firstOfMarch = await serviceFigures(deps, feesSupervisor, { from: '2026-03-01', to: '2026-03-01' });
    expect(firstOfMarch.outOfOrder.map((t) => t.reference)).toEqual(['TA-2026-100001']);
  });

  it('refuses days before the figures begin or more than a year ahead (400, never a 500)', async () => {
    const { deps } = setUp();
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '0001-01-01', to: '0001-03-01' }))).toEqual([
      ['from', 'staff.figures.tooEarly'],
    ]);
    expect(await fieldsOf(serviceFigures(deps, admin, { to: '0100-03-01' }))).toEqual([
      ['from', 'staff.figures.tooEarly'],
    ]);
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '9998-01-01', to: '9998-02-01' }))).toEqual([
      ['to', 'staff.figures.tooLate'],
    ]);
    expect(
      await fieldsOf(
        serviceFigures(deps, admin, { from: '2500-01-01', to: '2500-03-01', granularity: 'month' }),
      ),
    ).toEqual([['to', 'staff.figures.tooLate']]);
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '2019-12-31', to: '2020-01-31' }))).toEqual([
      ['from', 'staff.figures.tooEarly'],
    ]);
    // The first day and a year ahead are read.
    await serviceFigures(deps, admin, { from: figuresEpoch, to: '2020-12-31', granularity: 'month' });
    await serviceFigures(deps, admin, { from: '2027-02-01', to: '2027-03-19', granularity: 'month' });
    // Four-digit years whatever the step.
    expect(nextPeriod('y', '0099-01-01')).toBe('0100-01-01');
    expect(nextPeriod('m', '0099-12-01')).toBe('0100-01-01');
    expect(plusDays('0100-03-01', -1)).toBe('0100-02-28');
    expect(plusDays('9999-12-31', 1)).toBe('10000-01-01');
  });

  it('refuses a query at fault field by field', async () => {
    const { deps, audit } = setUp();
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '2026-02-30', granularity: 'year' }))).toEqual([
      ['granularity', 'staff.field.invalid'],
      ['from', 'staff.deadline.dateInvalid'],
    ]);
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '2026-03-10', to: '2026-03-01' }))).toEqual([
      ['from', 'staff.audit.order'],
    ]);
    expect(await fieldsOf(serviceFigures(deps, admin, { from: '2025-03-01', to: '2026-03-02' }))).toEqual([
      ['from', 'staff.figures.span'],
    ]);
    expect(
      await fieldsOf(serviceFigures(deps, admin, { from: '2025-03-02', to: '2026-03-02', channel: 'fax' })),
    ).toEqual([['channel', 'staff.field.invalid']]);
    expect(
      await fieldsOf(
        serviceFigures(deps, admin, { from: '2025-11-30', to: '2026-03-02', granularity: 'day' }),
      ),
    ).toEqual([['granularity', 'staff.figures.daySpan']]);
    // 366 days is allowed.
    await expect(
      serviceFigures(deps, admin, { from: '2025-03-02', to: '2026-03-02' }),
    ).resolves.toBeDefined();
    expect(audit.records).toHaveLength(1);
  });

  it('is for supervisors of their units and administrators only', async () => {
    const { deps } = setUp(days);
    for (const role of ['agent', 'mailroom', 'auditor', 'editor'] as const)
      await expect(serviceFigures(deps, caller([role], ['court-fees']), {})).rejects.toMatchObject({
        code: 'AccessDenied',
        status: 403,
      });
    await expect(serviceFigures(deps, feesSupervisor, { competence: 'insolvency' })).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    // Refused before the query is looked at.
    await expect(serviceFigures(deps, caller(['agent']), { from: 'x' })).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    const own = await serviceFigures(deps, feesSupervisor, {});
    expect(own.competences).toEqual(['court-fees']);
  });
});

describe('exportServiceFigures', () => {
  it('writes a ;-separated CSV with decimal commas, a BOM and the caller’s language', async () => {
    const { deps, audit } = setUp([
      {
        day: '2026-03-03',
        sk: 'court-fees#web',
        values: { received: 2, answered: 2, answeredByDeadline: 1, ans_1: 1, ans_2: 1 },
      },
    ]);
    const query = { from: '2026-03-02', to: '2026-03-08', competence: 'court-fees' };
    const lv = await exportServiceFigures(deps, feesSupervisor, query, 'lv');
    expect(lv.filename).toBe('service-figures-2026-03-02-2026-03-08.csv');
    expect(
      lv.text.startsWith('\uFEFF"Perioda sākums";"Perioda beigas";"Struktūrvienība";"Kanāls";"Saņemti"'),
    ).toBe(true);
    const lines = lv.text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + lv.rows);
    // The whole range first: all units together, then the unit's own row.
    expect(lines[1]).toMatch(/^"viss periods";;"visas";"visi";2;2;0;/);
    const unit = lines.find((line) =>
      line.startsWith('"viss periods";;"Tiesu izdevumi un maksājumi";"visi";2;2;0;'),
    );
    // The answer's median 1,5 working days, compliance 0,5.
    expect(unit?.split(';').slice(11, 16)).toEqual(['1,5', '2', '2', '1', '0,5']);
    const en = await exportServiceFigures(deps, feesSupervisor, query, 'en');
    expect(en.text).toContain('"Period start";"Period end";"Unit";"Channel";"Received"');
    expect(en.text).toContain('"whole range";;"Court fees and payments";"all";2');
    expect(audit.records.map((record) => record.eventName)).toEqual([
      'ExportServiceFigures',
      'ExportServiceFigures',
    ]);
  });
});
