/**
 * Every text of the public web form in Latvian and English. Latvian is the first language; every
 * key exists in both. Validation messages are not here: they come from the shared schema
 * (`shared/i18n/messages.ts`) through `validateClientRequest`, so the browser and the server
 * explain a mistake in the same words.
 */
import { catalogue } from '../../shared/i18n/catalogue.ts';

const lv = {
  'page.title': 'Uzdot jautājumu — Tiesu administrācija',
  'page.skipLink': 'Pāriet uz galveno saturu',
  'page.organisation': 'Tiesu administrācija',
  'page.languageSwitch': 'Valoda',
  // Each language is named in itself, so both catalogues agree here.
  'language.lv': 'Latviešu',
  'language.en': 'English',
  'page.heading': 'Uzdot jautājumu',
  'page.intro':
    'Aizpildiet veidlapu, un mēs atbildēsim uz Jūsu norādīto e-pasta adresi. Pēc nosūtīšanas redzēsiet pieprasījuma numuru, un apstiprinājumu saņemsiet arī e-pastā.',
  'page.requiredNote': 'Visi lauki, kas nav atzīmēti ar „nav obligāti“, ir jāaizpilda.',
  'page.footer': 'Tiesu administrācija · Antonijas iela 6, Rīga',
  'page.formHeading': 'Uzrakstiet mums',

  'assistant.heading': 'Varbūt atbilde jau ir mūsu skaidrojumos',
  'assistant.intro':
    'Uzrakstiet jautājumu saviem vārdiem — atbildi meklēsim Tiesu administrācijas skaidrojumos. Ja tur atbildes nav, jautājumu varēsiet nosūtīt mums ar veidlapu.',
  'assistant.label': 'Jautājums',
  'assistant.hint': 'Piemēram: kā atgūt pārmaksāto valsts nodevu?',
  'assistant.ask': 'Uzdot jautājumu',
  'assistant.tooShort': 'Ierakstiet jautājumu.',
  'assistant.searching': 'Meklējam atbildi…',
  'assistant.source': 'No mūsu skaidrojuma:',
  'assistant.found': 'Atradām atbildi: {title}.',
  'assistant.feedback.question': 'Vai tas atbildēja uz Jūsu jautājumu?',
  'assistant.feedback.yes': 'Jā',
  'assistant.feedback.no': 'Nē',
  'assistant.feedback.thanks': 'Paldies! Priecājamies, ka atbilde noderēja.',
  'assistant.toForm': 'Jautājumu ierakstījām veidlapā. Aizpildiet pārējos laukus un nosūtiet to mums.',
  'assistant.noAnswer':
    'Mūsu skaidrojumos atbildi uz šo jautājumu neatradām. Jautājumu ierakstījām veidlapā: aizpildiet pārējos laukus un nosūtiet to mums.',
  'assistant.error': 'Atbildi šobrīd neizdevās sameklēt. Jautājumu varat nosūtīt mums ar veidlapu.',
  'suggestions.heading': 'Varbūt atbilde ir šeit',
  'suggestions.found': 'Zem jautājuma ieteikti skaidrojumi, kas varētu atbildēt: {count}.',

  'field.required': '(obligāti)',
  'field.optional': '(nav obligāti)',
  'field.errorPrefix': 'Kļūda:',
  'field.name.label': 'Vārds, uzvārds vai organizācijas nosaukums',
  'field.email.label': 'E-pasta adrese',
  'field.email.hint': 'Uz šo adresi nosūtīsim apstiprinājumu un atbildi.',
  'field.phone.label': 'Tālruņa numurs',
  'field.phone.hint':
    'Norādiet, ja vēlaties, lai sazināmies ar Jums pa tālruni. Atzvanīšanai — Latvijas mobilā tālruņa numurs, piemēram, +371 20 000 000.',
  'field.callback.label': 'Lūdzu, atzvaniet man',
  'field.callback.hint':
    'Atzvanām tikai uz Latvijas mobilo tālruņu numuriem. Ja atzīmēsiet šo lodziņu, tālruņa numurs būs obligāts.',
  'field.topic.label': 'Tēma',
  'field.topic.placeholder': 'Izvēlieties tēmu',
  'field.subject.label': 'Temats',
  'field.subject.hint': 'Dažos vārdos — par ko ir Jūsu jautājums.',
  'field.message.label': 'Jūsu jautājums',
  'field.message.hint':
    'Aprakstiet, kas Jūs interesē. Ja jautājums attiecas uz konkrētu lietu, norādiet tās numuru.',
  'field.consent.label':
    'Piekrītu, ka Tiesu administrācija apstrādā manus personas datus, lai izskatītu šo pieprasījumu un atbildētu uz to.',
  'field.consent.short': 'Piekrišana personas datu apstrādei',
  'field.website.label': 'Neaizpildiet šo lauku',

  'privacy.heading': 'Personas datu apstrāde',
  'privacy.controller.term': 'Pārzinis',
  'privacy.controller.text': 'Tiesu administrācija, Antonijas iela 6, Rīga.',
  'privacy.purpose.term': 'Mērķis',
  'privacy.purpose.text': 'izskatīt Jūsu pieprasījumu un atbildēt uz to.',
  'privacy.retention.term': 'Glabāšanas laiks',
  'privacy.retention.text':
    'tik ilgi, cik nepieciešams pieprasījuma izskatīšanai, un pēc tam tik ilgi, cik to nosaka arhīvu jomas normatīvie akti.',
  'privacy.rights.term': 'Jūsu tiesības',
  'privacy.rights.text': 'piekļūt saviem datiem, lūgt tos labot un iesniegt sūdzību Datu valsts inspekcijā.',

  'submit.button': 'Nosūtīt',
  'submit.sending': 'Sūtām…',
  'submit.errorSummary': 'Lūdzu, izlabojiet šīs kļūdas',
  'submit.errorsAnnouncement': 'Veidlapā ir kļūdas. Saraksts ir lapas augšdaļā.',
  'submit.error.network':
    'Neizdevās sazināties ar serveri. Pārbaudiet interneta savienojumu un mēģiniet vēlreiz — ievadītā informācija ir saglabāta.',
  'submit.error.tooLarge':
    'Pieprasījums ir pārāk liels, lai to nosūtītu. Lūdzu, saīsiniet ziņu un mēģiniet vēlreiz.',
  'submit.error.rateLimited':
    'Īsā laikā saņemts pārāk daudz pieprasījumu. Lūdzu, pagaidiet minūti un mēģiniet vēlreiz.',
  'submit.error.server': 'Mūsu pusē radās kļūda. Lūdzu, pēc brīža mēģiniet nosūtīt vēlreiz.',
  'submit.error.heading': 'Pieprasījumu neizdevās nosūtīt',
  'submit.error.requestId': 'Ja sazināsieties ar mums par šo kļūdu, norādiet tās kodu:',

  'confirmation.heading': 'Paldies! Jūsu pieprasījums ir saņemts',
  'confirmation.reference': 'Pieprasījuma numurs',
  'confirmation.unit': 'Jūsu jautājumu izskatīs',
  'confirmation.expectedAnswerBy': 'Atbildi plānojam sniegt līdz',
  'confirmation.answerDeadline': 'Vēlākais atbildes termiņš',
  'confirmation.callback': 'Jums atzvanīsim uz numuru',
  'confirmation.email': 'Apstiprinājumu ar šo numuru saņemsiet arī e-pastā.',
  'confirmation.quote': 'Ja rakstāt vai zvanāt mums par šo jautājumu, lūdzu, norādiet pieprasījuma numuru.',
  'confirmation.another': 'Uzdot vēl vienu jautājumu',
  'confirmation.articles': 'Kamēr gaidāt atbildi, varbūt noderēs',

  'noscript.message': 'Lai nosūtītu veidlapu, pārlūkprogrammā jāieslēdz JavaScript.',
} as const;

