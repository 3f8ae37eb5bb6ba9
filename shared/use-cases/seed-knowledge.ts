/**
 * The knowledge base's sample content (`shared/knowledge/content/`), created and published once, on
 * an empty knowledge base: while nothing was ever published (generation 0). Once an editor has
 * published anything, the seed never comes back, whatever was unpublished or archived since.
 */
import type { SeedArticle, SeedGlossaryTerm } from '../knowledge/content/index.ts';
import { seedArticles, seedGlossary } from '../knowledge/content/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { ArticleContent, KnowledgeEditor, TermContent } from '../ports/knowledge-base.ts';

/** The author of the shipped content's versions. */
export const seedAuthor = 'seed';

/** Seeds the knowledge base when nothing was ever published; answers how many entries it published. */
export async function seedKnowledgeBase(editor: KnowledgeEditor, clock: Clock): Promise<number> {
  if ((await editor.publishedGeneration()) !== 0) return 0;
  const change = { author: seedAuthor, at: clock.now().toISOString() };
  const articles = await editor.articles.createPublished(
    seedArticles.map((article) => ({ id: article.id, content: articleContentOf(article) })),
    change,
  );
  const terms = await editor.terms.createPublished(
    seedGlossary.map((term) => ({ id: term.id, content: termContentOf(term) })),
    change,
  );
  return articles + terms;
}

export function articleContentOf(article: SeedArticle): ArticleContent {
  return {
    slug: article.id,
    topic: article.topic,
    title: article.title,
    summary: article.summary,
    paragraphs: article.paragraphs,
    keywords: article.keywords,
    synonyms: article.synonyms,
    sources: article.sources,
    ...(article.service ? { service: article.service } : {}),
    sample: true,
  };
}

export function termContentOf(term: SeedGlossaryTerm): TermContent {
  return { term: term.term, explanation: term.explanation, sources: term.sources ?? [], sample: true };
}
