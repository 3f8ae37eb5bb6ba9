/**
 * Keeps the public help pages in step with the published knowledge base: when the published
 * generation is not the one the pages were rendered from, renders every page again, writes them,
 * takes down the pages of what is no longer published, and only then records the generation, so
 * a run that fails half-way is simply done again by the next one.
 */
import { renderHelpSite } from '../knowledge/pages/index.ts';
import type { HelpSite } from '../ports/help-site.ts';
import type { PublishedKnowledgeReader } from '../ports/knowledge-base.ts';

export interface PublishHelpPagesDeps {
  readonly knowledge: PublishedKnowledgeReader;
  readonly site: HelpSite;
}

export type HelpPagesOutcome =
  | { readonly kind: 'current'; readonly generation: number }
  | {
      readonly kind: 'rendered';
      readonly generation: number;
      readonly pages: number;
      readonly written: number;
      readonly deleted: number;
    };

export async function publishHelpPages(deps: PublishHelpPagesDeps): Promise<HelpPagesOutcome> {
  const [published, rendered] = await Promise.all([
    deps.knowledge.publishedGeneration(),
    deps.site.renderedGeneration(),
  ]);
  if (rendered === published) return { kind: 'current', generation: published };

  const knowledge = await deps.knowledge.published();
  const pages = renderHelpSite(knowledge);
  const written = await deps.site.writePages(pages);
  const stale = (await deps.site.pagePaths()).filter((path) => !pages.has(path));
  if (stale.length > 0) await deps.site.deletePages(stale);
  await deps.site.recordGeneration(knowledge.generation);
  return {
    kind: 'rendered',
    generation: knowledge.generation,
    pages: pages.size,
    written,
    deleted: stale.length,
  };
}
