/**
 * The knowledge base's store, on the memory fake and on DynamoDB Local: entries' versions and
 * states, the version check, unique slugs, the public set and its generation, the audit record
 * written with a change (and none with a refused one), and the seed. Tests share one table: each
 * uses ids of its own and compares the generation before and after.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { expect, it } from 'vitest';
import { createTables } from '../../../infra/local/emulators.ts';
import { auditItem } from '../../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoKnowledgeStore } from '../../../shared/adapters/dynamodb/knowledge-store.ts';
import { MemoryKnowledgeStore } from '../../../shared/adapters/memory/knowledge-store.ts';
import type { AuditRecord } from '../../../shared/domain/audit-event.ts';
import { seedArticles, seedGlossary } from '../../../shared/knowledge/content/index.ts';
import type {
  ArticleContent,
  KnowledgeChangeContext,
  KnowledgeEditor,
  PublishedKnowledgeReader,
} from '../../../shared/ports/knowledge-base.ts';
import {
  articleContentOf,
  seedKnowledgeBase,
  termContentOf,
} from '../../../shared/use-cases/seed-knowledge.ts';
import type { TestDynamo } from '../../support/dynamo.ts';
import { anAudit, unique } from './ports-under-test.ts';

export interface KnowledgeUnderTest {
  readonly store: KnowledgeEditor & PublishedKnowledgeReader;
  audited(record: AuditRecord): Promise<boolean>;
}

/** A store; `fresh`: on a table of its own (nothing published yet). */
export type MakeKnowledge = (options?: { readonly fresh?: boolean }) => Promise<KnowledgeUnderTest>;

export const memoryKnowledge: MakeKnowledge = async () => {
  const store = new MemoryKnowledgeStore();
  return {
    store,
    audited: async (record) => store.audit.some((written) => written.eventID === record.eventID),
  };
};

export function dynamoKnowledge(dynamo: () => TestDynamo): MakeKnowledge {
  return async (options) => {
    const { documents, endpoint, tables } = dynamo();
    const knowledgeTable = options?.fresh ? unique('knowledge') : tables.knowledge;
    if (options?.fresh) await createTables(endpoint, { ...tables, knowledge: knowledgeTable });
    return {
      store: new DynamoKnowledgeStore({ client: documents, knowledgeTable, auditTable: tables.audit }),
      async audited(record) {
        const { pk, sk } = auditItem(record);
        const result = await documents.send(new GetCommand({ TableName: tables.audit, Key: { pk, sk } }));
        return result.Item !== undefined;
      },
    };
  };
}

const at = '2026-12-01T08:00:00.000Z';
const later = '2026-12-01T09:00:00.000Z';

const by = (author = 'editor.eva', when = at): KnowledgeChangeContext => ({ author, at: when });

/** An article of the seed's shape, with an id and slug of its own. */
function anArticle(slug = unique('article')): ArticleContent {
  const seed = seedArticles[0];
  if (!seed) throw new Error('No seed articles');
  return { ...articleContentOf(seed), slug };
}

