/**
 * What the _Pārskati_ view shows, worked out without the page (so that it is tested as it is):
 * the pickers' periods, the rows a chart or a table reads, numbers and periods in the page's
 * language (Latvian through Intl's `lv-LV`: decimal comma, groups of thousands by a space, dates
 * `09.03.2026.`), each chart's one-
 * sentence summary and its data table as plain values. `view.ts` and `charts.ts` put them on the page.
 */
import type { Language } from '../../../../shared/domain/language.ts';
import type { Translate } from '../notifications.ts';
import { dateLocale } from '../texts.ts';
import type { FiguresQuery, FiguresRow, Granularity, ServiceFigures } from './api.ts';

export type Preset = 'last30' | 'last90' | 'year' | 'custom';
export const presets: readonly Preset[] = ['last30', 'last90', 'year', 'custom'];

/** The longest period the API answers for, in days (inclusive). */
export const maximumDays = 366;

function shiftDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A preset's dates up to `today` (Riga): the last 30 or 90 days, or this year so far. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: shiftDays(today, preset === 'last30' ? -29 : -89), to: today };
}

/** The preset that gives these dates, or `custom`. */
export function presetOf(from: string, to: string, today: string): Preset {
  for (const preset of ['last30', 'last90', 'year'] as const) {
    const range = presetRange(preset, today);
    if (range.from === from && range.to === to) return preset;
  }
  return 'custom';
}

/** What the view first asks: the API's own default, the last 90 days by week, every unit. */
export function defaultQuery(today: string): FiguresQuery {
  return { ...presetRange('last90', today), competence: '', channel: '', granularity: 'week' };
}

/** The page's own checks of the period, as field errors (the server checks them again). */
export function queryProblems(query: FiguresQuery, t: Translate): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(query.from)) problems.push({ field: 'from', message: t('error.required') });
  if (!date.test(query.to)) problems.push({ field: 'to', message: t('error.required') });
  if (problems.length) return problems;
  if (query.from > query.to) problems.push({ field: 'from', message: t('figures.error.period') });
  else if (daysBetween(query.from, query.to) > maximumDays)
    problems.push({ field: 'from', message: t('figures.error.tooLong') });
  return problems;
}

// ---- Numbers and periods --------------------------------------------------------------------

/** A count or a mean: lv "12 345", "4,5"; en "12,345", "4.5". Null: a dash. */
export function formatNumber(value: number | null, language: Language, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(dateLocale[language], { maximumFractionDigits: digits }).format(value);
}

