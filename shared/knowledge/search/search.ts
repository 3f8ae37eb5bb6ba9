/**
 * Ranked search over the knowledge base: BM25 per field with the field boosts (a title or keyword
 * match outranks a body match), each question term matched through its expansions (stem, synonym,
 * completion, typo), scaled by how much of the question the article covers. A document whose
 * match covers too little of the question is no answer: nonsense and off-topic questions get an
 * empty list, so the assistant can say plainly that it has none.
 */
import type { SearchLanguage } from './analyse.ts';
import { expandQuery, type QueryTerm } from './expand-query.ts';
import { fieldBoosts, fields, type LanguageIndex, type SearchIndex } from './search-index.ts';
import { pickParagraph } from './snippet.ts';

export interface SearchOptions {
  readonly language: SearchLanguage;
  /** At most this many results (default 5). */
  readonly limit?: number;
  /** Whether the last word may be unfinished, as while typing (default true). */
  readonly prefix?: boolean;
  /**
   * Whether to search the other language when the asked one has no answer or only a weak one
   * (covering less than half the question); the other wins if it covers more (default true).
   */
  readonly fallback?: boolean;
  /**
   * The least share of the question (its terms weighted by rarity and by how well they matched)
   * a document must cover to be an answer, 0..1 (default 0.35).
   */
  readonly minQuality?: number;
  /** Results scoring below this share of the best one are dropped (default 0.2). */
  readonly relativeThreshold?: number;
}

export interface SearchResult {
  readonly id: string;
  /** The language of the article found: the asked one, or the other after a fallback. */
  readonly language: SearchLanguage;
  readonly topic: string;
  readonly title: string;
  readonly score: number;
  /** About 200 characters of the most relevant paragraph, around its first matching word. */
  readonly snippet: string;
  readonly paragraphIndex: number;
}

// The usual BM25 constants: term frequency saturates quickly, field length normalises half-way.
const k1 = 1.2;
const b = 0.75;
/** A question word the index does not know weighs as a rare word at half weight. */
const unknownWordShare = 0.5;

const defaults = { limit: 5, prefix: true, fallback: true, minQuality: 0.35, relativeThreshold: 0.2 };
/**
 * An answer covering less of the question than this is weak: the other language is searched too
 * and wins if it covers more (a Latvian question asked with the English interface).
 */
const weakQuality = 0.5;
/** At most this many results, whatever `limit` asks. */
export const maximumLimit = 20;
/**
 * Only the first this many characters of a question are read (the API refuses longer ones
 * anyway): a pasted page costs no more than a long question.
 */
export const maximumQueryLength = 500;

interface Settings {
  readonly limit: number;
  readonly prefix: boolean;
  readonly fallback: boolean;
  readonly minQuality: number;
  readonly relativeThreshold: number;
}

function share(value: number | undefined, otherwise: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : otherwise;
}

/** The options with defaults for what is missing or undefined, and numbers brought into range. */
function settingsOf(options: Partial<SearchOptions>): Settings {
  const limit = options.limit;
  return {
    limit:
      typeof limit === 'number' && Number.isFinite(limit)
        ? Math.min(maximumLimit, Math.max(1, Math.trunc(limit)))
        : defaults.limit,
    prefix: typeof options.prefix === 'boolean' ? options.prefix : defaults.prefix,
    fallback: typeof options.fallback === 'boolean' ? options.fallback : defaults.fallback,
    minQuality: share(options.minQuality, defaults.minQuality),
    relativeThreshold: share(options.relativeThreshold, defaults.relativeThreshold),
  };
}

/** The first `maximumQueryLength` characters, not cutting a surrogate pair in two. */
function capped(query: string): string {
  if (query.length <= maximumQueryLength) return query;
  const end = /[\uD800-\uDBFF]/.test(query.charAt(maximumQueryLength - 1))
    ? maximumQueryLength - 1
    : maximumQueryLength;
  return query.slice(0, end);
}

function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

function documentFrequency(postings: readonly number[]): number {
  let count = 0;
  let last = -1;
  for (let index = 0; index < postings.length; index += 3) {
    if (postings[index] !== last) count++;
    last = postings[index]!;
  }
  return count;
}

interface Scored {
  readonly documentNumber: number;
  readonly score: number;
  readonly quality: number;
}

