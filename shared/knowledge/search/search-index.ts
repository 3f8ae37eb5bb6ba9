/**
 * The knowledge base's search index: an inverted index of folded stems per language, with the
 * counts BM25 needs per field, and the articles' synonyms as stem rules for the query. It is plain
 * data: `searchIndexToJson` gives what a build step ships, `searchIndexFromJson` restores it.
 */
import { type SearchLanguage, stems } from './analyse.ts';
import { checkSearchIndexJson } from './check-index-json.ts';
import { typoBuckets } from './edit-distance.ts';

/** An article in one language as the search sees it. */
export interface SearchDocument {
  readonly id: string;
  readonly language: SearchLanguage;
  readonly topic: string;
  readonly title: string;
  readonly summary: string;
  readonly paragraphs: readonly string[];
  readonly keywords: readonly string[];
  /** Words that mean the same to a client: [colloquial or other, the article's word] or any order. */
  readonly synonyms: readonly (readonly [string, string])[];
}

/** The fields of a document, in the order of `fieldBoosts`. */
export const fields = ['title', 'keywords', 'synonyms', 'summary', 'body'] as const;
export type Field = (typeof fields)[number];

/** A word in the title or the keywords says more about what the article is for than one in its body. */
export const fieldBoosts: Readonly<Record<Field, number>> = {
  title: 3,
  keywords: 2.5,
  synonyms: 1.5,
  summary: 1.5,
  body: 1,
};

/** Both ways: a query with the stems of `from` also looks for the stems of `to`. */
export interface SynonymRule {
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** The index of the documents in one language. */
export interface LanguageIndex {
  readonly documents: readonly SearchDocument[];
  /** Per document, the number of terms in each field. */
  readonly fieldLengths: readonly (readonly number[])[];
  readonly averageFieldLengths: readonly number[];
  /** Per stem, flat triples: document number, field number, term frequency. */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Every stem, sorted, for completing a word being typed. */
  readonly vocabulary: readonly string[];
  /** Every stem by first letter and length, for typo look-ups. */
  readonly typoBuckets: ReadonlyMap<string, readonly string[]>;
  readonly synonyms: readonly SynonymRule[];
}

export interface SearchIndex {
  readonly languages: Readonly<Record<SearchLanguage, LanguageIndex>>;
}

/** The index as JSON-safe data. */
export interface SearchIndexJson {
  readonly version: 1;
  readonly languages: Record<
    SearchLanguage,
    {
      readonly documents: readonly SearchDocument[];
      readonly fieldLengths: readonly (readonly number[])[];
      readonly postings: readonly (readonly [string, readonly number[]])[];
      readonly synonyms: readonly SynonymRule[];
    }
  >;
}

function fieldTexts(document: SearchDocument): Record<Field, string> {
  return {
    title: document.title,
    keywords: document.keywords.join('\n'),
    synonyms: document.synonyms.flat().join('\n'),
    summary: document.summary,
    body: document.paragraphs.join('\n'),
  };
}

function synonymRules(documents: readonly SearchDocument[], language: SearchLanguage): SynonymRule[] {
  const rules = new Map<string, SynonymRule>();
  for (const document of documents) {
    for (const [first, second] of document.synonyms) {
      const a = stems(first, language);
      const b = stems(second, language);
      if (a.length === 0 || b.length === 0 || a.join(' ') === b.join(' ')) continue;
      rules.set(`${a.join(' ')}>${b.join(' ')}`, { from: a, to: b });
      rules.set(`${b.join(' ')}>${a.join(' ')}`, { from: b, to: a });
    }
  }
  return [...rules.values()];
}

function averages(fieldLengths: readonly (readonly number[])[]): number[] {
  return fields.map((_, field) => {
    const total = fieldLengths.reduce((sum, lengths) => sum + (lengths[field] ?? 0), 0);
    return fieldLengths.length === 0 ? 0 : total / fieldLengths.length;
  });
}

function languageIndex(
  documents: readonly SearchDocument[],
  fieldLengths: readonly (readonly number[])[],
  postings: ReadonlyMap<string, readonly number[]>,
  synonyms: readonly SynonymRule[],
): LanguageIndex {
  const vocabulary = [...postings.keys()].sort();
  return {
    documents,
    fieldLengths,
    averageFieldLengths: averages(fieldLengths),
    postings,
    vocabulary,
    typoBuckets: typoBuckets(vocabulary),
    synonyms,
  };
}

function indexLanguage(documents: readonly SearchDocument[], language: SearchLanguage): LanguageIndex {
  const postings = new Map<string, number[]>();
  const fieldLengths: number[][] = [];
  documents.forEach((document, documentNumber) => {
    const texts = fieldTexts(document);
    fieldLengths.push(
      fields.map((field, fieldNumber) => {
        const fieldStems = stems(texts[field], language);
        const counts = new Map<string, number>();
        for (const stem of fieldStems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
        for (const [stem, count] of counts) {
          const list = postings.get(stem) ?? [];
          list.push(documentNumber, fieldNumber, count);
          postings.set(stem, list);
        }
        return fieldStems.length;
      }),
    );
  });
  return languageIndex(documents, fieldLengths, postings, synonymRules(documents, language));
}

/**
 * The index of the documents, each language on its own: a Latvian word never matches an English
 * article unless the search falls back to English.
 *
 * @throws Error when two documents of one language share an id.
 */
export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const byLanguage = (language: SearchLanguage) => {
    const selected = documents.filter((document) => document.language === language);
    const ids = new Set(selected.map((document) => document.id));
    if (ids.size !== selected.length)
      throw new Error(`Duplicate ${language} document id in the search index`);
    return indexLanguage(selected, language);
  };
  return { languages: { lv: byLanguage('lv'), en: byLanguage('en') } };
}

/** The index as JSON-safe data, to ship with a build. */
export function searchIndexToJson(index: SearchIndex): SearchIndexJson {
  const language = (part: LanguageIndex) => ({
    documents: part.documents,
    fieldLengths: part.fieldLengths,
    postings: [...part.postings.entries()],
    synonyms: part.synonyms,
  });
  return { version: 1, languages: { lv: language(index.languages.lv), en: language(index.languages.en) } };
}

/**
 * The index from `searchIndexToJson`'s data (parsed JSON), checked first.
 *
 * @throws Error when the data is of another version or not such an index (tampered, truncated).
 */
export function searchIndexFromJson(json: SearchIndexJson): SearchIndex {
  checkSearchIndexJson(json, fields.length);
  const language = (part: SearchIndexJson['languages'][SearchLanguage]) =>
    languageIndex(part.documents, part.fieldLengths, new Map(part.postings), part.synonyms);
  return { languages: { lv: language(json.languages.lv), en: language(json.languages.en) } };
}
