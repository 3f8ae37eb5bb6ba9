/**
 * Every text of the survey page (`/aptauja/`) in Latvian and English. The fields' error messages
 * are the API's (`shared/i18n/survey-messages.ts`), so that the page and the server say the same.
 */
import { catalogue } from '../../shared/i18n/catalogue.ts';

const lv = {
  'page.title': 'Aptauja par saņemto atbildi — Tiesu administrācija',
  'page.skipLink': 'Pāriet uz galveno saturu',
  'page.organisation': 'Tiesu administrācija',
  'page.languageSwitch': 'Valoda',
  'language.lv': 'Latviešu',
  'language.en': 'English',
  'page.heading': 'Kā mums veicās?',
  'page.intro':
    'Paldies, ka uzdevāt mums jautājumu. Lūdzu, novērtējiet saņemto atbildi — tas aizņems mazāk par minūti un palīdzēs mums strādāt labāk.',
  'page.footer': 'Tiesu administrācija · Antonijas iela 6, Rīga',
  'page.loading': 'Ielādējam aptauju…',
  'noscript.message': 'Lai aizpildītu aptauju, pārlūkprogrammā jāieslēdz JavaScript.',

  'facts.reference': 'Pieprasījuma numurs',
  'facts.unit': 'Atbildēja',
  'facts.answeredAt': 'Atbildes datums',

  'existing.note': 'Jūs jau atbildējāt {respondedAt}. Atbildi varat mainīt līdz {changeableUntil}.',
  'existing.closed': 'Jūs atbildējāt {respondedAt}. Paldies! Atbildi vairs nevar mainīt.',
  'existing.summary': 'Jūsu atbilde',

  'field.required': '(obligāti)',
  'field.optional': '(nav obligāti)',
  'field.errorPrefix': 'Kļūda:',
  'satisfaction.legend': 'Cik apmierināts esat ar saņemto atbildi?',
  'satisfaction.hint': '1 — ļoti neapmierināts, 5 — ļoti apmierināts.',
  'satisfaction.1': '1 — ļoti neapmierināts',
  'satisfaction.2': '2 — neapmierināts',
  'satisfaction.3': '3 — ne apmierināts, ne neapmierināts',
  'satisfaction.4': '4 — apmierināts',
  'satisfaction.5': '5 — ļoti apmierināts',
  'satisfaction.short': 'Novērtējums',
  'answered.legend': 'Vai saņēmāt atbildi uz savu jautājumu?',
  'answered.yes': 'Jā',
  'answered.partly': 'Daļēji',
  'answered.no': 'Nē',
  'answered.short': 'Vai saņēmāt atbildi',
  'comment.label': 'Komentārs',
  'comment.hint': 'Ko mēs varētu darīt labāk? Lūdzu, nerakstiet šeit personas datus.',
  'comment.counter': 'Atlikušas {count} rakstzīmes no {max}.',
  'comment.over': 'Par {count} rakstzīmēm par daudz (atļautas {max}).',

  'submit.button': 'Nosūtīt atbildi',
  'submit.change': 'Mainīt atbildi',
  'submit.sending': 'Sūtām…',
  'submit.errorSummary': 'Lūdzu, izlabojiet šīs kļūdas',
  'submit.errorsAnnouncement': 'Aptaujā ir kļūdas. Saraksts ir lapas augšdaļā.',
  'submit.error.heading': 'Atbildi neizdevās nosūtīt',
  'submit.error.network':
    'Neizdevās sazināties ar serveri. Pārbaudiet interneta savienojumu un mēģiniet vēlreiz — Jūsu atbilde lapā ir saglabāta.',
  'submit.error.rateLimited':
    'Īsā laikā saņemts pārāk daudz pieprasījumu. Lūdzu, pagaidiet minūti un mēģiniet vēlreiz.',
  'submit.error.server': 'Mūsu pusē radās kļūda. Lūdzu, pēc brīža mēģiniet vēlreiz.',

  'thanks.heading': 'Paldies! Jūsu atbilde ir saglabāta',
  'thanks.change': 'Atbildi varat mainīt līdz {changeableUntil}.',

  'problem.heading': 'Aptauju nevar atvērt',
  'problem.network': 'Neizdevās sazināties ar serveri. Pārbaudiet interneta savienojumu un pārlādējiet lapu.',
  'problem.server': 'Mūsu pusē radās kļūda. Lūdzu, pēc brīža pārlādējiet lapu.',
  'problem.noToken':
    'Saitē nav aptaujas koda. Lūdzu, atveriet aptauju ar saiti no mūsu e-pasta vai vēstules.',
  'problem.retry': 'Mēģināt vēlreiz',
  'problem.home': 'Uzdot jaunu jautājumu',
} as const;

