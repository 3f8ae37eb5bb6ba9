/**
 * One ticket: its facts and deadlines, the client, why it was routed here, the conversation, the
 * history, attachments, the client's other tickets, and the actions the server allows now.
 *
 * Everything that comes from a ticket is untrusted: it is set as text (`h` never parses HTML), an
 * email's HTML goes only into a sandboxed frame (see `email-frame.ts`), and attachment links are
 * followed only when they are http(s) addresses.
 */

import { addressBlock, type PostalAddress } from '../../../shared/domain/postal-address.ts';
import type {
  AnswerTemplate,
  ThreadEntry,
  TicketDetail,
  TicketListResponse,
} from '../../../shared/http/staff-contract.ts';
import { settableStatuses } from '../../../shared/http/staff-contract.ts';
import type { Result } from './api.ts';
import { type Child, h, safeDownloadUrl } from './dom.ts';
import { emailFrameDocument } from './email-frame.ts';
import { formatLongDate, formatShortDate, formatSize } from './format.ts';
import { field, select, showFieldErrors, textarea } from './forms.ts';
import { acceptedFiles, fileProblems } from './reply-files.ts';
import type { TextKey } from './texts.ts';
import { badges, timeElement, type ViewContext } from './worklist-view.ts';

/** What staff have typed and not sent yet; it survives re-renders and language switches. */
export interface Draft {
  reply: string;
  replyStatus: 'answered' | 'waiting-on-client' | 'open';
  /** Files chosen for the reply, uploaded when it is sent. */
  replyFiles: File[];
  note: string;
  templateId: string;
  /** The callback's outcome and note, and a scan's text being typed in. */
  callbackOutcome: '' | 'reached' | 'not-reached';
  callbackNote: string;
  transcription: string;
}

export function emptyDraft(): Draft {
  return {
    reply: '',
    replyStatus: 'answered',
    replyFiles: [],
    note: '',
    templateId: '',
    callbackOutcome: '',
    callbackNote: '',
    transcription: '',
  };
}

export interface TicketHandlers {
  take(): void;
  reply(form: HTMLFormElement): void;
  note(form: HTMLFormElement): void;
  status(form: HTMLFormElement): void;
  route(): void;
  deadline(): void;
  endService(): void;
  insertTemplate(): void;
  showRemoteImages(entryId: string): void;
  related(): Promise<Result<TicketListResponse>>;
  callback(form: HTMLFormElement): void;
  transcribe(form: HTMLFormElement): void;
}

export interface TicketViewOptions {
  readonly ticket: TicketDetail;
  readonly context: ViewContext;
  readonly backHref: string;
  readonly templates: readonly AnswerTemplate[];
  readonly draft: Draft;
  /** Thread entries whose remote images staff chose to see. */
  readonly remoteImages: ReadonlySet<string>;
  readonly handlers: TicketHandlers;
}

const noticeKeys: Record<string, TextKey> = {
  acknowledgement: 'notice.acknowledgement',
  'reroute-notice': 'notice.reroute-notice',
  'deadline-extension': 'notice.deadline-extension',
  'end-service': 'notice.end-service',
};

