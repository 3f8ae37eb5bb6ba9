/**
 * The survey API's messages to clients in Latvian and English: its refusals and the fields'
 * errors. The survey page bundles this catalogue too, so that the page and the API explain a
 * mistake in the same words.
 */
import type { LocalizedText } from '../domain/language.ts';
import type { SurveyMessageKey, SurveyRefusalCode } from '../domain/survey.ts';
import { surveyCommentMaxLength } from '../domain/survey.ts';
import { catalogue } from './catalogue.ts';

/** A body refused before it is read: not JSON, too large, or not sent as JSON. */
export type SurveyBodyRefusal = 'MalformedBody' | 'BodyTooLarge' | 'UnsupportedContentType';

type SurveyTextKey =
  | SurveyMessageKey
  | `survey.refused.${SurveyRefusalCode}`
  | `survey.body.${SurveyBodyRefusal}`
  | 'survey.invalid';

const lv: Record<SurveyTextKey, string> = {
  'survey.field.required': 'Šis lauks ir jāaizpilda.',
  'survey.field.unknown': 'Atbildē ir lauki, kas nav paredzēti.',
  'survey.t.invalid': 'Saite uz aptauju nav derīga.',
  'survey.satisfaction.invalid': 'Izvēlieties novērtējumu no 1 līdz 5.',
  'survey.answered.invalid': 'Izvēlieties „Jā“, „Daļēji“ vai „Nē“.',
  'survey.comment.tooLong': `Komentārs var būt ne garāks par ${surveyCommentMaxLength} rakstzīmēm.`,
  'survey.comment.characters':
    'Komentārā ir neredzamas vai vadības rakstzīmes. Lūdzu, ierakstiet to vēlreiz bez tām.',
  'survey.comment.invalid': 'Komentāram jābūt tekstam.',
  'survey.invalid': 'Lūdzu, izlabojiet norādītās kļūdas.',
  'survey.body.MalformedBody': 'Jūsu atbildi neizdevās nolasīt. Lūdzu, pārlādējiet lapu un mēģiniet vēlreiz.',
  'survey.body.BodyTooLarge': 'Atbilde ir pārāk gara. Lūdzu, saīsiniet komentāru un mēģiniet vēlreiz.',
  'survey.body.UnsupportedContentType':
    'Jūsu atbildi neizdevās nolasīt. Lūdzu, pārlādējiet lapu un mēģiniet vēlreiz.',
  'survey.refused.SurveyNotFound':
    'Šo aptaujas saiti neizdevās atpazīt. Pārbaudiet, vai saite e-pastā nokopēta pilnībā.',
  'survey.refused.SurveyExpired': 'Šīs aptaujas saites derīguma termiņš ir beidzies. Paldies par interesi!',
  'survey.refused.SurveyClosed': 'Atbildi var mainīt 14 dienas pēc tās sniegšanas. Šis laiks ir pagājis.',
  'survey.refused.NotAnswered':
    'Jūsu pieprasījums vēl tiek izskatīts. Aptauju varēsiet aizpildīt, kad būsiet saņēmis atbildi.',
  'survey.refused.SurveyConflict':
    'Atbilde tikko tika mainīta citur. Lūdzu, pārlādējiet lapu un mēģiniet vēlreiz.',
};

const en: Record<SurveyTextKey, string> = {
  'survey.field.required': 'This field is required.',
  'survey.field.unknown': 'The response contains fields that are not expected.',
  'survey.t.invalid': 'The survey link is not valid.',
  'survey.satisfaction.invalid': 'Choose a rating from 1 to 5.',
  'survey.answered.invalid': 'Choose “Yes”, “Partly” or “No”.',
  'survey.comment.tooLong': `The comment can be at most ${surveyCommentMaxLength} characters long.`,
  'survey.comment.characters':
    'The comment contains invisible or control characters. Please type it again without them.',
  'survey.comment.invalid': 'The comment must be text.',
  'survey.invalid': 'Please correct the errors shown.',
  'survey.body.MalformedBody': 'Your response could not be read. Please reload the page and try again.',
  'survey.body.BodyTooLarge': 'The response is too long. Please shorten the comment and try again.',
  'survey.body.UnsupportedContentType':
    'Your response could not be read. Please reload the page and try again.',
  'survey.refused.SurveyNotFound':
    'This survey link could not be recognised. Check that the whole link was copied from the email.',
  'survey.refused.SurveyExpired': 'This survey link has expired. Thank you for your interest!',
  'survey.refused.SurveyClosed':
    'A response can be changed for 14 days after it was given. That time has passed.',
  'survey.refused.NotAnswered':
    'Your request is still being handled. You can take the survey once you have received the answer.',
  'survey.refused.SurveyConflict':
    'The response was just changed elsewhere. Please reload the page and try again.',
};

const texts = catalogue<SurveyTextKey>({ lv, en });

/** A field error's message in both languages. */
export function surveyFieldMessage(key: SurveyMessageKey): LocalizedText {
  return { lv: texts.text('lv', key), en: texts.text('en', key) };
}

/** A refusal's message in both languages. */
export function surveyRefusalMessage(code: SurveyRefusalCode): LocalizedText {
  return { lv: texts.text('lv', `survey.refused.${code}`), en: texts.text('en', `survey.refused.${code}`) };
}

/** The message of a body refused before it is read, in both languages. */
export function surveyBodyMessage(code: SurveyBodyRefusal): LocalizedText {
  return { lv: texts.text('lv', `survey.body.${code}`), en: texts.text('en', `survey.body.${code}`) };
}

/** The 400's own message in both languages. */
export function surveyInvalidMessage(): LocalizedText {
  return { lv: texts.text('lv', 'survey.invalid'), en: texts.text('en', 'survey.invalid') };
}
