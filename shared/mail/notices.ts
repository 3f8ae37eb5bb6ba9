/**
 * The mail a client receives about a ticket, in the client's language: the acknowledgement of a
 * new request (§5.8: reference, expected answer date, deadline and how to follow up), the notices
 * of a move to another unit and of an extended deadline, a staff member's reply, the notice that
 * service ended, and the HTML version of any of them.
 */
import { findCompetence } from '../domain/competences.ts';
import { humanDate } from '../domain/human-date.ts';
import type { Language } from '../domain/language.ts';
import type { Ticket } from '../domain/ticket.ts';
import { type MessageKey, message } from '../i18n/messages.ts';

/** A published article of the knowledge base the acknowledgement names (§10): our own text only. */
export interface SuggestedArticle {
  readonly title: string;
  /** The article's public page, an absolute address. */
  readonly url: string;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

/** What every notice may say about a ticket; nothing the client typed (name, subject) is in it. */
function ticketValues(ticket: Ticket): Record<string, string> {
  const language = ticket.language;
  return {
    reference: ticket.reference,
    expectedAnswerBy: humanDate(ticket.expectedAnswerBy, language),
    answerDeadline: humanDate(ticket.answerDeadline, language),
    unit: findCompetence(ticket.competence)?.name[language] ?? ticket.competence,
  };
}

/** A notice in the ticket's language: greeting, the given paragraphs, follow-up, signature. */
function compose(
  ticket: Ticket,
  subject: MessageKey,
  body: readonly (MessageKey | { readonly text: string })[],
  values: Record<string, string> = ticketValues(ticket),
): RenderedEmail {
  const language = ticket.language;
  const paragraphs = [
    message(language, 'mail.ack.greeting', values),
    ...body.map((part) => (typeof part === 'string' ? message(language, part, values) : part.text)),
    message(language, 'mail.ack.followUp', values),
    message(language, 'mail.ack.signature', values),
    `-- \n${message(language, 'mail.ack.automatic', values)}`,
  ];
  return { subject: message(language, subject, values), text: `${paragraphs.join('\n\n')}\n` };
}

/**
 * The acknowledgement of a new request. It goes to an address nobody has verified, so it must not
 * let a form carry someone's text to it under our name: only the reference, unit and dates, and
 * the titles and addresses of up to two of our own published articles chosen for the request
 * (§10: point the client to where the answer may already be).
 */
export function renderAcknowledgement(
  ticket: Ticket,
  articles: readonly SuggestedArticle[] = [],
): RenderedEmail {
  const dates = ticket.expectedAnswerBy === ticket.answerDeadline ? 'mail.ack.deadline' : 'mail.ack.expected';
  const named = articles.slice(0, 2);
  const suggestions = named.length
    ? [
        {
          text: [
            message(ticket.language, 'mail.ack.articles'),
            ...named.map((article) => `- ${article.title}\n  ${article.url}`),
          ].join('\n'),
        },
      ]
    : [];
  return compose(ticket, 'mail.ack.subject', [
    'mail.ack.received',
    'mail.ack.unit',
    dates,
    'mail.ack.order',
    ...suggestions,
  ]);
}

/**
 * The notice that a request went to the competent unit (§5.8, §16): which unit answers now and what
 * that means for the dates. The staff member's reason stays internal.
 */
export function renderRerouteNotice(ticket: Ticket): RenderedEmail {
  return compose(ticket, 'mail.reroute.subject', [
    'mail.reroute.moved',
    'mail.reroute.expected',
    'mail.reroute.deadline',
  ]);
}

/**
 * The notice that the answer deadline was extended, with the reason (Iesniegumu likums §5: the
 * applicant is told of the extension and why).
 */
export function renderDeadlineExtensionNotice(ticket: Ticket): RenderedEmail {
  const reason = ticket.deadlineExtensions?.at(-1)?.reason ?? '';
  return compose(ticket, 'mail.extension.subject', ['mail.extension.moved', 'mail.extension.reason'], {
    ...ticketValues(ticket),
    reason,
  });
}

/**
 * A staff member's reply: their text, then how to follow up and the unit's signature. The reference
 * is in the subject so that the client's answer threads back to the ticket.
 */
export function renderReply(ticket: Ticket, text: string, surveyUrl?: string): RenderedEmail {
  const language = ticket.language;
  const values = ticketValues(ticket);
  const paragraphs = [
    text.trim(),
    message(language, 'mail.reply.followUp', values),
    message(language, 'mail.reply.signature', values),
    // The survey invitation in the footer (units that invite with the answer), under the signature.
    ...(surveyUrl ? [`${message(language, 'mail.survey.footer', values)}\n${surveyUrl}`] : []),
  ];
  return { subject: message(language, 'mail.reply.subject', values), text: `${paragraphs.join('\n\n')}\n` };
}

/**
 * The polite standard notice that service ended (§17). The staff member's reason stays internal:
 * it may name behaviour the client would dispute, and the notice must not escalate.
 */
export function renderEndServiceNotice(ticket: Ticket): RenderedEmail {
  const language = ticket.language;
  const values = ticketValues(ticket);
  const paragraphs = [
    message(language, 'mail.ack.greeting', values),
    message(language, 'mail.endService.text', values),
    message(language, 'mail.endService.other', values),
    message(language, 'mail.ack.signature', values),
  ];
  return {
    subject: message(language, 'mail.endService.subject', values),
    text: `${paragraphs.join('\n\n')}\n`,
  };
}

/**
 * The invitation to the satisfaction survey (§26), sent on its own a while after the answer: the
 * reference and the link only (the link's token names the ticket, nothing personal).
 */
export function renderSurveyInvitation(ticket: Ticket, surveyUrl: string): RenderedEmail {
  return compose(ticket, 'mail.survey.subject', [
    'mail.survey.text',
    { text: `${message(ticket.language, 'mail.survey.link')}\n${surveyUrl}` },
    'mail.survey.expiry',
  ]);
}

/**
 * The HTML version of a plain-text mail: the text escaped, blank-line-separated paragraphs as
 * `<p>`, line breaks as `<br>`, in the ticket's language. Nothing but the text is in it, so it
 * says exactly what the text version says (a staff member's `<script>` stays text).
 */
export function htmlFromText(text: string, language: Language, title: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trimEnd())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