export function ticketView(options: TicketViewOptions): HTMLElement {
  const { ticket, context } = options;
  const { t } = context;
  const can = (action: TicketDetail['actions'][number]) => ticket.actions.includes(action);

  return h(
    'article',
    { class: 'ticket', attributes: { 'aria-labelledby': 'view-heading' } },
    h(
      'p',
      { class: 'back-link' },
      h('a', { attributes: { href: options.backHref } }, `← ${t('ticket.back')}`),
    ),
    header(),
    h(
      'div',
      { class: 'ticket__layout' },
      h(
        'div',
        { class: 'ticket__main' },
        threadSection(),
        transcriptionSection(),
        can('reply') ? replySection() : undefined,
        can('note') ? noteSection() : undefined,
      ),
      h(
        'div',
        { class: 'ticket__side' },
        clientSection(),
        callbackSection(),
        // Right under the client: a mail that named another client's ticket must not go unnoticed.
        linksSection(),
        postalSection(),
        callSection(),
        actionsSection(),
        routingSection(),
        attachmentsSection(),
        relatedSection(),
        historySection(),
      ),
    ),
  );

  function header(): HTMLElement {
    const dates: [TextKey, string][] = [
      ['ticket.received', ticket.receivedAt],
      ['ticket.firstResponseDue', ticket.firstResponseDue],
      ['ticket.expectedAnswerBy', ticket.expectedAnswerBy],
      ['ticket.answerDeadline', ticket.answerDeadline],
    ];
    const facts: [TextKey, Child][] = [
      ['ticket.status', t(`status.${ticket.status}`)],
      ['ticket.unit', context.unitName(ticket.competence)],
      ['ticket.assignee', ticket.assignee ?? h('span', { class: 'muted' }, t('list.unassigned'))],
      ['ticket.channel', t(`channel.${ticket.channel}`)],
      ['ticket.language', t(`ticketLanguage.${ticket.language}`)],
    ];
    return h(
      'header',
      { class: 'ticket__header' },
      h(
        'h1',
        { id: 'view-heading', attributes: { tabindex: '-1' } },
        t('ticket.heading', { reference: ticket.reference }),
      ),
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
      ticket.client.emailUndeliverable ? undeliverableBanner(ticket.client.emailUndeliverable) : undefined,
      h(
        'div',
        { class: 'ticket__facts' },
        h('h2', { class: 'visually-hidden' }, t('ticket.facts')),
        h('dl', { class: 'facts' }, ...facts.map(([key, value]) => fact(t(key), value))),
        h(
          'dl',
          { class: 'facts facts--dates' },
          ...dates.map(([key, value]) =>
            fact(t(key), timeElement(value, formatLongDate(value, context.language))),
          ),
        ),
      ),
      can('take')
        ? h(
            'p',
            {},
            h(
              'button',
              {
                id: 'action-take',
                class: 'button',
                attributes: { type: 'button' },
                on: { click: () => options.handlers.take() },
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
    problem: NonNullable<TicketDetail['client']['emailUndeliverable']>,
  ): HTMLElement {
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
        ? h(
            'p',
            {},
            t('undeliverable.message', { message, time: formatShortDate(entry.at, context.language) }),
          )
        : undefined,
      h('p', {}, h('strong', {}, t('undeliverable.action'))),
    );
  }

  function threadSection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'thread-heading' } },
      h('h2', { id: 'thread-heading' }, t('thread.heading')),
      ticket.thread.length === 0
        ? h('p', {}, t('thread.empty'))
        : h('ol', { class: 'thread' }, ...ticket.thread.map((entry) => h('li', {}, threadEntry(entry)))),
    );
  }

  function threadEntry(entry: ThreadEntry): HTMLElement {
    const headingId = `entry-${cssSafe(entry.id)}-heading`;
    const noticeKey = entry.notice ? noticeKeys[entry.notice] : undefined;
    const kindLabel: string = {
      client: entry.threading ? t('thread.followUp') : t('thread.client'),
      reply: t('thread.reply'),
      note: t('thread.note'),
      notice: t('thread.notice'),
    }[entry.kind];
    const author = entry.kind === 'client' ? ticket.client.name : entry.author;
    const meta: Child[] = [
      author ? h('span', { class: 'entry__author' }, author) : undefined,
      author ? ' · ' : undefined,
      timeElement(entry.at, formatShortDate(entry.at, context.language)),
    ];
    if (entry.delivery) meta.push(' · ', deliveryElement(entry));
    return h(
      'article',
      {
        class: `entry entry--${entry.kind}`,
        dataset: { entryId: entry.id },
        attributes: { 'aria-labelledby': headingId },
      },
      h(
        'header',
        { class: 'entry__header' },
        h(
          'h3',
          { class: 'entry__kind', id: headingId },
          kindLabel,
          entry.kind === 'notice' && entry.notice
            ? `: ${noticeKey ? t(noticeKey) : entry.notice}`
            : undefined,
        ),
        h('p', { class: 'entry__meta' }, ...meta),
      ),
      entry.kind === 'note' ? h('p', { class: 'entry__hint' }, t('thread.noteHint')) : undefined,
      entry.threading ? followUpExplanation(entry, entry.threading) : undefined,
      entry.html !== undefined
        ? emailHtml(entry)
        : // The client writes, and we answer, in the ticket's language, whatever the page's is.
          h(
            'div',
            {
              class: 'entry__text',
              attributes: { lang: entry.kind === 'note' ? undefined : ticket.language },
            },
            entry.text,
          ),
      entry.attachments?.length ? entryAttachments(entry.attachments) : undefined,
    );
  }

  /** The files sent with a reply: name (a download link), type and size. */
  function entryAttachments(files: NonNullable<ThreadEntry['attachments']>): HTMLElement {
    return h(
      'div',
      { class: 'entry__attachments' },
      h('p', { class: 'entry__hint' }, t('thread.attachments')),
      h(
        'ul',
        { class: 'plain-list' },
        ...files.map((file) => {
          const href = file.url ? safeDownloadUrl(file.url) : undefined;
          return h(
            'li',
            {},
            href
              ? h('a', { attributes: { href, rel: 'noopener noreferrer', download: file.name } }, file.name)
              : file.name,
            ` (${file.contentType}, ${formatSize(file.size, context.language)})`,
          );
        }),
      ),
    );
  }

  /** How a client's later mail came to this ticket, and what it did to it (§7 threading). */
  function followUpExplanation(
    entry: ThreadEntry,
    threading: NonNullable<ThreadEntry['threading']>,
  ): HTMLElement {
    const sender =
      entry.author && entry.author.toLowerCase() !== ticket.client.email.toLowerCase()
        ? entry.author
        : undefined;
    return h(
      'div',
      { class: 'entry__hint' },
      entry.subject ? h('p', { class: 'break' }, h('strong', {}, entry.subject)) : undefined,
      sender ? h('p', { class: 'break' }, t('thread.sender', { email: sender })) : undefined,
      h('p', { class: 'break' }, t(`thread.matched.${threading.by}`, { matched: threading.matched })),
      threading.reopened
        ? h('p', {}, t('thread.reopened', { status: t(`status.${threading.reopened}`) }))
        : undefined,
      threading.automatic ? h('p', {}, t('thread.automatic')) : undefined,
    );
  }

  /** Tickets this one follows, quotes or is quoted by, and why a mail started this one (§7). */
  function linksSection(): HTMLElement | undefined {
    const links = ticket.links ?? [];
    if (links.length === 0 && !ticket.threading) return undefined;
    const ticketLink = (reference: string) =>
      h('a', { attributes: { href: context.href({ kind: 'ticket', reference }) } }, reference);
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'links-heading' } },
      h('h2', { id: 'links-heading' }, t('links.heading')),
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

  function emailHtml(entry: ThreadEntry & { html?: string }): HTMLElement {
    const allowed = options.remoteImages.has(entry.id);
    const frame = h('iframe', {
      id: `frame-${cssSafe(entry.id)}`,
      class: 'email-frame',
      attributes: {
        title: t('email.frameTitle'),
        // No allow-scripts, allow-same-origin, allow-popups, allow-forms or allow-top-navigation.
        sandbox: '',
        referrerpolicy: 'no-referrer',
        'data-remote-images': allowed ? 'shown' : 'blocked',
      },
    });
    frame.srcdoc = emailFrameDocument(entry.html ?? '', ticket.language, allowed);
    return h(
      'div',
      { class: 'email' },
      h(
        'p',
        { class: 'email__images' },
        allowed ? t('email.imagesShown') : t('email.imagesBlocked'),
        allowed
          ? undefined
          : h(
              'button',
              {
                id: `images-${cssSafe(entry.id)}`,
                class: 'button button--secondary button--small',
                attributes: { type: 'button' },
                on: { click: () => options.handlers.showRemoteImages(entry.id) },
              },
              t('email.showImages'),
            ),
      ),
      frame,
      h(
        'details',
        { class: 'email__text' },
        h('summary', {}, t('email.textVersion')),
        h('div', { class: 'entry__text' }, entry.text),
      ),
    );
  }

  function deliveryElement(entry: ThreadEntry): HTMLElement {
    return h(
      'span',
      {
        class: `delivery delivery--${entry.delivery?.state ?? 'queued'}`,
        dataset: { deliveryFor: entry.id },
      },
      deliveryText(entry, context, ticket.answeredBy),
    );
  }

  function replySection(): HTMLElement {
    const draft = options.draft;
    const text = textarea(10, draft.reply);
    text.addEventListener('input', () => {
      draft.reply = text.value;
    });
    text.setAttribute('aria-keyshortcuts', 'r');
    const templates = options.templates.filter(
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
    const statuses = ['answered', 'waiting-on-client', 'open'] as const;
    const form = h(
      'form',
      { id: 'reply-form', class: 'stack', attributes: { novalidate: true } },
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
                on: { click: () => options.handlers.insertTemplate() },
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
      filesField(),
      h(
        'fieldset',
        { class: 'choices' },
        h('legend', { class: 'field__label' }, t('reply.status.legend')),
        ...statuses.map((status) => {
          const radio = h('input', {
            id: `reply-status-${status}`,
            class: 'choices__input',
            attributes: { type: 'radio', name: 'status', value: status },
          });
          radio.checked = draft.replyStatus === status;
          radio.addEventListener('change', () => {
            if (radio.checked) draft.replyStatus = status;
          });
          return h(
            'div',
            { class: 'choices__item' },
            radio,
            h('label', { attributes: { for: radio.id } }, t(`reply.status.${status}`)),
          );
        }),
      ),
      h('div', { id: 'reply-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h('button', { id: 'reply-submit', class: 'button', attributes: { type: 'submit' } }, t('reply.submit')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      options.handlers.reply(form);
    });
    // By post or not at all: said above the form, and read out with the text field (its hint's id).
    if (ticket.answeredBy !== 'email') text.setAttribute('aria-describedby', 'reply-text-hint');
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'reply-heading' } },
      h('h2', { id: 'reply-heading' }, t('reply.heading')),
      ticket.answeredBy === 'email' ? undefined : replyDelivery(),
      form,
    );
  }

  /** How the answer reaches a client without email: printed and posted (to this address), or not at all. */
  function replyDelivery(): HTMLElement {
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
  function filesField(): HTMLElement {
    const draft = options.draft;
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

  function noteSection(): HTMLElement {
    const text = textarea(4, options.draft.note);
    text.addEventListener('input', () => {
      options.draft.note = text.value;
    });
    text.setAttribute('aria-keyshortcuts', 'i');
    const form = h(
      'form',
      { id: 'note-form', class: 'stack', attributes: { novalidate: true } },
      field({
        id: 'note-text',
        name: 'text',
        label: t('note.text'),
        hint: t('note.hint'),
        required: true,
        control: text,
        t,
      }),
      h('div', { id: 'note-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h(
        'button',
        { id: 'note-submit', class: 'button button--secondary', attributes: { type: 'submit' } },
        t('note.submit'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      options.handlers.note(form);
    });
    return h(
      'section',
      { class: 'panel panel--note', attributes: { 'aria-labelledby': 'note-heading' } },
      h('h2', { id: 'note-heading' }, t('note.heading')),
      form,
    );
  }

  function clientSection(): HTMLElement {
    const { client } = ticket;
    const postalAddress = postalAddressOf(client);
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'client-heading' } },
      h('h2', { id: 'client-heading' }, t('client.heading')),
      h(
        'dl',
        { class: 'facts' },
        fact(t('client.name'), client.name),
        realEmail(client.email)
          ? fact(t('client.email'), h('span', { class: 'break' }, client.email))
          : undefined,
        client.phone ? fact(t('client.phone'), client.phone) : undefined,
        postalAddress
          ? fact(t('client.postalAddress'), addressElement(addressBlock(client.name, postalAddress).slice(1)))
          : undefined,
      ),
    );
  }

  /** The callback the client asked for (§19.1): the number, and what came of it or the form. */
  function callbackSection(): HTMLElement | undefined {
    const { callback } = ticket;
    if (!callback) return undefined;
    const done = callback.done;
    return h(
      'section',
      {
        id: 'callback',
        class: 'panel panel--callback',
        attributes: { 'aria-labelledby': 'callback-heading' },
      },
      h('h2', { id: 'callback-heading', attributes: { tabindex: '-1' } }, t('callback.heading')),
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
            t(`callback.done.${done.outcome}`, {
              by: done.by,
              at: formatShortDate(done.at, context.language),
            }),
          )
        : h('p', { class: 'muted' }, t('callback.pending')),
      can('callback') ? callbackForm() : undefined,
    );
  }

  function callbackForm(): HTMLFormElement {
    const draft = options.draft;
    const outcomes = ['reached', 'not-reached'] as const;
    const note = textarea(3, draft.callbackNote);
    note.addEventListener('input', () => {
      draft.callbackNote = note.value;
    });
    const form = h(
      'form',
      { id: 'callback-form', class: 'stack', attributes: { novalidate: true } },
      h(
        'fieldset',
        { class: 'choices' },
        h(
          'legend',
          { class: 'field__label' },
          t('callback.outcome'),
          h('span', { class: 'field__marker' }, ` ${t('field.required')}`),
        ),
        ...outcomes.map((outcome) => {
          const radio = h('input', {
            id: `callback-outcome-${outcome}`,
            class: 'choices__input',
            attributes: { type: 'radio', name: 'outcome', value: outcome },
          });
          radio.checked = draft.callbackOutcome === outcome;
          radio.addEventListener('change', () => {
            if (radio.checked) draft.callbackOutcome = outcome;
          });
          return h(
            'div',
            { class: 'choices__item' },
            radio,
            h('label', { attributes: { for: radio.id } }, t(`callback.outcome.${outcome}`)),
          );
        }),
      ),
      field({
        id: 'callback-note',
        name: 'note',
        label: t('callback.note'),
        hint: t('callback.note.hint'),
        control: note,
        t,
      }),
      h('div', { id: 'callback-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h(
        'button',
        { id: 'callback-submit', class: 'button', attributes: { type: 'submit' } },
        t('callback.submit'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      options.handlers.callback(form);
    });
    return form;
  }

  /** A letter that came by post: when it arrived, its registered-mail number, the scan. */
  function postalSection(): HTMLElement | undefined {
    const { postal } = ticket;
    if (!postal) return undefined;
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'postal-heading' } },
      h('h2', { id: 'postal-heading' }, t('postal.heading')),
      h(
        'dl',
        { class: 'facts' },
        fact(
          t('postal.receivedOn'),
          timeElement(postal.receivedOn, formatLongDate(postal.receivedOn, context.language)),
        ),
        fact(
          t('postal.registeredMailNumber'),
          postal.registeredMailNumber ?? h('span', { class: 'muted' }, t('post.noNumber')),
        ),
        fact(t('postal.registeredBy'), postal.registeredBy),
        fact(
          t('postal.scan'),
          t('postal.scan.pages', { kind: postal.scan.kind.toUpperCase(), pages: String(postal.scan.pages) }),
        ),
      ),
      postal.needsTranscription && !ticket.transcription
        ? h('p', { class: 'warning' }, t('postal.needsTranscription'))
        : undefined,
      // Read by OCR: the text may hold misread letters; the scan is what the client wrote.
      postal.scan.ocr ? h('p', { class: 'note', id: 'postal-ocr' }, t('postal.ocr')) : undefined,
    );
  }

  /** A logged phone call: the menu key the caller pressed, its topic, who logged it. */
  function callSection(): HTMLElement | undefined {
    const { call } = ticket;
    if (!call) return undefined;
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'call-heading' } },
      h('h2', { id: 'call-heading' }, t('call.heading')),
      h(
        'dl',
        { class: 'facts' },
        fact(
          t('call.menu'),
          t('call.digit.option', { digit: String(call.digit), topic: call.topic[context.language] }),
        ),
        fact(t('call.loggedBy'), call.loggedBy),
      ),
    );
  }

  /** The text of a scan that had none: as typed in, or the form to type it in. */
  function transcriptionSection(): HTMLElement | undefined {
    const { transcription } = ticket;
    if (!transcription && !can('transcribe')) return undefined;
    const draft = options.draft;
    const section = h(
      'section',
      { id: 'transcription', class: 'panel', attributes: { 'aria-labelledby': 'transcription-heading' } },
      h('h2', { id: 'transcription-heading', attributes: { tabindex: '-1' } }, t('transcription.heading')),
    );
    if (transcription) {
      section.append(
        h(
          'div',
          { id: 'transcription-text', class: 'entry__text', attributes: { lang: ticket.language } },
          transcription.text,
        ),
        h(
          'p',
          { class: 'muted' },
          t('transcription.by', {
            by: transcription.by,
            at: formatShortDate(transcription.at, context.language),
          }),
        ),
      );
    }
    if (can('transcribe')) {
      const text = textarea(12, draft.transcription || transcription?.text || '');
      text.setAttribute('lang', ticket.language);
      text.addEventListener('input', () => {
        draft.transcription = text.value;
      });
      const form = h(
        'form',
        { id: 'transcription-form', class: 'stack', attributes: { novalidate: true } },
        field({
          id: 'transcription-input',
          name: 'text',
          label: t('transcription.text'),
          hint: t('transcription.hint'),
          required: true,
          control: text,
          t,
        }),
        h('div', { id: 'transcription-alert', class: 'form-alert', attributes: { role: 'alert' } }),
        h(
          'button',
          { id: 'transcription-submit', class: 'button button--secondary', attributes: { type: 'submit' } },
          t('transcription.submit'),
        ),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        options.handlers.transcribe(form);
      });
      section.append(form);
    }
    return section;
  }

  function actionsSection(): HTMLElement | undefined {
    const buttons: HTMLElement[] = [];
    const button = (id: string, label: string, onClick: () => void, danger = false) =>
      h(
        'button',
        {
          id,
          class: danger ? 'button button--danger-secondary' : 'button button--secondary',
          attributes: { type: 'button' },
          on: { click: onClick },
        },
        label,
      );
    if (can('route')) buttons.push(button('action-route', t('route.button'), () => options.handlers.route()));
    if (can('deadline'))
      buttons.push(button('action-deadline', t('deadline.button'), () => options.handlers.deadline()));
    if (can('end-service'))
      buttons.push(
        button('action-end-service', t('endService.button'), () => options.handlers.endService(), true),
      );
    const statusForm = can('status') ? statusChange() : undefined;
    if (!statusForm && buttons.length === 0) return undefined;
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'actions-heading' } },
      h('h2', { id: 'actions-heading' }, t('actions.heading')),
      statusForm,
      buttons.length
        ? h('ul', { class: 'action-list' }, ...buttons.map((item) => h('li', {}, item)))
        : undefined,
    );
  }

  function statusChange(): HTMLFormElement {
    const choice = select(
      settableStatuses.map((status) => ({ value: status, label: t(`status.${status}`) })),
      settableStatuses.find((status) => status === ticket.status) ?? 'open',
    );
    const form = h(
      'form',
      { id: 'status-form', class: 'inline-form', attributes: { novalidate: true } },
      field({ id: 'status-select', name: 'status', label: t('statusChange.label'), control: choice, t }),
      h('div', { id: 'status-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h(
        'button',
        { id: 'status-submit', class: 'button button--secondary', attributes: { type: 'submit' } },
        t('statusChange.submit'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      options.handlers.status(form);
    });
    return form;
  }

  function routingSection(): HTMLElement {
    const { routing } = ticket;
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'routing-heading' } },
      h('h2', { id: 'routing-heading' }, t('routing.heading')),
      h('p', {}, routing.explanation[context.language]),
      routing.matched.length
        ? h(
            'div',
            {},
            h('h3', { class: 'panel__subheading' }, t('routing.matched')),
            h(
              'ul',
              { class: 'plain-list' },
              ...routing.matched.map((match) =>
                h(
                  'li',
                  {},
                  t('routing.matchedItem', { term: match.term, field: match.field, value: match.value }),
                ),
              ),
            ),
          )
        : undefined,
      h('p', { class: 'muted small' }, `${t('routing.rule')}: `, h('code', {}, routing.ruleId)),
    );
  }

  function attachmentsSection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'attachments-heading' } },
      h('h2', { id: 'attachments-heading' }, t('attachments.heading')),
      ticket.attachments.length === 0
        ? h('p', { class: 'muted' }, t('attachments.none'))
        : h(
            'ul',
            { class: 'plain-list' },
            ...ticket.attachments.map((attachment) => {
              const details = ` (${attachment.contentType}, ${formatSize(attachment.size, context.language)})`;
              const href = safeDownloadUrl(attachment.url);
              return h(
                'li',
                {},
                href
                  ? h(
                      'a',
                      { attributes: { href, rel: 'noopener noreferrer', download: attachment.name } },
                      attachment.name,
                    )
                  : attachment.name,
                details,
              );
            }),
          ),
    );
  }

  function relatedSection(): HTMLElement {
    const body = h(
      'div',
      { attributes: { 'aria-busy': 'true' } },
      h('p', { class: 'muted' }, t('page.loading')),
    );
    void options.handlers.related().then((result) => {
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
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'related-heading' } },
      h('h2', { id: 'related-heading' }, t('related.heading')),
      body,
    );
  }

  function historySection(): HTMLElement {
    return h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'history-heading' } },
      h('h2', { id: 'history-heading' }, t('history.heading')),
      ticket.history.length === 0
        ? h('p', { class: 'muted' }, t('history.empty'))
        : h(
            'ol',
            { class: 'history' },
            ...ticket.history.map((entry) =>
              h(
                'li',
                {},
                h('span', { class: 'history__action' }, t(`history.${entry.action}`)),
                ' · ',
                timeElement(entry.at, formatShortDate(entry.at, context.language)),
                ' · ',
                h('span', { class: 'history__by' }, entry.by),
                entry.detail ? h('span', { class: 'history__detail' }, entry.detail) : undefined,
              ),
            ),
          ),
    );
  }
}

