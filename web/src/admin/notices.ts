/**
 * What the page says in place of a view: a view that could not be loaded, an error that stops
 * everything (with the one thing to do about it), and that the person has no work here yet.
 */
import type { MeResponse } from '../../../shared/http/staff-contract.ts';
import { h } from './dom.ts';
import type { Translate } from './notifications.ts';
import { viewHeading } from './parts.ts';

/** An error notice filling the view: its heading, lines, and a link or a button. */
export function errorView(heading: string, lines: readonly string[], action: HTMLElement): HTMLElement {
  const title = viewHeading(heading);
  title.className = 'notice__title';
  return h(
    'section',
    { class: 'notice notice--error', attributes: { 'aria-labelledby': 'view-heading' } },
    title,
    ...lines.map((line) => h('p', {}, line)),
    action,
  );
}

/** A failed start (no sign-in settings, a refused sign-in): what happened and the button to retry. */
export function blockingError(
  message: string,
  actionLabel: string,
  action: () => void,
  t: Translate,
): HTMLElement {
  return errorView(
    t('error.heading'),
    [message],
    h('button', { class: 'button', attributes: { type: 'button' }, on: { click: action } }, actionLabel),
  );
}

/** Signed in, with nothing to work on here: why, by role, and whom to ask. */
export function noTicketWork(me: MeResponse, t: Translate): HTMLElement {
  const lines = (['auditor', 'admin'] as const)
    .filter((role) => me.roles.includes(role))
    .map((role) => t(`noWork.${role}`));
  // An agent or supervisor here has no unit yet; someone with no role at all needs one too.
  if (me.roles.includes('agent') || me.roles.includes('supervisor') || lines.length === 0) {
    lines.push(t('noWork.agent'));
  }
  return h(
    'section',
    { class: 'no-work', attributes: { 'aria-labelledby': 'view-heading' } },
    viewHeading(t('noWork.heading')),
    h('p', {}, t('noWork.intro')),
    h('ul', { class: 'plain-list no-work__list' }, ...lines.map((line) => h('li', {}, line))),
  );
}
