/**
 * What happened to the ticket, who did it and when. The API words each entry's detail itself
 * (units and statuses by their ids); the channel a ticket came by is shown by its name.
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
          ...ticket.history.map((entry) =>
            h(
              'li',
              {},
              h('span', { class: 'history__action' }, t(`history.${entry.action}`)),
              ' · ',
              timeElement(entry.at, formatShortDate(entry.at, context.language)),
              ' · ',
              h('span', { class: 'history__by' }, byText(entry, context)),
              entry.detail ? h('span', { class: 'history__detail' }, entry.detail) : undefined,
            ),
          ),
        ),
  );
}

/** Who: a person's name, or for the entry of its arrival the channel the ticket came by. */
function byText(entry: HistoryEntry, context: ViewContext): string {
  const channelKey = `channel.${entry.by}`;
  return entry.action === 'received' && isTextKey(channelKey) ? context.t(channelKey) : entry.by;
}
