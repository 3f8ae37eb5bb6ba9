/**
 * The knowledge base's store (§15, §20.2): articles and glossary terms, each with its version
 * history, edited by staff with the `editor` role, and the published set the assistant, the help
 * pages and the reply editor read.
 *
 * An edit never changes what the public sees: it adds a version. Publishing makes a version the
 * public one; unpublishing takes the entry off the public set (the versions stay); archiving ends
 * it for good (it can still be read, not published). Every change moves the published set's
 * `generation` on when it changes what the public sees, so readers that cache it know when to
 * reload.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { CompetenceId } from '../domain/competences.ts';

/** A text in both languages of the service, Latvian first. */
export interface BilingualText {
  readonly lv: string;
  readonly en: string;
}

export interface BilingualList {
  readonly lv: readonly string[];
  readonly en: readonly string[];
}

/** A legal act or official page the entry rests on. */
export interface KnowledgeSource {
  readonly title: string;
  readonly url: string;
}

/** The online service that does what the article explains (§10). */
export interface KnowledgeService {
  readonly title: BilingualText;
  readonly url: string;
}

/**
 * What an article's version holds. Paragraphs are plain text: a paragraph whose every line starts
 * with `- ` is a list, anything else one paragraph; renderers escape everything (no HTML in).
 */
export interface ArticleContent {
  /** The page's address part, unique among articles: lowercase letters, digits, hyphens. */
  readonly slug: string;
  readonly topic: CompetenceId;
  readonly title: BilingualText;
  /** One sentence: what the article answers. */
  readonly summary: BilingualText;
  readonly paragraphs: BilingualList;
  /** Words clients would type, colloquial ones included. */
  readonly keywords: BilingualList;
  /** Pairs of words the search treats as one (a colloquial word and the legal term). */
  readonly synonyms: readonly (readonly [string, string])[];
  readonly sources: readonly KnowledgeSource[];
  readonly service?: KnowledgeService | undefined;
  /** Sample content shipped with courtdesk, for the administration to review and replace. */
  readonly sample: boolean;
}

export interface TermContent {
  readonly term: BilingualText;
  /** The term in plain words (§15). */
  readonly explanation: BilingualText;
  readonly sources: readonly KnowledgeSource[];
  readonly sample: boolean;
}

export type EntryStatus = 'draft' | 'published' | 'archived';

/** What a version records: the change that made it. */
export type VersionAction = 'created' | 'edited' | 'published' | 'unpublished' | 'archived';

export interface EntryVersion<Content> {
  /** 1, 2, 3…: every change adds one, publishing and unpublishing included. */
  readonly version: number;
  readonly action: VersionAction;
  readonly content: Content;
  /** The staff member's username (`seed` for the shipped content). */
  readonly author: string;
  /** ISO 8601. */
  readonly at: string;
}

/** A version in an entry's history: who changed what when, without the content (one read each). */
export type VersionSummary = Omit<EntryVersion<unknown>, 'content'>;

