/**
 * Clients' survey feedback for a unit's supervisors and administrators (§26, §27): a unit to
 * choose, the responses to follow up (a score of 1–2, or "no" to whether they got an answer) with a
 * confirmed "followed up" for each, and every comment, newest first. Comments come from the server
 * with personal data masked, and are shown as text.
 */
import type { CompetenceId } from '../../../../shared/domain/competences.ts';
import { openDialog } from '../dialogs.ts';
import { h } from '../dom.ts';
import { FeedbackApi, type FeedbackList, type FeedbackRowView } from '../feedback/api.ts';
import { formatShortDate } from '../format.ts';
import { field, select, textarea } from '../forms.ts';
import { dataTable, nextPage, type Page, pager, type TableOptions, tableRows } from '../paged-table.ts';
import { panel, timeElement, viewHeading } from '../parts.ts';
import type { Route } from '../routes.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { dialogTarget, submitAction } from '../submit.ts';

export class FeedbackView {
  readonly #shell: AdminShell;
  readonly #api: FeedbackApi;

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#api = new FeedbackApi(shell);
  }

  /** The units the person may choose: those they supervise, or every unit for an administrator. */
  #units(context: ViewContext): { id: CompetenceId; name: string }[] {
    const { me, language } = context;
    const units = me.roles.includes('admin') ? me.units : me.competences.filter((unit) => unit.supervisor);
    return units.map((unit) => ({ id: unit.id, name: unit.name[language] }));
  }

  async show(route: Route & { kind: 'feedback' }, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const units = this.#units(shell.context);
    const competence = units.find((unit) => unit.id === route.competence)?.id ?? units[0]?.id;
    if (!competence) return shell.render(shell.t('view.feedback'), viewHeading(shell.t('view.feedback')));
    const [followup, comments] = await Promise.all([
      this.#api.list(competence, 'followup'),
      this.#api.list(competence, 'comments'),
    ]);
    if (!shell.isCurrent(showing.generation)) return;
    if (!followup.ok) return shell.showFailure(followup);
    if (!comments.ok) return shell.showFailure(comments);
    const { t } = shell;
    shell.render(
      t('view.feedback'),
      h(
        'section',
        { class: 'list feedback', attributes: { 'aria-labelledby': 'view-heading' } },
        viewHeading(t('view.feedback')),
        h('p', { class: 'list__intro' }, t('view.feedback.intro')),
        this.#unitForm(units, competence),
        this.#listPanel(competence, 'followup', followup.value),
        this.#listPanel(competence, 'comments', comments.value),
      ),
      showing.focus ? 'view-heading' : undefined,
    );
  }

  #unitForm(units: readonly { id: CompetenceId; name: string }[], competence: CompetenceId): HTMLFormElement {
    const shell = this.#shell;
    const { t } = shell;
    const choice = select(
      units.map((unit) => ({ value: unit.id, label: unit.name })),
      competence,
    );
    const form = h(
      'form',
      {
        id: 'feedback-form',
        class: 'audit-form',
        attributes: { novalidate: true, 'aria-label': t('feedback.unit') },
      },
      h(
        'div',
        { class: 'audit-form__fields' },
        field({ id: 'feedback-unit', name: 'competence', label: t('feedback.unit'), control: choice, t }),
      ),
      h(
        'div',
        { class: 'audit-form__buttons' },
        h(
          'button',
          { id: 'feedback-show', class: 'button', attributes: { type: 'submit' } },
          t('feedback.show'),
        ),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const unit = units.find((candidate) => candidate.id === choice.value)?.id;
      void shell.navigate(unit ? { kind: 'feedback', competence: unit } : { kind: 'feedback' }, {
        focus: true,
      });
    });
    return form;
  }

  /** One list in its panel: the table with its count and its "load more", or the list's empty text. */
  #listPanel(competence: CompetenceId, list: FeedbackList, first: Page<FeedbackRowView>): HTMLElement {
    const shell = this.#shell;
    const { t } = shell;
    const id = `feedback-${list}`;
    const section = panel({ id, sectionId: id, heading: t(`feedback.${list}.heading`), focusable: true });
    const empty = h('p', { class: 'list__empty' }, t(`feedback.${list}.empty`));
    if (first.items.length === 0 && first.cursor === undefined) {
      section.append(empty);
      return section;
    }
    const options = this.#table(list, `${id}-heading`, (row) => {
      tableElement.querySelector(`tr[data-reference="${row.reference}"]`)?.remove();
      shown -= 1;
      count.textContent = t('list.shown', { count: String(shown) });
      if (shown === 0 && !paging.hasMore) section.replaceChildren(section.firstChild as Node, empty);
    });
    const paging = pager(first, (cursor) => nextPage(shell, this.#api.list(competence, list, cursor)));
    let shown = paging.shown;
    const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(shown) }));
    const tableElement = dataTable(options, first.items);
    const more = h(
      'button',
      { id: `${id}-more`, class: 'button button--secondary', attributes: { type: 'button' } },
      t('list.more'),
    );
    more.hidden = !paging.hasMore;
    more.addEventListener('click', () => {
      if (!paging.hasMore || paging.loading) return;
      more.setAttribute('aria-disabled', 'true');
      void paging.more().then((items) => {
        more.removeAttribute('aria-disabled');
        if (!items) return;
        const added = tableRows(options, items);
        tableElement.tBodies[0]?.append(...added);
        shown += items.length;
        count.textContent = t('list.shown', { count: String(shown) });
        more.hidden = !paging.hasMore;
        if (more.hidden) (added[0]?.querySelector('a') ?? document.getElementById(`${id}-heading`))?.focus();
      });
    });
    section.append(count, h('div', { class: 'tickets-wrapper' }, tableElement), more);
    return section;
  }

  #table(
    list: FeedbackList,
    labelledBy: string,
    onFollowedUp: (row: FeedbackRowView) => void,
  ): TableOptions<FeedbackRowView> {
    const context = this.#shell.context;
    const { t, language } = context;
    return {
      class: 'feedback__table',
      labelledBy,
      row: (row) => ({ dataset: { reference: row.reference } }),
      columns: [
        {
          label: 'feedback.column.reference',
          cell: (row) =>
            h(
              'a',
              {
                class: 'tickets__reference',
                attributes: { href: context.href({ kind: 'ticket', reference: row.reference }) },
              },
              row.reference,
            ),
        },
        {
          label: 'feedback.column.score',
          cell: (row) =>
            row.satisfaction === undefined ? '—' : t('survey.score', { score: String(row.satisfaction) }),
        },
        {
          label: 'feedback.column.answered',
          cell: (row) => (row.answered ? t(`survey.answered.${row.answered}`) : '—'),
        },
        {
          label: 'feedback.column.comment',
          cell: (row) =>
            row.comment ? h('span', { class: 'feedback__comment' }, row.comment) : t('feedback.noComment'),
        },
        {
          label: 'feedback.column.date',
          cell: (row) => timeElement(row.respondedAt, formatShortDate(row.respondedAt, language)),
        },
        ...(list === 'followup'
          ? [
              {
                label: 'feedback.column.action' as const,
                cell: (row: FeedbackRowView) =>
                  h(
                    'button',
                    {
                      class: 'button button--secondary button--compact',
                      attributes: { type: 'button' },
                      on: { click: () => this.#confirmFollowUp(row, onFollowedUp) },
                    },
                    t('feedback.followUp.button'),
                    // Which ticket, for a screen reader going from button to button.
                    h('span', { class: 'visually-hidden' }, ` ${row.reference}`),
                  ),
              },
            ]
          : []),
      ],
      t,
    };
  }

  #confirmFollowUp(row: FeedbackRowView, onFollowedUp: (row: FeedbackRowView) => void): void {
    const shell = this.#shell;
    const { t } = shell;
    const note = textarea(3);
    openDialog({
      id: 'follow-up-dialog',
      title: t('feedback.followUp.title'),
      description: [h('p', {}, t('feedback.followUp.text', { reference: row.reference }))],
      fields: [
        field({ id: 'follow-up-note', name: 'note', label: t('feedback.followUp.note'), control: note, t }),
      ],
      submitLabel: t('feedback.followUp.submit'),
      returnFocusId: 'feedback-followup-heading',
      t,
      onSubmit: (_form, dialog) =>
        submitAction(shell, {
          target: dialogTarget(dialog, t),
          send: () => this.#api.followUp(row.reference, note.value.trim()),
          done: () => onFollowedUp(row),
          toast: () => t('feedback.followedUp', { reference: row.reference }),
        }),
    });
  }
}
