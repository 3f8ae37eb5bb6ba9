/**
 * The reply form: a template to start from, the text, files to send with it, the status the
 * ticket takes, and how the answer reaches a client without email.
 */
import { addressBlock } from '../../../../shared/domain/postal-address.ts';
import { h } from '../dom.ts';
import { formatSize } from '../format.ts';
import { actionForm, choices, field, select, showFieldErrors, textarea } from '../forms.ts';
import { panel } from '../parts.ts';
import { acceptedFiles, fileProblems } from '../reply-files.ts';
import { addressElement, postalAddressOf } from './client.ts';
import { knowledgeSearch } from './knowledge-search.ts';
import type { TicketViewOptions } from './model.ts';

export function replySection(view: TicketViewOptions): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
  const draft = view.draft;
  const text = textarea(10, draft.reply);
  text.addEventListener('input', () => {
    draft.reply = text.value;
  });
  text.setAttribute('aria-keyshortcuts', 'r');
  const templates = view.templates.filter(
    (template) => template.competence === ticket.competence && template.language === ticket.language,
  );
  const picker =
    templates.length > 0
      ? select(
          [
            { value: '', label: t('template.choose') },
            ...templates.map((template) => ({ value: template.id, label: template.title })),
          ],
          draft.templateId,
        )
      : undefined;
  picker?.addEventListener('change', () => {
    draft.templateId = picker.value;
  });
  const form = actionForm(
    { name: 'reply', submit: t('reply.submit'), onSubmit: (form) => view.handlers.reply(form) },
    picker
      ? h(
          'div',
          { class: 'template-picker' },
          field({ id: 'reply-template', name: 'template', label: t('template.label'), control: picker, t }),
          h(
            'button',
            {
              id: 'template-insert',
              class: 'button button--secondary',
              attributes: { type: 'button' },
              on: { click: () => view.handlers.insertTemplate() },
            },
            t('template.insert'),
          ),
        )
      : undefined,
    field({
      id: 'reply-text',
      name: 'text',
      label: t('reply.text'),
      ...(ticket.answeredBy === 'email' ? { hint: t('reply.hint', { email: ticket.client.email }) } : {}),
      required: true,
      control: text,
      t,
    }),
    filesField(view),
    choices({
      id: 'reply-status',
      name: 'status',
      legend: t('reply.status.legend'),
      values: ['answered', 'waiting-on-client', 'open'] as const,
      label: (status) => t(`reply.status.${status}`),
      checked: draft.replyStatus,
      onChange: (status) => {
        draft.replyStatus = status;
      },
      t,
    }),
  );
  // By post or not at all: said above the form, and read out with the text field (its hint's id).
  if (ticket.answeredBy !== 'email') text.setAttribute('aria-describedby', 'reply-text-hint');
  return panel(
    { id: 'reply', heading: t('reply.heading') },
    ticket.answeredBy === 'email' ? undefined : replyDelivery(view),
    knowledgeSearch(view),
    form,
  );
}

/** How the answer reaches a client without email: printed and posted (to this address), or not at all. */
function replyDelivery(view: TicketViewOptions): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
  const address = postalAddressOf(ticket.client);
  if (ticket.answeredBy === 'post') {
    return h(
      'div',
      { id: 'reply-text-hint', class: 'reply-delivery' },
      h('p', {}, t(address ? 'reply.hint.post' : 'reply.hint.postNoAddress')),
      address ? addressElement(addressBlock(ticket.client.name, address)) : undefined,
    );
  }
  return h(
    'div',
    { id: 'reply-text-hint', class: 'reply-delivery warning' },
    h('p', {}, h('strong', {}, t('reply.hint.none'))),
  );
}

/**
 * The reply's files: a native file input (keyboard and screen readers know it), the chosen files
 * with their size and a remove button each, problems shown on the field (`attachments`, as the
 * API names it) and announced. The files are uploaded when the reply is sent.
 */
function filesField(view: TicketViewOptions): HTMLElement {
  const { context } = view;
  const { t } = context;
  const draft = view.draft;
  const input = h('input', {
    class: 'file-input',
    attributes: { type: 'file', multiple: true, accept: acceptedFiles },
  });
  const announcement = h('p', {
    id: 'reply-files-status',
    class: 'visually-hidden',
    attributes: { role: 'status' },
  });
  const list = h('ul', {
    id: 'reply-files-list',
    class: 'plain-list file-list',
    attributes: { 'aria-label': t('reply.files.chosen') },
  });
  const form = () => input.closest('form');
  const check = () => {
    const container = form();
    const problems = fileProblems(draft.replyFiles);
    if (container)
      showFieldErrors(
        container,
        problems.map((problem) => ({
          field: 'attachments',
          message: t(problem.key, problem.name ? { name: problem.name } : {}),
        })),
        t,
      );
  };
  const render = () => {
    list.replaceChildren(
      ...draft.replyFiles.map((file, index) =>
        h(
          'li',
          { class: 'file-list__item' },
          h('span', { class: 'break' }, file.name),
          ` (${formatSize(file.size, context.language)}) `,
          h(
            'button',
            {
              class: 'button button--secondary button--small',
              attributes: { type: 'button', 'aria-label': t('reply.files.remove', { name: file.name }) },
              dataset: { fileIndex: String(index) },
              on: {
                click: () => {
                  draft.replyFiles.splice(index, 1);
                  render();
                  announcement.textContent = t('reply.files.removed', { name: file.name });
                  check();
                  input.focus();
                },
              },
            },
            t('reply.files.removeButton'),
          ),
        ),
      ),
    );
    list.hidden = draft.replyFiles.length === 0;
  };
  input.addEventListener('change', () => {
    draft.replyFiles.push(...Array.from(input.files ?? []));
    // Emptied, so that the same file can be chosen again after removing it.
    input.value = '';
    render();
    check();
  });
  render();
  return h(
    'div',
    {},
    field({
      id: 'reply-files',
      name: 'attachments',
      label: t('reply.files'),
      hint: t('reply.files.hint'),
      control: input,
      t,
    }),
    list,
    announcement,
  );
}
