/**
 * What happened to the ticket, who did it and when, with units, statuses, dates and channels by
 * their names in the page's language (the API's `detail`, with ids, only where it names nothing).
 */
import type { HistoryEntry } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { panel, timeElement } from '../parts.ts';
import type { ViewContext } from '../shell.ts';
import { isTextKey } from '../texts.ts';
import type { TicketViewOptions } from './model.ts';

export function historySection(view: TicketViewOptions): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  return panel(
    { id: 'history', heading: t('history.heading') },
    ticket.history.length === 0
      ? h('p', { class: 'muted' }, t('history.empty'))
      : h(
          'ol',
          { class: 'history' },
          ...ticket.history.map((entry) => {
            const detail = detailText(entry, context);
            return h(
              'li',
              {},
              h('span', { class: 'history__action' }, t(`history.${entry.action}`)),
              ' · ',
              timeElement(entry.at, formatShortDate(entry.at, context.language)),
              ' · ',
              h('span', { class: 'history__by' }, byText(entry, context)),
              detail ? h('span', { class: 'history__detail' }, detail) : undefined,
            );
          }),
        ),
  );
}

/** Who: a person's name, or for the entry of its arrival the channel the ticket came by. */
function byText(entry: HistoryEntry, context: ViewContext): string {
  const channelKey = `channel.${entry.by}`;
  return entry.action === 'received' && isTextKey(channelKey) ? context.t(channelKey) : entry.by;
}

/** What changed, by name (`Ģimenes lietas → Tiesu izdevumi: reason`); the API's words otherwise. */
export function detailText(entry: HistoryEntry, context: ViewContext): string {
  const { change, reason } = entry;
  if (!change) return reason ?? entry.detail;
  const name = (value: string): string => {
    if (change.kind === 'unit') return context.unitName(value);
    if (change.kind === 'deadline') return formatShortDate(value, context.language);
    const statusKey = `status.${value}`;
    return isTextKey(statusKey) ? context.t(statusKey) : value;
  };
  const moved = change.from === undefined ? name(change.to) : `${name(change.from)} → ${name(change.to)}`;
  return reason ? `${moved}: ${reason}` : moved;
}