/** A key of the web form's text catalogue. */
export type TextKey = keyof typeof lv;

const en: Record<TextKey, string> = {
  'page.title': 'Ask a question — Court Administration',
  'page.skipLink': 'Skip to main content',
  'page.organisation': 'Court Administration',
  'page.languageSwitch': 'Language',
  'language.lv': 'Latviešu',
  'language.en': 'English',
  'page.heading': 'Ask a question',
  'page.intro':
    'Fill in the form and we will answer to the email address you give. After sending, you will see a reference number, and you will also get a confirmation by email.',
  'page.requiredNote': 'Fill in every field that is not marked “optional”.',
  'page.footer': 'Court Administration (Tiesu administrācija) · Antonijas iela 6, Rīga',
  'page.formHeading': 'Write to us',

  'assistant.heading': 'The answer may already be in our help pages',
  'assistant.intro':
    'Type your question in your own words and we will look for the answer in the Court Administration’s help pages. If it is not there, you can send the question to us with the form.',
  'assistant.label': 'Question',
  'assistant.hint': 'For example: how do I get back a state fee I paid too much?',
  'assistant.ask': 'Ask a question',
  'assistant.tooShort': 'Type your question.',
  'assistant.searching': 'Looking for an answer…',
  'assistant.source': 'From our help pages:',
  'assistant.found': 'We found an answer: {title}.',
  'assistant.feedback.question': 'Did this answer your question?',
  'assistant.feedback.yes': 'Yes',
  'assistant.feedback.no': 'No',
  'assistant.feedback.thanks': 'Thank you! We are glad it helped.',
  'assistant.toForm': 'We have put your question into the form. Fill in the other fields and send it to us.',
  'assistant.noAnswer':
    'We found no answer to this question in our help pages. We have put it into the form: fill in the other fields and send it to us.',
  'assistant.error':
    'We could not look for an answer just now. You can send your question to us with the form.',
  'suggestions.heading': 'The answer may be here',
  'suggestions.found': 'Help pages that may answer it, suggested below your question: {count}.',

  'field.required': '(required)',
  'field.optional': '(optional)',
  'field.errorPrefix': 'Error:',
  'field.name.label': 'Full name or name of the organisation',
  'field.email.label': 'Email address',
  'field.email.hint': 'We will send the confirmation and our answer to this address.',
  'field.phone.label': 'Phone number',
  'field.phone.hint':
    'Give it if you would like us to contact you by phone. For a callback, a Latvian mobile number, for example +371 20 000 000.',
  'field.callback.label': 'Please call me back',
  'field.callback.hint':
    'We call back only Latvian mobile numbers. If you tick this box, the phone number is required.',
  'field.topic.label': 'Topic',
  'field.topic.placeholder': 'Choose a topic',
  'field.subject.label': 'Subject',
  'field.subject.hint': 'In a few words, what your question is about.',
  'field.message.label': 'Your question',
  'field.message.hint':
    'Describe what you would like to know. If it concerns a particular case, give its number.',
  'field.consent.label':
    'I agree that the Court Administration processes my personal data to handle and answer this request.',
  'field.consent.short': 'Consent to the processing of personal data',
  'field.website.label': 'Leave this field empty',

  'privacy.heading': 'How we use your personal data',
  'privacy.controller.term': 'Controller',
  'privacy.controller.text': 'Tiesu administrācija (the Court Administration), Antonijas iela 6, Rīga.',
  'privacy.purpose.term': 'Purpose',
  'privacy.purpose.text': 'to handle and answer your request.',
  'privacy.retention.term': 'How long we keep it',
  'privacy.retention.text':
    'as long as we need it to handle your request, and afterwards as long as the law on archives requires.',
  'privacy.rights.term': 'Your rights',
  'privacy.rights.text':
    'to access your data, to have it corrected, and to complain to the Data State Inspectorate (Datu valsts inspekcija).',

  'submit.button': 'Send',
  'submit.sending': 'Sending…',
  'submit.errorSummary': 'Please correct the following',
  'submit.errorsAnnouncement': 'The form has errors. They are listed at the top of the page.',
  'submit.error.network':
    'We could not reach the server. Check your internet connection and try again — what you entered is still in the form.',
  'submit.error.tooLarge': 'The request is too large to send. Please shorten your message and try again.',
  'submit.error.rateLimited': 'Too many requests in a short time. Please wait a minute and try again.',
  'submit.error.server': 'Something went wrong on our side. Please try sending again in a moment.',
  'submit.error.heading': 'Your request could not be sent',
  'submit.error.requestId': 'If you contact us about this error, please quote its code:',

  'confirmation.heading': 'Thank you — we have received your request',
  'confirmation.reference': 'Reference number',
  'confirmation.unit': 'Your question will be handled by',
  'confirmation.expectedAnswerBy': 'We expect to answer by',
  'confirmation.answerDeadline': 'Deadline for our answer',
  'confirmation.callback': 'We will call you back on',
  'confirmation.email': 'You will also get a confirmation with this number by email.',
  'confirmation.quote': 'Please quote the reference number when you write or call us about this request.',
  'confirmation.another': 'Ask another question',
  'confirmation.articles': 'While you wait for our answer, these may help',

  'noscript.message': 'To send the form, please turn on JavaScript in your browser.',
};

const texts = catalogue<TextKey>({ lv, en });

/** Whether `key` names a text of the catalogue (the page marks elements with `data-text="key"`). */
export const isTextKey = texts.isKey;

/** The text for `key` in `language`. */
export const text = texts.text;

export { dateLocale } from '../../shared/i18n/catalogue.ts';