/** A share (0–1) as a percentage: lv "95,5 %" (or "95,5%", as the ICU data has it), en "95.5%". Null: a dash. */
export function formatPercent(share: number | null, language: Language): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(dateLocale[language], { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A calendar date: lv "09.03.2026.", en "09/03/2026". */
export function formatDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(dateLocale[language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc(date));
}

function lastDayOfMonth(date: string): string {
  const day = utc(date);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/**
 * A row's period in words: a day as its date, a whole month by name (lv "2026. g. marts"), a week
 * or a clipped month as its first and last day; null (the whole range) as `from`–`to`.
 */
export function periodLabel(
  row: Pick<FiguresRow, 'period' | 'periodEnd'>,
  granularity: Granularity,
  language: Language,
): string {
  const start = row.period;
  const end = row.periodEnd ?? start;
  if (start === null || end === null) return '';
  if (granularity === 'day' || start === end) return formatDate(start, language);
  if (granularity === 'month' && start.endsWith('-01') && end === lastDayOfMonth(start)) {
    return new Intl.DateTimeFormat(dateLocale[language], {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(utc(start));
  }
  return `${formatDate(start, language)}–${formatDate(end, language)}`;
}

/** A period's short name under a chart's axis: lv "09.03.", en "09/03"; a month lv "03.2026.". */
export function axisLabel(period: string, granularity: Granularity, language: Language): string {
  const options: Intl.DateTimeFormatOptions =
    granularity === 'month'
      ? { month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { day: '2-digit', month: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(dateLocale[language], options).format(utc(period));
}

// ---- The rows -------------------------------------------------------------------------------

/** The all-together row of the whole range (always present; zeros when there is nothing). */
export function rangeTotal(figures: ServiceFigures): FiguresRow | undefined {
  return figures.rows.find((row) => row.period === null && row.competence === null && row.channel === null);
}

/** The all-together rows of each period, in time order. */
export function periodRows(figures: ServiceFigures): FiguresRow[] {
  return figures.rows
    .filter((row) => row.period !== null && row.competence === null && row.channel === null)
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
}

/** The whole range per unit (every channel together), in the order of `figures.competences`. */
export function unitRows(figures: ServiceFigures): FiguresRow[] {
  const rows = figures.rows.filter((row) => row.period === null && row.channel === null && row.competence);
  const order = (row: FiguresRow) => {
    const index = figures.competences.indexOf(row.competence ?? '');
    return index < 0 ? figures.competences.length : index;
  };
  return rows.sort((a, b) => order(a) - order(b) || (a.competence ?? '').localeCompare(b.competence ?? ''));
}

/** The whole range per channel (every unit together). */
export function channelRows(figures: ServiceFigures): FiguresRow[] {
  const order = ['web', 'email', 'postal', 'phone'];
  return figures.rows
    .filter((row) => row.period === null && row.competence === null && row.channel !== null)
    .sort((a, b) => order.indexOf(a.channel ?? '') - order.indexOf(b.channel ?? ''));
}

/** Whether there is nothing at all to show for the range. */
export function isEmpty(figures: ServiceFigures): boolean {
  const total = rangeTotal(figures);
  if (!total) return true;
  return (
    total.received === 0 &&
    total.answered === 0 &&
    total.closed === 0 &&
    total.backlogAtEnd === 0 &&
    total.surveys.invited === 0 &&
    total.surveys.responses === 0
  );
}

// ---- Summaries: one sentence per chart ---------------------------------------------------------

export interface SummaryContext {
  readonly t: Translate;
  readonly language: Language;
}

/** The largest value of a series and the period it fell in (the first such period). */
function peak(
  rows: readonly FiguresRow[],
  value: (row: FiguresRow) => number,
  granularity: Granularity,
  language: Language,
): { peak: string; peakPeriod: string } {
  let best: FiguresRow | undefined;
  for (const row of rows) if (!best || value(row) > value(best)) best = row;
  return best
    ? { peak: formatNumber(value(best), language), peakPeriod: periodLabel(best, granularity, language) }
    : { peak: '0', peakPeriod: '—' };
}

export function volumeSummary(figures: ServiceFigures, { t, language }: SummaryContext): string {
  const total = rangeTotal(figures);
  return t('figures.volume.summary', {
    from: formatDate(figures.from, language),
    to: formatDate(figures.to, language),
    received: formatNumber(total?.received ?? 0, language),
    answered: formatNumber(total?.answered ?? 0, language),
    ...peak(periodRows(figures), (row) => row.received, figures.granularity, language),
  });
}

export function backlogSummary(figures: ServiceFigures, { t, language }: SummaryContext): string {
  const rows = periodRows(figures);
  return t('figures.backlog.summary', {
    last: formatNumber(rangeTotal(figures)?.backlogAtEnd ?? rows.at(-1)?.backlogAtEnd ?? 0, language),
    first: formatNumber(rows[0]?.backlogAtEnd ?? 0, language),
    ...peak(rows, (row) => row.backlogAtEnd, figures.granularity, language),
  });
}

export function answerTimeSummary(figures: ServiceFigures, { t, language }: SummaryContext): string {
  const total = rangeTotal(figures);
  return t('figures.answerTime.summary', {
    median: formatNumber(total?.answerDays.median ?? null, language),
    p90: formatNumber(total?.answerDays.p90 ?? null, language),
    count: formatNumber(total?.answerDays.count ?? 0, language),
    firstMedian: formatNumber(total?.firstResponseDays.median ?? null, language),
  });
}

export function complianceSummary(figures: ServiceFigures, { t, language }: SummaryContext): string {
  const total = rangeTotal(figures);
  return t('figures.compliance.summary', {
    share: formatPercent(total?.deadlineCompliance ?? null, language),
    byDeadline: formatNumber(total?.answeredByDeadline ?? 0, language),
    answered: formatNumber(total?.answered ?? 0, language),
    overdue: formatNumber(total?.overdue ?? 0, language),
    extensions: formatNumber(total?.extensions ?? 0, language),
  });
}

export function satisfactionSummary(figures: ServiceFigures, { t, language }: SummaryContext): string {
  const surveys = rangeTotal(figures)?.surveys;
  return t('figures.satisfaction.summary', {
    invited: formatNumber(surveys?.invited ?? 0, language),
    responses: formatNumber(surveys?.responses ?? 0, language),
    rate: formatPercent(surveys?.responseRate ?? null, language),
    mean: formatNumber(surveys?.satisfactionMean ?? null, language),
    yes: formatPercent(surveys?.answeredYesShare ?? null, language),
  });
}

// ---- Tables: every chart's data, and the summaries per unit and channel --------------------------

/** A data table as values: a caption, the column headings, and rows headed by their first cell. */
export interface TableModel {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly header: string; readonly cells: readonly string[] }[];
}

function perPeriod(
  figures: ServiceFigures,
  context: SummaryContext,
  caption: string,
  columns: readonly { label: string; value: (row: FiguresRow) => string }[],
): TableModel {
  const { t, language } = context;
  return {
    caption,
    columns: [t('figures.period'), ...columns.map((column) => column.label)],
    rows: periodRows(figures).map((row) => ({
      header: periodLabel(row, figures.granularity, language),
      cells: columns.map((column) => column.value(row)),
    })),
  };
}

export function volumeTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t, language } = context;
  return perPeriod(figures, context, t('figures.volume'), [
    { label: t('figures.received'), value: (row) => formatNumber(row.received, language) },
    { label: t('figures.answered'), value: (row) => formatNumber(row.answered, language) },
    { label: t('figures.closed'), value: (row) => formatNumber(row.closed, language) },
  ]);
}

export function backlogTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t, language } = context;
  return perPeriod(figures, context, t('figures.backlog'), [
    { label: t('figures.backlogAtEnd'), value: (row) => formatNumber(row.backlogAtEnd, language) },
  ]);
}

export function answerTimeTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t, language } = context;
  return perPeriod(figures, context, t('figures.answerTime'), [
    { label: t('figures.answerMedian'), value: (row) => formatNumber(row.answerDays.median, language) },
    { label: t('figures.answerP90'), value: (row) => formatNumber(row.answerDays.p90, language) },
    {
      label: t('figures.firstResponseMedian'),
      value: (row) => formatNumber(row.firstResponseDays.median, language),
    },
    { label: t('figures.answered'), value: (row) => formatNumber(row.answerDays.count, language) },
  ]);
}