/** "Waiting to be sent", "Sent 12.05.2026 10:31", "Printed, waiting to be posted", "Posted 12.05.2026". */
export function deliveryText(
  entry: ThreadEntry,
  context: ViewContext,
  answeredBy?: TicketDetail['answeredBy'],
): string {
  const { t } = context;
  if (entry.delivery?.state === 'letter') return t('thread.delivery.letter');
  if (entry.delivery?.state === 'posted') {
    const letter = entry.delivery.letter;
    const date = letter?.postedOn ? formatShortDate(letter.postedOn, context.language) : '';
    if (letter?.registeredMailNumber)
      return t(date ? 'thread.delivery.postedNumber' : 'thread.delivery.postedNumberOnly', {
        date,
        number: letter.registeredMailNumber,
      });
    return date ? t('thread.delivery.postedOn', { date }) : t('thread.delivery.posted');
  }
  if (entry.delivery?.state === 'withheld')
    return entry.delivery.reason !== 'no-address'
      ? t('thread.delivery.withheld')
      : // A caller with neither address is called back, not written to.
        t(answeredBy === 'none' ? 'thread.delivery.noAddressAtAll' : 'thread.delivery.noAddress');
  if (entry.delivery?.state !== 'sent') return t('thread.delivery.queued');
  return entry.delivery.sentAt
    ? t('thread.delivery.sentAt', { time: formatShortDate(entry.delivery.sentAt, context.language) })
    : t('thread.delivery.sent');
}

