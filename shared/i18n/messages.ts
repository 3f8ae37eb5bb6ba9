/**
 * Client-facing texts of the server side (validation errors, email) in Latvian and English.
 * Latvian is the first language; every key must exist in both.
 */
import type { AssistantFieldIssue } from '../domain/assistant-request.ts';
import { checkClientRequest, type FieldError, type ValidationResult } from '../domain/client-request.ts';
import type { Language } from '../domain/language.ts';
import { catalogue } from './catalogue.ts';

const lv = {
  'error.required': 'Šis lauks ir obligāts.',
  'error.name.invalid': 'Norādiet vārdu un uzvārdu vai nosaukumu (līdz 200 rakstzīmēm).',
  'error.email.invalid': 'Norādiet derīgu e-pasta adresi, piemēram, vards@example.lv.',
  'error.phone.invalid':
    'Norādiet derīgu tālruņa numuru, piemēram, +371 20000000, vai atstājiet lauku tukšu.',
  'error.phone.callback':
    'Atzvanām tikai uz Latvijas mobilo tālruņu numuriem (piemēram, +371 20 000 000). Ja Jums tāda nav, noņemiet atzīmi „Lūdzu, atzvaniet man“ — atbildēsim uz Jūsu norādīto e-pasta adresi — vai zvaniet paši uz klientu apkalpošanas tālruni +371 67063800.',
  'error.callback.invalid': 'Lūgumam atzvanīt jābūt true vai false.',
  'error.topic.invalid': 'Izvēlieties tēmu no saraksta.',
  'error.subject.invalid': 'Norādiet temata nosaukumu (līdz 200 rakstzīmēm).',
  'error.message.invalid': 'Uzrakstiet savu jautājumu (līdz 20 000 rakstzīmēm).',
  'error.consent.invalid': 'Lai mēs varētu izskatīt pieprasījumu, jāpiekrīt personas datu apstrādei.',
  'error.language.invalid': 'Valodai jābūt "lv" vai "en".',
  'error.field.unknown': 'Šis lauks nav paredzēts.',
  'error.text.characters': 'Teksts satur neatļautas vai neredzamas rakstzīmes; lūdzu, ierakstiet to vēlreiz.',
  'error.body.malformed': 'Pieprasījumu nevar nolasīt: tam jābūt derīgam JSON objektam.',
  'error.body.tooLarge': 'Pieprasījums ir pārāk liels.',
  'error.contentType': 'Pieprasījumam jābūt JSON formātā (Content-Type: application/json).',
  'error.idempotency.invalid':
    'Idempotency-Key galvenei jābūt no 8 līdz 128 rakstzīmēm (burti, cipari, -, _).',
  'error.idempotency.mismatch': 'Šī Idempotency-Key jau izmantota citam pieprasījumam.',
  'error.assistant.q.invalid': 'Uzrakstiet jautājumu (no 2 līdz 500 rakstzīmēm).',
  'error.assistant.page.invalid':
    'Lapas identifikatoram jābūt no 8 līdz 64 rakstzīmēm (burti, cipari, -, _).',
  'error.assistant.purpose.invalid': 'Mērķis var būt tikai "confirmation" vai "suggest".',
  'error.assistant.source.invalid': 'Avots var būt tikai "form" vai "help".',
  'error.assistant.questionId.invalid': 'Jautājuma identifikators nav derīgs.',
  'error.assistant.articleId.invalid': 'Raksta identifikators nav derīgs.',
  'error.assistant.articleId.notShown': 'Šis raksts netika rādīts kā atbilde uz šo jautājumu.',
  'error.assistant.helpful.invalid': 'Atbildei jābūt true vai false.',
  'error.assistant.questionUnknown': 'Šāds jautājums nav atrasts.',
  'error.notFound': 'Šāda adrese nav atrasta.',
  'error.methodNotAllowed': 'Šī metode nav atļauta.',
  'error.internal': 'Radās iekšēja kļūda. Lūdzu, mēģiniet vēlreiz vēlāk.',
  'error.tooManyRequests':
    'No Jūsu adreses saņemts pārāk daudz pieprasījumu. Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm.',
  'mail.ack.subject': 'Jūsu pieprasījums saņemts — {reference}',
  'mail.ack.greeting': 'Labdien!',
  'mail.ack.received': 'Tiesu administrācija ir saņēmusi Jūsu pieprasījumu. Tā numurs ir {reference}.',
  'mail.ack.expected':
    'Plānotais atbildes datums: {expectedAnswerBy}\nVēlākais atbildes termiņš: {answerDeadline}',
  'mail.ack.deadline': 'Atbildi sniegsim ne vēlāk kā: {answerDeadline}',
  'mail.ack.unit': 'Jūsu pieprasījumu izskatīs: {unit}.',
  'mail.ack.followUp':
    'Ja vēlaties ko papildināt vai jautāt par šo pieprasījumu, rakstot vai zvanot mums, lūdzu, norādiet numuru {reference}.',
  'mail.ack.order': 'Pieprasījumus izskatām to saņemšanas secībā.',
  'mail.ack.articles': 'Iespējams, atbildi uz līdzīgu jautājumu jau atradīsiet mūsu palīdzības lapās:',
  'mail.reroute.subject': 'Jūsu pieprasījums nodots kompetentajai struktūrvienībai — {reference}',
  'mail.reroute.moved':
    'Jūsu pieprasījumu {reference} turpmāk izskatīs struktūrvienība "{unit}", jo jautājums ir tās kompetencē.',
  'mail.reroute.deadline':
    'Atbildes termiņš skaitāms no pieprasījuma saņemšanas dienas, tāpēc tas nemainās: {answerDeadline}.',
  'mail.reroute.expected': 'Plānotais atbildes datums: {expectedAnswerBy}',
  'mail.extension.subject': 'Pagarināts atbildes termiņš — {reference}',
  'mail.extension.moved':
    'Atbildes termiņš Jūsu pieprasījumam {reference} ir pagarināts līdz {answerDeadline}.',
  'mail.extension.reason': 'Iemesls: {reason}',
  'mail.ack.signature': 'Ar cieņu\nTiesu administrācija',
  'mail.ack.automatic': 'Šī ir automātiska vēstule.',
  'letter.online':
    'Atbildi varat saņemt ātrāk elektroniski: uzdodiet jautājumu tīmekļa vietnē www.ta.gov.lv vai rakstiet uz pasts@ta.gov.lv, norādot numuru {reference}.',
  'mail.reply.subject': 'Atbilde uz Jūsu pieprasījumu — {reference}',
  'mail.reply.signature': 'Ar cieņu\n{unit}\nTiesu administrācija',
  'mail.reply.followUp':
    'Ja Jums ir vēl kādi jautājumi par šo pieprasījumu, atbildiet uz šo vēstuli vai norādiet numuru {reference}.',
  'mail.endService.subject': 'Par Jūsu saziņu ar Tiesu administrāciju — {reference}',
  'mail.endService.text':
    'Jūsu vēstule {reference} neattiecas uz Tiesu administrācijas kompetenci vai neatbilst saziņas noteikumiem, tāpēc tās izskatīšana ir izbeigta.',
  'mail.endService.other':
    'Ja Jums ir jautājums, kas ir Tiesu administrācijas kompetencē, lūdzu, rakstiet mums, norādot jautājumu un savu kontaktinformāciju. Informācija par citām iestādēm ir pieejama portālā latvija.gov.lv.',
  'mail.survey.subject': 'Lūdzam novērtēt mūsu atbildi — {reference}',
  'mail.survey.text':
    'Nesen atbildējām uz Jūsu pieprasījumu {reference}. Lūdzam dažās sekundēs novērtēt, kā mēs to paveicām: Jūsu vērtējums palīdz mums strādāt labāk.',
  'mail.survey.link': 'Novērtēt atbildi:',
  'mail.survey.expiry': 'Saite ir derīga 28 dienas. Aptauja ir brīvprātīga.',
  'mail.survey.footer': 'Lūdzam novērtēt mūsu atbildi (aptauja ir brīvprātīga):',
  'letter.survey':
    'Lūdzam novērtēt mūsu atbildi: noskenējiet QR kodu vai atveriet saiti. Aptauja ir brīvprātīga, saite derīga 28 dienas.',
} as const;