/** A key of the survey page's text catalogue. */
export type SurveyTextKey = keyof typeof lv;

const en: Record<SurveyTextKey, string> = {
  'page.title': 'Survey about the answer you received — Court Administration',
  'page.skipLink': 'Skip to main content',
  'page.organisation': 'Court Administration',
  'page.languageSwitch': 'Language',
  'language.lv': 'Latviešu',
  'language.en': 'English',
  'page.heading': 'How did we do?',
  'page.intro':
    'Thank you for asking us. Please rate the answer you received — it takes less than a minute and helps us do better.',
  'page.footer': 'Court Administration · Antonijas iela 6, Riga',
  'page.loading': 'Loading the survey…',
  'noscript.message': 'To take the survey, please turn on JavaScript in your browser.',

  'facts.reference': 'Request number',
  'facts.unit': 'Answered by',
  'facts.answeredAt': 'Date of the answer',

  'existing.note': 'You responded on {respondedAt}. You can change your response until {changeableUntil}.',
  'existing.closed': 'You responded on {respondedAt}. Thank you! The response can no longer be changed.',
  'existing.summary': 'Your response',

  'field.required': '(required)',
  'field.optional': '(optional)',
  'field.errorPrefix': 'Error:',
  'satisfaction.legend': 'How satisfied are you with the answer you received?',
  'satisfaction.hint': '1 — very dissatisfied, 5 — very satisfied.',
  'satisfaction.1': '1 — very dissatisfied',
  'satisfaction.2': '2 — dissatisfied',
  'satisfaction.3': '3 — neither satisfied nor dissatisfied',
  'satisfaction.4': '4 — satisfied',
  'satisfaction.5': '5 — very satisfied',
  'satisfaction.short': 'Rating',
  'answered.legend': 'Did you get an answer to your question?',
  'answered.yes': 'Yes',
  'answered.partly': 'Partly',
  'answered.no': 'No',
  'answered.short': 'Did you get an answer',
  'comment.label': 'Comment',
  'comment.hint': 'What could we do better? Please do not write personal data here.',
  'comment.counter': '{count} of {max} characters left.',
  'comment.over': '{count} characters too many ({max} allowed).',

  'submit.button': 'Send response',
  'submit.change': 'Change response',
  'submit.sending': 'Sending…',
  'submit.errorSummary': 'Please correct these errors',
  'submit.errorsAnnouncement': 'The survey has errors. The list is at the top of the page.',
  'submit.error.heading': 'The response could not be sent',
  'submit.error.network':
    'The server could not be reached. Check your internet connection and try again — your response is kept on the page.',
  'submit.error.rateLimited': 'Too many requests in a short time. Please wait a minute and try again.',
  'submit.error.server': 'Something went wrong on our side. Please try again in a moment.',

  'thanks.heading': 'Thank you! Your response has been saved',
  'thanks.change': 'You can change it until {changeableUntil}.',

  'problem.heading': 'The survey cannot be opened',
  'problem.network': 'The server could not be reached. Check your internet connection and reload the page.',
  'problem.server': 'Something went wrong on our side. Please reload the page in a moment.',
  'problem.noToken':
    'The link has no survey code. Please open the survey with the link from our email or letter.',
  'problem.retry': 'Try again',
  'problem.home': 'Ask a new question',
};

const texts = catalogue<SurveyTextKey>({ lv, en });

export const isTextKey = texts.isKey;
export const text = texts.text;
export { dateLocale } from '../../shared/i18n/catalogue.ts';
