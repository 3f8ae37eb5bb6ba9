/**
 * The conversation: the client's messages, replies, notes and notices, oldest first, each with
 * who and when, how a follow-up came to this ticket, an email's HTML in a sandboxed frame, the
 * files sent, and how far a reply got on its way.
 */
import type { ThreadEntry, TicketDetail } from '../../../../shared/http/staff-contract.ts';
import { type Child, h } from '../dom.ts';
import { emailFrameDocument } from '../email-frame.ts';
import { formatShortDate } from '../format.ts';
import { panel, timeElement } from '../parts.ts';
import type { ViewContext } from '../shell.ts';
import { fileList } from './attachments.ts';
import { cssSafe, noticeKeys, type TicketViewOptions } from './model.ts';

export function threadSection(view: TicketViewOptions): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
  return panel(
    { id: 'thread', heading: t('thread.heading') },
    ticket.thread.length === 0
      ? h('p', {}, t('thread.empty'))
      : h('ol', { class: 'thread' }, ...ticket.thread.map((entry) => h('li', {}, threadEntry(view, entry)))),
  );
}

function threadEntry(view: TicketViewOptions, entry: ThreadEntry): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
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
  if (entry.delivery) meta.push(' · ', deliveryElement(view, entry));
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
        entry.kind === 'notice' && entry.notice ? `: ${noticeKey ? t(noticeKey) : entry.notice}` : undefined,
      ),
      h('p', { class: 'entry__meta' }, ...meta),
    ),
    entry.kind === 'note' ? h('p', { class: 'entry__hint' }, t('thread.noteHint')) : undefined,
    entry.threading ? followUpExplanation(view, entry, entry.threading) : undefined,
    entry.html !== undefined
      ? emailHtml(view, entry)
      : // The client writes, and we answer, in the ticket's language, whatever the page's is.
        h(
          'div',
          {
            class: 'entry__text',
            attributes: { lang: entry.kind === 'note' ? undefined : ticket.language },
          },
          entry.text,
        ),
    entry.attachments?.length ? entryAttachments(view, entry.attachments) : undefined,
  );
}

/** The files sent with a reply: name (a download link), type and size. */
function entryAttachments(
  view: TicketViewOptions,
  files: NonNullable<ThreadEntry['attachments']>,
): HTMLElement {
  return h(
    'div',
    { class: 'entry__attachments' },
    h('p', { class: 'entry__hint' }, view.context.t('thread.attachments')),
    fileList(files, view.context),
  );
}

/** How a client's later mail came to this ticket, and what it did to it (§7 threading). */
function followUpExplanation(
  view: TicketViewOptions,
  entry: ThreadEntry,
  threading: NonNullable<ThreadEntry['threading']>,
): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
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

function emailHtml(view: TicketViewOptions, entry: ThreadEntry & { html?: string }): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
  const allowed = view.remoteImages.has(entry.id);
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
              on: { click: () => view.handlers.showRemoteImages(entry.id) },
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

function deliveryElement(view: TicketViewOptions, entry: ThreadEntry): HTMLElement {
  const { ticket, context } = view;
  return h(
    'span',
    {
      class: `delivery delivery--${entry.delivery?.state ?? 'queued'}`,
      dataset: { deliveryFor: entry.id },
    },
    deliveryText(entry, context, ticket.answeredBy),
  );
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
  if (entry.delivery?.state === 'withheld' && entry.delivery.reason === 'erased')
    return t('thread.delivery.erased');
  if (entry.delivery?.state === 'withheld' && entry.delivery.reason === 'ack-budget')
    return t('thread.delivery.ackBudget');
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
