/**
 * What an entry's content must be beyond its shape (which the request schema checks): an address
 * the help pages can take, links only to https pages, and no character that would hide or disguise
 * text — controls, or bidirectional overrides that make a text display as something else. Line
 * breaks only where a text has lines (paragraphs, explanations).
 */
import type { FieldRefusal } from '../../domain/refused.ts';
import { isValidSlug } from '../../knowledge/urls.ts';
import type { ArticleContent, KnowledgeSource, TermContent } from '../../ports/knowledge-base.ts';

const controls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Line breaks: `\n` only where a text has lines; the Unicode line and paragraph separators never. */
const lineBreak = /[\n\r]/;
const separators = /[\u2028\u2029]/;
/** Zero-width characters: invisible in a title or a keyword, and they make equal words differ. */
const invisible = /[\u200b-\u200d\u2060\ufeff]/;
/** Nothing to read: spaces and invisible characters only. */
const blank = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/** Whether the text carries a forbidden character (a line break only where `lines`). */
function unclean(text: string, lines: boolean): boolean {
  return (
    controls.test(text) ||
    bidi.test(text) ||
    separators.test(text) ||
    (!lines && (lineBreak.test(text) || invisible.test(text)))
  );
}

/** An absolute https address without credentials. */
export function isHttpsUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password;
}

type Texts = [field: string, text: string, lines: boolean][];

function bilingualTexts(field: string, text: { lv: string; en: string }, lines = false): Texts {
  return [
    [`${field}.lv`, text.lv, lines],
    [`${field}.en`, text.en, lines],
  ];
}

function listTexts(
  field: string,
  list: { lv: readonly string[]; en: readonly string[] },
  lines = false,
): Texts {
  return (['lv', 'en'] as const).flatMap((language) =>
    list[language].map((text, index): Texts[number] => [`${field}.${language}.${index}`, text, lines]),
  );
}

function sourceRefusals(sources: readonly KnowledgeSource[]): { texts: Texts; refusals: FieldRefusal[] } {
  return {
    texts: sources.flatMap((source, index): Texts => [[`sources.${index}.title`, source.title, false]]),
    refusals: sources.flatMap((source, index) =>
      isHttpsUrl(source.url) ? [] : [{ field: `sources.${index}.url`, key: 'staff.knowledge.url' }],
    ),
  };
}

/** Texts with a forbidden character, and texts with nothing to read (the schema trims top-level ones only). */
function characterRefusals(texts: Texts): FieldRefusal[] {
  return texts.flatMap(([field, text, lines]) =>
    blank.test(text)
      ? [{ field, key: 'staff.field.required' }]
      : unclean(text, lines)
        ? [{ field, key: 'staff.knowledge.characters' }]
        : [],
  );
}

/**
 * The most an entry's content may weigh, in UTF-8 bytes, both languages together: its head, each
 * version and its published copy are a DynamoDB item each, which holds 400 KB at most (the
 * per-field character limits alone allow more: 60 paragraphs of 4000 emoji).
 */
export const maxContentBytes = 300 * 1024;

const utf8 = new TextEncoder();
const bytesOf = (text: string) => utf8.encode(text).byteLength;

/** Over the size: refused on its largest text, the one to shorten first. */
function sizeRefusals(content: ArticleContent | TermContent, texts: Texts): FieldRefusal[] {
  if (bytesOf(JSON.stringify(content)) <= maxContentBytes) return [];
  const [largest] = texts.toSorted(([, a], [, b]) => bytesOf(b) - bytesOf(a));
  return [
    {
      field: largest?.[0] ?? 'body',
      key: 'staff.knowledge.tooLarge',
      values: { limit: `${maxContentBytes / 1024} KB` },
    },
  ];
}

/** The fields of an article's content at fault; empty when it may be stored. */
export function articleRefusals(content: ArticleContent): FieldRefusal[] {
  const sources = sourceRefusals(content.sources);
  const texts: Texts = [
    ['slug', content.slug, false],
    ...bilingualTexts('title', content.title),
    ...bilingualTexts('summary', content.summary),
    ...listTexts('paragraphs', content.paragraphs, true),
    ...listTexts('keywords', content.keywords),
    ...content.synonyms.flatMap(
      (pair, index): Texts => [
        [`synonyms.${index}.0`, pair[0], false],
        [`synonyms.${index}.1`, pair[1], false],
      ],
    ),
    ...sources.texts,
    ...(content.service ? bilingualTexts('service.title', content.service.title) : []),
  ];
  return [
    ...(isValidSlug(content.slug) ? [] : [{ field: 'slug', key: 'staff.knowledge.slug' }]),
    ...sources.refusals,
    ...(content.service && !isHttpsUrl(content.service.url)
      ? [{ field: 'service.url', key: 'staff.knowledge.url' }]
      : []),
    ...characterRefusals(texts).filter((refusal) => refusal.field !== 'slug'),
    ...sizeRefusals(content, texts),
  ];
}

/** The fields of a term's content at fault (and of its id, for a new one); empty when it may be stored. */
export function termRefusals(content: TermContent, id?: string): FieldRefusal[] {
  const sources = sourceRefusals(content.sources);
  const texts: Texts = [
    ...bilingualTexts('term', content.term),
    ...bilingualTexts('explanation', content.explanation, true),
    ...sources.texts,
  ];
  return [
    ...(id === undefined || isValidSlug(id) ? [] : [{ field: 'id', key: 'staff.knowledge.slug' }]),
    ...sources.refusals,
    ...characterRefusals(texts),
    ...sizeRefusals(content, texts),
  ];
}
