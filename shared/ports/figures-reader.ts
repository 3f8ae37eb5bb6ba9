/**
 * Reading the service-quality figures (§26, §27) from the `figures` table
 * (`domain/figures/layout.ts`): the sums of its buckets over spans of days, per unit and channel.
 * A span is read as few buckets as it can be: its whole years, then whole months, then whole ISO
 * weeks, and days only at the edges (`bucketsOfSpan`), so that the cost of a read depends on the
 * days asked for and the units, never on the number of tickets.
 */
import {
  type CounterName,
  counterNames,
  type FigureChannel,
  type Granularity,
} from '../domain/figures/layout.ts';
import type { Channel } from '../domain/ticket.ts';

/** Days `from`..`to`, inclusive, `YYYY-MM-DD` (Europe/Riga). */
export interface DaySpan {
  readonly from: string;
  readonly to: string;
}

/** The figures of one bucket, or of several added together. */
export interface BucketFigures {
  readonly counters: Record<CounterName, number>;
  /** Durations in whole working days → how many: first response, answer. */
  readonly firstResponse: Map<number, number>;
  readonly answer: Map<number, number>;
}

/** Which buckets: the units' (sort keys `<competence>#…`), of one channel (no takes) or of all. */
export interface FiguresFilter {
  readonly competences: readonly string[];
  readonly channel?: Channel | undefined;
}

/** A span's figures by bucket sort key (`<competence>#<channel>`); absent: nothing in the span. */
export type SpanFigures = ReadonlyMap<string, BucketFigures>;

export interface FiguresReader {
  /**
   * Each span's figures (in the order asked), the spans read together; with `only`, those counters
   * alone are read (the others and the histograms left at zero).
   */
  sums(
    spans: readonly DaySpan[],
    filter: FiguresFilter,
    only?: readonly CounterName[],
  ): Promise<SpanFigures[]>;
}

/**
 * The first day any bucket may hold: a span reaching further back (the backlog "from the
 * beginning") starts here. Years before it hold nothing.
 */
export const figuresEpoch = '2020-01-01';

// ---- Days, without the calendar: UTC dates stand for Riga days here ------------------------------

const dayMs = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** The UTC date of `ms`, its year in four digits (`toISOString` throws on NaN, signs others). */
const ofMs = (ms: number) => {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

export const plusDays = (day: string, days: number) => ofMs(toMs(day) + days * dayMs);

/** The Monday of the ISO week of `day`. */
export function weekStart(day: string): string {
  const weekday = (new Date(toMs(day)).getUTCDay() + 6) % 7;
  return plusDays(day, -weekday);
}

/** The first day of the period of `granularity` holding `day`. */
export function periodStart(granularity: Granularity, day: string): string {
  switch (granularity) {
    case 'd':
      return day;
    case 'w':
      return weekStart(day);
    case 'm':
      return `${day.slice(0, 7)}-01`;
    case 'y':
      return `${day.slice(0, 4)}-01-01`;
  }
}

/** The first day of the next period of `granularity` after the one starting `start`. */
export function nextPeriod(granularity: Granularity, start: string): string {
  switch (granularity) {
    case 'd':
      return plusDays(start, 1);
    case 'w':
      return plusDays(start, 7);
    case 'm': {
      const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
      return month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
    }
    case 'y':
      return `${pad(Number(start.slice(0, 4)) + 1, 4)}-01-01`;
  }
}

/** A bucket period: its granularity and first day. */
export interface BucketPeriod {
  readonly granularity: Granularity;
  readonly start: string;
}

const coarsestFirst: readonly Granularity[] = ['y', 'm', 'w', 'd'];

/**
 * The bucket periods that together cover `span` exactly: the whole periods of the coarsest
 * granularity inside it, the edges left over covered the same way by the finer ones. Empty when
 * `to` is before `from`.
 */
export function bucketsOfSpan(span: DaySpan, levels: readonly Granularity[] = coarsestFirst): BucketPeriod[] {
  if (span.to < span.from) return [];
  const [granularity, ...finer] = levels;
  if (granularity === undefined) return [];
  const whole: BucketPeriod[] = [];
  let start = periodStart(granularity, span.from);
  if (start < span.from) start = nextPeriod(granularity, start);
  for (; ; start = nextPeriod(granularity, start)) {
    const next = nextPeriod(granularity, start);
    if (plusDays(next, -1) > span.to) break;
    whole.push({ granularity, start });
  }
  const first = whole[0];
  const last = whole.at(-1);
  if (!first || !last) return bucketsOfSpan(span, finer);
  return [
    ...bucketsOfSpan({ from: span.from, to: plusDays(first.start, -1) }, finer),
    ...whole,
    ...bucketsOfSpan({ from: nextPeriod(granularity, last.start), to: span.to }, finer),
  ];
}

// ---- Bucket items → figures -------------------------------------------------------------------

export function emptyFigures(): BucketFigures {
  const counters = Object.fromEntries(counterNames.map((name) => [name, 0])) as Record<CounterName, number>;
  return { counters, firstResponse: new Map(), answer: new Map() };
}

const isCounter = new Set<string>(counterNames);

/** Adds a bucket item's counters and histograms into `into`. */
export function addItem(into: BucketFigures, item: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== 'number') continue;
    if (isCounter.has(name)) {
      into.counters[name as CounterName] += value;
      continue;
    }
    // `frt_<n>` or `ans_<n>` (histogramPattern), told apart without a regular expression: this
    // runs for every attribute of every bucket a dashboard reads.
    const histogram = name.startsWith('frt_')
      ? into.firstResponse
      : name.startsWith('ans_')
        ? into.answer
        : undefined;
    const days = Number(name.slice(4));
    if (histogram === undefined || !Number.isInteger(days) || days < 0) continue;
    histogram.set(days, (histogram.get(days) ?? 0) + value);
  }
}

/** Adds `figures` into `into`. */
export function addFigures(into: BucketFigures, figures: BucketFigures): void {
  for (const name of counterNames) into.counters[name] += figures.counters[name];
  for (const [days, count] of figures.firstResponse)
    into.firstResponse.set(days, (into.firstResponse.get(days) ?? 0) + count);
  for (const [days, count] of figures.answer) into.answer.set(days, (into.answer.get(days) ?? 0) + count);
}

/** Whether a bucket's sort key passes the filter. */
export function wantedSk(sk: string, filter: FiguresFilter): boolean {
  const cut = sk.lastIndexOf('#');
  if (cut < 0) return false;
  const channel = sk.slice(cut + 1) as FigureChannel;
  return (
    filter.competences.includes(sk.slice(0, cut)) &&
    (filter.channel === undefined || channel === filter.channel)
  );
}

/**
 * Sums the items read into each span's figures: `itemsOf(period)` gives the (filtered) items of a
 * bucket period's partition.
 */
export function sumSpans(
  spans: readonly DaySpan[],
  itemsOf: (period: BucketPeriod) => readonly Readonly<Record<string, unknown>>[],
): SpanFigures[] {
  return spans.map((span) => {
    const sums = new Map<string, BucketFigures>();
    for (const period of bucketsOfSpan(span)) {
      for (const item of itemsOf(period)) {
        const sk = String(item.sk);
        const figures = sums.get(sk) ?? emptyFigures();
        addItem(figures, item);
        sums.set(sk, figures);
      }
    }
    return sums;
  });
}
