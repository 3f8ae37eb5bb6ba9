/** Tickets this one follows, quotes or is quoted by, and why a mail started this one. */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { panel } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

export function linksSection(view: TicketViewOptions): HTMLElement | undefined {
  const { ticket, context } = view;
  const { t } = context;
  const links = ticket.links ?? [];
  if (links.length === 0 && !ticket.threading) return undefined;
  const ticketLink = (reference: string) =>
    h('a', { attributes: { href: context.href({ kind: 'ticket', reference }) } }, reference);
  return panel(
    { id: 'links', heading: t('links.heading') },
    ticket.threading
      ? h('p', {}, t(`links.why.${ticket.threading.why}`, { reference: ticket.threading.linkedTo }))
      : undefined,
    links.length
      ? h(
          'ul',
          { class: 'plain-list' },
          ...links.map((link) =>
            h(
              'li',
              { dataset: { relation: link.relation } },
              ticketLink(link.reference),
              ` — ${t(`links.${link.relation}`)} (${formatShortDate(link.at, context.language)})`,
            ),
          ),
        )
      : undefined,
  );
}
