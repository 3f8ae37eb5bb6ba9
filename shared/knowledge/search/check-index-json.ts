/**
 * The shipped index is checked when it is loaded: a tampered or truncated file must fail at a cold
 * start with a message saying what is wrong, not rank wrongly or throw at the first question.
 */
import type { SearchLanguage } from './analyse.ts';

function fail(where: string, what: string): never {
  throw new Error(`Search index${where === '' ? '' : ` ${where}`}: ${what}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isCount = (value: unknown, below = Number.POSITIVE_INFINITY): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < below;

function checkDocument(document: unknown, where: string, language: SearchLanguage): void {
  if (!isObject(document)) fail(where, 'not an object');
  for (const key of ['id', 'topic', 'title', 'summary'] as const) {
    if (typeof document[key] !== 'string') fail(where, `${key} is not a string`);
  }
  if (document.language !== language) fail(where, `language is not ${language}`);
  if (!isStringArray(document.paragraphs)) fail(where, 'paragraphs are not strings');
  if (!isStringArray(document.keywords)) fail(where, 'keywords are not strings');
  const synonyms = document.synonyms;
  if (!Array.isArray(synonyms) || !synonyms.every((pair) => isStringArray(pair) && pair.length === 2)) {
    fail(where, 'synonyms are not pairs of strings');
  }
}

function checkPostings(postings: unknown, where: string, documentCount: number, fieldCount: number): void {
  if (!Array.isArray(postings)) fail(where, 'postings are not a list');
  const seen = new Set<string>();
  for (const entry of postings) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      !Array.isArray(entry[1])
    ) {
      fail(where, 'a posting is not [stem, numbers]');
    }
    const [stem, triples] = entry as [string, unknown[]];
    if (seen.has(stem)) fail(where, `stem ${stem} is listed twice`);
    seen.add(stem);
    if (triples.length === 0 || triples.length % 3 !== 0) fail(where, `postings of ${stem} are not triples`);
    for (let at = 0; at < triples.length; at += 3) {
      if (
        !isCount(triples[at], documentCount) ||
        !isCount(triples[at + 1], fieldCount) ||
        !isCount(triples[at + 2]) ||
        triples[at + 2] === 0
      ) {
        fail(where, `postings of ${stem} are no (document, field, count) of this index`);
      }
    }
  }
}

function checkLanguage(part: unknown, language: SearchLanguage, fieldCount: number): void {
  const where = `(${language})`;
  if (!isObject(part)) fail(where, 'missing');
  if (!Array.isArray(part.documents)) fail(where, 'documents are not a list');
  part.documents.forEach((document, number) => {
    checkDocument(document, `${where} document ${number}`, language);
  });
  const documentCount = part.documents.length;
  const fieldLengths = part.fieldLengths;
  if (
    !Array.isArray(fieldLengths) ||
    fieldLengths.length !== documentCount ||
    !fieldLengths.every(
      (lengths) =>
        Array.isArray(lengths) && lengths.length === fieldCount && lengths.every((n) => isCount(n)),
    )
  ) {
    fail(where, 'field lengths do not match the documents');
  }
  checkPostings(part.postings, where, documentCount, fieldCount);
  const synonyms = part.synonyms;
  if (
    !Array.isArray(synonyms) ||
    !synonyms.every(
      (rule) =>
        isObject(rule) &&
        isStringArray(rule.from) &&
        isStringArray(rule.to) &&
        rule.from.length > 0 &&
        rule.to.length > 0,
    )
  ) {
    fail(where, 'synonym rules are not lists of stems');
  }
}

/**
 * Checks that parsed JSON is an index as `searchIndexToJson` writes it, with `fieldCount` fields
 * per document.
 *
 * @throws Error naming the first thing that is wrong.
 */
export function checkSearchIndexJson(json: unknown, fieldCount: number): void {
  if (!isObject(json)) fail('', 'not an object');
  if (json.version !== 1) throw new Error(`Unknown search index version ${String(json.version)}`);
  if (!isObject(json.languages)) fail('', 'no languages');
  checkLanguage(json.languages.lv, 'lv', fieldCount);
  checkLanguage(json.languages.en, 'en', fieldCount);
}
