/**
 * The figures' reader on DynamoDB: the bucket partitions a set of spans needs (each once, however
 * many spans share it), read in parallel, then summed per span. Two ways to read them, measured on
 * DynamoDB Local (`test/integration/figures-reader.test.ts`): a Query per partition (the default:
 * one request per partition, whatever the units) or BatchGetItem of each wanted bucket by key.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bucketPk, bucketSk, type CounterName, figureChannels } from '../../domain/figures/layout.ts';
import {
  bucketsOfSpan,
  type DaySpan,
  type FiguresFilter,
  type FiguresReader,
  type SpanFigures,
  sumSpans,
  wantedSk,
} from '../../ports/figures-reader.ts';
import type { Item } from './items.ts';

export interface DynamoFiguresReaderOptions {
  readonly client: DynamoDBDocumentClient;
  readonly figuresTable: string;
  /** `query` (default): a Query per partition; `batch`: BatchGetItem by key. */
  readonly strategy?: 'query' | 'batch';
  /** Requests in flight at once. */
  readonly concurrency?: number;
}

/** Keys BatchGetItem takes in one request. */
const batchKeys = 100;

export class DynamoFiguresReader implements FiguresReader {
  readonly #options: DynamoFiguresReaderOptions;

  constructor(options: DynamoFiguresReaderOptions) {
    this.#options = options;
  }

  async sums(
    spans: readonly DaySpan[],
    filter: FiguresFilter,
    only?: readonly CounterName[],
  ): Promise<SpanFigures[]> {
    const partitions = [
      ...new Set(spans.flatMap((span) => bucketsOfSpan(span).map((p) => bucketPk(p.granularity, p.start)))),
    ];
    const items =
      this.#options.strategy === 'batch'
        ? await this.#batch(partitions, filter, only)
        : await this.#query(partitions, filter, only);
    const byPartition = new Map<string, Item[]>();
    for (const item of items) {
      if (!wantedSk(String(item.sk), filter)) continue;
      const pk = String(item.pk);
      const items = byPartition.get(pk);
      if (items) items.push(item);
      else byPartition.set(pk, [item]);
    }
    return sumSpans(spans, (period) => byPartition.get(bucketPk(period.granularity, period.start)) ?? []);
  }

  async #query(
    partitions: readonly string[],
    filter: FiguresFilter,
    only: readonly CounterName[] | undefined,
  ): Promise<Item[]> {
    const { client, figuresTable } = this.#options;
    // One unit: only its buckets (and of one channel, only those); else the partition's all.
    const [oneUnit] = filter.competences.length === 1 ? filter.competences : [];
    const prefix = oneUnit === undefined ? undefined : `${oneUnit}#${filter.channel ?? ''}`;
    const pages = await inParallel(partitions, this.#options.concurrency ?? 16, async (pk) => {
      const found: Item[] = [];
      let startKey: Item | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: figuresTable,
            KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
            ExpressionAttributeValues: prefix ? { ':pk': pk, ':prefix': prefix } : { ':pk': pk },
            ...projection(only),
            ExclusiveStartKey: startKey,
          }),
        );
        found.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return found;
    });
    return pages.flat();
  }

  async #batch(
    partitions: readonly string[],
    filter: FiguresFilter,
    only: readonly CounterName[] | undefined,
  ): Promise<Item[]> {
    const { client, figuresTable } = this.#options;
    const channels = filter.channel ? [filter.channel] : [...figureChannels, '-' as const];
    const sks = filter.competences.flatMap((competence) =>
      channels.map((channel) => bucketSk(competence, channel)),
    );
    const keys = partitions.flatMap((pk) => sks.map((sk) => ({ pk, sk })));
    const chunks: Item[][] = [];
    for (let start = 0; start < keys.length; start += batchKeys)
      chunks.push(keys.slice(start, start + batchKeys));
    const found = await inParallel(chunks, this.#options.concurrency ?? 16, async (chunk) => {
      const items: Item[] = [];
      let pending: Item[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error(`Items of ${figuresTable} could not be read (throttled)`);
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await client.send(
          new BatchGetCommand({ RequestItems: { [figuresTable]: { Keys: pending, ...projection(only) } } }),
        );
        items.push(...(result.Responses?.[figuresTable] ?? []));
        pending = (result.UnprocessedKeys?.[figuresTable]?.Keys ?? []) as Item[];
      }
      return items;
    });
    return found.flat();
  }
}

/** Only the keys and the counters named, when some are: less to read and to add up. */
function projection(only: readonly CounterName[] | undefined) {
  if (!only) return {};
  const names = ['pk', 'sk', ...only];
  return {
    ProjectionExpression: names.map((_, index) => `#p${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#p${index}`, name])),
  };
}

/** `work` over `inputs`, at most `limit` at once; results in the inputs' order. */
async function inParallel<T, R>(
  inputs: readonly T[],
  limit: number,
  work: (input: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      results[index] = await work(inputs[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
