/**
 * The shapes of the knowledge base's seed content: articles and glossary terms as the repository
 * ships them, before any editing. Plain data (no markup) so that the pages, the assistant and the
 * reply editor can each render it safely in their own way.
 */
import type { CompetenceId } from '../../domain/competences.ts';

/** A text in both languages of the service, Latvian first. */
export interface SeedText {
  readonly lv: string;
  readonly en: string;
}

/** A list of texts in both languages (paragraphs, keywords). */
export interface SeedTextList {
  readonly lv: readonly string[];
  readonly en: readonly string[];
}

/** A legal act or official page an article rests on; the reader can check the answer there. */
export interface SeedSource {
  readonly title: string;
  readonly url: string;
}

/** The online service that does what the article explains (§10: point to the best channel). */
export interface SeedService {
  readonly title: SeedText;
  readonly url: string;
}

export interface SeedArticle {
  /** Also the slug of the article's page. */
  readonly id: string;
  readonly topic: CompetenceId;
  readonly title: SeedText;
  /** One sentence: what the article answers. */
  readonly summary: SeedText;
  /** Three to six short plain-language paragraphs per language, no markup. */
  readonly paragraphs: SeedTextList;
  /** Words clients would type, colloquial ones included. */
  readonly keywords: SeedTextList;
  /** Pairs of words the search treats as one (a colloquial word and the legal term). */
  readonly synonyms: readonly (readonly [string, string])[];
  readonly sources: readonly SeedSource[];
  readonly service?: SeedService;
  /** Sample content: the administration reviews and replaces it before publishing. */
  readonly sample: true;
}

export interface SeedGlossaryTerm {
  readonly id: string;
  readonly term: SeedText;
  /** The term in plain words (§15). */
  readonly explanation: SeedText;
  readonly sources?: readonly SeedSource[];
  readonly sample: true;
}
