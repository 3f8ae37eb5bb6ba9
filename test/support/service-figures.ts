/**
 * A realistic answer of `GET /api/staff/analytics` (the brief's `ServiceFigures`), for the
 * dashboard's tests while the API is built elsewhere: weekly periods (ISO weeks, the first and the
 * last clipped to the range), rows per unit and channel, per unit, per channel and all together,
 * for every period and for the whole range; within a period the units and channels add up to the
 * all-together row (the range row is its own sample, not the sum of the periods).
 */
import type { Channel, FiguresRow, ServiceFigures } from '../../web/src/admin/figures/api.ts';

type Counts = Omit<FiguresRow, 'period' | 'periodEnd' | 'competence' | 'channel'>;

function day(date: string, shift: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + shift);
  return value.toISOString().slice(0, 10);
}

/** ISO weeks (Monday first) overlapping `from`–`to`, clipped to it. */
export function weeks(from: string, to: string): { period: string; periodEnd: string }[] {
  const periods: { period: string; periodEnd: string }[] = [];
  let start = from;
  while (start <= to) {
    const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7;
    const sunday = day(start, 6 - weekday);
    const end = sunday < to ? sunday : to;
    periods.push({ period: start, periodEnd: end });
    start = day(end, 1);
  }
  return periods;
}

function zero(): Counts {
  return {
    received: 0,
    answered: 0,
    closed: 0,
    backlogAtEnd: 0,
    firstResponseDays: { median: null, p90: null, count: 0 },
    answerDays: { median: null, p90: null, count: 0 },
    answeredByDeadline: 0,
    deadlineCompliance: null,
    overdue: 0,
    extensions: 0,
    reroutes: 0,
    taken: 0,
    takenOutOfOrder: 0,
    surveys: {
      invited: 0,
      responses: 0,
      responseRate: null,
      satisfactionMean: null,
      satisfaction: [0, 0, 0, 0, 0],
      answeredYes: 0,
      answeredPartly: 0,
      answeredNo: 0,
      answeredYesShare: null,
    },
  };
}

/** A cell's counts, from a seed: deterministic and different per unit, channel and period. */
function cell(seed: number, withTakes: boolean): Counts {
  const received = 3 + (seed % 7);
  const answered = 2 + (seed % 5);
  const byDeadline = Math.max(0, answered - (seed % 2));
  const satisfaction: [number, number, number, number, number] = [
    seed % 2,
    seed % 3 === 0 ? 1 : 0,
    1,
    1 + (seed % 2),
    2 + (seed % 3),
  ];
  const responses = satisfaction.reduce((sum, count) => sum + count, 0);
  const invited = responses + 2 + (seed % 3);
  const yes = Math.max(0, responses - 1 - (seed % 2));
  const partly = responses - yes > 0 ? 1 : 0;
  const mean = satisfaction.reduce((sum, count, index) => sum + count * (index + 1), 0) / responses;
  return {
    received,
    answered,
    closed: Math.max(0, answered - 1),
    backlogAtEnd: 4 + (seed % 9),
    firstResponseDays: { median: 1 + (seed % 3) * 0.5, p90: 3 + (seed % 4), count: answered },
    answerDays: { median: 2 + (seed % 4) * 0.5, p90: 6 + (seed % 5), count: answered },
    answeredByDeadline: byDeadline,
    deadlineCompliance: byDeadline / answered,
    overdue: seed % 2,
    extensions: seed % 4 === 0 ? 1 : 0,
    reroutes: seed % 3 === 0 ? 1 : 0,
    taken: withTakes ? received : 0,
    takenOutOfOrder: withTakes ? seed % 2 : 0,
    surveys: {
      invited,
      responses,
      responseRate: responses / invited,
      satisfactionMean: Math.round(mean * 100) / 100,
      satisfaction,
      answeredYes: yes,
      answeredPartly: partly,
      answeredNo: responses - yes - partly,
      answeredYesShare: yes / responses,
    },
  };
}

