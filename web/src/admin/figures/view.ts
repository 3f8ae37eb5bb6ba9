/**
 * _Pārskati_ (Reports): the service-quality figures for supervisors (their units) and
 * administrators (every unit). A period (presets or dates), a unit, a channel and a breakdown to
 * choose; then five charts — received and answered, the backlog, the answer time, deadlines kept,
 * the client rating — each with its summary in one sentence and its data as a table; the range per
 * unit and per channel; the takes out of queue order with their reasons; the assistant's figures;
 * and the same figures as the API's CSV. The charts' library is loaded when the view first draws.
 */
import type { Language } from '../../../../shared/domain/language.ts';
import { h } from '../dom.ts';
import { formatShortDate, todayInRiga } from '../format.ts';
import { field, select, textInput } from '../forms.ts';
import { facts, panel, viewHeading } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { type ActionTarget, busyAttribute, formTarget, submitAction } from '../submit.ts';
import { saveFile } from '../views/audit-common.ts';
import {
  type Channel,
  channels,
  FiguresApi,
  type FiguresQuery,
  type Granularity,
  granularities,
  type ServiceFigures,
} from './api.ts';
import { chartLegend, drawChart, loadChartLibrary } from './charts.ts';
import {
  answerTimeChart,
  answerTimeSummary,
  answerTimeTable,
  backlogChart,
  backlogSummary,
  backlogTable,
  type ChartData,
  channelTable,
  complianceChart,
  complianceSummary,
  complianceTable,
  defaultQuery,
  formatDate,
  formatNumber,
  formatPercent,
  isEmpty,
  type Preset,
  presetOf,
  presetRange,
  presets,
  queryProblems,
  rangeTotal,
  type SummaryContext,
  satisfactionChart,
  satisfactionSummary,
  satisfactionTable,
  type TableModel,
  unitTable,
  volumeChart,
  volumeSummary,
  volumeTable,
} from './model.ts';

/** A chart waiting for the library: where it goes and what it shows. */
interface PendingChart {
  readonly container: HTMLElement;
  readonly data: ChartData;
  readonly bars?: boolean;
  readonly max?: number;
}

/** The units the person may ask for: every unit for an administrator, else those they supervise. */
export function selectableUnits(context: ViewContext): {
  readonly all: string;
  units: { id: string; name: string }[];
} {
  const { me, language, t } = context;
  if (me.roles.includes('admin'))
    return {
      all: t('figures.unit.all'),
      units: me.units.map((unit) => ({ id: unit.id, name: unit.name[language] })),
    };
  return {
    all: t('figures.unit.allMine'),
    units: me.competences
      .filter((unit) => unit.supervisor)
      .map((unit) => ({ id: unit.id, name: unit.name[language] })),
  };
}

/** A data table: its caption, column headings (`scope="col"`), and rows headed by their first cell. */
export function modelTable(
  model: TableModel,
  options: { readonly header?: (index: number) => Node } = {},
): HTMLElement {
  const columns = model.columns;
  return h(
    'table',
    { class: 'tickets figures__table' },
    h('caption', {}, model.caption),
    h('thead', {}, h('tr', {}, ...columns.map((label) => h('th', { attributes: { scope: 'col' } }, label)))),
    h(
      'tbody',
      {},
      ...model.rows.map((row, index) =>
        h(
          'tr',
          {},
          h(
            'th',
            { attributes: { scope: 'row' }, dataset: { label: columns[0] ?? '' } },
            options.header?.(index) ?? row.header,
          ),
          ...row.cells.map((cell, cellIndex) =>
            h('td', { dataset: { label: columns[cellIndex + 1] ?? '' } }, cell),
          ),
        ),
      ),
    ),
  );
}

/** A wide table in a region that scrolls sideways, reachable by keyboard. */
function scrolling(table: HTMLElement, label: string): HTMLElement {
  return h(
    'div',
    { class: 'figures__scroll', attributes: { tabindex: '0', role: 'region', 'aria-label': label } },
    table,
  );
}

