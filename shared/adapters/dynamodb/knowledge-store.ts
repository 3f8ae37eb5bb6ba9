/**
 * The knowledge base on DynamoDB (the `knowledge` table):
 * - `ARTICLE#<id>` / `HEAD`: the entry as editors see it; `ARTICLE#<id>` / `V#000001`…: its versions;
 *   the same under `TERM#<id>` for glossary terms;
 * - `SLUG#<slug>` / `SLUG` → `articleId`: an article's slug, taken by one article at a time;
 * - `PUBLISHED` / `SEED`: the shipped content was seeded to the end (written last);
 * - `PUBLISHED` / `META` → `generation`, and `PUBLISHED` / `ARTICLE#<id>` or `TERM#<id>`: what the
 *   public sees, so that the assistant and the help pages read it all with one Query (an entry
 *   taken off is marked `withdrawnAt`, not deleted: no function may delete items);
 * - a slug given up by an edit keeps its item without `articleId`, free for another article;
 * - `ENTRIES` / `ARTICLE#<id>` or `TERM#<id>`: the entries' ids, so that editors list them without
 *   a Scan of a table that also holds a year of the assistant's questions.
 *
 * A change is one transaction: the head (on condition of the version it was planned on), its
 * version, the slug, the public set with its generation moved on, and the audit record.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type {
  ArticleContent,
  EntryRecord,
  EntryVersion,
  KnowledgeChangeContext,
  KnowledgeEditor,
  KnowledgeEntries,
  KnowledgeOutcome,
  PublishedArticle,
  PublishedKnowledge,
  PublishedKnowledgeReader,
  PublishedTerm,
  TermContent,
  VersionSummary,
} from '../../ports/knowledge-base.ts';
import { isKnowledgeRefusal, KnowledgeStoreBusy } from '../../ports/knowledge-base.ts';
import {
  byId,
  type EntryChange,
  type EntryHead,
  type PlannedChange,
  planChange,
  planCreatePublished,
  publishedOf,
  recordOf,
} from '../knowledge-changes.ts';
import { auditPuts } from './audit-log.ts';
import { batchGetAll, type Item, queryPartition, withoutKeys } from './items.ts';
import { cancelledBy, cancelledByCondition } from './tickets-table.ts';

export interface KnowledgeTables {
  readonly client: DynamoDBDocumentClient;
  readonly knowledgeTable: string;
  readonly auditTable: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const publishedPartition = 'PUBLISHED';
const entriesPartition = 'ENTRIES';
const metaKey = { pk: publishedPartition, sk: 'META' };
const seedKey = { pk: publishedPartition, sk: 'SEED' };
const slugKey = (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'SLUG' });
const versionSortKey = (version: number) => `V#${String(version).padStart(6, '0')}`;

/** Entries per transaction of `createPublished`: six items each, within the 100 of a transaction. */
const createPublishedBatch = 15;

/** Attempts of a change that met a concurrent transaction (publishes share the generation item). */
export const conflictAttempts = 6;

/**
 * The wait before attempt `attempt` (2, 3…) of a change that met a concurrent one: exponential with
 * full jitter (25 ms, 50 ms, 100 ms… at most), so that changes that collided do not collide again
 * in step. `random` in [0, 1).
 */
