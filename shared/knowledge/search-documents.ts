/**
 * The knowledge base's articles as the search indexes them: one document per article and language.
 * An article's synonym pairs go to both languages' documents (a Latvian colloquial word is typed in
 * English questions too).
 */
import type { SeedArticle } from './content/seed-types.ts';
import type { SearchDocument } from './search/index.ts';

/** What the search reads of an article: a seed article and a published one both have it. */
export type IndexedArticle = Pick<
  SeedArticle,
  'id' | 'topic' | 'title' | 'summary' | 'paragraphs' | 'keywords' | 'synonyms'
>;

const languages = ['lv', 'en'] as const;

export function searchDocumentsOf(articles: readonly IndexedArticle[]): SearchDocument[] {
  return articles.flatMap((article) =>
    languages.map(
      (language): SearchDocument => ({
        id: article.id,
        language,
        topic: article.topic,
        title: article.title[language],
        summary: article.summary[language],
        paragraphs: article.paragraphs[language],
        keywords: article.keywords[language],
        synonyms: article.synonyms,
      }),
    ),
  );
}
