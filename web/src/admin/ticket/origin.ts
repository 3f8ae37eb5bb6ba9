/**
 * Where a ticket came from when it was not mail or the web form: a letter (when it arrived, its
 * registered-mail number, the scan) or a logged phone call (the menu key, who logged it).
 */
import { h } from '../dom.ts';
import { formatLongDate } from '../format.ts';
import { fact, panel, timeElement } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

/** A letter that came by post: when it arrived, its registered-mail number, the scan. */
export function postalSection(view: TicketViewOptions): HTMLElement | undefined {
  const { ticket, context } = view;
  const { t } = context;
  const { postal } = ticket;
  if (!postal) return undefined;
  return panel(
    { id: 'postal', heading: t('postal.heading') },
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
export function callSection(view: TicketViewOptions): HTMLElement | undefined {
  const { ticket, context } = view;
  const { t } = context;
  const { call } = ticket;
  if (!call) return undefined;
  return panel(
    { id: 'call', heading: t('call.heading') },
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
