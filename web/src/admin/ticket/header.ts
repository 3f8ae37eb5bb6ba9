/**
 * The head of a ticket: its reference, subject and badges, the facts and dates, a warning when
 * the client's address refuses mail, and the button to take it.
 */
import type { TicketDetail } from '../../../../shared/http/staff-contract.ts';
import { type Child, h } from '../dom.ts';
import { formatLongDate, formatShortDate } from '../format.ts';
import { badges, facts, factsBlock, timeElement, viewHeading } from '../parts.ts';
import type { TextKey } from '../texts.ts';
import { can, noticeKeys, type TicketViewOptions } from './model.ts';

export function header(view: TicketViewOptions): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  const dates: [TextKey, string][] = [
    ['ticket.received', ticket.receivedAt],
    ['ticket.firstResponseDue', ticket.firstResponseDue],
    ['ticket.expectedAnswerBy', ticket.expectedAnswerBy],
    ['ticket.answerDeadline', ticket.answerDeadline],
  ];
  const items: [TextKey, Child][] = [
    ['ticket.status', t(`status.${ticket.status}`)],
    ['ticket.unit', context.unitName(ticket.competence)],
    ['ticket.assignee', ticket.assignee ?? h('span', { class: 'muted' }, t('list.unassigned'))],
    ['ticket.channel', t(`channel.${ticket.channel}`)],
    ['ticket.language', t(`ticketLanguage.${ticket.language}`)],
  ];
  return h(
    'header',
    { class: 'ticket__header' },
    viewHeading(t('ticket.heading', { reference: ticket.reference })),
    h(
      'p',
      { class: 'ticket__subject' },
      h('span', { class: 'visually-hidden' }, `${t('ticket.subject')}: `),
      h('span', { attributes: { lang: ticket.language } }, ticket.subject),
    ),
    h(
      'p',
      { class: 'ticket__badges' },
      h('span', { class: `badge badge--status badge--${ticket.status}` }, t(`status.${ticket.status}`)),
      ...badges(ticket, t).flatMap((badge) => [' ', badge]),
    ),
    ticket.client.emailUndeliverable
      ? undeliverableBanner(view, ticket.client.emailUndeliverable)
      : undefined,
    factsBlock(
      t('ticket.facts'),
      facts(items.map(([key, value]) => [t(key), value])),
      facts(
        dates.map(([key, value]) => [t(key), timeElement(value, formatLongDate(value, context.language))]),
        'facts--dates',
      ),
    ),
    can(view, 'take')
      ? h(
          'p',
          {},
          h(
            'button',
            {
              id: 'action-take',
              class: 'button',
              attributes: { type: 'button' },
              on: { click: () => view.handlers.take() },
            },
            t('action.take'),
          ),
        )
      : undefined,
  );
}

/**
 * SES reported a permanent bounce or a complaint: staff must answer by post. A heading and text
 * say so (the warning colours only repeat it), and it names the message that was refused.
 */
function undeliverableBanner(
  view: TicketViewOptions,
  problem: NonNullable<TicketDetail['client']['emailUndeliverable']>,
): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  const time = formatShortDate(problem.at, context.language);
  const entry = problem.entryId
    ? ticket.thread.find((candidate) => candidate.id === problem.entryId)
    : undefined;
  const noticeKey = problem.message ? noticeKeys[problem.message] : undefined;
  const message = problem.message === 'reply' ? t('thread.reply') : noticeKey ? t(noticeKey) : undefined;
  return h(
    'section',
    {
      id: 'email-undeliverable',
      class: 'warning',
      attributes: { 'aria-labelledby': 'email-undeliverable-heading' },
    },
    h('h2', { id: 'email-undeliverable-heading' }, t('undeliverable.heading')),
    h(
      'p',
      {},
      t(problem.reason === 'complaint' ? 'undeliverable.complaint' : 'undeliverable.bounce', { time }),
    ),
    message && entry
      ? h('p', {}, t('undeliverable.message', { message, time: formatShortDate(entry.at, context.language) }))
      : undefined,
    h('p', {}, h('strong', {}, t('undeliverable.action'))),
  );
}