function scoreDocuments(index: LanguageIndex, queryTerms: readonly QueryTerm[]): Scored[] {
  const documentCount = index.documents.length;
  const relevance = new Map<number, number>();
  const matched = new Map<number, number>();
  let questionWeight = 0;
  for (const term of queryTerms) {
    const own = index.postings.get(term.stem);
    const termWeight = own
      ? inverseDocumentFrequency(documentCount, documentFrequency(own))
      : inverseDocumentFrequency(documentCount, 1) * unknownWordShare;
    questionWeight += termWeight;
    const best = new Map<number, { relevance: number; weight: number }>();
    for (const [stem, weight] of term.expansions) {
      const postings = index.postings.get(stem) ?? [];
      const idf = inverseDocumentFrequency(documentCount, documentFrequency(postings));
      const perDocument = new Map<number, number>();
      for (let position = 0; position < postings.length; position += 3) {
        const documentNumber = postings[position]!;
        const field = postings[position + 1]!;
        const frequency = postings[position + 2]!;
        const length = index.fieldLengths[documentNumber]![field]!;
        const average = index.averageFieldLengths[field] || 1;
        const saturated = (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / average));
        const fieldScore = fieldBoosts[fields[field]!] * saturated;
        perDocument.set(documentNumber, (perDocument.get(documentNumber) ?? 0) + fieldScore);
      }
      for (const [documentNumber, fieldSum] of perDocument) {
        const previous = best.get(documentNumber);
        const value = weight * idf * fieldSum;
        if (previous === undefined || value > previous.relevance) {
          best.set(documentNumber, { relevance: value, weight: Math.max(weight, previous?.weight ?? 0) });
        } else if (weight > previous.weight) {
          best.set(documentNumber, { relevance: previous.relevance, weight });
        }
      }
    }
    for (const [documentNumber, match] of best) {
      relevance.set(documentNumber, (relevance.get(documentNumber) ?? 0) + match.relevance);
      matched.set(documentNumber, (matched.get(documentNumber) ?? 0) + match.weight * termWeight);
    }
  }
  return [...relevance].map(([documentNumber, sum]) => {
    const quality = questionWeight === 0 ? 0 : (matched.get(documentNumber) ?? 0) / questionWeight;
    return { documentNumber, score: sum * (0.5 + 0.5 * quality), quality };
  });
}

function searchLanguage(index: SearchIndex, query: string, language: SearchLanguage, settings: Settings) {
  const part = index.languages[language];
  const queryTerms = expandQuery(query, {
    language,
    vocabulary: part.vocabulary,
    typoBuckets: part.typoBuckets,
    isIndexed: (stem) => part.postings.has(stem),
    synonyms: part.synonyms,
    prefix: settings.prefix,
  });
  const scored = scoreDocuments(part, queryTerms)
    .filter((candidate) => candidate.quality >= settings.minQuality)
    .sort((x, y) => y.score - x.score || x.documentNumber - y.documentNumber);
  const top = scored[0]?.score ?? 0;
  const results = scored
    .filter((candidate) => candidate.score >= top * settings.relativeThreshold)
    .slice(0, settings.limit)
    .map((candidate): SearchResult => {
      const document = part.documents[candidate.documentNumber]!;
      const answer = pickParagraph(document.paragraphs, language, queryTerms);
      return {
        id: document.id,
        language,
        topic: document.topic,
        title: document.title,
        score: Math.round(candidate.score * 1000) / 1000,
        snippet: answer?.snippet ?? document.summary,
        paragraphIndex: answer?.paragraphIndex ?? -1,
      };
    });
  return { results, quality: scored[0]?.quality ?? 0 };
}

/**
 * The articles that answer the question, best first, in the asked language or (unless `fallback`
 * is false) in the other when it answers and the asked one does not, or only weakly; an empty list
 * when neither answers well enough. Never throws on what a
 * client may send: a language other than 'en' is Latvian, a query that is no string finds nothing,
 * only the first `maximumQueryLength` characters are read, `limit` is brought into 1..20.
 *
 * @example search(index, 'kā samaksāt valsts nodevu', { language: 'lv', limit: 3 })
 */
export function search(index: SearchIndex, query: string, options: SearchOptions): SearchResult[] {
  if (typeof query !== 'string') return [];
  const asked: Partial<SearchOptions> = typeof options === 'object' && options !== null ? options : {};
  const language: SearchLanguage = asked.language === 'en' ? 'en' : 'lv';
  const settings = settingsOf(asked);
  const text = capped(query);
  const own = searchLanguage(index, text, language, settings);
  if (!settings.fallback || own.quality >= weakQuality) return own.results;
  const other = searchLanguage(index, text, language === 'lv' ? 'en' : 'lv', settings);
  return other.quality > own.quality ? other.results : own.results;
}
