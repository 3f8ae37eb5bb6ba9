/**
 * The dashboard's pure parts: the pickers' periods and checks, numbers and periods in Latvian and
 * English, each chart's one-sentence summary, the data tables as values (captions, column headings,
 * rows), and the query the API (and its CSV) is asked.
 */
import { describe, expect, it } from 'vitest';
import {
  type FiguresQuery,
  figuresParameters,
  serviceFiguresSchema,
} from '../../../web/src/admin/figures/api.ts';
import {
  answerTimeSummary,
  axisLabel,
  backlogSummary,
  complianceChart,
  complianceSummary,
  defaultQuery,
  formatNumber,
  formatPercent,
  isEmpty,
  periodLabel,
  periodRows,
  presetOf,
  presetRange,
  queryProblems,
  satisfactionSummary,
  satisfactionTable,
  unitTable,
  volumeChart,
  volumeSummary,
  volumeTable,
} from '../../../web/src/admin/figures/model.ts';
import { abilitiesOf, allowedRoute } from '../../../web/src/admin/navigation.ts';
import { addressOf, routeFromAddress } from '../../../web/src/admin/routes.ts';
import { type TextKey, text } from '../../../web/src/admin/texts.ts';
import { serviceFigures } from '../../support/service-figures.ts';

const lv = {
  language: 'lv' as const,
  t: (key: TextKey, values?: Readonly<Record<string, string>>) => text('lv', key, values),
};
const en = {
  language: 'en' as const,
  t: (key: TextKey, values?: Readonly<Record<string, string>>) => text('en', key, values),
};
const units = ['court-fees', 'e-services'];
const figures = serviceFigures({ from: '2026-01-01', to: '2026-01-31', competences: units });
const nbsp = /[\u00a0\u202f]/g;

