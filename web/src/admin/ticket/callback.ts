/** The callback the client asked for: the number, and what came of it or the form to say so. */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { actionForm, choices, field, textarea } from '../forms.ts';
import { panel } from '../parts.ts';
import { can, type TicketViewOptions } from './model.ts';

export function callbackSection(view: TicketViewOptions): HTMLElement | undefined {
  const { ticket, context } = view;
  const { t } = context;
  const { callback } = ticket;
  if (!callback) return undefined;
  const { done } = callback;
  return panel(
    {
      id: 'callback',
      sectionId: 'callback',
      class: 'panel--callback',
      heading: t('callback.heading'),
      focusable: true,
    },
    h(
      'p',
      {},
      `${t('callback.requested')} `,
      h(
        'a',
        { id: 'callback-phone', attributes: { href: `tel:${callback.phone.replace(/[^\d+]/g, '')}` } },
        callback.phone,
      ),
    ),
    done
      ? h(
          'p',
          { id: 'callback-done' },
          t(`callback.done.${done.outcome}`, { by: done.by, at: formatShortDate(done.at, context.language) }),
        )
      : h('p', { class: 'muted' }, t('callback.pending')),
    can(view, 'callback') ? callbackForm(view) : undefined,
  );
}

function callbackForm(view: TicketViewOptions): HTMLFormElement {
  const { t } = view.context;
  const { draft } = view;
  const note = textarea(3, draft.callbackNote);
  note.addEventListener('input', () => {
    draft.callbackNote = note.value;
  });
  return actionForm(
    { name: 'callback', submit: t('callback.submit'), onSubmit: (form) => view.handlers.callback(form) },
    choices({
      id: 'callback-outcome',
      name: 'outcome',
      legend: t('callback.outcome'),
      required: true,
      values: ['reached', 'not-reached'] as const,
      label: (outcome) => t(`callback.outcome.${outcome}`),
      checked: draft.callbackOutcome,
      onChange: (outcome) => {
        draft.callbackOutcome = outcome;
      },
      t,
    }),
    field({
      id: 'callback-note',
      name: 'note',
      label: t('callback.note'),
      hint: t('callback.note.hint'),
      control: note,
      t,
    }),
  );
}
