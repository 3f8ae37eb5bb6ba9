/**
 * The service-quality figures (§26, §27; `GET /api/staff/analytics`): for supervisors (the units
 * they supervise) and administrators (every unit), per period, unit and channel. Served from the
 * `figures` table's buckets (`FiguresReader`), the question log's days (the assistant) and the
 * units' out-of-order lists (bounded queries, newest first) — never from the tickets.
 * Reading them is audited (`GetServiceFigures`).
 */
import { type CompetenceId, competences } from '../../domain/competences.ts';
import { type CounterName, figureChannels } from '../../domain/figures/layout.ts';
import { accessDenied, type FieldRefusal, invalidFields } from '../../domain/refused.ts';
import type { Channel } from '../../domain/ticket.ts';
import { localDate } from '../../domain/working-days.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { Clock } from '../../ports/clock.ts';
import {
  addFigures,
  type BucketFigures,
  type DaySpan,
  emptyFigures,
  type FiguresReader,
  figuresEpoch,
  nextPeriod,
  periodStart,
  plusDays,
  type SpanFigures,
} from '../../ports/figures-reader.ts';
import type { QuestionLog } from '../../ports/question-log.ts';
import type { Worklists } from '../../ports/worklists.ts';
import { recordRead, type StaffCaller } from '../staff-audit.ts';
import type { FiguresRow, OutOfOrderTake, ServiceFigures } from '../views/figures.ts';

export interface ServiceFiguresDeps {
  readonly figures: FiguresReader;
  readonly questionLog: QuestionLog;
  readonly worklists: Pick<Worklists, 'outOfOrderTakes'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export type FiguresGranularity = 'day' | 'week' | 'month';

export interface ServiceFiguresQuery {
  /** `YYYY-MM-DD`, inclusive; default: 89 days before `to`. */
  readonly from?: string | undefined;
  /** `YYYY-MM-DD`, inclusive; default: today (Riga). */
  readonly to?: string | undefined;
  /** One unit; default: every unit the caller may see. */
  readonly competence?: string | undefined;
  readonly channel?: string | undefined;
  /** Default `week`. */
  readonly granularity?: string | undefined;
}

/** The longest range, in days; by day at most `maximumDaysByDay` (the answer's size). */
export const maximumRangeDays = 366;
export const maximumDaysByDay = 92;
export const defaultRangeDays = 90;
/** Out-of-order takes listed at most. */
export const outOfOrderListed = 100;

const granularityLetter = { day: 'd', week: 'w', month: 'm' } as const;

/**
 * The units the caller may see the figures of: every unit for an administrator, the supervised
 * ones for a supervisor; refused (403) to anyone else, and for a unit outside them.
 */
export function visibleUnits(caller: StaffCaller, competence?: string): CompetenceId[] {
  const all = competences.map((unit) => unit.id as CompetenceId);
  const mine = caller.roles.includes('admin')
    ? all
    : caller.roles.includes('supervisor')
      ? all.filter((id) => caller.supervises.includes(id))
      : [];
  if (mine.length === 0) throw accessDenied();
  if (competence === undefined) return mine;
  const one = mine.filter((id) => id === competence);
  if (one.length === 0) throw accessDenied();
  return one;
}

const realDate = (day: string | undefined): day is string => {
  if (day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
};

interface CheckedQuery {
  readonly from: string;
  readonly to: string;
  readonly granularity: FiguresGranularity;
  readonly channel: Channel | undefined;
  readonly competence: string | undefined;
}

/** The query with its defaults; every field at fault refused together (400). */
export function checkQuery(query: ServiceFiguresQuery, today: string): CheckedQuery {
  const faults: FieldRefusal[] = [];
  const fault = (field: string, key: string, values?: Record<string, string>) =>
    faults.push({ field, key, ...(values ? { values } : {}) });
  const granularity = (query.granularity ?? 'week') as FiguresGranularity;
  if (!(granularity in granularityLetter)) fault('granularity', 'staff.field.invalid');
  const channel = query.channel as Channel | undefined;
  if (channel !== undefined && !(figureChannels as readonly string[]).includes(channel))
    fault('channel', 'staff.field.invalid');
  if (query.competence !== undefined && !competences.some((unit) => unit.id === query.competence))
    fault('competence', 'staff.field.invalid');
  const to = query.to ?? today;
  if (!realDate(to)) fault('to', 'staff.deadline.dateInvalid');
  const from = query.from ?? (realDate(to) ? plusDays(to, 1 - defaultRangeDays) : today);
  if (!realDate(from)) fault('from', 'staff.deadline.dateInvalid');
  // Only days a bucket can hold, and none past a year from now: no date a calendar step could
  // carry outside four-digit years.
  const latest = plusDays(today, maximumRangeDays);
  if (realDate(from) && from < figuresEpoch) fault('from', 'staff.figures.tooEarly', { date: figuresEpoch });
  if (realDate(to) && to > latest) fault('to', 'staff.figures.tooLate', { date: latest });
  if (faults.length === 0) {
    if (from > to) fault('from', 'staff.audit.order');
    else if (plusDays(from, maximumRangeDays - 1) < to)
      fault('from', 'staff.figures.span', { days: String(maximumRangeDays) });
    else if (granularity === 'day' && plusDays(from, maximumDaysByDay - 1) < to)
      fault('granularity', 'staff.figures.daySpan', { days: String(maximumDaysByDay) });
  }
  if (faults.length > 0) throw invalidFields(faults);
  return { from, to, granularity, channel, competence: query.competence };
}

/** The periods of `granularity` overlapping `from`..`to`, the first and last clipped to it. */
export function periodsOf(from: string, to: string, granularity: FiguresGranularity): DaySpan[] {
  const letter = granularityLetter[granularity];
  const periods: DaySpan[] = [];
  for (let start = periodStart(letter, from); start <= to; start = nextPeriod(letter, start)) {
    const end = plusDays(nextPeriod(letter, start), -1);
    periods.push({ from: start < from ? from : start, to: end > to ? to : end });
  }
  return periods;
}

// ---- From buckets to rows -----------------------------------------------------------------------

/** The `k`-th smallest (1-based) duration of a histogram. */
function kth(histogram: ReadonlyMap<number, number>, k: number): number {
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen >= k) return days;
  }
  return Number.NaN;
}