/** The client's postal address (`client.postalAddress`), with an empty country left out. */
export function postalAddressOf(client: TicketDetail['client']): PostalAddress | undefined {
  const address = client.postalAddress;
  if (!address) return undefined;
  const { country, ...rest } = address;
  return country?.trim() ? { ...rest, country } : rest;
}

/**
 * Whether `email` is a client's address rather than the placeholder of the reserved `.invalid`
 * domain a client without one gets (the rule of `hasEmailAddress` in shared/domain/ticket.ts, which
 * is not imported: it would bring routing and deadlines into the page).
 */
function realEmail(email: string): boolean {
  return email.trim() !== '' && !/(^|[@.])invalid$/i.test(email.trim());
}

/** An address block, a line each, as printed on an envelope. */
function addressElement(lines: readonly string[]): HTMLElement {
  return h(
    'p',
    { class: 'address-block' },
    ...lines.map((line) => h('span', { class: 'address-block__line' }, line)),
  );
}

function fact(term: string, value: Child): HTMLDivElement {
  return h('div', { class: 'facts__item' }, h('dt', {}, term), h('dd', {}, value));
}

/** Ids of thread entries are the server's; only letters, digits, `-` and `_` go into element ids. */
function cssSafe(value: string): string {
  return value.replace(/[^\w-]/g, '_');
}
