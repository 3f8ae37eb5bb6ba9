/**
 * The published knowledge as the assistant and the staff search read it: the search index built
 * from the published articles, kept for the life of a warm Lambda and rebuilt when the published
 * set's generation moves. The generation is asked for at most every `checkEverySeconds` (one small
 * read), so a publication reaches every warm function within that time.
 */

import type { SearchIndex } from '../knowledge/search/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { PublishedArticle, PublishedKnowledgeReader, PublishedTerm } from '../ports/knowledge-base.ts';

export interface PublishedIndex {
  readonly generation: number;
  readonly index: SearchIndex;
  readonly articles: ReadonlyMap<string, PublishedArticle>;
  readonly terms: readonly PublishedTerm[];
}

export class PublishedIndexCache {
  readonly #reader: PublishedKnowledgeReader;
  readonly #clock: Clock;
  readonly #checkEveryMs: number;
  #current: PublishedIndex | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  /** The check under way: parallel requests of one warm function wait for the same one. */
  #pending: Promise<PublishedIndex> | undefined;

  constructor(reader: PublishedKnowledgeReader, clock: Clock, checkEverySeconds = 30) {
    this.#reader = reader;
    this.#clock = clock;
    this.#checkEveryMs = checkEverySeconds * 1000;
  }

  /** The index of the published set, at most `checkEverySeconds` behind it. */
  current(): Promise<PublishedIndex> {
    const now = this.#clock.now().getTime();
    if (this.#current && now - this.#checkedAt < this.#checkEveryMs) return Promise.resolve(this.#current);
    this.#pending ??= this.#refresh(now).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #refresh(now: number): Promise<PublishedIndex> {
    const cached = this.#current;
    try {
      if (cached && (await this.#reader.publishedGeneration()) === cached.generation) {
        this.#checkedAt = now;
        return cached;
      }
      const published = await this.#reader.published();
      // The search is loaded with the first index built: staff-api builds one only for the reply
      // editor's search, so its cold start does without it (the assistant loads it at once).
      const [{ buildSearchIndex }, { searchDocumentsOf }] = await Promise.all([
        import('../knowledge/search/index.ts'),
        import('../knowledge/search-documents.ts'),
      ]);
      this.#current = {
        generation: published.generation,
        index: buildSearchIndex(searchDocumentsOf(published.articles)),
        articles: new Map(published.articles.map((article) => [article.id, article])),
        terms: published.terms,
      };
      this.#checkedAt = now;
      return this.#current;
    } catch (error) {
      // A failed check keeps answering from what was published a moment ago; with nothing yet, fail.
      if (cached) return cached;
      throw error;
    }
  }
}