/** Median (the middle two averaged) and 90th percentile (nearest rank): exact for whole days. */
export function durations(histogram: ReadonlyMap<number, number>): FiguresRow['firstResponseDays'] {
  const count = [...histogram.values()].reduce((sum, n) => sum + n, 0);
  if (count === 0) return { median: null, p90: null, count: 0 };
  const median =
    count % 2 === 1
      ? kth(histogram, (count + 1) / 2)
      : (kth(histogram, count / 2) + kth(histogram, count / 2 + 1)) / 2;
  return { median, p90: kth(histogram, Math.ceil(0.9 * count)), count };
}

const ratio = (part: number, whole: number, digits = 4) =>
  whole === 0 ? null : Math.round((part / whole) * 10 ** digits) / 10 ** digits;

interface Group {
  readonly competence: string | null;
  readonly channel: Channel | null;
  readonly matches: (sk: string) => boolean;
}

const unitOf = (sk: string) => sk.slice(0, sk.lastIndexOf('#'));
const channelOf = (sk: string) => sk.slice(sk.lastIndexOf('#') + 1);

/** The rows' groups: all together, each unit, each channel present, each (unit, channel) present. */
function groupsOf(
  units: readonly string[],
  present: ReadonlySet<string>,
  channel: Channel | undefined,
): Group[] {
  const pairs = [...present].filter((sk) => channelOf(sk) !== '-').sort();
  const channels = [...new Set([...(channel ? [channel] : []), ...pairs.map(channelOf)])].sort() as Channel[];
  return [
    { competence: null, channel: null, matches: () => true },
    ...units.map((unit) => ({
      competence: unit,
      channel: null,
      matches: (sk: string) => unitOf(sk) === unit,
    })),
    ...channels.map((ch) => ({
      competence: null,
      channel: ch,
      matches: (sk: string) => channelOf(sk) === ch,
    })),
    ...pairs.map((pair) => ({
      competence: unitOf(pair),
      channel: channelOf(pair) as Channel,
      matches: (sk: string) => sk === pair,
    })),
  ];
}

/** Every group's sum of a span's figures, in one pass over its buckets (not one per group). */
function groupSums(
  figures: SpanFigures | undefined,
  groups: readonly Group[],
  groupsOfSk: Map<string, number[]>,
): BucketFigures[] {
  const sums = groups.map(() => emptyFigures());
  for (const [sk, bucket] of figures ?? []) {
    let matching = groupsOfSk.get(sk);
    if (!matching) {
      matching = groups.flatMap((group, index) => (group.matches(sk) ? [index] : []));
      groupsOfSk.set(sk, matching);
    }
    for (const index of matching) addFigures(sums[index] as BucketFigures, bucket);
  }
  return sums;
}

