/**
 * The knowledge base in memory, for unit tests: the same contract as `DynamoKnowledgeStore` (the
 * contract test runs both), the entries' rules shared with it (`planChange`). The audit records of
 * the changes are kept in `audit`, as the DynamoDB store writes them with the change.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  ArticleContent,
  EntryRecord,
  EntryVersion,
  KnowledgeChangeContext,
  KnowledgeEditor,
  KnowledgeEntries,
  KnowledgeOutcome,
  Published,
  PublishedKnowledge,
  PublishedKnowledgeReader,
  TermContent,
  VersionSummary,
} from '../../ports/knowledge-base.ts';
import {
  byId,
  type EntryChange,
  type EntryHead,
  planChange,
  publishedOf,
  recordOf,
} from '../knowledge-changes.ts';

interface SharedState {
  generation: number;
  readonly audit: AuditRecord[];
  /** Article slugs: slug → article id. */
  readonly slugs: Map<string, string>;
}

class MemoryEntries<Content> implements KnowledgeEntries<Content> {
  readonly heads = new Map<string, EntryHead<Content>>();
  readonly published = new Map<string, Published<Content>>();
  readonly #versions = new Map<string, EntryVersion<Content>[]>();
  readonly #state: SharedState;
  readonly #slugOf: ((content: Content) => string) | undefined;

  constructor(state: SharedState, slugOf?: (content: Content) => string) {
    this.#state = state;
    this.#slugOf = slugOf;
  }

  create(id: string, content: Content, change: KnowledgeChangeContext) {
    return this.#change(id, { action: 'created', content }, change);
  }

  edit(id: string, expectedVersion: number, content: Content, change: KnowledgeChangeContext) {
    return this.#change(id, { action: 'edited', expectedVersion, content }, change);
  }

  publish(id: string, expectedVersion: number, change: KnowledgeChangeContext) {
    return this.#change(id, { action: 'published', expectedVersion }, change);
  }

  unpublish(id: string, expectedVersion: number, change: KnowledgeChangeContext) {
    return this.#change(id, { action: 'unpublished', expectedVersion }, change);
  }

  archive(id: string, expectedVersion: number, change: KnowledgeChangeContext) {
    return this.#change(id, { action: 'archived', expectedVersion }, change);
  }

  async list(): Promise<EntryRecord<Content>[]> {
    return [...this.heads.values()].sort(byId).map(recordOf);
  }

  async get(id: string): Promise<EntryRecord<Content> | undefined> {
    const head = this.heads.get(id);
    return head ? recordOf(head) : undefined;
  }

  async versions(id: string): Promise<VersionSummary[]> {
    return (this.#versions.get(id) ?? []).map(({ content: _content, ...summary }) => summary);
  }

  async version(id: string, version: number): Promise<EntryVersion<Content> | undefined> {
    return this.#versions.get(id)?.find((entry) => entry.version === version);
  }

  async createPublished(
    entries: readonly { readonly id: string; readonly content: Content }[],
    change: KnowledgeChangeContext,
  ): Promise<number> {
    let published = 0;
    for (const { id, content } of entries) {
      if (typeof (await this.create(id, content, change)) === 'string') continue;
      if (typeof (await this.publish(id, 1, change)) !== 'string') published += 1;
    }
    return published;
  }

  async #change(
    id: string,
    change: EntryChange<Content>,
    context: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>> {
    const current = this.heads.get(id);
    const plan = planChange(id, current, change, context);
    if (typeof plan === 'string') return plan;
    const slugs = this.#state.slugs;
    const before = current && this.#slugOf?.(current.content);
    const after = this.#slugOf?.(plan.head.content);
    if (after !== undefined && after !== before) {
      const owner = slugs.get(after);
      if (owner !== undefined && owner !== id) return 'slug-taken';
      if (before !== undefined) slugs.delete(before);
      slugs.set(after, id);
    }
    this.heads.set(id, plan.head);
    this.#versions.set(id, [...(this.#versions.get(id) ?? []), plan.version]);
    if (plan.published === 'put') this.published.set(id, publishedOf(plan.head));
    if (plan.published === 'remove') this.published.delete(id);
    if (plan.published !== 'keep') this.#state.generation += 1;
    if (context.audit) this.#state.audit.push(context.audit);
    return recordOf(plan.head);
  }
}

export class MemoryKnowledgeStore implements KnowledgeEditor, PublishedKnowledgeReader {
  readonly #state: SharedState = { generation: 0, audit: [], slugs: new Map() };
  readonly articles = new MemoryEntries<ArticleContent>(this.#state, (content) => content.slug);
  readonly terms = new MemoryEntries<TermContent>(this.#state);

  /** The audit records written with the changes, in order. */
  get audit(): readonly AuditRecord[] {
    return this.#state.audit;
  }

  #seedDone = false;

  async publishedGeneration(): Promise<number> {
    return this.#state.generation;
  }

  async seedDone(): Promise<boolean> {
    return this.#seedDone;
  }

  async markSeedDone(): Promise<void> {
    this.#seedDone = true;
  }

  /** The generation first, as DynamoDB's store reads it (nothing changes in between here). */
  async published(): Promise<PublishedKnowledge> {
    return {
      generation: this.#state.generation,
      articles: [...this.articles.published.values()].sort(byId),
      terms: [...this.terms.published.values()].sort(byId),
    };
  }
}
