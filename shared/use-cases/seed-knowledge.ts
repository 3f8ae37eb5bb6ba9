/**
 * The knowledge base's sample content (`shared/knowledge/content/`), created and published once, on
 * a new knowledge base. A marker written after the last entry says the seed is done; until then
 * every run seeds again, leaving out the entries already there (an id taken is never overwritten),
 * so a first run cut short (a timeout, a throttled batch) is completed by the next one. Once done,
 * the seed never comes back, whatever editors unpublish or archive.
 */
import type { SeedArticle, SeedGlossaryTerm } from '../knowledge/content/index.ts';
import { seedArticles, seedGlossary } from '../knowledge/content/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { ArticleContent, KnowledgeEditor, TermContent } from '../ports/knowledge-base.ts';

/** The author of the shipped content's versions. */
export const seedAuthor = 'seed';

/** Seeds the knowledge base until the seed is done; answers how many entries this run published. */
export async function seedKnowledgeBase(editor: KnowledgeEditor, clock: Clock): Promise<number> {
  if (await editor.seedDone()) return 0;
  const change = { author: seedAuthor, at: clock.now().toISOString() };
  const articles = await editor.articles.createPublished(
    seedArticles.map((article) => ({ id: article.id, content: articleContentOf(article) })),
    change,
  );
  const terms = await editor.terms.createPublished(
    seedGlossary.map((term) => ({ id: term.id, content: termContentOf(term) })),
    change,
  );
  await editor.markSeedDone(change.at);
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