function rowOf(
  period: DaySpan | null,
  group: Group,
  sum: BucketFigures,
  backlogAtEnd: number,
  overdue: number,
): FiguresRow {
  const c = (name: CounterName) => sum.counters[name];
  const satisfaction = [c('sat_1'), c('sat_2'), c('sat_3'), c('sat_4'), c('sat_5')] as [
    number,
    number,
    number,
    number,
    number,
  ];
  const rated = satisfaction.reduce((total, n) => total + n, 0);
  const answers = c('ansYes') + c('ansPartly') + c('ansNo');
  const mean = satisfaction.reduce((total, n, index) => total + n * (index + 1), 0);
  return {
    period: period?.from ?? null,
    periodEnd: period?.to ?? null,
    competence: group.competence,
    channel: group.channel,
    received: c('received'),
    answered: c('answered'),
    closed: c('closed'),
    backlogAtEnd,
    firstResponseDays: durations(sum.firstResponse),
    answerDays: durations(sum.answer),
    answeredByDeadline: c('answeredByDeadline'),
    deadlineCompliance: ratio(c('answeredByDeadline'), c('answered')),
    overdue,
    extensions: c('extensions'),
    reroutes: c('reroutes'),
    taken: group.channel === null ? c('taken') : 0,
    takenOutOfOrder: group.channel === null ? c('takenOutOfOrder') : 0,
    surveys: {
      invited: c('invited'),
      responses: c('responses'),
      responseRate: ratio(c('responses'), c('invited')),
      satisfactionMean: ratio(mean, rated, 2),
      satisfaction,
      answeredYes: c('ansYes'),
      answeredPartly: c('ansPartly'),
      answeredNo: c('ansNo'),
      answeredYesShare: ratio(c('ansYes'), answers),
    },
  };
}

const overdueOf = (sum: BucketFigures) => Math.max(0, sum.counters.due - sum.counters.dueMet);

/** Builds the rows from the buckets (one read of every span they need). */
async function rowsOf(
  deps: ServiceFiguresDeps,
  query: CheckedQuery,
  units: readonly string[],
  today: string,
): Promise<FiguresRow[]> {
  const periods = periodsOf(query.from, query.to, query.granularity);
  const yesterday = plusDays(today, -1);
  // Overdue counts the days before today: the period holding today is read again up to yesterday.
  const overdueSpans = periods.map((period) =>
    period.to <= yesterday
      ? 'whole'
      : period.from <= yesterday
        ? { from: period.from, to: yesterday }
        : 'none',
  );
  const partial = overdueSpans.filter((span): span is DaySpan => typeof span === 'object');
  const before = query.from > figuresEpoch ? [{ from: figuresEpoch, to: plusDays(query.from, -1) }] : [];
  const filter = { competences: units, channel: query.channel };
  // The days before the range are read for the backlog alone (years of buckets, few counters).
  const [[backlogBefore], read] = await Promise.all([
    before.length ? deps.figures.sums(before, filter, ['backlog']) : Promise.resolve([undefined]),
    deps.figures.sums([...periods, ...partial], filter),
  ]);
  const byPeriod = read.slice(0, periods.length);
  const partialRead = read.slice(periods.length);
  const present = new Set<string>();
  for (const figures of [...byPeriod, backlogBefore])
    for (const [sk, bucket] of figures ?? [])
      if (figures !== backlogBefore || bucket.counters.backlog !== 0) present.add(sk);
  const rows: FiguresRow[] = [];
  const perPeriod: FiguresRow[][] = [];
  const groups = groupsOf(units, present, query.channel);
  const groupsOfSk = new Map<string, number[]>();
  const periodSums = byPeriod.map((figures) => groupSums(figures, groups, groupsOfSk));
  const partialSums = partialRead.map((figures) => groupSums(figures, groups, groupsOfSk));
  const backlogSums = groupSums(backlogBefore, groups, groupsOfSk);
  groups.forEach((group, groupIndex) => {
    let backlog = (backlogSums[groupIndex] as BucketFigures).counters.backlog;
    let partialIndex = 0;
    const whole = emptyFigures();
    let overdueTotal = 0;
    periods.forEach((period, index) => {
      const sum = periodSums[index]?.[groupIndex] as BucketFigures;
      addFigures(whole, sum);
      backlog += sum.counters.backlog;
      const span = overdueSpans[index];
      const overdue =
        span === 'whole'
          ? overdueOf(sum)
          : span === 'none'
            ? 0
            : overdueOf(partialSums[partialIndex++]?.[groupIndex] as BucketFigures);
      overdueTotal += overdue;
      const rowsOfPeriod = perPeriod[index] ?? [];
      rowsOfPeriod.push(rowOf(period, group, sum, backlog, overdue));
      perPeriod[index] = rowsOfPeriod;
    });
    rows.push(rowOf(null, group, whole, backlog, overdueTotal));
  });
  return [...rows, ...perPeriod.flat()];
}

