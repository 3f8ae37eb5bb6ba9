/**
 * publishHelpPages: renders when the published generation moved, writes what changed, takes down
 * what is no longer published, and records the generation last.
 */
import { describe, expect, it } from 'vitest';
import { MemoryHelpSite } from '../../../shared/adapters/memory/help-site.ts';
import { seedArticles, seedGlossary } from '../../../shared/knowledge/content/index.ts';
import { articlePath } from '../../../shared/knowledge/urls.ts';
import type { PublishedKnowledge, PublishedKnowledgeReader } from '../../../shared/ports/knowledge-base.ts';
import { publishHelpPages } from '../../../shared/use-cases/publish-help-pages.ts';

/** A published set the test changes, counting the full reads. */
class FakeKnowledge implements PublishedKnowledgeReader {
  fullReads = 0;
  constructor(public knowledge: PublishedKnowledge) {}
  async publishedGeneration(): Promise<number> {
    return this.knowledge.generation;
  }
  async published(): Promise<PublishedKnowledge> {
    this.fullReads += 1;
    return this.knowledge;
  }
}

const at = '2025-03-03T10:00:00.000Z';
const published: PublishedKnowledge = {
  generation: 1,
  articles: seedArticles.map((article) => ({ ...article, slug: article.id, version: 1, publishedAt: at })),
  terms: seedGlossary.map((term) => ({ ...term, sources: term.sources ?? [], version: 1, publishedAt: at })),
};

describe('publishHelpPages', () => {
  it('renders every page the first time and records the generation', async () => {
    // Prepare
    const site = new MemoryHelpSite();
    const knowledge = new FakeKnowledge(published);

    // Act
    const outcome = await publishHelpPages({ knowledge, site });

    // Assess
    expect(outcome).toMatchObject({ kind: 'rendered', generation: 1, deleted: 0 });
    expect(site.pages.size).toBe(outcome.kind === 'rendered' ? outcome.pages : -1);
    expect(site.pages.has(articlePath(seedArticles[0]!.id, 'lv'))).toBe(true);
    expect(site.generation).toBe(1);
  });

  it('does nothing, and reads only the generation, while it has not moved', async () => {
    // Prepare
    const site = new MemoryHelpSite();
    const knowledge = new FakeKnowledge(published);
    await publishHelpPages({ knowledge, site });

    // Act
    const outcome = await publishHelpPages({ knowledge, site });

    // Assess
    expect(outcome).toEqual({ kind: 'current', generation: 1 });
    expect(knowledge.fullReads).toBe(1);
  });

  it('an unpublished article: its pages are taken down, only the changed pages written', async () => {
    // Prepare
    const site = new MemoryHelpSite();
    const knowledge = new FakeKnowledge(published);
    await publishHelpPages({ knowledge, site });
    const [gone, ...rest] = published.articles;
    knowledge.knowledge = { ...published, generation: 2, articles: rest };

    // Act
    const outcome = await publishHelpPages({ knowledge, site });

    // Assess
    expect(outcome).toMatchObject({ kind: 'rendered', generation: 2, deleted: 2 });
    expect(site.pages.has(articlePath(gone!.slug, 'lv'))).toBe(false);
    expect(site.pages.has(articlePath(gone!.slug, 'en'))).toBe(false);
    // The two home pages and the article's topic pages list it; nothing else changed.
    expect(outcome.kind === 'rendered' && outcome.written).toBe(4);
    expect(site.generation).toBe(2);
  });

  it('a run that fails before the end leaves the generation unrecorded, so the next run renders again', async () => {
    // Prepare
    const site = new MemoryHelpSite();
    site.deletePages = async () => {
      throw new Error('S3 is down');
    };
    site.pages.set('/palidziba/old-article/', '<p>old</p>');

    // Act
    const failed = publishHelpPages({ knowledge: new FakeKnowledge(published), site });

    // Assess
    await expect(failed).rejects.toThrow('S3 is down');
    expect(site.generation).toBeUndefined();
  });
});
