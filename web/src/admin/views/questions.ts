/**
 * What clients asked the assistant, for supervisors, editors and administrators (§26): a period
 * and a topic to choose, then the totals (questions, those with no answer or a *Nē*, the share of
 * pages where a question was asked and no request followed), the most frequent questions, those
 * the knowledge base did not answer, and the figures per topic; the same as CSV. The questions
 * come from the server with personal data already removed; they are shown as text.
 */
import { competences, findCompetence } from '../../../../shared/domain/competences.ts';
import type { Language } from '../../../../shared/domain/language.ts';
import type { FieldError } from '../api.ts';
import { h } from '../dom.ts';
import { todayInRiga } from '../format.ts';
import { field, select, textInput } from '../forms.ts';
import {
  KnowledgeApi,
  type QuestionFigures,
  type QuestionFilters,
  type QuestionGroup,
} from '../knowledge/api.ts';
import { dataTable } from '../paged-table.ts';
import { facts, panel } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { type ActionTarget, busyAttribute, formTarget, submitAction } from '../submit.ts';
import { dateLocale } from '../texts.ts';
import { filterSection, saveFile } from './audit-common.ts';

/** The last 30 days, today included. */
function lastThirtyDays(): QuestionFilters {
  const to = todayInRiga();
  const from = new Date(`${to}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 29);
  return { from: from.toISOString().slice(0, 10), to, topic: '' };
}

function percent(share: number | null | undefined, language: Language, t: ViewContext['t']): string {
  if (share === null || share === undefined) return t('questions.deflection.none');
  return new Intl.NumberFormat(dateLocale[language], { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}

export class QuestionsView {
  readonly #shell: AdminShell;
  readonly #api: KnowledgeApi;
  #filters: QuestionFilters = lastThirtyDays();
  #report: QuestionFigures | undefined;

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#api = new KnowledgeApi(shell);
  }

  /** The view; the first time, with the last 30 days already shown. */
  async show(showing: Showing): Promise<void> {
    const shell = this.#shell;
    if (!this.#report) {
      const result = await this.#api.questions(this.#filters);
      if (!shell.isCurrent(showing.generation)) return;
      if (result.ok) this.#report = result.value;
      else shell.failure(result);
    }
    this.#render(showing.focus ? 'view-heading' : undefined);
  }

  #render(focus?: string): void {
    const shell = this.#shell;
    const context = shell.context;
    const { t, language } = context;
    const controls = {
      from: textInput(this.#filters.from, 'date'),
      to: textInput(this.#filters.to, 'date'),
      topic: select(
        [
          { value: '', label: t('questions.topic.all') },
          ...competences.map((unit) => ({ value: unit.id, label: unit.name[language] })),
        ],
        this.#filters.topic ?? '',
      ),
    };
    const values = (): QuestionFilters => ({
      from: controls.from.value,
      to: controls.to.value,
      topic: controls.topic.value,
    });
    const { section } = filterSection({
      id: 'questions',
      heading: t('view.questions'),
      intro: t('view.questions.intro'),
      fields: h(
        'div',
        { class: 'audit-form__fields' },
        field({
          id: 'questions-from',
          name: 'from',
          label: t('questions.from'),
          required: true,
          control: controls.from,
          t,
        }),
        field({
          id: 'questions-to',
          name: 'to',
          label: t('questions.to'),
          required: true,
          control: controls.to,
          t,
        }),
        field({
          id: 'questions-topic',
          name: 'topic',
          label: t('questions.topic'),
          control: controls.topic,
          t,
        }),
      ),
      submitText: t('questions.submit'),
      downloadText: t('questions.download'),
      values,
      onSubmit: (filters, element) => void this.#search(filters, element),
      onDownload: (filters, element, button) => void this.#download(filters, element, button),
    });
    if (this.#report) section.append(...reportView(this.#report, context));
    shell.render(t('view.questions'), section, focus);
  }

  #target(form: HTMLFormElement, busy?: ReturnType<typeof busyAttribute>): ActionTarget {
    const { t } = this.#shell;
    return formTarget(form, t, (lines) => this.#shell.alert(lines), busy);
  }

  #problems(filters: QuestionFilters): FieldError[] {
    const { t } = this.#shell;
    const problems: FieldError[] = [];
    if (!filters.from) problems.push({ field: 'from', message: t('error.required') });
    if (!filters.to) problems.push({ field: 'to', message: t('error.required') });
    if (filters.from && filters.to && filters.from > filters.to)
      problems.push({ field: 'from', message: t('questions.error.period') });
    return problems;
  }

  async #search(filters: QuestionFilters, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    this.#filters = filters;
    await submitAction(shell, {
      target: this.#target(form),
      problems: this.#problems(filters),
      send: () => this.#api.questions(filters),
      done: (report) => {
        this.#report = report;
        this.#render('questions-summary-heading');
      },
    });
  }

  async #download(filters: QuestionFilters, form: HTMLFormElement, button: HTMLButtonElement): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    await submitAction(shell, {
      target: this.#target(form, busyAttribute(button, 'aria-disabled')),
      problems: this.#problems(filters),
      send: () => {
        shell.toast(t('questions.downloading'));
        return this.#api.questionsCsv(filters);
      },
      done: ({ blob, filename }) => saveFile(blob, filename),
      toast: () => t('questions.downloaded'),
    });
  }
}

function topicName(topic: string | null | undefined, context: ViewContext): string {
  if (!topic) return context.t('questions.noTopic');
  return findCompetence(topic)?.name[context.language] ?? topic;
}

function groupTable(id: string, groups: readonly QuestionGroup[], context: ViewContext): HTMLElement {
  const { t } = context;
  return dataTable<QuestionGroup>(
    {
      class: 'questions__table',
      labelledBy: `${id}-heading`,
      columns: [
        { label: 'questions.column.question', cell: (group) => group.example || group.normalised },
        { label: 'questions.column.count', cell: (group) => String(group.asked) },
        { label: 'questions.column.topic', cell: (group) => topicName(group.topic, context) },
        { label: 'questions.column.unanswered', cell: (group) => String(group.unanswered) },
        { label: 'questions.column.notHelpful', cell: (group) => String(group.notHelpful) },
        { label: 'questions.column.helpful', cell: (group) => String(group.helpful) },
      ],
      t,
    },
    groups,
  );
}

function reportView(report: QuestionFigures, context: ViewContext): HTMLElement[] {
  const { t, language } = context;
  const { totals } = report;
  const summary = panel(
    { id: 'questions-summary', heading: t('questions.summary'), focusable: true },
    facts([
      [t('questions.total'), String(totals.questions)],
      [t('questions.unanswered'), String(totals.unanswered)],
      [t('questions.notHelpful'), String(totals.notHelpful)],
      [t('questions.deflection'), percent(totals.deflectionRate, language, t)],
    ]),
    report.truncated ? h('p', { class: 'notice' }, t('questions.truncated')) : undefined,
  );
  if (totals.questions === 0) return [summary, h('p', { class: 'list__empty' }, t('questions.empty'))];
  return [
    summary,
    panel(
      { id: 'questions-top', heading: t('questions.top') },
      groupTable('questions-top', report.topQuestions, context),
    ),
    panel(
      { id: 'questions-unanswered', heading: t('questions.unansweredList') },
      report.unanswered.length
        ? groupTable('questions-unanswered', report.unanswered, context)
        : h('p', {}, t('questions.empty')),
    ),
    panel(
      { id: 'questions-topics', heading: t('questions.topics') },
      dataTable(
        {
          class: 'questions__topics',
          labelledBy: 'questions-topics-heading',
          columns: [
            { label: 'questions.column.topic', cell: (row) => topicName(row.topic, context) },
            { label: 'questions.column.questions', cell: (row) => String(row.questions) },
            { label: 'questions.column.unanswered', cell: (row) => String(row.unanswered) },
            { label: 'questions.column.notHelpful', cell: (row) => String(row.notHelpful) },
            { label: 'questions.column.deflection', cell: (row) => percent(row.deflectionRate, language, t) },
          ],
          t,
        },
        report.topics,
      ),
    ),
  ];
}