/**
 * The assistant's questions of the range (all units): the question log's counts of its days, kept
 * as it is written and beyond its retention (the questions themselves are deleted at their period).
 */
async function assistantOf(
  deps: ServiceFiguresDeps,
  from: string,
  to: string,
): Promise<ServiceFigures['assistant']> {
  const counts = await deps.questionLog.dayCounts(from, to);
  return {
    asked: counts.asked,
    unanswered: counts.unanswered,
    deflection: ratio(counts.formPages - counts.formPagesWithRequest, counts.formPages, 3),
    // Counts are never cut short (the log's own read was, at `maximumLogItems`).
    truncated: false,
  };
}

/**
 * The instant a Riga day begins (ISO): its midnight is 22:00 or 21:00 UTC the day before (the
 * clocks change at 03:00/04:00, never at midnight).
 */
export function dayStartsAt(day: string): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [3, 2]) {
    const instant = new Date(midnightUtc - hours * 3_600_000);
    if (localDate(instant) === day) return instant.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

/**
 * The units' takes out of order in the range, newest first, at most `outOfOrderListed`: each
 * unit's out-of-order list read once, newest first, with the range as its key condition and the
 * limit as its `Limit` — bounded whatever the number of takes.
 */
async function outOfOrderOf(
  deps: ServiceFiguresDeps,
  units: readonly string[],
  from: string,
  to: string,
): Promise<OutOfOrderTake[]> {
  const fromIso = dayStartsAt(from);
  const toIso = dayStartsAt(plusDays(to, 1));
  const takes = await Promise.all(
    units.map((unit) => deps.worklists.outOfOrderTakes(unit, fromIso, toIso, outOfOrderListed)),
  );
  return takes
    .flat()
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.reference.localeCompare(a.reference))
    .slice(0, outOfOrderListed)
    .map((take) => ({
      reference: take.reference,
      competence: take.competence,
      takenAt: take.takenAt,
      assignee: take.assignee,
      reason: take.reason ?? '',
      ...(take.passedOver ? { passedOver: take.passedOver } : {}),
    }));
}

/** The figures, unaudited: for the JSON answer and the CSV file alike. */
export async function buildServiceFigures(
  deps: ServiceFiguresDeps,
  caller: StaffCaller,
  query: ServiceFiguresQuery,
): Promise<ServiceFigures> {
  // Who first, so that a caller with no right learns nothing from the query's checks.
  visibleUnits(caller);
  const today = localDate(deps.clock.now());
  const checked = checkQuery(query, today);
  const units = visibleUnits(caller, checked.competence);
  const [rows, assistant, outOfOrder] = await Promise.all([
    rowsOf(deps, checked, units, today),
    assistantOf(deps, checked.from, checked.to),
    outOfOrderOf(deps, units, checked.from, checked.to),
  ]);
  return {
    from: checked.from,
    to: checked.to,
    granularity: checked.granularity,
    competences: units,
    channel: checked.channel ?? null,
    today,
    rows,
    assistant,
    outOfOrder,
  };
}

/** What a read of the figures is recorded with. */
export function figuresRequest(figures: ServiceFigures): Record<string, string> {
  return {
    from: figures.from,
    to: figures.to,
    granularity: figures.granularity,
    competences: figures.competences.join(' '),
    ...(figures.channel ? { channel: figures.channel } : {}),
  };
}

/** The figures as JSON, the read recorded (`GetServiceFigures`). */
export async function serviceFigures(
  deps: ServiceFiguresDeps,
  caller: StaffCaller,
  query: ServiceFiguresQuery,
): Promise<ServiceFigures> {
  const figures = await buildServiceFigures(deps, caller, query);
  await recordRead(deps, caller, {
    eventName: 'GetServiceFigures',
    requestParameters: figuresRequest(figures),
    responseElements: { rows: figures.rows.length, outOfOrder: figures.outOfOrder.length },
  });
  return figures;
}