/** Adds counts up (medians and p90s of the sum stand in for the server's own from its histograms). */
function sum(cells: readonly Counts[]): Counts {
  const total = zero();
  for (const each of cells) {
    total.received += each.received;
    total.answered += each.answered;
    total.closed += each.closed;
    total.backlogAtEnd += each.backlogAtEnd;
    total.answeredByDeadline += each.answeredByDeadline;
    total.overdue += each.overdue;
    total.extensions += each.extensions;
    total.reroutes += each.reroutes;
    total.taken += each.taken;
    total.takenOutOfOrder += each.takenOutOfOrder;
    total.firstResponseDays.count += each.firstResponseDays.count;
    total.answerDays.count += each.answerDays.count;
    const surveys = total.surveys;
    surveys.invited += each.surveys.invited;
    surveys.responses += each.surveys.responses;
    surveys.answeredYes += each.surveys.answeredYes;
    surveys.answeredPartly += each.surveys.answeredPartly;
    surveys.answeredNo += each.surveys.answeredNo;
    surveys.satisfaction = surveys.satisfaction.map(
      (count, index) => count + (each.surveys.satisfaction[index] ?? 0),
    ) as typeof surveys.satisfaction;
  }
  const answeredCells = cells.filter((each) => each.answerDays.count > 0);
  const medians = answeredCells.map((each) => each.answerDays.median ?? 0).sort((a, b) => a - b);
  const firsts = answeredCells.map((each) => each.firstResponseDays.median ?? 0).sort((a, b) => a - b);
  if (answeredCells.length) {
    total.answerDays.median = medians[Math.floor(medians.length / 2)] ?? null;
    total.answerDays.p90 = Math.max(...cells.map((each) => each.answerDays.p90 ?? 0));
    total.firstResponseDays.median = firsts[Math.floor(firsts.length / 2)] ?? null;
    total.firstResponseDays.p90 = Math.max(...cells.map((each) => each.firstResponseDays.p90 ?? 0));
  }
  total.deadlineCompliance = total.answered ? total.answeredByDeadline / total.answered : null;
  const surveys = total.surveys;
  surveys.responseRate = surveys.invited ? surveys.responses / surveys.invited : null;
  surveys.answeredYesShare = surveys.responses ? surveys.answeredYes / surveys.responses : null;
  surveys.satisfactionMean = surveys.responses
    ? Math.round(
        (surveys.satisfaction.reduce((all, count, index) => all + count * (index + 1), 0) /
          surveys.responses) *
          100,
      ) / 100
    : null;
  return total;
}

export interface FixtureOptions {
  readonly from: string;
  readonly to: string;
  readonly competences: readonly string[];
  readonly channel?: Channel | null;
  readonly today?: string;
  /** Every count zero (an empty range). */
  readonly empty?: boolean;
}

/** The answer for a weekly query over `from`–`to` and `competences`. */
export function serviceFigures(options: FixtureOptions): ServiceFigures {
  const channels: readonly Channel[] = options.channel
    ? [options.channel]
    : ['web', 'email', 'postal', 'phone'];
  const periods = weeks(options.from, options.to);
  const rows: FiguresRow[] = [];
  const emit = (
    period: { period: string | null; periodEnd: string | null },
    seedOf: (unit: number, channel: number) => number,
  ) => {
    const cells = options.competences.map((_, unit) =>
      channels.map((_, channel) => (options.empty ? zero() : cell(seedOf(unit, channel), false))),
    );
    options.competences.forEach((competence, unit) => {
      channels.forEach((channel, index) => {
        rows.push({ ...period, competence, channel, ...(cells[unit]?.[index] ?? zero()) });
      });
      const unitTotal = sum(cells[unit] ?? []);
      // Takes (and those out of order) are counted only on rows without a channel.
      if (!options.empty) {
        unitTotal.taken = unitTotal.received;
        unitTotal.takenOutOfOrder = seedOf(unit, 0) % 3;
      }
      rows.push({ ...period, competence, channel: null, ...unitTotal });
    });
    channels.forEach((channel, index) => {
      rows.push({
        ...period,
        competence: null,
        channel,
        ...sum(cells.map((unitCells) => unitCells[index] ?? zero())),
      });
    });
    const all = sum(cells.flat());
    const units = rows.filter(
      (row) => row.period === period.period && row.channel === null && row.competence !== null,
    );
    all.taken = units.reduce((total, row) => total + row.taken, 0);
    all.takenOutOfOrder = units.reduce((total, row) => total + row.takenOutOfOrder, 0);
    rows.push({ ...period, competence: null, channel: null, ...all });
  };
  periods.forEach((period, index) => {
    emit(period, (unit, channel) => index * 7 + unit * 3 + channel);
  });
  emit({ period: null, periodEnd: null }, (unit, channel) => 11 + unit * 5 + channel * 2);
  return {
    from: options.from,
    to: options.to,
    granularity: 'week',
    competences: [...options.competences],
    channel: options.channel ?? null,
    today: options.today ?? options.to,
    rows,
    assistant: options.empty
      ? { asked: 0, unanswered: 0, deflection: null, truncated: false }
      : { asked: 412, unanswered: 37, deflection: 0.62, truncated: false },
    outOfOrder: options.empty
      ? []
      : [
          {
            reference: 'TA-2026-000412',
            competence: options.competences[0] ?? 'general',
            takenAt: `${options.to}T09:15:00.000Z`,
            assignee: `supervisor.${options.competences[0] ?? 'general'}`,
            reason: 'Steidzams: tiesas sēde rīt',
            passedOver: 'TA-2026-000398',
          },
          {
            reference: 'TA-2026-000377',
            competence: options.competences.at(-1) ?? 'general',
            takenAt: `${options.from}T12:40:00.000Z`,
            assignee: `agent.${options.competences.at(-1) ?? 'general'}`,
            reason: 'Atbildes projekts jau sagatavots',
          },
        ],
  };
}