export type MessageKey = keyof typeof lv;

const en: Record<MessageKey, string> = {
  'error.required': 'This field is required.',
  'error.name.invalid': 'Enter your name or the name of your organisation (up to 200 characters).',
  'error.email.invalid': 'Enter a valid email address, for example name@example.com.',
  'error.phone.invalid': 'Enter a valid phone number, for example +371 20000000, or leave the field empty.',
  'error.phone.callback':
    'We call back only Latvian mobile numbers (for example +371 20 000 000). If you do not have one, untick “Please call me back” — we will answer to the email address you gave — or call our client service yourself on +371 67063800.',
  'error.callback.invalid': 'The callback request must be true or false.',
  'error.topic.invalid': 'Choose a topic from the list.',
  'error.subject.invalid': 'Enter a subject (up to 200 characters).',
  'error.message.invalid': 'Write your question (up to 20,000 characters).',
  'error.consent.invalid':
    'We can only handle your request if you agree to the processing of your personal data.',
  'error.language.invalid': 'Language must be "lv" or "en".',
  'error.field.unknown': 'This field is not expected.',
  'error.text.characters':
    'The text contains characters that are not allowed or invisible; please type it again.',
  'error.body.malformed': 'The request cannot be read: it must be a valid JSON object.',
  'error.body.tooLarge': 'The request is too large.',
  'error.contentType': 'The request must be JSON (Content-Type: application/json).',
  'error.idempotency.invalid':
    'The Idempotency-Key header must be 8 to 128 characters (letters, digits, -, _).',
  'error.idempotency.mismatch': 'This Idempotency-Key was already used for a different request.',
  'error.assistant.q.invalid': 'Write your question (2 to 500 characters).',
  'error.assistant.page.invalid': 'The page id must be 8 to 64 characters (letters, digits, -, _).',
  'error.assistant.purpose.invalid': 'The purpose can only be "confirmation" or "suggest".',
  'error.assistant.source.invalid': 'The source can only be "form" or "help".',
  'error.assistant.questionId.invalid': 'The question id is not valid.',
  'error.assistant.articleId.invalid': 'The article id is not valid.',
  'error.assistant.articleId.notShown': 'This article was not shown as an answer to this question.',
  'error.assistant.helpful.invalid': 'Helpful must be true or false.',
  'error.assistant.questionUnknown': 'No such question was found.',
  'error.notFound': 'Not found.',
  'error.methodNotAllowed': 'Method not allowed.',
  'error.internal': 'Something went wrong on our side. Please try again later.',
  'error.tooManyRequests':
    'Too many requests have come from your address. Please try again in a few minutes.',
  'mail.ack.subject': 'We have received your request — {reference}',
  'letter.online':
    'You can get an answer sooner online: ask your question at www.ta.gov.lv or write to pasts@ta.gov.lv, quoting the reference {reference}.',
  'mail.ack.greeting': 'Hello,',
  'mail.ack.received':
    'The Court Administration has received your request. Its reference number is {reference}.',
  'mail.ack.expected': 'Expected answer by: {expectedAnswerBy}\nDeadline for our answer: {answerDeadline}',
  'mail.ack.deadline': 'We will answer by: {answerDeadline}',
  'mail.ack.unit': 'Your request will be handled by: {unit}.',
  'mail.ack.followUp':
    'To add something or to ask about this request, please quote the reference {reference} when you write or call us.',
  'mail.ack.order': 'We handle requests in the order we receive them.',
  'mail.ack.articles': 'You may already find the answer to a similar question on our help pages:',
  'mail.reroute.subject': 'Your request has been passed to the competent unit — {reference}',
  'mail.reroute.moved':
    'Your request {reference} will now be handled by the unit "{unit}", as the matter is within its competence.',
  'mail.reroute.deadline':
    'The deadline for our answer counts from the day we received your request, so it does not change: {answerDeadline}.',
  'mail.reroute.expected': 'Expected answer by: {expectedAnswerBy}',
  'mail.extension.subject': 'The deadline for our answer has been extended — {reference}',
  'mail.extension.moved':
    'The deadline for our answer to your request {reference} has been extended to {answerDeadline}.',
  'mail.extension.reason': 'Reason: {reason}',
  'mail.ack.signature': 'Kind regards\nCourt Administration',
  'mail.ack.automatic': 'This is an automatic message.',
  'mail.reply.subject': 'Answer to your request — {reference}',
  'mail.reply.signature': 'Kind regards\n{unit}\nCourt Administration',
  'mail.reply.followUp':
    'If you have any further questions about this request, reply to this message or quote the reference {reference}.',
  'mail.endService.subject': 'About your correspondence with the Court Administration — {reference}',
  'mail.endService.text':
    'Your message {reference} is outside the competence of the Court Administration or does not follow the rules for correspondence, so we have stopped handling it.',
  'mail.endService.other':
    'If you have a question within the competence of the Court Administration, please write to us stating the question and your contact details. Information about other institutions is available on latvija.gov.lv.',
  'mail.survey.subject': 'Please rate our answer — {reference}',
  'mail.survey.text':
    'We recently answered your request {reference}. Please take a few seconds to tell us how we did: your rating helps us do better.',
  'mail.survey.link': 'Rate our answer:',
  'mail.survey.expiry': 'The link is valid for 28 days. The survey is voluntary.',
  'mail.survey.footer': 'Please rate our answer (the survey is voluntary):',
  'letter.survey':
    'Please rate our answer: scan the QR code or open the link. The survey is voluntary; the link is valid for 28 days.',
};

const messages = catalogue<MessageKey>({ lv, en });

/** The text for `key` in `language`, with `{name}` placeholders filled from `values`. */
export const message = messages.text;

/**
 * The web form's request checked (`checkClientRequest`), each invalid field with its message in
 * the client's language: as the form shows it and as ingest-web answers it.
 */
export function validateClientRequest(data: unknown, language: Language): ValidationResult {
  const check = checkClientRequest(data);
  if (check.ok) return check;
  return {
    ok: false,
    errors: check.errors.map(({ field, key }) => ({ field, message: message(language, key) })),
  };
}

/** The assistant's field issues with their messages in the client's language. */
export function assistantFieldErrors(
  issues: readonly AssistantFieldIssue[],
  language: Language,
): FieldError[] {
  return issues.map(({ field, key }) => ({ field, message: message(language, key) }));
}
