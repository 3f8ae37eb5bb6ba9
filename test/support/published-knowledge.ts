/** A small fake of the published knowledge (the seed content, published once) for unit tests. */
import { seedArticles, seedGlossary } from '../../shared/knowledge/content/index.ts';
import type {
  PublishedArticle,
  PublishedKnowledge,
  PublishedKnowledgeReader,
  PublishedTerm,
} from '../../shared/ports/knowledge-base.ts';

const publishedAt = '2026-12-01T08:00:00.000Z';

export const publishedSeedArticles: readonly PublishedArticle[] = seedArticles.map((article) => ({
  ...article,
  slug: article.id,
  sources: article.sources,
  version: 1,
  publishedAt,
}));

export const publishedSeedTerms: readonly PublishedTerm[] = seedGlossary.map((term) => ({
  ...term,
  sources: term.sources ?? [],
  version: 1,
  publishedAt,
}));

/** The seed content as published, with counts of the reader's calls; `publish` moves the generation. */
export class FakePublishedKnowledge implements PublishedKnowledgeReader {
  knowledge: PublishedKnowledge = {
    generation: 1,
    articles: publishedSeedArticles,
    terms: publishedSeedTerms,
  };
  generationReads = 0;
  setReads = 0;

  async publishedGeneration(): Promise<number> {
    this.generationReads += 1;
    return this.knowledge.generation;
  }

  async published(): Promise<PublishedKnowledge> {
    this.setReads += 1;
    return this.knowledge;
  }

  /** Replaces the published articles, as a publication would. */
  publish(articles: readonly PublishedArticle[]): void {
    this.knowledge = { ...this.knowledge, generation: this.knowledge.generation + 1, articles };
  }
}