/** An entry as editors see it: its latest content and where it stands. */
export interface EntryRecord<Content> {
  /** Fixed for the entry's life (the assistant's and the question log's `articleId`). */
  readonly id: string;
  readonly status: EntryStatus;
  /** The latest version's number: an edit names it (`expectedVersion`) so two editors cannot overwrite each other. */
  readonly version: number;
  readonly content: Content;
  /** The version the public sees, while published. */
  readonly publishedVersion?: number | undefined;
  /** Published, and edited since. */
  readonly unpublishedChanges: boolean;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export type ArticleRecord = EntryRecord<ArticleContent>;
export type TermRecord = EntryRecord<TermContent>;

/** A published entry as the public sees it. */
export type Published<Content> = Content & {
  readonly id: string;
  readonly version: number;
  readonly publishedAt: string;
};

export type PublishedArticle = Published<ArticleContent>;
export type PublishedTerm = Published<TermContent>;

/** Everything the public sees, as one read: the assistant's index and the help pages are built from it. */
export interface PublishedKnowledge {
  /** Moves on with every change to the published set; 0 before anything is published. */
  readonly generation: number;
  readonly articles: readonly PublishedArticle[];
  readonly terms: readonly PublishedTerm[];
}

/** Why a change was refused; the use cases turn it into a 400 or 409 for the editor. */
export type KnowledgeRefusal =
  | 'not-found'
  | 'version-conflict'
  | 'slug-taken'
  | 'archived'
  | 'not-published'
  | 'already-published';

/**
 * The store met other changes on every attempt (publishes of other entries share the generation):
 * nothing was written; the change may simply be tried again shortly.
 */
export class KnowledgeStoreBusy extends Error {
  constructor(attempts: number) {
    super(`The knowledge base met concurrent changes on ${attempts} attempts`);
    this.name = 'KnowledgeStoreBusy';
  }
}

/** The reader's side: the assistant, the help pages, the reply editor, the acknowledgement. */
export interface PublishedKnowledgeReader {
  /** The published set's generation alone: one small read, to know whether a cached set is current. */
  publishedGeneration(): Promise<number>;
  /**
   * The public set with the generation read before it: a change while it is read makes the set
   * newer than its generation (read again next time), never older (kept as current).
   */
  published(): Promise<PublishedKnowledge>;
}

/** Who makes a change, when, and its audit record (written with the change, in one transaction). */
export interface KnowledgeChangeContext {
  /** The staff member's username (`seed` for the shipped content). */
  readonly author: string;
  /** ISO 8601. */
  readonly at: string;
  /** Absent only for the seed, which is no staff member's change. */
  readonly audit?: AuditRecord | undefined;
}

/** A change's outcome: the entry as it now stands, or why it was refused (nothing written). */
export type KnowledgeOutcome<Content> = EntryRecord<Content> | KnowledgeRefusal;

/** Whether an outcome is a refusal. */
export const isKnowledgeRefusal = <Content>(
  outcome: KnowledgeOutcome<Content>,
): outcome is KnowledgeRefusal => typeof outcome === 'string';

/**
 * One kind of entry (articles, or glossary terms) as editors change it. Every change but `create`
 * names the version it was made on (`expectedVersion`): another editor's change in between refuses
 * it (`version-conflict`) rather than overwriting it.
 */
export interface KnowledgeEntries<Content> {
  /** A new draft, version 1; `slug-taken` (articles) when another article has its slug. */
  create(id: string, content: Content, change: KnowledgeChangeContext): Promise<KnowledgeOutcome<Content>>;
  /** A new version of the content; what the public sees stays until it is published. */
  edit(
    id: string,
    expectedVersion: number,
    content: Content,
    change: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>>;
  /** Makes the latest content the public one (`already-published` when it is already). */
  publish(
    id: string,
    expectedVersion: number,
    change: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>>;
  /** Takes the entry off the public set; it stays a draft (`not-published` when it was not public). */
  unpublish(
    id: string,
    expectedVersion: number,
    change: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>>;
  /** Ends the entry for good (off the public set too); it can still be read. */
  archive(
    id: string,
    expectedVersion: number,
    change: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>>;
  /** Every entry of the kind, archived ones included, by id. */
  list(): Promise<EntryRecord<Content>[]>;
  get(id: string): Promise<EntryRecord<Content> | undefined>;
  /**
   * The entry's versions, oldest first, without their contents (a long history of large articles
   * would not fit one answer); empty for an unknown id.
   */
  versions(id: string): Promise<VersionSummary[]>;
  /** One version with its content; undefined for an unknown id or version. */
  version(id: string, version: number): Promise<EntryVersion<Content> | undefined>;
  /**
   * Creates and publishes entries at once, as `create` then `publish` would (versions `created`
   * and `published`), in a few writes rather than two per entry: the shipped content on a new
   * knowledge base. An entry whose id or slug is taken is left out; answers how many it published.
   */
  createPublished(
    entries: readonly { readonly id: string; readonly content: Content }[],
    change: KnowledgeChangeContext,
  ): Promise<number>;
}

/** The editors' side: articles, glossary terms, and the published set's generation (for the seed). */
export interface KnowledgeEditor extends Pick<PublishedKnowledgeReader, 'publishedGeneration'> {
  readonly articles: KnowledgeEntries<ArticleContent>;
  readonly terms: KnowledgeEntries<TermContent>;
  /** Whether the shipped content was seeded to the end (its marker, written last). */
  seedDone(): Promise<boolean>;
  /** Marks the seed as run to the end: it is not tried again. */
  markSeedDone(at: string): Promise<void>;
}
