/** The files the ticket holds, each a download link (http(s) addresses only). */
import { h, safeDownloadUrl } from '../dom.ts';
import { formatSize } from '../format.ts';
import { panel } from '../parts.ts';
import type { ViewContext } from '../shell.ts';
import type { TicketViewOptions } from './model.ts';

export function attachmentsSection(view: TicketViewOptions): HTMLElement {
  const { ticket, context } = view;
  const { t } = context;
  return panel(
    { id: 'attachments', heading: t('attachments.heading') },
    ticket.attachments.length === 0
      ? h('p', { class: 'muted' }, t('attachments.none'))
      : fileList(ticket.attachments, context),
  );
}

/** Files as a list: the name (a download link where the address is safe), type and size. */
export function fileList(
  files: readonly {
    readonly name: string;
    readonly url?: string;
    readonly contentType: string;
    readonly size: number;
  }[],
  context: ViewContext,
): HTMLElement {
  return h(
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
  );
}
