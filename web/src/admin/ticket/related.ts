/** The client's other tickets, loaded after the rest of the view. */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { panel } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

export function relatedSection(view: TicketViewOptions): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  const body = h(
    'div',
    { attributes: { 'aria-busy': 'true' } },
    h('p', { class: 'muted' }, t('page.loading')),
  );
  void view.handlers.related().then((result) => {
    body.removeAttribute('aria-busy');
    if (!result.ok) {
      body.replaceChildren(h('p', { class: 'muted' }, t('related.failed')));
      return;
    }
    const others = result.value.items.filter((item) => item.reference !== ticket.reference);
    body.replaceChildren(
      others.length === 0
        ? h('p', { class: 'muted' }, t('related.none'))
        : h(
            'ul',
            { class: 'plain-list related' },
            ...others.map((item) =>
              h(
                'li',
                {},
                h(
                  'a',
                  { attributes: { href: context.href({ kind: 'ticket', reference: item.reference }) } },
                  item.reference,
                ),
                ` — ${item.subject} (${t(`status.${item.status}`)}, ${formatShortDate(item.receivedAt, context.language)})`,
              ),
            ),
          ),
    );
  });
  return panel({ id: 'related', heading: t('related.heading') }, body);
}
