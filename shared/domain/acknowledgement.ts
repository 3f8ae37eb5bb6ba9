/**
 * The acknowledgement a client receives when a request arrives (§5.8): reference, expected answer
 * date, deadline and how to follow up, in the client's language.
 */
import { message } from '../i18n/messages.ts';
import { findCompetence } from './competences.ts';
import type { Ticket } from './ticket.ts';
import type { Language } from './topics.ts';

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A `YYYY-MM-DD` date as people write it: `28.12.2026.` in Latvian, `28 December 2026` in English. */
export function humanDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-');
  if (language === 'lv') return `${day}.${month}.${year}.`;
  return `${Number(day)} ${englishMonths[Number(month) - 1]} ${year}`;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

export function renderAcknowledgement(ticket: Ticket): RenderedEmail {
  const language = ticket.language;
  // Nothing the client typed (name, subject) is repeated: the acknowledgement goes to an address
  // nobody has verified, and must not let a form carry someone's text to it under our name.
  const values = {
    reference: ticket.reference,
    expectedAnswerBy: humanDate(ticket.expectedAnswerBy, language),
    answerDeadline: humanDate(ticket.answerDeadline, language),
    unit: findCompetence(ticket.competence)?.name[language] ?? ticket.competence,
  };
  const paragraphs = [
    message(language, 'mail.ack.greeting', values),
    message(language, 'mail.ack.received', values),
    message(language, 'mail.ack.unit', values),
    ticket.expectedAnswerBy === ticket.answerDeadline
      ? message(language, 'mail.ack.deadline', values)
      : message(language, 'mail.ack.expected', values),
    message(language, 'mail.ack.order', values),
    message(language, 'mail.ack.followUp', values),
    message(language, 'mail.ack.signature', values),
    `-- \n${message(language, 'mail.ack.automatic', values)}`,
  ];
  return { subject: message(language, 'mail.ack.subject', values), text: `${paragraphs.join('\n\n')}\n` };
}

/**
 * The notice that a request went to the competent unit (§5.8, §16): which unit answers now and what
 * that means for the dates. The staff member's reason stays internal.
 */
export function renderRerouteNotice(ticket: Ticket): RenderedEmail {
  const language = ticket.language;
  const values = {
    reference: ticket.reference,
    unit: findCompetence(ticket.competence)?.name[language] ?? ticket.competence,
    expectedAnswerBy: humanDate(ticket.expectedAnswerBy, language),
    answerDeadline: humanDate(ticket.answerDeadline, language),
  };
  const paragraphs = [
    message(language, 'mail.ack.greeting', values),
    message(language, 'mail.reroute.moved', values),
    message(language, 'mail.reroute.expected', values),
    message(language, 'mail.reroute.deadline', values),
    message(language, 'mail.ack.followUp', values),
    message(language, 'mail.ack.signature', values),
    `-- \n${message(language, 'mail.ack.automatic', values)}`,
  ];
  return { subject: message(language, 'mail.reroute.subject', values), text: `${paragraphs.join('\n\n')}\n` };
}

/**
 * The notice that the answer deadline was extended, with the reason (Iesniegumu likums §5: the
 * applicant is told of the extension and why).
 */
export function renderDeadlineExtensionNotice(ticket: Ticket): RenderedEmail {
  const language = ticket.language;
  const extension = ticket.deadlineExtensions?.at(-1);
  const values = {
    reference: ticket.reference,
    answerDeadline: humanDate(ticket.answerDeadline, language),
    reason: extension?.reason ?? '',
  };
  const paragraphs = [
    message(language, 'mail.ack.greeting', values),
    message(language, 'mail.extension.moved', values),
    message(language, 'mail.extension.reason', values),
    message(language, 'mail.ack.followUp', values),
    message(language, 'mail.ack.signature', values),
    `-- \n${message(language, 'mail.ack.automatic', values)}`,
  ];
  return {
    subject: message(language, 'mail.extension.subject', values),
    text: `${paragraphs.join('\n\n')}\n`,
  };
}
