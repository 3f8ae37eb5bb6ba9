/**
 * What the help pages read of the knowledge base: the published articles and glossary terms. The
 * store's `PublishedKnowledge` has this shape (and more); the seed content nearly so.
 */
import type { CompetenceId } from '../../domain/competences.ts';

export interface HelpText {
  readonly lv: string;
  readonly en: string;
}

export interface HelpSource {
  readonly title: string;
  readonly url: string;
}

export interface HelpArticle {
  readonly id: string;
  /** The page's address part (`shared/knowledge/urls.ts`); an article with an invalid one gets no page. */
  readonly slug: string;
  readonly topic: CompetenceId;
  readonly title: HelpText;
  readonly summary: HelpText;
  /** Plain text; a paragraph whose every line starts with `- ` is a list. */
  readonly paragraphs: { readonly lv: readonly string[]; readonly en: readonly string[] };
  readonly sources: readonly HelpSource[];
  readonly service?: { readonly title: HelpText; readonly url: string } | undefined;
  readonly sample: boolean;
}

export interface HelpTerm {
  readonly id: string;
  readonly term: HelpText;
  readonly explanation: HelpText;
  readonly sources?: readonly HelpSource[] | undefined;
  readonly sample: boolean;
}

export interface HelpContent {
  readonly articles: readonly HelpArticle[];
  readonly terms: readonly HelpTerm[];
}
