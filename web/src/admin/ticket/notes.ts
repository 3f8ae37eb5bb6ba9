/** The form for an internal note (never sent to the client). */
import { actionForm, field, textarea } from '../forms.ts';
import { panel } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

export function noteSection(view: TicketViewOptions): HTMLElement {
  const { t } = view.context;
  const text = textarea(4, view.draft.note);
  text.addEventListener('input', () => {
    view.draft.note = text.value;
  });
  text.setAttribute('aria-keyshortcuts', 'i');
  return panel(
    { id: 'note', heading: t('note.heading'), class: 'panel--note' },
    actionForm(
      {
        name: 'note',
        submit: t('note.submit'),
        secondary: true,
        onSubmit: (form) => view.handlers.note(form),
      },
      field({
        id: 'note-text',
        name: 'text',
        label: t('note.text'),
        hint: t('note.hint'),
        required: true,
        control: text,
        t,
      }),
    ),
  );
}
