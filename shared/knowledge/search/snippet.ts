/**
 * The paragraph of an article that answers a question best, and the part of it to show: the
 * assistant quotes the article's own words, never a summary it made up.
 */
import { analyse, type SearchLanguage, stems } from './analyse.ts';
import { typoBuckets } from './edit-distance.ts';
import { expandQuery, type QueryTerm } from './expand-query.ts';
import type { SearchDocument } from './search-index.ts';

/** About this many characters of a paragraph are shown, cut at word boundaries. */
export const snippetLength = 200;
/** How much of the text before the first matching word the snippet keeps, for context. */
const leadIn = 60;

export interface ParagraphAnswer {
  /** Index in the document's paragraphs. */
  readonly paragraphIndex: number;
  readonly paragraph: string;
  /** The paragraph, or about `snippetLength` characters of it around the first matching word. */
  readonly snippet: string;
}

function isHighSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The text cut to about `snippetLength` characters, starting a little before `matchStart`. */
export function trimAround(text: string, matchStart: number): string {
  if (text.length <= snippetLength) return text;
  let start = Math.max(0, Math.min(matchStart - leadIn, text.length - snippetLength));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= matchStart ? start : space + 1;
  }
  let end = Math.min(text.length, start + snippetLength);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  // Without a space to cut at, a cut may fall inside a surrogate pair (a letter outside the
  // Basic Multilingual Plane, an emoji): keep the pair whole rather than show half of it.
  if (start > 0 && isLowSurrogate(text, start) && isHighSurrogate(text, start - 1)) start--;
  if (end < text.length && isLowSurrogate(text, end) && isHighSurrogate(text, end - 1)) end++;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/**
 * The paragraph whose words match most of the question's terms (weighted as the search weighs
 * them), the first one on a tie; the first paragraph when none matches (the article matched on its
 * title or keywords). Undefined for an article without paragraphs.
 */
export function pickParagraph(
  paragraphs: readonly string[],
  language: SearchLanguage,
  queryTerms: readonly QueryTerm[],
): ParagraphAnswer | undefined {
  let best: { index: number; score: number; matchStart: number } | undefined;
  paragraphs.forEach((paragraph, index) => {
    const terms = analyse(paragraph, language);
    let score = 0;
    let matchStart = -1;
    for (const queryTerm of queryTerms) {
      let weight = 0;
      for (const term of terms) {
        const termWeight = queryTerm.expansions.get(term.stem) ?? 0;
        if (termWeight > weight) weight = termWeight;
        if (termWeight > 0 && (matchStart === -1 || term.start < matchStart)) matchStart = term.start;
      }
      score += weight;
    }
    if (best === undefined || score > best.score) best = { index, score, matchStart };
  });
  if (best === undefined) return undefined;
  const paragraph = paragraphs[best.index]!;
  return {
    paragraphIndex: best.index,
    paragraph,
    snippet: trimAround(paragraph, Math.max(0, best.matchStart)),
  };
}

/**
 * The paragraph of one article that answers the question best, for the question box: the same
 * matching as the search (stems, typos, synonyms, the word being typed), within this article.
 *
 * @example bestParagraph(article, 'kur samaksāt nodevu')?.snippet
 */
export function bestParagraph(document: SearchDocument, query: string): ParagraphAnswer | undefined {
  const vocabulary = [
    ...new Set(
      stems([document.title, document.summary, ...document.paragraphs].join('\n'), document.language),
    ),
  ].sort();
  const indexed = new Set(vocabulary);
  const synonyms = document.synonyms.flatMap(([first, second]) => {
    const a = stems(first, document.language);
    const b = stems(second, document.language);
    return a.length === 0 || b.length === 0
      ? []
      : [
          { from: a, to: b },
          { from: b, to: a },
        ];
  });
  const queryTerms = expandQuery(query, {
    language: document.language,
    vocabulary,
    typoBuckets: typoBuckets(vocabulary),
    isIndexed: (stem) => indexed.has(stem),
    synonyms,
    prefix: true,
  });
  return pickParagraph(document.paragraphs, document.language, queryTerms);
}