export class FiguresView {
  readonly #shell: AdminShell;
  readonly #api: FiguresApi;
  #query: FiguresQuery | undefined;
  #figures: ServiceFigures | undefined;
  #charts: { destroy(): void }[] = [];

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#api = new FiguresApi(shell);
  }

  /** The view; the first time, with the last 90 days by week already shown. */
  async show(showing: Showing): Promise<void> {
    const shell = this.#shell;
    this.#query ??= defaultQuery(todayInRiga());
    if (!this.#figures || !showing.keepContent) {
      const result = await this.#api.figures(this.#query);
      if (!shell.isCurrent(showing.generation)) return;
      if (result.ok) this.#figures = result.value;
      else {
        this.#figures = undefined;
        shell.failure(result);
      }
    }
    this.#render(showing.focus ? 'view-heading' : undefined);
  }

  #render(focus?: string): void {
    const shell = this.#shell;
    const context = shell.context;
    const { t, language } = context;
    const query = this.#query ?? defaultQuery(todayInRiga());
    const today = todayInRiga();
    const units = selectableUnits(context);
    const controls = {
      preset: select(
        presets.map((preset) => ({ value: preset, label: t(`figures.preset.${preset}`) })),
        presetOf(query.from, query.to, today),
      ),
      from: textInput(query.from, 'date'),
      to: textInput(query.to, 'date'),
      unit: select(
        [
          { value: '', label: units.all },
          ...units.units.map((unit) => ({ value: unit.id, label: unit.name })),
        ],
        query.competence,
      ),
      channel: select(
        [
          { value: '', label: t('figures.channel.all') },
          ...channels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) })),
        ],
        query.channel,
      ),
      granularity: select(
        granularities.map((granularity) => ({
          value: granularity,
          label: t(`figures.granularity.${granularity}`),
        })),
        query.granularity,
      ),
    };
    controls.preset.addEventListener('change', () => {
      const preset = controls.preset.value as Preset;
      if (preset === 'custom') return;
      const range = presetRange(preset, todayInRiga());
      controls.from.value = range.from;
      controls.to.value = range.to;
    });
    const datesChanged = () => {
      controls.preset.value = presetOf(controls.from.value, controls.to.value, todayInRiga());
    };
    controls.from.addEventListener('change', datesChanged);
    controls.to.addEventListener('change', datesChanged);
    const values = (): FiguresQuery => ({
      from: controls.from.value,
      to: controls.to.value,
      competence: controls.unit.value,
      channel: controls.channel.value as '' | Channel,
      granularity: controls.granularity.value as Granularity,
    });
    const download = h(
      'button',
      { id: 'figures-download', class: 'button button--secondary', attributes: { type: 'button' } },
      t('figures.download'),
    );
    const form = h(
      'form',
      {
        id: 'figures-form',
        class: 'audit-form',
        attributes: { novalidate: true, 'aria-labelledby': 'figures-filters-heading' },
      },
      h('h2', { id: 'figures-filters-heading', class: 'visually-hidden' }, t('figures.filters')),
      h(
        'div',
        { class: 'audit-form__fields' },
        field({
          id: 'figures-preset',
          name: 'preset',
          label: t('figures.preset'),
          control: controls.preset,
          t,
        }),
        field({
          id: 'figures-from',
          name: 'from',
          label: t('figures.from'),
          required: true,
          control: controls.from,
          t,
        }),
        field({
          id: 'figures-to',
          name: 'to',
          label: t('figures.to'),
          required: true,
          control: controls.to,
          t,
        }),
        field({
          id: 'figures-unit',
          name: 'competence',
          label: t('figures.unit'),
          control: controls.unit,
          t,
        }),
        field({
          id: 'figures-channel',
          name: 'channel',
          label: t('figures.channel'),
          control: controls.channel,
          t,
        }),
        field({
          id: 'figures-granularity',
          name: 'granularity',
          label: t('figures.granularity'),
          control: controls.granularity,
          t,
        }),
      ),
      h(
        'div',
        { class: 'audit-form__buttons' },
        h(
          'button',
          { id: 'figures-submit', class: 'button', attributes: { type: 'submit' } },
          t('figures.submit'),
        ),
        download,
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#search(values(), form);
    });
    download.addEventListener('click', () => {
      if (download.getAttribute('aria-disabled') === 'true') return;
      void this.#download(values(), form, download);
    });
    this.#destroyCharts();
    const pending: PendingChart[] = [];
    const section = h(
      'section',
      { class: 'audit figures', attributes: { 'aria-labelledby': 'view-heading' } },
      viewHeading(t('view.figures')),
      h('p', { class: 'list__intro' }, t('view.figures.intro')),
      form,
      ...(this.#figures ? this.#report(this.#figures, context, pending) : []),
    );
    shell.render(t('view.figures'), section, focus);
    if (pending.length) void this.#draw(pending, shell.generation, language);
  }

  #report(figures: ServiceFigures, context: ViewContext, pending: PendingChart[]): HTMLElement[] {
    const { t, language } = context;
    const summary: SummaryContext = { t, language };
    const unitNames =
      figures.competences.length === 1 ? context.unitName(figures.competences[0] ?? '') : undefined;
    const shown = h(
      'p',
      { id: 'figures-shown', class: 'list__count', attributes: { tabindex: '-1' } },
      t('figures.shown', {
        from: formatDate(figures.from, language),
        to: formatDate(figures.to, language),
        units: unitNames ?? selectableUnits(context).all,
        channel: figures.channel ? t(`channel.${figures.channel}`) : t('figures.channel.all'),
      }),
    );
    if (isEmpty(figures))
      return [shown, h('p', { id: 'figures-empty', class: 'list__empty' }, t('figures.empty'))];
    const chart = (
      id: string,
      heading: string,
      sentence: string,
      data: ChartData,
      table: TableModel,
      options: { bars?: boolean; max?: number } = {},
      ...more: HTMLElement[]
    ) => {
      const container = h('div', { class: 'figures-chart', id: `${id}-chart` });
      pending.push({ container, data, ...options });
      return panel(
        { id, sectionId: id, heading, class: 'figures__panel' },
        h('p', { class: 'figures__summary', id: `${id}-summary` }, sentence),
        ...more,
        h('div', { attributes: { 'aria-hidden': 'true' } }, container, chartLegend(data)),
        h(
          'details',
          { class: 'figures__details' },
          h('summary', {}, t('figures.table.show')),
          scrolling(modelTable(table), table.caption),
        ),
      );
    };
    const surveys = rangeTotal(figures)?.surveys;
    const total = rangeTotal(figures);
    const channelModel = channelTable(figures, summary);
    // A log read cut at its budget: the counts are lower bounds ("vismaz 20 000" / "at least 20,000").
    const atLeast = (count: number) =>
      figures.assistant.truncated
        ? t('figures.assistant.atLeast', { count: formatNumber(count, language) })
        : formatNumber(count, language);
    return [
      shown,
      h(
        'div',
        { class: 'figures__charts' },
        chart(
          'figures-volume',
          t('figures.volume'),
          volumeSummary(figures, summary),
          volumeChart(figures, summary),
          volumeTable(figures, summary),
        ),
        chart(
          'figures-backlog',
          t('figures.backlog'),
          backlogSummary(figures, summary),
          backlogChart(figures, summary),
          backlogTable(figures, summary),
        ),
        chart(
          'figures-answer-time',
          t('figures.answerTime'),
          answerTimeSummary(figures, summary),
          answerTimeChart(figures, summary),
          answerTimeTable(figures, summary),
        ),
        chart(
          'figures-compliance',
          t('figures.compliance'),
          complianceSummary(figures, summary),
          complianceChart(figures, summary),
          complianceTable(figures, summary),
          { max: 100 },
        ),
        chart(
          'figures-satisfaction',
          t('figures.satisfaction'),
          satisfactionSummary(figures, summary),
          satisfactionChart(figures, summary),
          satisfactionTable(figures, summary),
          { bars: true },
          facts([
            [t('figures.invited'), formatNumber(surveys?.invited ?? 0, language)],
            [t('figures.responses'), formatNumber(surveys?.responses ?? 0, language)],
            [t('figures.responseRate'), formatPercent(surveys?.responseRate ?? null, language)],
            [t('figures.satisfactionMean'), formatNumber(surveys?.satisfactionMean ?? null, language)],
            [t('figures.answeredYes'), formatPercent(surveys?.answeredYesShare ?? null, language)],
          ]),
        ),
      ),
      panel(
        { id: 'figures-units', sectionId: 'figures-units', heading: t('figures.byUnit') },
        scrolling(
          modelTable(unitTable(figures, { ...summary, unitName: context.unitName })),
          t('figures.byUnit'),
        ),
      ),
      ...(channelModel.rows.length
        ? [
            panel(
              { id: 'figures-channels', sectionId: 'figures-channels', heading: t('figures.byChannel') },
              scrolling(modelTable(channelModel), t('figures.byChannel')),
            ),
          ]
        : []),
      this.#outOfOrder(figures, context, total?.takenOutOfOrder ?? 0, total?.taken ?? 0),
      panel(
        { id: 'figures-assistant', sectionId: 'figures-assistant', heading: t('figures.assistant') },
        facts([
          [t('figures.assistant.asked'), atLeast(figures.assistant.asked)],
          [t('figures.assistant.unanswered'), atLeast(figures.assistant.unanswered)],
          [t('figures.assistant.deflection'), formatPercent(figures.assistant.deflection, language)],
        ]),
        ...(figures.assistant.truncated
          ? [
              h(
                'p',
                { class: 'figures__summary', id: 'figures-assistant-truncated' },
                t('figures.assistant.truncated'),
              ),
            ]
          : []),
      ),
    ];
  }

  #outOfOrder(figures: ServiceFigures, context: ViewContext, outOfOrder: number, taken: number): HTMLElement {
    const { t, language, me } = context;
    const takes = figures.outOfOrder;
    const mine = new Set<string>(me.competences.map((unit) => unit.id));
    const count = h(
      'p',
      {},
      t('figures.outOfOrder.count', {
        outOfOrder: formatNumber(outOfOrder, language),
        taken: formatNumber(taken, language),
      }),
    );
    if (!takes.length)
      return panel(
        { id: 'figures-out-of-order', sectionId: 'figures-out-of-order', heading: t('figures.outOfOrder') },
        count,
        h('p', { class: 'list__empty' }, t('figures.outOfOrder.empty')),
      );
    const model: TableModel = {
      caption: t('figures.outOfOrder'),
      columns: [
        t('figures.reference'),
        t('figures.unitColumn'),
        t('figures.takenAt'),
        t('figures.assignee'),
        t('figures.reason'),
        t('figures.passedOver'),
      ],
      rows: takes.map((take) => ({
        header: take.reference,
        cells: [
          context.unitName(take.competence),
          formatShortDate(take.takenAt, language),
          take.assignee,
          take.reason,
          take.passedOver ?? '—',
        ],
      })),
    };
    return panel(
      { id: 'figures-out-of-order', sectionId: 'figures-out-of-order', heading: t('figures.outOfOrder') },
      count,
      h('p', { class: 'list__intro' }, t('figures.outOfOrder.intro')),
      scrolling(
        modelTable(model, {
          header: (index) => {
            const take = takes[index];
            if (!take || !mine.has(take.competence)) return document.createTextNode(take?.reference ?? '');
            return h(
              'a',
              { attributes: { href: context.href({ kind: 'ticket', reference: take.reference }) } },
              take.reference,
            );
          },
        }),
        t('figures.outOfOrder'),
      ),
    );
  }

  async #draw(pending: readonly PendingChart[], generation: number, language: Language): Promise<void> {
    const library = await loadChartLibrary();
    if (!this.#shell.isCurrent(generation) || !pending.every((chart) => chart.container.isConnected)) return;
    if (!library) {
      pending[0]?.container
        .closest('.figures__charts')
        ?.before(h('p', { class: 'notice' }, this.#shell.t('figures.chartsFailed')));
      return;
    }
    for (const chart of pending) {
      this.#charts.push(
        drawChart(library, chart.container, chart.data, {
          language,
          ...(chart.bars ? { bars: true } : {}),
          ...(chart.max === undefined ? {} : { max: chart.max }),
        }),
      );
    }
  }

  #destroyCharts(): void {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
  }

  #target(form: HTMLFormElement, busy?: ReturnType<typeof busyAttribute>): ActionTarget {
    const { t } = this.#shell;
    return formTarget(form, t, (lines) => this.#shell.alert(lines), busy);
  }

  async #search(query: FiguresQuery, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    await submitAction(shell, {
      target: this.#target(form),
      problems: queryProblems(query, shell.t),
      send: () => this.#api.figures(query),
      done: (figures) => {
        this.#query = query;
        this.#figures = figures;
        this.#render('figures-shown');
      },
    });
  }

  async #download(query: FiguresQuery, form: HTMLFormElement, button: HTMLButtonElement): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    await submitAction(shell, {
      target: this.#target(form, busyAttribute(button, 'aria-disabled')),
      problems: queryProblems(query, t),
      send: () => {
        shell.toast(t('figures.downloading'));
        return this.#api.csv(query);
      },
      done: ({ blob, filename }) => saveFile(blob, filename),
      toast: () => t('figures.downloaded'),
    });
  }
}
