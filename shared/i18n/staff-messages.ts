/**
 * Texts of the staff API's answers (refusals and validation) in Latvian and English; the admin
 * page shows them as they come. Every key exists in both languages.
 */
import { catalogue } from './catalogue.ts';

const lv = {
  'staff.unauthorized': 'Jūsu sesija ir beigusies vai nav derīga. Lūdzu, pieslēdzieties vēlreiz.',
  'staff.SessionRevoked': 'Jūs esat izrakstījies no šīs sesijas. Lūdzu, pieslēdzieties vēlreiz.',
  'staff.SessionIdle': 'Sesija tika beigta, jo ilgi nebija nekādu darbību. Lūdzu, pieslēdzieties vēlreiz.',
  'staff.AccessDenied': 'Jums nav piekļuves šim pieprasījumam vai darbībai.',
  'staff.NotFound': 'Pieprasījums ar šādu numuru nav atrasts.',
  'staff.Conflict': 'Pieprasījumu tikmēr ir mainījis kāds cits. Atjaunojiet skatu un mēģiniet vēlreiz.',
  'staff.SurveyNotFound': 'Klients uz šī pieprasījuma aptauju nav atbildējis.',
  'staff.FollowedUpAlready': 'Šī atsauksme jau ir izskatīta.',
  'staff.NoFollowUpNeeded': 'Šo atsauksmi nav vajadzības izskatīt (vērtējums nav zems un atbilde nav „Nē”).',
  'staff.NotTaken': 'Vispirms paņemiet pieprasījumu darbā.',
  'staff.Closed': 'Pieprasījums ir slēgts. Lai atbildētu, vispirms atveriet to no jauna.',
  'staff.InvalidCursor': 'Saraksta turpinājumu nevar nolasīt. Atjaunojiet sarakstu.',
  'staff.AlreadyEnded': 'Apkalpošana šim pieprasījumam jau ir izbeigta.',
  'staff.NoEmailAddress': 'Klientam nav e-pasta adreses. Atbildiet pa pastu un pievienojiet piezīmi.',
  'staff.Erased': 'Šī pieprasījuma personas dati ir dzēsti; to vairs nevar apstrādāt vai labot.',
  'staff.Erasing':
    'Šī pieprasījuma personas dati tiek dzēsti (dzēšana ir sākta); juridisko aizturēšanu vairs nevar noteikt.',
  'staff.ReasonRequired': 'Norādiet iemeslu: rindā ir vecāki pieprasījumi.',
  'staff.NotWaiting': 'Pieprasījumu jau ir paņēmis kāds cits.',
  'staff.UnknownCompetence': 'Šādas struktūrvienības nav.',
  'staff.SameCompetence': 'Pieprasījums jau ir šajā struktūrvienībā.',
  'staff.Invalid': 'Šo termiņu nevar noteikt.',
  'staff.IdempotencyMismatch': 'Šī Idempotency-Key jau izmantota citam tekstam.',
  'staff.deadline.notLater': 'Jaunajam termiņam jābūt vēlākam par pašreizējo ({date}).',
  'staff.deadline.notWorkingDay': 'Tā nav darba diena; nākamā darba diena ir {date}.',
  'staff.deadline.beyondMaximum': 'Termiņu nevar pagarināt tālāk par {date} (likumā noteiktais maksimums).',
  'staff.deadline.dateInvalid': 'Norādiet datumu formātā GGGG-MM-DD.',
  'staff.DeadlinePassed': 'Atbildes termiņš jau ir pagājis; to vairs nevar pagarināt.',
  'staff.field.required': 'Šis lauks ir obligāts.',
  'staff.field.tooLong': 'Teksts ir pārāk garš.',
  'staff.field.invalid': 'Nederīga vērtība.',
  'staff.BodyTooLarge': 'Pieprasījums ir pārāk liels.',
  'staff.body.malformed': 'Pieprasījumu nevar nolasīt: tam jābūt derīgam JSON objektam.',
  'staff.audit.instant': 'Norādiet laiku ISO 8601 formātā ar laika joslu, piemēram, 2026-12-10T08:00:00Z.',
  'staff.audit.order': 'Perioda sākumam jābūt agrākam par beigām.',
  'staff.audit.span':
    'Periods nedrīkst būt garāks par {days} dienām. Sašauriniet to vai meklējiet pēc lietotāja, pieprasījuma vai klienta.',
  'staff.audit.limit': 'Norādiet skaitu no 1 līdz {max}.',
  'staff.figures.span': 'Periods nedrīkst būt garāks par {days} dienām.',
  'staff.figures.tooEarly': 'Rādītāji ir no {date}; norādiet datumu, kas nav agrāks.',
  'staff.figures.tooLate': 'Norādiet datumu, kas nav vēlāks par {date}.',
  'staff.figures.daySpan':
    'Pa dienām var skatīt ne vairāk kā {days} dienas; izvēlieties nedēļas vai mēnešus.',
  'staff.audit.ticket': 'Norādiet pieprasījuma numuru, piemēram, TA-2026-000123.',
  'staff.audit.client': 'Norādiet klienta e-pasta adresi, piemēram, vards@example.lv.',
  'staff.upload.type':
    'Šāda veida failu nevar pievienot. Atļauti: PDF, attēli (PNG, JPEG, GIF, WebP), teksts (TXT, CSV), biroja dokumenti (DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP, RTF) un e-paraksta dokumenti (EDOC, ASICE).',
  'staff.upload.extension': 'Faila nosaukuma paplašinājums neatbilst faila veidam.',
  'staff.upload.filename': 'Faila nosaukums nav derīgs.',
  'staff.upload.empty': 'Fails ir tukšs.',
  'staff.upload.tooLarge': 'Fails ir lielāks par {limit}.',
  'staff.attachments.tooMany': 'Atbildei var pievienot ne vairāk kā {count} failus.',
  'staff.attachments.tooLarge': 'Pievienoto failu kopējais lielums pārsniedz {limit}.',
  'staff.attachments.missing':
    'Pievienotais fails nav augšupielādēts vai nav atrasts. Pievienojiet to vēlreiz.',
  'staff.attachments.invalid':
    'Pievienotais fails neatbilst pieteiktajam (lielums, veids vai nosaukums). Pievienojiet to vēlreiz.',
  'staff.attachments.changed':
    'Pievienotā faila saturs pēc pievienošanas ir mainīts, tāpēc to nevar nosūtīt. Pievienojiet failu vēlreiz.',
  'staff.internal': 'Radās iekšēja kļūda. Lūdzu, mēģiniet vēlreiz vēlāk.',
  'staff.NoCallback': 'Klients nav lūdzis atzvanīt.',
  'staff.CallbackRecorded': 'Atzvanīšana šim pieprasījumam jau ir reģistrēta.',
  'staff.NotPostal': 'Šis pieprasījums nav saņemts pa pastu.',
  'staff.AlreadyTranscribed': 'Vēstules teksts jau ir ierakstīts.',
  'staff.LetterDispatched': 'Šīs vēstules nosūtīšana jau ir reģistrēta.',
  'staff.LetterNotFound': 'Šāda vēstule nav atrasta.',
  'staff.RegistrationNotFound': 'Šāda pasta sūtījuma reģistrācija nav atrasta.',
  'staff.post.receivedOn': 'Saņemšanas datums nevar būt nākotnē vai vairāk nekā pirms {days} dienām.',
  'staff.post.fileType': 'Var augšupielādēt tikai PDF, JPEG, PNG vai TIFF skenējumu.',
  'staff.post.tooLarge': 'Skenējums ir lielāks par {limit}.',
  'staff.post.empty': 'Skenējuma fails ir tukšs.',
  'staff.post.postalCode': 'Latvijas pasta indekss ir formātā LV-1234.',
  'staff.post.dispatchedOn': 'Nosūtīšanas datums nevar būt nākotnē vai agrāks par vēstules sagatavošanu.',
  'staff.call.digit': 'Izvēlieties tēmu, kuru zvanītājs izvēlējās tālruņa izvēlnē.',
  'staff.KnowledgeNotFound': 'Šāds raksts vai termins nav atrasts.',
  'staff.VersionConflict':
    'Šo ierakstu tikmēr ir mainījis kāds cits. Atjaunojiet skatu, pārskatiet izmaiņas un mēģiniet vēlreiz.',
  'staff.SlugTaken': 'Šāda adrese jau ir citam rakstam. Izvēlieties citu.',
  'staff.ArticleIdTaken':
    'Šī adrese vēl ir cita raksta identifikators (raksts, kam tā bija sākumā, to patur arī pēc adreses maiņas). Izvēlieties citu adresi.',
  'staff.TermIdTaken': 'Šāds termina identifikators jau ir aizņemts. Izvēlieties citu.',
  'staff.KnowledgeBusy':
    'Zināšanu bāzē vienlaikus notiek citas izmaiņas. Nekas nav saglabāts: mēģiniet vēlreiz pēc brīža.',
  'staff.KnowledgeArchived': 'Ieraksts ir arhivēts: to vairs nevar mainīt vai publicēt.',
  'staff.NotPublished': 'Ieraksts nav publicēts.',
  'staff.AlreadyPublished': 'Jaunākā versija jau ir publicēta.',
  'staff.knowledge.slug':
    'Adresē drīkst būt tikai mazie latīņu burti, cipari un defises starp tiem (2–80 zīmes), piemēram, valsts-nodeva; palīdzības sadaļas adreses (vardnica, temas, meklet u. c.) nav atļautas.',
  'staff.knowledge.slugFixed':
    'Publicēta raksta adresi nevar mainīt. Vispirms noņemiet rakstu no publicētajiem.',
  'staff.knowledge.url': 'Norādiet pilnu drošu adresi, kas sākas ar https://.',
  'staff.knowledge.tooLarge':
    'Ieraksts kopā (abās valodās) ir lielāks par {limit}. Saīsiniet šo tekstu vai sadaliet rakstu vairākos.',
  'staff.knowledge.characters':
    'Tekstā ir neatļautas vadības vai teksta virziena zīmes, neredzamas zīmes (vai rindas beigas).',
} as const;