export function knowledgeStoreContract(make: MakeKnowledge): void {
  it('creates a draft as version 1, lists it, reads it and its history', async () => {
    const { store } = await make();
    const content = anArticle();
    const record = await store.articles.create(content.slug, content, by());
    expect(record).toEqual({
      id: content.slug,
      status: 'draft',
      version: 1,
      content,
      unpublishedChanges: false,
      updatedBy: 'editor.eva',
      updatedAt: at,
    });
    expect(await store.articles.get(content.slug)).toEqual(record);
    expect((await store.articles.list()).map((entry) => entry.id)).toContain(content.slug);
    expect(await store.articles.versions(content.slug)).toEqual([
      { version: 1, action: 'created', author: 'editor.eva', at },
    ]);
    expect(await store.articles.version(content.slug, 1)).toEqual({
      version: 1,
      action: 'created',
      content,
      author: 'editor.eva',
      at,
    });
    expect(await store.articles.version(content.slug, 2)).toBeUndefined();
    expect(await store.articles.get(unique('none'))).toBeUndefined();
    expect(await store.articles.versions(unique('none'))).toEqual([]);
    expect(await store.articles.version(unique('none'), 1)).toBeUndefined();
  });

  it('refuses a slug or an id another article has', async () => {
    const { store } = await make();
    const content = anArticle();
    await store.articles.create(content.slug, content, by());
    expect(await store.articles.create(unique('other'), content, by())).toBe('slug-taken');
    expect(await store.articles.create(content.slug, anArticle(), by())).toBe('slug-taken');
    const other = anArticle();
    const created = await store.articles.create(other.slug, other, by());
    expect(await store.articles.edit(other.slug, 1, { ...other, slug: content.slug }, by())).toBe(
      'slug-taken',
    );
    expect(await store.articles.get(other.slug)).toEqual(created);
  });

  it('frees a slug an edit gave up', async () => {
    const { store } = await make();
    const first = anArticle();
    await store.articles.create(first.slug, first, by());
    const renamed = unique('renamed');
    const edited = await store.articles.edit(first.slug, 1, { ...first, slug: renamed }, by());
    expect(edited).toMatchObject({ version: 2, content: { slug: renamed } });
    const second = anArticle();
    expect(await store.articles.create(second.slug, second, by())).toMatchObject({ version: 1 });
    expect(await store.articles.edit(second.slug, 1, { ...second, slug: first.slug }, by())).toMatchObject({
      version: 2,
    });
    expect(await store.articles.edit(second.slug, 2, { ...second, slug: renamed }, by())).toBe('slug-taken');
  });

  it('edits only the version it was made on, an entry that exists', async () => {
    const { store } = await make();
    const content = anArticle();
    await store.articles.create(content.slug, content, by());
    const changed = { ...content, title: { lv: 'Jauns virsraksts', en: 'A new title' } };
    expect(await store.articles.edit(content.slug, 1, changed, by('editor.juris', later))).toMatchObject({
      version: 2,
      status: 'draft',
      content: changed,
      updatedBy: 'editor.juris',
      updatedAt: later,
    });
    expect(await store.articles.edit(content.slug, 1, content, by())).toBe('version-conflict');
    expect(await store.articles.edit(unique('none'), 1, content, by())).toBe('not-found');
    expect(await store.articles.publish(unique('none'), 1, by())).toBe('not-found');
    expect((await store.articles.get(content.slug))?.content).toEqual(changed);
  });

  it('lets one of two edits of the same version through', async () => {
    const { store } = await make();
    const content = anArticle();
    await store.articles.create(content.slug, content, by());
    const outcomes = await Promise.all(
      ['a', 'b', 'c'].map((word) =>
        store.articles.edit(content.slug, 1, { ...content, summary: { lv: word, en: word } }, by()),
      ),
    );
    expect(outcomes.filter((outcome) => typeof outcome !== 'string')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'version-conflict')).toHaveLength(2);
    expect(await store.articles.versions(content.slug)).toHaveLength(2);
  });

  it('publishes, keeps the public version through edits, republishes, moving the generation on each time', async () => {
    const { store } = await make();
    const content = anArticle();
    await store.articles.create(content.slug, content, by());
    const before = await store.publishedGeneration();
    const published = await store.articles.publish(content.slug, 1, by('editor.eva', later));
    expect(published).toMatchObject({ status: 'published', version: 2, publishedVersion: 2 });
    expect(await store.publishedGeneration()).toBe(before + 1);
    const publicOne = async () =>
      (await store.published()).articles.find((article) => article.id === content.slug);
    expect(await publicOne()).toEqual({ ...content, id: content.slug, version: 2, publishedAt: later });
    expect(await store.articles.publish(content.slug, 2, by())).toBe('already-published');

    const changed = { ...content, summary: { lv: 'Cits', en: 'Other' } };
    expect(await store.articles.edit(content.slug, 2, changed, by())).toMatchObject({
      status: 'published',
      version: 3,
      publishedVersion: 2,
      unpublishedChanges: true,
    });
    expect((await publicOne())?.summary).toEqual(content.summary);
    expect(await store.publishedGeneration()).toBe(before + 1);
    expect(await store.articles.publish(content.slug, 3, by())).toMatchObject({
      version: 4,
      publishedVersion: 4,
      unpublishedChanges: false,
    });
    expect(await publicOne()).toMatchObject({ summary: changed.summary, version: 4 });
    const whole = await store.published();
    expect(whole.generation).toBe(before + 2);
    expect(await store.publishedGeneration()).toBe(whole.generation);
  });

  it('unpublishes and archives: off the public set, the history kept, an archived entry changed no more', async () => {
    const { store } = await make();
    const content = anArticle();
    await store.articles.create(content.slug, content, by());
    expect(await store.articles.unpublish(content.slug, 1, by())).toBe('not-published');
    await store.articles.publish(content.slug, 1, by());
    const before = await store.publishedGeneration();
    const unpublished = await store.articles.unpublish(content.slug, 2, by());
    expect(unpublished).toMatchObject({ status: 'draft', version: 3 });
    expect(typeof unpublished !== 'string' && unpublished.publishedVersion).toBeUndefined();
    expect(await store.publishedGeneration()).toBe(before + 1);
    const ids = async () => (await store.published()).articles.map((article) => article.id);
    expect(await ids()).not.toContain(content.slug);
    await store.articles.publish(content.slug, 3, by());
    expect(await ids()).toContain(content.slug);
    expect(await store.articles.archive(content.slug, 4, by())).toMatchObject({
      status: 'archived',
      version: 5,
    });
    expect(await ids()).not.toContain(content.slug);
    expect(await store.publishedGeneration()).toBe(before + 3);
    expect(await store.articles.publish(content.slug, 5, by())).toBe('archived');
    expect(await store.articles.edit(content.slug, 5, content, by())).toBe('archived');
    expect(await store.articles.archive(content.slug, 4, by())).toBe('version-conflict');
    expect((await store.articles.versions(content.slug)).map((version) => version.action)).toEqual([
      'created',
      'published',
      'unpublished',
      'published',
      'archived',
    ]);
    // A draft archived leaves the public set (and its generation) as it was.
    const draft = anArticle();
    await store.articles.create(draft.slug, draft, by());
    await store.articles.archive(draft.slug, 1, by());
    expect(await store.publishedGeneration()).toBe(before + 3);
  });

  it('keeps glossary terms the same way, apart from articles', async () => {
    const { store } = await make();
    const seed = seedGlossary[0];
    if (!seed) throw new Error('No seed terms');
    const id = unique('term');
    const content = termContentOf(seed);
    expect(await store.terms.create(id, content, by())).toMatchObject({ id, version: 1, status: 'draft' });
    expect(await store.terms.create(id, content, by())).toBe('slug-taken');
    await store.terms.publish(id, 1, by('editor.eva', later));
    expect((await store.published()).terms.find((term) => term.id === id)).toEqual({
      ...content,
      id,
      version: 2,
      publishedAt: later,
    });
    expect((await store.terms.list()).map((term) => term.id)).toContain(id);
    expect((await store.articles.list()).map((article) => article.id)).not.toContain(id);
  });

  it('writes the audit record with the change, and none when the change is refused', async () => {
    const { store, audited } = await make();
    const content = anArticle();
    const created = anAudit('CreateKnowledgeEntry', at);
    await store.articles.create(content.slug, content, { ...by(), audit: created });
    expect(await audited(created)).toBe(true);
    const refused = anAudit('EditKnowledgeEntry', at);
    expect(await store.articles.edit(content.slug, 7, content, { ...by(), audit: refused })).toBe(
      'version-conflict',
    );
    expect(await audited(refused)).toBe(false);
    const published = anAudit('PublishKnowledgeEntry', at);
    await store.articles.publish(content.slug, 1, { ...by(), audit: published });
    expect(await audited(published)).toBe(true);
  });

  it('seeds an empty knowledge base once: every seed article and term published', async () => {
    const { store } = await make({ fresh: true });
    const clock = { now: () => new Date(at) };
    expect(await seedKnowledgeBase(store, clock)).toBe(seedArticles.length + seedGlossary.length);
    const published = await store.published();
    expect(published.articles.map((article) => article.id).sort()).toEqual(
      seedArticles.map((article) => article.id).sort(),
    );
    expect(published.terms).toHaveLength(seedGlossary.length);
    expect(published.generation).toBeGreaterThan(0);
    expect(published.articles[0]?.sample).toBe(true);
    expect(await seedKnowledgeBase(store, clock)).toBe(0);
    expect(await store.publishedGeneration()).toBe(published.generation);
    const [first] = await store.articles.versions(seedArticles[0]?.id ?? '');
    expect(first).toMatchObject({ action: 'created', author: 'seed' });
  }, 60_000);

  it('completes a seed whose first run was cut short, and then seeds no more', async () => {
    const { store } = await make({ fresh: true });
    const clock = { now: () => new Date(at) };
    // The first run published one batch of articles, then stopped (a timeout): no marker.
    const firstBatch = seedArticles.slice(0, 15);
    await store.articles.createPublished(
      firstBatch.map((article) => ({ id: article.id, content: articleContentOf(article) })),
      by('seed'),
    );
    expect(await store.publishedGeneration()).toBeGreaterThan(0);
    const rest = seedArticles.length - firstBatch.length + seedGlossary.length;
    expect(await seedKnowledgeBase(store, clock)).toBe(rest);
    const published = await store.published();
    expect(published.articles).toHaveLength(seedArticles.length);
    expect(published.terms).toHaveLength(seedGlossary.length);
    expect(await store.articles.versions(firstBatch[0]?.id ?? '')).toHaveLength(2);
    expect(await seedKnowledgeBase(store, clock)).toBe(0);
    expect(await store.publishedGeneration()).toBe(published.generation);
  }, 60_000);

  it('creates published entries at once, leaving out those whose id or slug is taken', async () => {
    const { store } = await make();
    const taken = anArticle();
    await store.articles.create(taken.slug, taken, by());
    const fresh = [anArticle(), anArticle()];
    const before = await store.publishedGeneration();
    const count = await store.articles.createPublished(
      [...fresh.map((content) => ({ id: content.slug, content })), { id: unique('other'), content: taken }],
      by('seed', later),
    );
    expect(count).toBe(2);
    expect(await store.publishedGeneration()).toBeGreaterThan(before);
    for (const content of fresh) {
      expect(await store.articles.get(content.slug)).toMatchObject({ status: 'published', version: 2 });
      expect((await store.articles.versions(content.slug)).map((version) => version.action)).toEqual([
        'created',
        'published',
      ]);
    }
    expect(await store.articles.get(taken.slug)).toMatchObject({ status: 'draft', version: 1 });
    const ids = (await store.published()).articles.map((article) => article.id);
    expect(ids).toEqual(expect.arrayContaining(fresh.map((content) => content.slug)));
    expect(ids).not.toContain(taken.slug);
  });
}
