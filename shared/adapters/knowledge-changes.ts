/**
 * What a change does to a knowledge base entry, decided once for every store: the rules of the
 * entry's life (draft → published → edited → published again, unpublished, archived for good), the
 * version it adds and what it does to the public set. The stores only persist the plan, each with
 * its own guard against a concurrent change (the version the plan was made on).
 */
import type {
  EntryRecord,
  EntryVersion,
  KnowledgeChangeContext,
  KnowledgeRefusal,
  Published,
  VersionAction,
} from '../ports/knowledge-base.ts';

/** An entry as stored: the record without what is derived from it. */
export type EntryHead<Content> = Omit<EntryRecord<Content>, 'unpublishedChanges'>;

export type EntryChange<Content> =
  | { readonly action: 'created'; readonly content: Content }
  | { readonly action: 'edited'; readonly expectedVersion: number; readonly content: Content }
  | {
      readonly action: Exclude<VersionAction, 'created' | 'edited'>;
      readonly expectedVersion: number;
    };

/** What the public set gets: the entry (published), the entry taken off, or nothing. */
export type PublishedEffect = 'put' | 'remove' | 'keep';

export interface PlannedChange<Content> {
  readonly head: EntryHead<Content>;
  readonly version: EntryVersion<Content>;
  readonly published: PublishedEffect;
}

/**
 * The change `change` makes to the entry `current` (undefined: none with that id), or why it is
 * refused. The version is checked before the state: an editor who did not see another's change is
 * told so, whatever that change was.
 */
export function planChange<Content>(
  id: string,
  current: EntryHead<Content> | undefined,
  change: EntryChange<Content>,
  context: Pick<KnowledgeChangeContext, 'author' | 'at'>,
): PlannedChange<Content> | KnowledgeRefusal {
  const by = { updatedBy: context.author, updatedAt: context.at };
  if (change.action === 'created') {
    // The id is the article's first slug (or the term's name): taken is taken.
    if (current) return 'slug-taken';
    const head: EntryHead<Content> = { id, status: 'draft', version: 1, content: change.content, ...by };
    return { head, version: versionOf(head, 'created', context), published: 'keep' };
  }
  if (!current) return 'not-found';
  if (current.version !== change.expectedVersion) return 'version-conflict';
  if (current.status === 'archived') return 'archived';
  const version = current.version + 1;
  const next = (head: Omit<EntryHead<Content>, 'id' | 'version' | 'updatedBy' | 'updatedAt'>) => ({
    id,
    version,
    ...head,
    ...by,
  });
  switch (change.action) {
    case 'edited': {
      const { publishedVersion } = current;
      const head = next({
        status: current.status,
        content: change.content,
        ...(publishedVersion === undefined ? {} : { publishedVersion }),
      });
      return { head, version: versionOf(head, 'edited', context), published: 'keep' };
    }
    case 'published': {
      if (current.status === 'published' && current.publishedVersion === current.version)
        return 'already-published';
      const head = next({ status: 'published', content: current.content, publishedVersion: version });
      return { head, version: versionOf(head, 'published', context), published: 'put' };
    }
    case 'unpublished': {
      if (current.status !== 'published') return 'not-published';
      const head = next({ status: 'draft', content: current.content });
      return { head, version: versionOf(head, 'unpublished', context), published: 'remove' };
    }
    case 'archived': {
      const head = next({ status: 'archived', content: current.content });
      const published = current.status === 'published' ? 'remove' : 'keep';
      return { head, version: versionOf(head, 'archived', context), published };
    }
  }
}

function versionOf<Content>(
  head: EntryHead<Content>,
  action: VersionAction,
  context: Pick<KnowledgeChangeContext, 'author' | 'at'>,
): EntryVersion<Content> {
  return { version: head.version, action, content: head.content, author: context.author, at: context.at };
}

/** The record editors see of a stored entry. */
export function recordOf<Content>(head: EntryHead<Content>): EntryRecord<Content> {
  return {
    ...head,
    unpublishedChanges: head.status === 'published' && head.publishedVersion !== head.version,
  };
}

/** The entry as the public sees it, once `head` is published. */
export function publishedOf<Content>(head: EntryHead<Content>): Published<Content> {
  return { ...head.content, id: head.id, version: head.version, publishedAt: head.updatedAt };
}

/** Entries in the order of their ids' code units, as DynamoDB sorts keys. */
export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A new entry's creation and its publication, planned together (`createPublished`). */
export function planCreatePublished<Content>(
  id: string,
  content: Content,
  context: Pick<KnowledgeChangeContext, 'author' | 'at'>,
): { readonly created: PlannedChange<Content>; readonly published: PlannedChange<Content> } {
  const created = planChange(id, undefined, { action: 'created', content }, context);
  if (typeof created === 'string') throw new Error(`A new entry cannot be refused (${created})`);
  const published = planChange(id, created.head, { action: 'published', expectedVersion: 1 }, context);
  if (typeof published === 'string') throw new Error(`A new draft cannot be refused (${published})`);
  return { created, published };
}