describe('the pickers', () => {
  it('give the last 30 and 90 days and this year up to today', () => {
    expect(presetRange('last30', '2026-03-15')).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(presetRange('last90', '2026-03-15')).toEqual({ from: '2025-12-16', to: '2026-03-15' });
    expect(presetRange('year', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-03-15' });
  });

  it('recognise a preset in the dates, and call anything else custom', () => {
    expect(presetOf('2026-02-14', '2026-03-15', '2026-03-15')).toBe('last30');
    expect(presetOf('2026-01-01', '2026-03-15', '2026-03-15')).toBe('year');
    expect(presetOf('2026-01-02', '2026-03-15', '2026-03-15')).toBe('custom');
  });

  it("start with the API's default: the last 90 days by week, every unit and channel", () => {
    expect(defaultQuery('2026-03-15')).toEqual({
      from: '2025-12-16',
      to: '2026-03-15',
      competence: '',
      channel: '',
      granularity: 'week',
    });
  });

  it('refuse a missing date, a period backwards and one longer than 366 days, in the page language', () => {
    const query = defaultQuery('2026-03-15');
    expect(queryProblems(query, lv.t)).toEqual([]);
    expect(queryProblems({ ...query, from: '' }, lv.t)).toEqual([
      { field: 'from', message: lv.t('error.required') },
    ]);
    expect(queryProblems({ ...query, from: '2026-03-16' }, en.t)).toEqual([
      { field: 'from', message: 'The start date cannot be after the end date.' },
    ]);
    expect(queryProblems({ ...query, from: '2025-01-01', to: '2026-01-01' }, lv.t)).toEqual([]);
    expect(queryProblems({ ...query, from: '2025-01-01', to: '2026-01-02' }, lv.t)).toEqual([
      { field: 'from', message: 'Periods nevar būt garāks par 366 dienām.' },
    ]);
  });

  it('ask the API with the same query for JSON and CSV, leaving out "all"', () => {
    const query: FiguresQuery = {
      from: '2026-01-01',
      to: '2026-01-31',
      competence: '',
      channel: '',
      granularity: 'month',
    };
    expect(figuresParameters(query)).toEqual({ from: '2026-01-01', to: '2026-01-31', granularity: 'month' });
    expect(figuresParameters({ ...query, competence: 'court-fees', channel: 'postal' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      competence: 'court-fees',
      channel: 'postal',
      granularity: 'month',
    });
  });
});

describe('numbers and periods', () => {
  it('are Latvian in Latvian: decimal comma, space groups, the percent sign', () => {
    // CLDR groups Latvian numbers from five digits on.
    expect(formatNumber(12345.5, 'lv').replace(nbsp, ' ')).toBe('12 345,5');
    expect(formatNumber(4.5, 'lv')).toBe('4,5');
    expect(formatPercent(0.955, 'lv').replace(nbsp, ' ')).toMatch(/^95,5 ?%$/);
    expect(formatNumber(null, 'lv')).toBe('—');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatPercent(0.955, 'en')).toBe('95.5%');
  });

  it('name a day, a week, a whole month and a clipped month', () => {
    // The final dot of a Latvian date depends on the ICU version (Node's and Chromium's differ).
    expect(periodLabel({ period: '2026-03-09', periodEnd: '2026-03-09' }, 'day', 'lv')).toMatch(
      /^09\.03\.2026\.?$/,
    );
    expect(periodLabel({ period: '2026-03-09', periodEnd: '2026-03-15' }, 'week', 'lv')).toMatch(
      /^09\.03\.2026\.?–15\.03\.2026\.?$/,
    );
    expect(periodLabel({ period: '2026-03-01', periodEnd: '2026-03-31' }, 'month', 'lv')).toBe(
      '2026. g. marts',
    );
    expect(periodLabel({ period: '2026-03-01', periodEnd: '2026-03-31' }, 'month', 'en')).toBe('March 2026');
    expect(periodLabel({ period: '2026-03-10', periodEnd: '2026-03-31' }, 'month', 'en')).toBe(
      '10/03/2026–31/03/2026',
    );
    expect(axisLabel('2026-03-09', 'week', 'lv')).toBe('09.03.');
  });
});

describe('the fixture', () => {
  it("has the contract's shape, weeks clipped to the range and the rows the contract lists", () => {
    expect(serviceFiguresSchema.safeParse(figures).success).toBe(true);
    expect(periodRows(figures).map((row) => [row.period, row.periodEnd])).toEqual([
      ['2026-01-01', '2026-01-04'],
      ['2026-01-05', '2026-01-11'],
      ['2026-01-12', '2026-01-18'],
      ['2026-01-19', '2026-01-25'],
      ['2026-01-26', '2026-01-31'],
    ]);
    expect(isEmpty(figures)).toBe(false);
    expect(
      isEmpty(serviceFigures({ from: '2026-01-01', to: '2026-01-31', competences: units, empty: true })),
    ).toBe(true);
  });
});

describe('the summaries', () => {
  const total = figures.rows.find((row) => !row.period && !row.competence && !row.channel);
  if (!total) throw new Error('no total row');

  it('say what was received and answered, and the busiest period', () => {
    const sentence = volumeSummary(figures, lv).replace(nbsp, ' ');
    expect(sentence).toMatch(/^Periodā 01\.01\.2026\.?–31\.01\.2026\.? /);
    expect(sentence).toContain(`saņemti pieprasījumi: ${total.received}, atbildēti: ${total.answered}`);
    const busiest = Math.max(...periodRows(figures).map((row) => row.received));
    expect(sentence).toContain(`visvairāk saņemto — ${busiest} (`);
  });

  it('say the backlog, the answer time, the deadlines kept and the surveys with their figures', () => {
    expect(backlogSummary(figures, en)).toContain(`at the end of the whole period: ${total.backlogAtEnd}`);
    expect(answerTimeSummary(figures, lv)).toContain(
      `mediāna ${formatNumber(total.answerDays.median, 'lv')}, 90. procentile ${formatNumber(total.answerDays.p90, 'lv')}`,
    );
    expect(complianceSummary(figures, en)).toBe(
      `${formatPercent(total.deadlineCompliance, 'en')} of requests answered by the deadline (${total.answeredByDeadline} of ${total.answered}); overdue: ${total.overdue}; deadlines extended: ${total.extensions}.`,
    );
    expect(satisfactionSummary(figures, lv)).toContain(
      `atbilžu īpatsvars ${formatPercent(total.surveys.responseRate, 'lv')}`,
    );
  });

  it('say a dash for a figure that does not exist (nothing answered)', () => {
    const empty = serviceFigures({ from: '2026-01-01', to: '2026-01-31', competences: units, empty: true });
    expect(answerTimeSummary(empty, en)).toContain('median —, 90th percentile —');
    expect(complianceSummary(empty, lv)).toContain('Termiņā atbildēti — pieprasījumu (0 no 0)');
  });
});

describe('the data tables', () => {
  it('have a caption, the period first, and a row per period', () => {
    const table = volumeTable(figures, lv);
    expect(table.caption).toBe('Saņemtie un atbildētie pieprasījumi');
    expect(table.columns).toEqual(['Periods', 'Saņemti', 'Atbildēti', 'Slēgti']);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[1]?.header).toMatch(/^05\.01\.2026\.?–11\.01\.2026\.?$/);
    expect(table.rows[1]?.cells[0]).toBe(String(periodRows(figures)[1]?.received));
  });

  it('give the ratings 1–5 with their counts', () => {
    const table = satisfactionTable(figures, en);
    expect(table.rows.map((row) => row.header)).toEqual(['1 of 5', '2 of 5', '3 of 5', '4 of 5', '5 of 5']);
  });

  it('sum the range up per unit in the order asked, then the total', () => {
    const table = unitTable(figures, { ...en, unitName: (id) => `unit ${id}` });
    expect(table.rows.map((row) => row.header)).toEqual(['unit court-fees', 'unit e-services', 'Total']);
    expect(table.columns[0]).toBe('Unit');
    expect(table.columns).toHaveLength(16);
  });

  it('feed the charts the same periods, compliance in percent', () => {
    const chart = volumeChart(figures, lv);
    expect(chart.labels).toEqual(['01.01.', '05.01.', '12.01.', '19.01.', '26.01.']);
    expect(chart.series.map((series) => series.label)).toEqual(['Saņemti', 'Atbildēti']);
    const compliance = complianceChart(figures, lv).series[0]?.values ?? [];
    expect(compliance.every((value) => value === null || (value >= 0 && value <= 100))).toBe(true);
  });
});

describe('the route and who sees it', () => {
  const me = (roles: string[], supervisor: boolean) =>
    ({
      username: 'someone',
      roles,
      competences: roles.includes('admin')
        ? []
        : [{ id: 'court-fees', name: { lv: 'Nodevas', en: 'Fees' }, supervisor }],
      units: [],
      sessionExpiresAt: '2026-01-01T00:00:00Z',
      idleTimeoutMinutes: 30,
    }) as unknown as Parameters<typeof abilitiesOf>[0];

  it('has an address of its own', () => {
    expect(addressOf({ kind: 'figures' }, 'en')).toBe('/admin/?view=figures&lang=en');
    expect(routeFromAddress({ search: '?view=figures' })).toEqual({ kind: 'figures' });
  });

  it("is a supervisor's and an administrator's, not an agent's", () => {
    expect(abilitiesOf(me(['supervisor'], true)).figures).toBe(true);
    expect(abilitiesOf(me(['admin'], false)).figures).toBe(true);
    const agent = abilitiesOf(me(['agent'], false));
    expect(agent.figures).toBe(false);
    expect(allowedRoute({ kind: 'figures' }, agent)).toEqual({ kind: 'worklist', view: 'queue' });
  });
});
