/**
 * Why the ticket is with this unit: the routing explanation, the conditions that held, and the
 * rule. A condition is shown with its field's name, and a choice (the topic, the channel, the
 * language) by its name in the page's language, not by the id the rule stores.
 */
import { topics } from '../../../../shared/domain/topics.ts';
import type { TicketDetail } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { panel } from '../parts.ts';
import type { ViewContext } from '../shell.ts';
import { isTextKey } from '../texts.ts';
import type { TicketViewOptions } from './model.ts';

export function routingSection(view: TicketViewOptions): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  const { routing } = ticket;
  return panel(
    { id: 'routing', heading: t('routing.heading') },
    h('p', {}, routing.explanation[context.language]),
    routing.matched.length
      ? h(
          'div',
          {},
          h('h3', { class: 'panel__subheading' }, t('routing.matched')),
          h(
            'ul',
            { class: 'plain-list' },
            ...routing.matched.map((match) => h('li', {}, matchText(match, context))),
          ),
        )
      : undefined,
    h('p', { class: 'muted small' }, `${t('routing.rule')}: `, h('code', {}, routing.ruleId)),
  );
}

type RoutingMatch = TicketDetail['routing']['matched'][number];

/** "Tēma: Tiesu nodevas", or "„maksātnespēja“ laukā „Teksts“: maksātnespējas". */
export function matchText(match: RoutingMatch, context: ViewContext): string {
  const { t } = context;
  const fieldKey = `routing.field.${match.field}`;
  const field = isTextKey(fieldKey) ? t(fieldKey) : match.field;
  const choice = choiceName(match, context);
  return choice !== undefined
    ? t('routing.matchedChoice', { field, value: choice })
    : t('routing.matchedItem', { term: match.term, field, value: match.value });
}

/** The name of a chosen topic, channel or language; undefined for words found in the text. */
function choiceName(match: RoutingMatch, context: ViewContext): string | undefined {
  const { t, language } = context;
  const named = (key: string) => (isTextKey(key) ? t(key) : match.value);
  if (match.field === 'topic')
    return topics.find((topic) => topic.id === match.value)?.label[language] ?? match.value;
  if (match.field === 'channel') return named(`channel.${match.value}`);
  if (match.field === 'language') return named(`ticketLanguage.${match.value}`);
  return undefined;
}