export function complianceTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t, language } = context;
  return perPeriod(figures, context, t('figures.compliance'), [
    { label: t('figures.complianceShare'), value: (row) => formatPercent(row.deadlineCompliance, language) },
    {
      label: t('figures.answeredByDeadline'),
      value: (row) => formatNumber(row.answeredByDeadline, language),
    },
    { label: t('figures.answered'), value: (row) => formatNumber(row.answered, language) },
    { label: t('figures.overdue'), value: (row) => formatNumber(row.overdue, language) },
    { label: t('figures.extensions'), value: (row) => formatNumber(row.extensions, language) },
  ]);
}

/** The ratings 1–5 of the whole range, with each one's count. */
export function satisfactionTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t, language } = context;
  const counts = rangeTotal(figures)?.surveys.satisfaction ?? [0, 0, 0, 0, 0];
  return {
    caption: t('figures.satisfaction'),
    columns: [t('figures.score'), t('figures.responses')],
    rows: counts.map((count, index) => ({
      header: t('figures.score.value', { score: String(index + 1) }),
      cells: [formatNumber(count, language)],
    })),
  };
}

function rangeColumns(context: SummaryContext): { label: string; value: (row: FiguresRow) => string }[] {
  const { t, language } = context;
  const n = (value: number | null) => formatNumber(value, language);
  const p = (value: number | null) => formatPercent(value, language);
  return [
    { label: t('figures.received'), value: (row) => n(row.received) },
    { label: t('figures.answered'), value: (row) => n(row.answered) },
    { label: t('figures.closed'), value: (row) => n(row.closed) },
    { label: t('figures.backlogAtEnd'), value: (row) => n(row.backlogAtEnd) },
    { label: t('figures.firstResponseMedian'), value: (row) => n(row.firstResponseDays.median) },
    { label: t('figures.answerMedian'), value: (row) => n(row.answerDays.median) },
    { label: t('figures.answerP90'), value: (row) => n(row.answerDays.p90) },
    { label: t('figures.complianceShare'), value: (row) => p(row.deadlineCompliance) },
    { label: t('figures.overdue'), value: (row) => n(row.overdue) },
    { label: t('figures.extensions'), value: (row) => n(row.extensions) },
    { label: t('figures.reroutes'), value: (row) => n(row.reroutes) },
    { label: t('figures.takenOutOfOrder'), value: (row) => `${n(row.takenOutOfOrder)} / ${n(row.taken)}` },
    { label: t('figures.responseRate'), value: (row) => p(row.surveys.responseRate) },
    { label: t('figures.satisfactionMean'), value: (row) => n(row.surveys.satisfactionMean) },
    { label: t('figures.answeredYes'), value: (row) => p(row.surveys.answeredYesShare) },
  ];
}

