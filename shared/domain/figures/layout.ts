/**
 * How the service-quality figures are kept (§26, §27) in the `figures` table: the contract between
 * the writer (the stream consumer `aggregate-figures` and the rebuild) and the reader (the
 * analytics API). Pure names and keys only.
 *
 * A bucket is one item per granularity, period, unit and channel:
 * - pk `FIG#<granularity>#<period start>` — granularity `d` (day), `w` (ISO week, from Monday),
 *   `m` (month, from its 1st), `y` (year, from 1 January); dates `YYYY-MM-DD` in Europe/Riga.
 * - sk `<competence>#<channel>` — channel `web|email|postal|phone`, or `-` for figures that have
 *   none (takes from a unit's queue).
 * - numeric attributes, each a counter (see `counterNames`), and two histograms of durations in
 *   whole working days: `frt_<n>` (first response) and `ans_<n>` (answer), n = 0, 1, 2, …
 * Every delta is added to the bucket of each of the four granularities, so that a range reads
 * whole years, months and weeks where it can and days only at its edges.
 */
import type { Channel } from '../ticket.ts';

export const granularities = ['d', 'w', 'm', 'y'] as const;
export type Granularity = (typeof granularities)[number];

export const figureChannels = ['web', 'email', 'postal', 'phone'] as const satisfies readonly Channel[];
/** `-`: a figure with no channel (a take from the unit's queue). */
export type FigureChannel = Channel | '-';

/**
 * The counters of a bucket, each counted on the day (Europe/Riga) of the event named:
 * - `received`: tickets received (`receivedAt`).
 * - `answered`: tickets answered — the first change to `answered` or `closed` (its `at`).
 * - `answeredByDeadline`: of those, answered on or before the answer deadline then in force.
 * - `closed`: changes to `closed` by staff (each ticket once: its last).
 * - `backlog`: the net change of open tickets: +1 received, −1 settled (answered or closed),
 *   +1 reopened (from answered/closed back to a status still to answer). The backlog at the end
 *   of a period is the sum of every `backlog` up to its end.
 * - `due`: tickets whose (current) answer deadline is that day; `dueMet`: of those, answered by it.
 *   Overdue in a period = Σ (`due` − `dueMet`) over its days before today.
 * - `extensions`: deadline extensions (each `deadlineExtensions[].at`).
 * - `reroutes`: moves to another unit, counted in the unit left (each `reroutes[].at`).
 * - `taken`, `takenOutOfOrder`: takes from the unit's queue (channel `-`), from the take records.
 * - `invited`: survey invitations given (`invitedAt`).
 * - `responses`: survey responses (first `respondedAt`); `sat_1`…`sat_5` their satisfaction,
 *   `ansYes`, `ansPartly`, `ansNo` their "did you get an answer" (the latest version of each
 *   response, counted on the day of its first version).
 */
export const counterNames = [
  'received',
  'answered',
  'answeredByDeadline',
  'closed',
  'backlog',
  'due',
  'dueMet',
  'extensions',
  'reroutes',
  'taken',
  'takenOutOfOrder',
  'invited',
  'responses',
  'sat_1',
  'sat_2',
  'sat_3',
  'sat_4',
  'sat_5',
  'ansYes',
  'ansPartly',
  'ansNo',
] as const;
export type CounterName = (typeof counterNames)[number];

/** The histogram attribute of a duration of `days` whole working days. */
export const firstResponseBin = (days: number) => `frt_${days}`;
export const answerBin = (days: number) => `ans_${days}`;
export const histogramPattern = /^(frt|ans)_(\d+)$/;

export const bucketPk = (granularity: Granularity, periodStart: string) =>
  `FIG#${granularity}#${periodStart}`;
export const bucketSk = (competence: string, channel: FigureChannel) => `${competence}#${channel}`;
