/**
 * Text to search terms, the same way for articles and for questions: words are found in the text
 * as written (so a snippet can point at them), folded, stopwords dropped, stemmed by language.
 */
import { fold } from '../../domain/latvian-text.ts';
import { englishStopwords, stemEnglish } from './english-stemmer.ts';
import { latvianStopwords, stemLatvian } from './latvian-stemmer.ts';

export type SearchLanguage = 'lv' | 'en';

/** One word of a text as a search term. */
export interface Term {
  /** The folded stem, the unit of matching. */
  readonly stem: string;
  /** The folded word before stemming, for prefix matching of a word still being typed. */
  readonly folded: string;
  /** Where the word is in the text (UTF-16 offsets), for snippets. */
  readonly start: number;
  readonly end: number;
}

// Letters, digits and combining marks: a word written in decomposed form stays one word.
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

const stemmers: Record<SearchLanguage, (word: string) => string> = { lv: stemLatvian, en: stemEnglish };
const stopwords: Record<SearchLanguage, ReadonlySet<string>> = { lv: latvianStopwords, en: englishStopwords };

/**
 * The terms of a text in the given language, in order, without stopwords. A single letter or digit
 * is no term either: it matches too much to rank anything.
 *
 * @example analyse('Kā samaksāt valsts nodevu?', 'lv').map((term) => term.stem) // ['maks', 'valst', 'nodev']
 */
export function analyse(text: string, language: SearchLanguage): Term[] {
  const terms: Term[] = [];
  for (const match of text.matchAll(wordPattern)) {
    // Folding can split a word further (ligatures, full-width forms); each part is a term.
    for (const folded of fold(match[0]).split(' ')) {
      if (folded.length < 2 || stopwords[language].has(folded)) continue;
      terms.push({
        stem: stemmers[language](folded),
        folded,
        start: match.index,
        end: match.index + match[0].length,
      });
    }
  }
  return terms;
}

/** The stems of a text, for indexing. */
export function stems(text: string, language: SearchLanguage): string[] {
  return analyse(text, language).map((term) => term.stem);
}
