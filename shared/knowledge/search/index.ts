/** The knowledge base's search: Latvian- and English-aware, pure, with a serialisable index. */
export { analyse, type SearchLanguage, type Term } from './analyse.ts';
export { englishStopwords, stemEnglish } from './english-stemmer.ts';
export { latvianStopwords, stemLatvian } from './latvian-stemmer.ts';
export { type SearchOptions, type SearchResult, search } from './search.ts';
export {
  buildSearchIndex,
  type SearchDocument,
  type SearchIndex,
  type SearchIndexJson,
  searchIndexFromJson,
  searchIndexToJson,
} from './search-index.ts';
export { bestParagraph, type ParagraphAnswer } from './snippet.ts';