export function conflictBackoff(attempt: number, random: number = Math.random()): number {
  return Math.floor(random * Math.min(1000, 25 * 2 ** (attempt - 2)));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class DynamoEntries<Content> implements KnowledgeEntries<Content> {
  readonly #tables: KnowledgeTables;
  /** `ARTICLE` or `TERM`. */
  readonly #kind: string;
  readonly #slugOf: ((content: Content) => string) | undefined;

  constructor(tables: KnowledgeTables, kind: 'ARTICLE' | 'TERM', slugOf?: (content: Content) => string) {
    this.#tables = tables;
    this.#kind = kind;
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
    const { client, knowledgeTable } = this.#tables;
    const ids = (await queryPartition(client, knowledgeTable, entriesPartition, { consistent: true }))
      .map((item) => String(item.sk))
      .filter((sk) => sk.startsWith(`${this.#kind}#`))
      .map((sk) => sk.slice(this.#kind.length + 1));
    const heads = await batchGetAll(
      client,
      knowledgeTable,
      ids.map((id) => this.#headKey(id)),
      { consistent: true },
    );
    return heads.map((item) => recordOf(headOf<Content>(item))).sort(byId);
  }

  async get(id: string): Promise<EntryRecord<Content> | undefined> {
    const head = await this.#head(id);
    return head ? recordOf(head) : undefined;
  }

  async versions(id: string): Promise<VersionSummary[]> {
    const { client, knowledgeTable } = this.#tables;
    const versions: VersionSummary[] = [];
    let startKey: Item | undefined;
    do {
      // The versions' items without their contents: the answer stays small however long the history.
      const page = await client.send(
        new QueryCommand({
          TableName: knowledgeTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :versions)',
          ProjectionExpression: '#version, #action, #author, #at',
          ExpressionAttributeNames: {
            '#version': 'version',
            '#action': 'action',
            '#author': 'author',
            '#at': 'at',
          },
          ExpressionAttributeValues: { ':pk': this.#partition(id), ':versions': 'V#' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      versions.push(...((page.Items ?? []) as VersionSummary[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return versions;
  }

  async version(id: string, version: number): Promise<EntryVersion<Content> | undefined> {
    const { client, knowledgeTable } = this.#tables;
    const result = await client.send(
      new GetCommand({
        TableName: knowledgeTable,
        Key: { pk: this.#partition(id), sk: versionSortKey(version) },
        ConsistentRead: true,
      }),
    );
    return result.Item ? (withoutKeys(result.Item) as unknown as EntryVersion<Content>) : undefined;
  }

  async createPublished(
    entries: readonly { readonly id: string; readonly content: Content }[],
    change: KnowledgeChangeContext,
  ): Promise<number> {
    let published = 0;
    for (let start = 0; start < entries.length; start += createPublishedBatch) {
      const batch = entries.slice(start, start + createPublishedBatch);
      try {
        await this.#tables.client.send(
          new TransactWriteCommand({ TransactItems: this.#createPublishedWrites(batch, change) }),
        );
        published += batch.length;
      } catch (error) {
        // Some were there already (an interrupted run), or another writer met the batch (the
        // generation): one by one, each change retrying its conflicts, those there left out.
        if (!cancelledByCondition(error, 'any') && !cancelledBy(error, 'TransactionConflict', 'any'))
          throw error;
        for (const { id, content } of batch) {
          if (isKnowledgeRefusal(await this.create(id, content, change))) continue;
          if (!isKnowledgeRefusal(await this.publish(id, 1, change))) published += 1;
        }
      }
    }
    return published;
  }

  /** The writes of new published entries: each as `create` and `publish` leave it, one generation step. */
  #createPublishedWrites(
    batch: readonly { readonly id: string; readonly content: Content }[],
    context: KnowledgeChangeContext,
  ): TransactItem[] {
    const table = this.#tables.knowledgeTable;
    const items = batch.flatMap(({ id, content }) => {
      const { created, published } = planCreatePublished(id, content, context);
      const partition = this.#partition(id);
      const slug = this.#slugOf?.(content);
      return [
        newItem(table, { pk: partition, sk: 'HEAD', ...published.head }),
        newItem(table, { pk: partition, sk: versionSortKey(1), ...created.version }),
        newItem(table, { pk: partition, sk: versionSortKey(2), ...published.version }),
        newItem(table, { pk: entriesPartition, sk: partition, id }),
        ...(slug === undefined ? [] : [newItem(table, { ...slugKey(slug), articleId: id })]),
        {
          Put: {
            TableName: table,
            Item: { pk: publishedPartition, sk: partition, ...publishedOf(published.head) },
          },
        },
      ];
    });
    return [...items, generationStep(table)];
  }

  #partition(id: string): string {
    return `${this.#kind}#${id}`;
  }

  #headKey(id: string) {
    return { pk: this.#partition(id), sk: 'HEAD' };
  }

  async #head(id: string): Promise<EntryHead<Content> | undefined> {
    const { client, knowledgeTable } = this.#tables;
    const result = await client.send(
      new GetCommand({ TableName: knowledgeTable, Key: this.#headKey(id), ConsistentRead: true }),
    );
    return result.Item ? headOf<Content>(result.Item) : undefined;
  }

  async #change(
    id: string,
    change: EntryChange<Content>,
    context: KnowledgeChangeContext,
  ): Promise<KnowledgeOutcome<Content>> {
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) await pause(conflictBackoff(attempt));
      const current = await this.#head(id);
      const plan = planChange(id, current, change, context);
      if (typeof plan === 'string') return plan;
      const { items, slugAt } = this.#writes(current, plan, context);
      try {
        await this.#tables.client.send(new TransactWriteCommand({ TransactItems: items }));
        return recordOf(plan.head);
      } catch (error) {
        // The head changed since it was read: the version (or, for a new entry, the id) is taken.
        if (cancelledByCondition(error, 0))
          return change.action === 'created' ? 'slug-taken' : 'version-conflict';
        if (slugAt !== undefined && cancelledByCondition(error, slugAt)) return 'slug-taken';
        // Met another change (another entry's publish, on the generation): planned again.
        if (!cancelledBy(error, 'TransactionConflict', 'any')) throw error;
        if (attempt >= conflictAttempts) throw new KnowledgeStoreBusy(attempt);
      }
    }
  }

  /** The transaction of a plan: the head first (its condition guards the plan), then the rest. */
  #writes(
    current: EntryHead<Content> | undefined,
    plan: PlannedChange<Content>,
    context: KnowledgeChangeContext,
  ): { items: TransactItem[]; slugAt?: number } {
    const table = this.#tables.knowledgeTable;
    const { head } = plan;
    const partition = this.#partition(head.id);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table,
          Item: { pk: partition, sk: 'HEAD', ...head },
          ...(current
            ? {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': current.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      newItem(table, { pk: partition, sk: versionSortKey(plan.version.version), ...plan.version }),
    ];
    if (!current) items.push(newItem(table, { pk: entriesPartition, sk: partition, id: head.id }));
    let slugAt: number | undefined;
    const before = current && this.#slugOf?.(current.content);
    const after = this.#slugOf?.(head.content);
    if (after !== undefined && after !== before) {
      slugAt = items.length;
      items.push({
        Put: {
          TableName: table,
          Item: { ...slugKey(after), articleId: head.id },
          // Never taken, or released by the article that had it.
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(articleId)',
        },
      });
      if (before !== undefined)
        items.push({
          Update: {
            TableName: table,
            Key: slugKey(before),
            UpdateExpression: 'REMOVE articleId',
            ConditionExpression: 'articleId = :id',
            ExpressionAttributeValues: { ':id': head.id },
          },
        });
    }
    if (plan.published === 'put')
      items.push({
        Put: {
          TableName: table,
          Item: { pk: publishedPartition, sk: partition, ...publishedOf(head) },
        },
      });
    if (plan.published === 'remove')
      items.push({
        Put: {
          TableName: table,
          Item: { pk: publishedPartition, sk: partition, id: head.id, withdrawnAt: head.updatedAt },
        },
      });
    if (plan.published !== 'keep') items.push(generationStep(table));
    if (context.audit) items.push(...auditPuts(this.#tables.auditTable, context.audit));
    return slugAt === undefined ? { items } : { items, slugAt };
  }
}

/** The published set's generation moved on by one. */
function generationStep(table: string): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: metaKey,
      UpdateExpression: 'ADD generation :one',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

function newItem(table: string, item: Item): TransactItem {
  return { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

function headOf<Content>(item: Item): EntryHead<Content> {
  return withoutKeys(item) as unknown as EntryHead<Content>;
}

export class DynamoKnowledgeStore implements KnowledgeEditor, PublishedKnowledgeReader {
  readonly articles: KnowledgeEntries<ArticleContent>;
  readonly terms: KnowledgeEntries<TermContent>;
  readonly #tables: KnowledgeTables;

  constructor(tables: KnowledgeTables) {
    this.#tables = tables;
    this.articles = new DynamoEntries<ArticleContent>(tables, 'ARTICLE', (content) => content.slug);
    this.terms = new DynamoEntries<TermContent>(tables, 'TERM');
  }

  async publishedGeneration(): Promise<number> {
    const result = await this.#tables.client.send(
      new GetCommand({ TableName: this.#tables.knowledgeTable, Key: metaKey, ConsistentRead: true }),
    );
    return Number(result.Item?.generation ?? 0);
  }

  async seedDone(): Promise<boolean> {
    const result = await this.#tables.client.send(
      new GetCommand({ TableName: this.#tables.knowledgeTable, Key: seedKey, ConsistentRead: true }),
    );
    return result.Item !== undefined;
  }

  async markSeedDone(at: string): Promise<void> {
    await this.#tables.client.send(
      new PutCommand({ TableName: this.#tables.knowledgeTable, Item: { ...seedKey, at } }),
    );
  }

  /**
   * The generation is read (consistently) before the entries, and that one is answered: the Query
   * is paged, not a snapshot, so a publish while it runs may show in the entries but not in the
   * generation answered, which then looks old next time and the set is read again. The other way
   * round (old entries under the new generation) a reader would keep a stale set until the next
   * publish.
   */
  async published(): Promise<PublishedKnowledge> {
    const { client, knowledgeTable } = this.#tables;
    const generation = await this.publishedGeneration();
    const items = await queryPartition(client, knowledgeTable, publishedPartition, { consistent: true });
    const articles: PublishedArticle[] = [];
    const terms: PublishedTerm[] = [];
    for (const item of items) {
      const sk = String(item.sk);
      // Taken off the public set (nothing here is ever deleted).
      if (item.withdrawnAt !== undefined) continue;
      if (sk.startsWith('ARTICLE#')) articles.push(withoutKeys(item) as unknown as PublishedArticle);
      else if (sk.startsWith('TERM#')) terms.push(withoutKeys(item) as unknown as PublishedTerm);
    }
    return { generation, articles, terms };
  }
}
