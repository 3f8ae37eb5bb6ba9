/**
 * Small pieces the views share: a term and its value, a machine-readable time, the badges of a
 * ticket, a panel with its heading, a view's heading and its back link.
 */
import type { TicketSummary } from '../../../shared/http/staff-contract.ts';
import { type Child, h } from './dom.ts';
import { machineDate } from './format.ts';
import type { Translate } from './notifications.ts';

export function fact(term: string, value: Child): HTMLDivElement {
  return h('div', { class: 'facts__item' }, h('dt', {}, term), h('dd', {}, value));
}

/** A list of facts (`dl.facts`), those without a value left out. */
export function facts(
  items: readonly (readonly [string, Child] | undefined)[],
  extraClass = '',
): HTMLElement {
  return h(
    'dl',
    { class: `facts ${extraClass}`.trim() },
    ...items.flatMap((item) => (item ? [fact(item[0], item[1])] : [])),
  );
}

/** The facts at the head of a view, under a heading only screen readers show. */
export function factsBlock(heading: string, ...lists: readonly HTMLElement[]): HTMLElement {
  return h('div', { class: 'ticket__facts' }, h('h2', { class: 'visually-hidden' }, heading), ...lists);
}

export function timeElement(value: string, text: string): HTMLTimeElement {
  const datetime = machineDate(value);
  return h('time', datetime ? { attributes: { datetime } } : {}, text);
}

/** Badges that say in words what colour also shows: overdue, due soon, for review, call back, to type in. */
export function badges(ticket: TicketSummary, t: Translate): HTMLElement[] {
  const list: HTMLElement[] = [];
  if (ticket.deadlineBadge) {
    list.push(
      h('span', { class: `badge badge--${ticket.deadlineBadge}` }, t(`badge.${ticket.deadlineBadge}`)),
    );
  }
  if (ticket.review) list.push(h('span', { class: 'badge badge--review' }, t('badge.review')));
  if (ticket.callbackPending) list.push(h('span', { class: 'badge badge--callback' }, t('badge.callback')));
  if (ticket.needsTranscription)
    list.push(h('span', { class: 'badge badge--transcription' }, t('badge.transcription')));
  return list;
}

/** The view's heading (`#view-heading`), which takes the focus when the view is opened. */
export function viewHeading(text: string, ...more: Child[]): HTMLHeadingElement {
  return h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, text, ...more);
}

/** The link back to the list a view was opened from. */
export function backLink(href: string, text: string): HTMLParagraphElement {
  return h('p', { class: 'back-link' }, h('a', { attributes: { href } }, `← ${text}`));
}

/**
 * A panel of a view: a section labelled by its heading (`#<id>-heading`). A heading that can
 * take the focus (after an action in the panel) says so.
 */
export function panel(
  options: {
    readonly id: string;
    readonly heading: string;
    readonly class?: string;
    readonly sectionId?: string;
    readonly focusable?: boolean;
  },
  ...children: Child[]
): HTMLElement {
  const headingId = `${options.id}-heading`;
  return h(
    'section',
    {
      ...(options.sectionId ? { id: options.sectionId } : {}),
      class: options.class ? `panel ${options.class}` : 'panel',
      attributes: { 'aria-labelledby': headingId },
    },
    h(
      'h2',
      { id: headingId, attributes: { tabindex: options.focusable ? '-1' : undefined } },
      options.heading,
    ),
    ...children,
  );
}

/** An error said in a form's or a dialog's alert region: a title, then a line each. */
export function errorNotice(lines: readonly string[], t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'notice notice--error' },
    h('p', { class: 'notice__title' }, t('error.heading')),
    ...lines.map((line) => h('p', {}, line)),
  );
}
