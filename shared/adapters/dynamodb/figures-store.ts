/**
 * The `figures` table's writer on DynamoDB. Buckets are `FIG#…` items (layout.ts) added to with
 * `ADD`; a source item's bookkeeping is `SRC#<its pk>` / `<its sk>`, put whole and conditional on
 * its revision, in the same transaction as the additions it accounts for. The rebuild scans the
 * tickets table for the source items and both kinds of figures item, and writes them back in
 * batches.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  type ScanCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { figureSourceKind } from '../../domain/figures/contributions.ts';
import type {
  Bucket,
  BucketAdd,
  FiguresRebuildStore,
  FiguresStore,
  SourceBook,
  SourceItem,
  SourceKey,
} from '../../ports/figures.ts';
import { bookItem, bookKey, bookPrefix, bucketPrefix, toBook, toBucket } from './figures-items.ts';
import type { Item } from './items.ts';

export interface DynamoFiguresTables {
  readonly client: DynamoDBDocumentClient;
  readonly figuresTable: string;
  /** The tickets table: read by the rebuild only. */
  readonly ticketsTable?: string;
}

export class DynamoFiguresStore implements FiguresStore, FiguresRebuildStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #ticketsTable: string | undefined;

  constructor(tables: DynamoFiguresTables) {
    this.#client = tables.client;
    this.#table = tables.figuresTable;
    this.#ticketsTable = tables.ticketsTable;
  }

  async book(source: SourceKey): Promise<SourceBook | undefined> {
    const { Item: item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: bookKey(source), ConsistentRead: true }),
    );
    return item ? toBook(item) : undefined;
  }

  async write(change: Parameters<FiguresStore['write']>[0]): Promise<'written' | 'conflict'> {
    const { book, expectedRevision, adds } = change;
    const bookPut = {
      Put: {
        TableName: this.#table,
        Item: bookItem(book),
        ConditionExpression:
          expectedRevision === undefined ? 'attribute_not_exists(pk)' : 'revision = :expectedRevision',
        ...(expectedRevision === undefined
          ? {}
          : { ExpressionAttributeValues: { ':expectedRevision': expectedRevision } }),
      },
    };
    try {
      await this.#client.send(
        new TransactWriteCommand({ TransactItems: [bookPut, ...adds.map((add) => this.#bucketAdd(add))] }),
      );
      return 'written';
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some(
          (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
        )
      )
        return 'conflict';
      throw error;
    }
  }

  #bucketAdd(bucket: BucketAdd) {
    const entries = Object.entries(bucket.add);
    return {
      Update: {
        TableName: this.#table,
        Key: { pk: bucket.pk, sk: bucket.sk },
        UpdateExpression: `ADD ${entries.map((_, index) => `#a${index} :v${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(
          entries.map(([attribute], index) => [`#a${index}`, attribute]),
        ),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], index) => [`:v${index}`, n])),
      },
    };
  }

  async *sources(): AsyncIterable<SourceItem> {
    if (!this.#ticketsTable) throw new Error('The rebuild needs the tickets table');
    // Source items only: tickets, surveys and invitations by their sort key, take records by key.
    for await (const item of this.#scan({
      TableName: this.#ticketsTable,
      FilterExpression: 'sk IN (:ticket, :survey, :invitation) OR begins_with(pk, :takes)',
      ExpressionAttributeValues: {
        ':ticket': 'TICKET',
        ':survey': 'SURVEY',
        ':invitation': 'SURVEY#INVITATION',
        ':takes': 'TAKES#',
      },
    })) {
      if (figureSourceKind(item)) yield { source: { pk: String(item.pk), sk: String(item.sk) }, image: item };
    }
  }

  async buckets(): Promise<Bucket[]> {
    const buckets: Bucket[] = [];
    for await (const item of this.#scanPrefix(bucketPrefix)) buckets.push(toBucket(item));
    return buckets;
  }

  async books(): Promise<SourceBook[]> {
    const books: SourceBook[] = [];
    for await (const item of this.#scanPrefix(bookPrefix)) books.push(toBook(item));
    return books;
  }

  async replaceBuckets(put: readonly Bucket[], remove: readonly Pick<Bucket, 'pk' | 'sk'>[]): Promise<void> {
    await this.#batchWrite([
      ...put.map((bucket) => ({ PutRequest: { Item: { pk: bucket.pk, sk: bucket.sk, ...bucket.values } } })),
      ...remove.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
    ]);
  }

  async replaceBooks(put: readonly SourceBook[], remove: readonly SourceKey[]): Promise<void> {
    await this.#batchWrite([
      ...put.map((book) => ({ PutRequest: { Item: bookItem(book) } })),
      ...remove.map((source) => ({ DeleteRequest: { Key: bookKey(source) } })),
    ]);
  }

  #scanPrefix(prefix: string): AsyncIterable<Item> {
    return this.#scan({
      TableName: this.#table,
      FilterExpression: 'begins_with(pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': prefix },
    });
  }

  async *#scan(input: ScanCommandInput): AsyncIterable<Item> {
    let startKey: Item | undefined;
    do {
      const page = await this.#client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** 25 requests a batch; what DynamoDB leaves unprocessed is sent again after a pause. */
  async #batchWrite(requests: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < requests.length; start += 25) {
      let pending = requests.slice(start, start + 25);
      for (let attempt = 0; pending.length; attempt += 1) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
        const result = await this.#client.send(
          new BatchWriteCommand({ RequestItems: { [this.#table]: pending as never } }),
        );
        pending = (result.UnprocessedItems?.[this.#table] ?? []) as Record<string, unknown>[];
      }
    }
  }
}
