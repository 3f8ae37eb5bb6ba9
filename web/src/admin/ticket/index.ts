/**
 * One ticket: its facts and deadlines, the client, why it was routed here, the conversation, the
 * history, attachments, the client's other tickets, and the actions the server allows now. Each
 * part is a section module of this folder; this one lays them out.
 *
 * Everything that comes from a ticket is untrusted: it is set as text (`h` never parses HTML), an
 * email's HTML goes only into a sandboxed frame (see `email-frame.ts`), and attachment links are
 * followed only when they are http(s) addresses.
 */
import { h } from '../dom.ts';
import { backLink } from '../parts.ts';
import { actionsSection } from './actions.ts';
import { attachmentsSection } from './attachments.ts';
import { callbackSection } from './callback.ts';
import { clientSection } from './client.ts';
import { clientCorrectionSection } from './client-correction.ts';
import { header } from './header.ts';
import { historySection } from './history.ts';
import { linksSection } from './links.ts';
import { can, type TicketViewOptions } from './model.ts';
import { noteSection } from './notes.ts';
import { callSection, postalSection } from './origin.ts';
import { relatedSection } from './related.ts';
import { replySection } from './reply-form.ts';
import { routingSection } from './routing.ts';
import { surveySection } from './survey.ts';
import { threadSection } from './thread.ts';
import { transcriptionSection } from './transcription.ts';

export { type Draft, emptyDraft, type TicketHandlers, type TicketViewOptions } from './model.ts';
export { deliveryText } from './thread.ts';

export function ticketView(view: TicketViewOptions): HTMLElement {
  return h(
    'article',
    { class: 'ticket', attributes: { 'aria-labelledby': 'view-heading' } },
    backLink(view.backHref, view.context.t('ticket.back')),
    header(view),
    h(
      'div',
      { class: 'ticket__layout' },
      h(
        'div',
        { class: 'ticket__main' },
        threadSection(view),
        transcriptionSection(view),
        can(view, 'reply') ? replySection(view) : undefined,
        can(view, 'note') ? noteSection(view) : undefined,
      ),
      h(
        'div',
        { class: 'ticket__side' },
        clientSection(view),
        clientCorrectionSection(view),
        callbackSection(view),
        surveySection(view),
        // Right under the client: a mail that named another client's ticket must not go unnoticed.
        linksSection(view),
        postalSection(view),
        callSection(view),
        actionsSection(view),
        routingSection(view),
        attachmentsSection(view),
        relatedSection(view),
        historySection(view),
      ),
    ),
  );
}
