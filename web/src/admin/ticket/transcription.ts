/** The text of a scan that had none: as typed in, or the form to type it in. */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { actionForm, field, textarea } from '../forms.ts';
import { panel } from '../parts.ts';
import { can, type TicketViewOptions } from './model.ts';

export function transcriptionSection(view: TicketViewOptions): HTMLElement | undefined {
  const { ticket, context } = view;
  const { t } = context;
  const { transcription } = ticket;
  if (!transcription && !can(view, 'transcribe')) return undefined;
  return panel(
    { id: 'transcription', sectionId: 'transcription', heading: t('transcription.heading'), focusable: true },
    transcription
      ? h(
          'div',
          { id: 'transcription-text', class: 'entry__text', attributes: { lang: ticket.language } },
          transcription.text,
        )
      : undefined,
    transcription
      ? h(
          'p',
          { class: 'muted' },
          t('transcription.by', {
            by: transcription.by,
            at: formatShortDate(transcription.at, context.language),
          }),
        )
      : undefined,
    can(view, 'transcribe') ? transcriptionForm(view) : undefined,
  );
}

function transcriptionForm(view: TicketViewOptions): HTMLFormElement {
  const { ticket, draft } = view;
  const { t } = view.context;
  const text = textarea(12, draft.transcription || ticket.transcription?.text || '');
  text.setAttribute('lang', ticket.language);
  text.addEventListener('input', () => {
    draft.transcription = text.value;
  });
  return actionForm(
    {
      name: 'transcription',
      submit: t('transcription.submit'),
      secondary: true,
      onSubmit: (form) => view.handlers.transcribe(form),
    },
    field({
      id: 'transcription-input',
      name: 'text',
      label: t('transcription.text'),
      hint: t('transcription.hint'),
      required: true,
      control: text,
      t,
    }),
  );
}