/** The whole range per unit, then the total (the all-together row). */
export function unitTable(
  figures: ServiceFigures,
  context: SummaryContext & { readonly unitName: (id: string) => string },
): TableModel {
  const { t } = context;
  const columns = rangeColumns(context);
  const total = rangeTotal(figures);
  return {
    caption: t('figures.byUnit'),
    columns: [t('figures.unitColumn'), ...columns.map((column) => column.label)],
    rows: [...unitRows(figures), ...(total ? [total] : [])].map((row) => ({
      header: row.competence ? context.unitName(row.competence) : t('figures.total'),
      cells: columns.map((column) => column.value(row)),
    })),
  };
}

const channelKeys = {
  web: 'channel.web',
  email: 'channel.email',
  postal: 'channel.postal',
  phone: 'channel.phone',
} as const;

/** The whole range per channel (out-of-order takes are counted only without a channel). */
export function channelTable(figures: ServiceFigures, context: SummaryContext): TableModel {
  const { t } = context;
  const columns = rangeColumns(context).filter((column) => column.label !== t('figures.takenOutOfOrder'));
  return {
    caption: t('figures.byChannel'),
    columns: [t('figures.channelColumn'), ...columns.map((column) => column.label)],
    rows: channelRows(figures).map((row) => ({
      header: row.channel ? t(channelKeys[row.channel]) : t('figures.total'),
      cells: columns.map((column) => column.value(row)),
    })),
  };
}

/** A chart's data: x is the period's index, one array per series (null: no value). */
export interface ChartData {
  readonly labels: readonly string[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

export function volumeChart(figures: ServiceFigures, { t, language }: SummaryContext): ChartData {
  const rows = periodRows(figures);
  return {
    labels: rows.map((row) => axisLabel(row.period ?? '', figures.granularity, language)),
    series: [
      { label: t('figures.received'), values: rows.map((row) => row.received) },
      { label: t('figures.answered'), values: rows.map((row) => row.answered) },
    ],
  };
}

export function backlogChart(figures: ServiceFigures, { t, language }: SummaryContext): ChartData {
  const rows = periodRows(figures);
  return {
    labels: rows.map((row) => axisLabel(row.period ?? '', figures.granularity, language)),
    series: [{ label: t('figures.backlogAtEnd'), values: rows.map((row) => row.backlogAtEnd) }],
  };
}

export function answerTimeChart(figures: ServiceFigures, { t, language }: SummaryContext): ChartData {
  const rows = periodRows(figures);
  return {
    labels: rows.map((row) => axisLabel(row.period ?? '', figures.granularity, language)),
    series: [
      { label: t('figures.answerMedian'), values: rows.map((row) => row.answerDays.median) },
      { label: t('figures.answerP90'), values: rows.map((row) => row.answerDays.p90) },
    ],
  };
}

/** Compliance in percent (0–100), for the axis. */
export function complianceChart(figures: ServiceFigures, { t, language }: SummaryContext): ChartData {
  const rows = periodRows(figures);
  return {
    labels: rows.map((row) => axisLabel(row.period ?? '', figures.granularity, language)),
    series: [
      {
        label: t('figures.complianceShare'),
        values: rows.map((row) =>
          row.deadlineCompliance === null ? null : Math.round(row.deadlineCompliance * 1000) / 10,
        ),
      },
    ],
  };
}

export function satisfactionChart(figures: ServiceFigures, { t }: SummaryContext): ChartData {
  const counts = rangeTotal(figures)?.surveys.satisfaction ?? [0, 0, 0, 0, 0];
  return {
    labels: counts.map((_, index) => String(index + 1)),
    series: [{ label: t('figures.responses'), values: [...counts] }],
  };
}