export type StaffMessageKey = keyof typeof lv;

const en: Record<StaffMessageKey, string> = {
  'staff.unauthorized': 'Your session has ended or is not valid. Please sign in again.',
  'staff.SessionRevoked': 'You have signed out of this session. Please sign in again.',
  'staff.SessionIdle': 'Your session was ended after a long time without activity. Please sign in again.',
  'staff.AccessDenied': 'You do not have access to this request or action.',
  'staff.NotFound': 'No request with this reference was found.',
  'staff.Conflict': 'Someone else changed this request meanwhile. Refresh and try again.',
  'staff.SurveyNotFound': 'The client has not answered the survey on this request.',
  'staff.FollowedUpAlready': 'This feedback has been followed up already.',
  'staff.NoFollowUpNeeded': 'This feedback needs no follow-up (neither a low score nor “No”).',
  'staff.NotTaken': 'Take the request first.',
  'staff.Closed': 'The request is closed. Reopen it before replying.',
  'staff.NoEmailAddress': 'The client has no email address. Answer by post and add a note.',
  'staff.Erased': "This request's personal data has been erased; it can no longer be worked on or corrected.",
  'staff.Erasing':
    "This request's personal data is being erased (the erasure has begun); a legal hold can no longer be set.",
  'staff.InvalidCursor': 'The next page of the list cannot be read. Refresh the list.',
  'staff.AlreadyEnded': 'Service has already been ended for this request.',
  'staff.ReasonRequired': 'Give a reason: older requests are waiting in the queue.',
  'staff.NotWaiting': 'Someone else has already taken this request.',
  'staff.UnknownCompetence': 'There is no such unit.',
  'staff.SameCompetence': 'The request is already with this unit.',
  'staff.Invalid': 'This deadline cannot be set.',
  'staff.IdempotencyMismatch': 'This Idempotency-Key was already used for a different text.',
  'staff.deadline.notLater': 'The new deadline must be later than the current one ({date}).',
  'staff.deadline.notWorkingDay': 'That is not a working day; the next working day is {date}.',
  'staff.deadline.beyondMaximum': 'The deadline cannot be extended beyond {date} (the legal maximum).',
  'staff.deadline.dateInvalid': 'Give the date as YYYY-MM-DD.',
  'staff.DeadlinePassed': 'The answer deadline has passed; it can no longer be extended.',
  'staff.field.required': 'This field is required.',
  'staff.field.tooLong': 'The text is too long.',
  'staff.field.invalid': 'Invalid value.',
  'staff.BodyTooLarge': 'The request is too large.',
  'staff.body.malformed': 'The request cannot be read: it must be a valid JSON object.',
  'staff.NoCallback': 'The client did not ask to be called back.',
  'staff.CallbackRecorded': 'The callback for this request has already been recorded.',
  'staff.NotPostal': 'This request did not come by post.',
  'staff.AlreadyTranscribed': "The letter's text has already been typed in.",
  'staff.LetterDispatched': 'This letter has already been recorded as posted.',
  'staff.LetterNotFound': 'No such letter was found.',
  'staff.RegistrationNotFound': 'No such registration of a letter was found.',
  'staff.post.receivedOn': 'The date received cannot be in the future or more than {days} days ago.',
  'staff.post.fileType': 'Only a PDF, JPEG, PNG or TIFF scan can be uploaded.',
  'staff.post.tooLarge': 'The scan is larger than {limit}.',
  'staff.post.empty': 'The scan file is empty.',
  'staff.post.postalCode': 'A Latvian postal code has the form LV-1234.',
  'staff.post.dispatchedOn': 'The date posted cannot be in the future or before the letter was prepared.',
  'staff.call.digit': 'Choose the topic the caller chose in the phone menu.',
  'staff.audit.instant': 'Give the time in ISO 8601 with a time zone, for example 2026-12-10T08:00:00Z.',
  'staff.audit.order': 'The start of the period must be before its end.',
  'staff.audit.span':
    'The period may be at most {days} days. Narrow it, or search by user, request or client.',
  'staff.audit.limit': 'Give a number from 1 to {max}.',
  'staff.figures.span': 'The period may be at most {days} days.',
  'staff.figures.tooEarly': 'The figures start on {date}; give a date no earlier.',
  'staff.figures.tooLate': 'Give a date no later than {date}.',
  'staff.figures.daySpan': 'Days can be shown for at most {days} days; choose weeks or months.',
  'staff.audit.ticket': 'Give a request reference, for example TA-2026-000123.',
  'staff.audit.client': "Give the client's email address, for example name@example.lv.",
  'staff.upload.type':
    'This type of file cannot be attached. Allowed: PDF, images (PNG, JPEG, GIF, WebP), text (TXT, CSV), office documents (DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP, RTF) and e-signed documents (EDOC, ASICE).',
  'staff.upload.extension': "The file name's extension does not match the file's type.",
  'staff.upload.filename': 'The file name is not valid.',
  'staff.upload.empty': 'The file is empty.',
  'staff.upload.tooLarge': 'The file is larger than {limit}.',
  'staff.attachments.tooMany': 'A reply may carry at most {count} files.',
  'staff.attachments.tooLarge': 'The attached files together exceed {limit}.',
  'staff.attachments.missing': 'An attached file was not uploaded or cannot be found. Attach it again.',
  'staff.attachments.invalid':
    'An attached file does not match what was announced (size, type or name). Attach it again.',
  'staff.attachments.changed':
    "An attached file's content was changed after it was attached, so it cannot be sent. Attach the file again.",
  'staff.internal': 'Something went wrong on our side. Please try again later.',
  'staff.KnowledgeNotFound': 'No such article or term.',
  'staff.VersionConflict':
    'Someone else changed this entry meanwhile. Refresh, review their changes and try again.',
  'staff.SlugTaken': 'Another article has this address. Choose another.',
  'staff.ArticleIdTaken':
    'This address is still the id of another article (the article that first had it keeps it after its address changed). Choose another address.',
  'staff.TermIdTaken': 'This term id is taken. Choose another.',
  'staff.KnowledgeBusy':
    'Other changes to the knowledge base are under way. Nothing was saved: try again in a moment.',
  'staff.KnowledgeArchived': 'The entry is archived: it can no longer be changed or published.',
  'staff.NotPublished': 'The entry is not published.',
  'staff.AlreadyPublished': 'The latest version is published already.',
  'staff.knowledge.slug':
    "Use lowercase Latin letters, digits and hyphens between them (2–80 characters), e.g. state-fee; the help section's own addresses (glossary, topics, search…) are not allowed.",
  'staff.knowledge.slugFixed': 'A published article’s address cannot change. Unpublish the article first.',
  'staff.knowledge.url': 'Give a full secure address starting with https://.',
  'staff.knowledge.tooLarge':
    'The entry as a whole (both languages) is larger than {limit}. Shorten this text or split the article.',
  'staff.knowledge.characters':
    'The text holds control or text-direction characters, invisible characters (or line breaks) that are not allowed.',
};

const messages = catalogue<StaffMessageKey>({ lv, en });

export const isStaffMessageKey = messages.isKey;

/** The staff text for `key` in `language`, with `{name}` placeholders filled from `values`. */
export const staffMessage = messages.text;
