/**
 * A list of tickets: a worklist (queue, mine, due, overdue, review, callbacks) or search results.
 * A table on wide screens; below tablet width its rows are laid out as cards (CSS), each cell
 * keeping its column name, so nothing needs horizontal scrolling.
 */
import type { TicketSummary } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { type Column, nextPage, pagedTable, type TableOptions } from '../paged-table.ts';
import { badges, timeElement, viewHeading } from '../parts.ts';
import type { Route } from '../routes.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';

type ListRoute = Route & { kind: 'worklist' | 'search' };

export class WorklistView {
  readonly #shell: AdminShell;

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  async show(route: ListRoute, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const { api, t } = shell;
    const result =
      route.kind === 'search'
        ? await api.search(route.query)
        : await api.worklist(route.view, route.competence);
    if (!shell.isCurrent(showing.generation)) return;
    if (!result.ok) return shell.showFailure(result);
    const heading =
      route.kind === 'search'
        ? t('search.heading', { query: route.query })
        : withUnit(t(`view.${route.view}`), route.competence, shell.context);
    shell.render(
      heading,
      h(
        'section',
        { class: 'list', attributes: { 'aria-labelledby': 'view-heading' } },
        viewHeading(heading),
        route.kind === 'worklist'
          ? h('p', { class: 'list__intro' }, t(`view.${route.view}.intro`))
          : undefined,
        ...pagedTable(ticketTable(shell.context), result.value, {
          empty: t(route.kind === 'search' ? 'search.none' : 'list.empty'),
          onMore: async (cursor) =>
            route.kind === 'worklist'
              ? nextPage(shell, api.worklist(route.view, route.competence, cursor))
              : undefined,
        }),
      ),
      showing.focus ? 'view-heading' : undefined,
    );
  }
}

/** A view's name, with the unit it is narrowed to. */
export function withUnit(view: string, competence: string | undefined, context: ViewContext): string {
  return competence ? `${view}: ${context.unitName(competence)}` : view;
}

/** A row per ticket; the reference links to the ticket. */
function ticketTable(context: ViewContext): TableOptions<TicketSummary> {
  const { t, language } = context;
  const columns: Column<TicketSummary>[] = [
    {
      label: 'column.reference',
      cell: (item) =>
        h(
          'a',
          {
            class: 'tickets__reference',
            attributes: { href: context.href({ kind: 'ticket', reference: item.reference }) },
          },
          item.reference,
        ),
    },
    { label: 'column.subject', cell: (item) => h('span', { class: 'tickets__subject' }, item.subject) },
    {
      label: 'column.client',
      cell: (item) => [
        item.clientName,
        // A callback to make: the number, dialable from the list.
        ...(item.callbackPhone
          ? [
              h('br'),
              h(
                'a',
                { attributes: { href: `tel:${item.callbackPhone}` }, class: 'tickets__phone' },
                item.callbackPhone,
              ),
            ]
          : []),
      ],
    },
    { label: 'column.unit', cell: (item) => context.unitName(item.competence) },
    {
      label: 'column.received',
      cell: (item) => timeElement(item.receivedAt, formatShortDate(item.receivedAt, language)),
    },
    {
      label: 'column.deadline',
      cell: (item) => [
        timeElement(item.answerDeadline, formatShortDate(item.answerDeadline, language)),
        ...badges(item, t).flatMap((badge) => [' ', badge]),
      ],
    },
    { label: 'column.status', cell: (item) => t(`status.${item.status}`) },
    {
      label: 'column.assignee',
      cell: (item) => item.assignee ?? h('span', { class: 'muted' }, t('list.unassigned')),
    },
  ];
  return {
    labelledBy: 'view-heading',
    columns,
    row: (item) => ({
      class: item.deadlineBadge ? `tickets__row tickets__row--${item.deadlineBadge}` : 'tickets__row',
    }),
    t,
  };
}
