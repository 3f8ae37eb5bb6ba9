/**
 * Lambda's DynamoDB stream event source mapping, in the sandbox: follows a table's stream on
 * DynamoDB Local (its shards, parents before children, each from the oldest record kept the first
 * time and from the saved position after), drops the records the trigger's key filters refuse,
 * invokes the handler with a `DynamoDBStreamEvent` shaped as Lambda's, and on a failure retries
 * from the first record failed (`batchItemFailures`; a thrown error fails the batch, which is
 * bisected as Lambda does). Past `retryAttempts` or `maxRecordAgeSeconds` the failed record's
 * position is kept in the failure folder, as the cloud's on-failure queue keeps it, and the rest
 * goes on. Positions are saved in the data folder after each batch handled: a restart goes on where
 * it stopped, and a batch handled but not yet saved comes again (the handler is replay-safe).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AttributeValue,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  AttributeValue as EventAttributeValue,
} from 'aws-lambda';
import type { FunctionSpec, StreamKeyFilter, Trigger } from '../inventory.ts';
import { compactedStreamKey } from './compact-dynamodb.ts';
import { localCredentials, localRegion } from './emulators.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';

export type TableStreamTrigger = Extract<Trigger, { kind: 'table-stream' }>;

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint (it serves the streams API too). */
  readonly endpoint: string;
  readonly tableName: string;
  readonly trigger: TableStreamTrigger;
  readonly spec: FunctionSpec;
  readonly handler: LambdaHandler<DynamoDBStreamEvent, DynamoDBBatchResponse | undefined>;
  /** Where the shard positions are kept (JSON). */
  readonly positionsFile: string;
  /** Where the position of a record given up on is kept, one file each. */
  readonly failureFolder: string;
  /** Pause between polls of a stream with nothing new (Lambda polls four times a second). */
  readonly pollIntervalMs?: number;
  /** Pause before a failed record is tried again. */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly log?: (line: string) => void;
}

export interface StreamPoller {
  /** The table whose stream it follows, and where it keeps its positions (read by the compaction). */
  readonly tableName: string;
  readonly positionsFile: string;
  /** Records being handled right now. */
  readonly inFlight: () => number;
  /** Resolves once a whole pass over the stream found nothing new to handle. */
  caughtUp(): Promise<void>;
  /** Finishes the batch in flight, saves the positions and stops. */
  stop(): Promise<void>;
}

/** The saved state: the stream followed and, per shard, the last record handled or its end. */
interface Positions {
  streamArn?: string;
  shards: Record<string, { after?: string; done?: true }>;
}

/** Whether a record's keys pass one of the filters (Lambda's filter criteria on `dynamodb.Keys`). */
export function passesFilters(
  keys: Record<string, AttributeValue> | undefined,
  filters: readonly StreamKeyFilter[],
): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => {
    const value = keys?.[filter.key]?.S;
    if (value === undefined) return false;
    return 'prefix' in filter ? value.startsWith(filter.prefix) : filter.anyOf.includes(value);
  });
}

/** An image as Lambda's JSON event has it: binary values in base64, the rest as DynamoDB sends it. */
function eventImage(image: Record<string, AttributeValue>): Record<string, EventAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, eventValue(value)]));
}

function eventValue(value: AttributeValue): EventAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((entry) => Buffer.from(entry).toString('base64')) };
  if (value.M !== undefined) return { M: eventImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(eventValue) };
  const { $unknown: _unknown, ...rest } = value as AttributeValue & { $unknown?: unknown };
  return rest as EventAttributeValue;
}

/** One stream record as Lambda delivers it. */
export function lambdaStreamRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: localRegion,
    dynamodb: {
      ...(change.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      ...(change.Keys ? { Keys: eventImage(change.Keys) } : {}),
      ...(change.NewImage ? { NewImage: eventImage(change.NewImage) } : {}),
      ...(change.OldImage ? { OldImage: eventImage(change.OldImage) } : {}),
      ...(change.SequenceNumber ? { SequenceNumber: change.SequenceNumber } : {}),
      ...(change.SizeBytes !== undefined ? { SizeBytes: change.SizeBytes } : {}),
      ...(change.StreamViewType
        ? {
            StreamViewType: change.StreamViewType as NonNullable<
              DynamoDBRecord['dynamodb']
            >['StreamViewType'],
          }
        : {}),
    },
    eventSourceARN: streamArn,
  };
}

function readPositions(file: string): Positions {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Positions;
    return { ...(parsed.streamArn ? { streamArn: parsed.streamArn } : {}), shards: parsed.shards ?? {} };
  } catch {
    return { shards: {} };
  }
}

function writePositions(file: string, positions: Positions): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(positions, null, 2));
  renameSync(temporary, file);
}

/** Shards in the order their records must be read: a parent before its children. */
function readable(shards: readonly Shard[], positions: Positions): Shard[] {
  const known = new Set(shards.map((shard) => shard.ShardId));
  return shards.filter((shard) => {
    const id = shard.ShardId ?? '';
    if (positions.shards[id]?.done) return false;
    const parent = shard.ParentShardId;
    return !parent || !known.has(parent) || positions.shards[parent]?.done === true;
  });
}

function isTrimmed(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'TrimmedDataAccessException';
}

/** The record the compaction keeps in place of the last one handled (see `compact-dynamodb.ts`). */
function isCompactedStub(record: StreamRecord): boolean {
  return record.dynamodb?.Keys?.pk?.S === compactedStreamKey;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const client = { region: localRegion, credentials: localCredentials, endpoint: options.endpoint };
  const tables = new DynamoDBClient(client);
  const streams = new DynamoDBStreamsClient(client);
  const { trigger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  let positions = readPositions(options.positionsFile);
  const iterators = new Map<string, string>();
  /** Shards whose saved position lies before the oldest record they still hold. */
  const trimmed = new Set<string>();
  /** Attempts per failing record (by sequence number). */
  const attempts = new Map<string, number>();
  let stopping = false;
  let inFlight = 0;
  /** Passes begun so far; a waiter is answered by an idle pass begun after it asked. */
  let passes = 0;
  let waiters: { readonly after: number; readonly resolve: () => void }[] = [];

  async function streamArn(): Promise<string | undefined> {
    const table = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
    return table.Table?.StreamSpecification?.StreamEnabled ? table.Table.LatestStreamArn : undefined;
  }

  async function shardsOf(arn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  async function iteratorOf(arn: string, shardId: string): Promise<string | undefined> {
    const cached = iterators.get(shardId);
    if (cached) return cached;
    const after = trimmed.delete(shardId) ? undefined : positions.shards[shardId]?.after;
    try {
      const answer = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      return answer.ShardIterator;
    } catch (error) {
      if (!after || !isTrimmed(error)) throw error;
      trimmed.add(shardId);
      return iteratorOf(arn, shardId);
    }
  }

  function save(shardId: string, position: { after?: string; done?: true }): void {
    positions.shards[shardId] = { ...positions.shards[shardId], ...position };
    writePositions(options.positionsFile, positions);
  }

  /**
   * Invokes the handler with `records` (bisecting on a thrown error, as Lambda does); answers the
   * index of the first record failed, or -1 when all succeeded.
   */
  async function invoke(records: readonly DynamoDBRecord[]): Promise<number> {
    let response: DynamoDBBatchResponse | undefined;
    try {
      response = await options.handler({ Records: [...records] }, lambdaContext(options.spec));
    } catch (error) {
      options.onError?.(error);
      if (records.length === 1) return 0;
      const half = Math.ceil(records.length / 2);
      const first = await invoke(records.slice(0, half));
      if (first !== -1) return first;
      const second = await invoke(records.slice(half));
      return second === -1 ? -1 : half + second;
    }
    const failures = response?.batchItemFailures ?? [];
    if (failures.length === 0) return -1;
    const indexes = failures.map((failure) =>
      records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier),
    );
    // An identifier that names no record of the batch fails the whole batch, as in Lambda.
    return indexes.includes(-1) ? 0 : Math.min(...indexes);
  }

  /** Reads one batch of a shard and handles it; answers whether there was anything new. */
  async function pollShard(arn: string, shardId: string): Promise<boolean> {
    const iterator = await iteratorOf(arn, shardId);
    if (!iterator) {
      save(shardId, { done: true });
      return false;
    }
    let answer: GetRecordsCommandOutput;
    try {
      answer = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: trigger.batchSize }),
      );
    } catch (error) {
      // An expired or trimmed iterator: a new one from the saved position next time.
      iterators.delete(shardId);
      // Trimmed: the records up to the saved position (and maybe some after it) are gone, expired or
      // dropped by the compaction at the last stop once handled (compact-dynamodb.ts). What the
      // shard still holds comes after the position: read it from the shard's start next time;
      // records at or before the saved position are skipped below all the same.
      if (!isTrimmed(error)) throw error;
      trimmed.add(shardId);
      return true;
    }
    const fetched = answer.Records ?? [];
    if (answer.NextShardIterator) iterators.set(shardId, answer.NextShardIterator);
    else iterators.delete(shardId);
    if (fetched.length === 0) {
      if (!answer.NextShardIterator) save(shardId, { done: true });
      return false;
    }
    const handledUpTo = positions.shards[shardId]?.after;
    const passing = fetched.filter(
      (record) =>
        passesFilters(record.dynamodb?.Keys, trigger.filters) &&
        !isCompactedStub(record) &&
        !(handledUpTo && BigInt(record.dynamodb?.SequenceNumber ?? '0') <= BigInt(handledUpTo)),
    );
    const records = passing.map((record) => lambdaStreamRecord(record, arn));
    inFlight += records.length;
    let failedAt: number;
    try {
      failedAt = records.length > 0 ? await invoke(records) : -1;
    } finally {
      inFlight -= records.length;
    }
    if (failedAt === -1) {
      save(shardId, {
        after: fetched.at(-1)?.dynamodb?.SequenceNumber,
        ...(answer.NextShardIterator ? {} : { done: true }),
      });
      return true;
    }
    // Everything before the failed record is handled; it comes again from there.
    const failed = passing[failedAt] as StreamRecord;
    const failedSequence = failed.dynamodb?.SequenceNumber ?? '';
    const before = fetched[fetched.indexOf(failed) - 1]?.dynamodb?.SequenceNumber;
    if (before) save(shardId, { after: before });
    iterators.delete(shardId);
    const attempt = (attempts.get(failedSequence) ?? 0) + 1;
    attempts.set(failedSequence, attempt);
    const created = failed.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now();
    const tooOld = Date.now() - created > trigger.maxRecordAgeSeconds * 1000;
    if (attempt > trigger.retryAttempts || tooOld) {
      giveUp(arn, shardId, failed, attempt, tooOld);
      attempts.delete(failedSequence);
      save(shardId, { after: failedSequence });
    } else {
      await sleep(retryDelayMs);
    }
    return true;
  }

  /** Keeps the failed record's position as Lambda's on-failure destination gets it. */
  function giveUp(arn: string, shardId: string, record: StreamRecord, attempt: number, tooOld: boolean) {
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    const folder = join(options.failureFolder, options.spec.name);
    mkdirSync(folder, { recursive: true });
    const at = record.dynamodb?.ApproximateCreationDateTime?.toISOString() ?? new Date().toISOString();
    writeFileSync(
      join(folder, `${shardId}-${sequence}.json`),
      JSON.stringify(
        {
          requestContext: {
            condition: tooOld ? 'RecordAgeExceeded' : 'RetryAttemptsExhausted',
            approximateInvokeCount: attempt,
            functionArn: lambdaContext(options.spec).invokedFunctionArn,
          },
          DDBStreamBatchInfo: {
            shardId,
            startSequenceNumber: sequence,
            endSequenceNumber: sequence,
            approximateArrivalOfFirstRecord: at,
            approximateArrivalOfLastRecord: at,
            batchSize: 1,
            streamArn: arn,
          },
        },
        null,
        2,
      ),
    );
    options.log?.(
      `${options.spec.name}: gave up on a ${options.tableName} stream record after ${attempt} attempt(s); its position is in ${folder}`,
    );
  }

  /** One pass over every readable shard; answers whether anything new was handled. */
  async function pass(): Promise<boolean> {
    const arn = await streamArn();
    if (!arn) return false;
    if (positions.streamArn !== arn) {
      // A new stream (the table or its stream made anew): its records are all new.
      positions = { streamArn: arn, shards: {} };
      iterators.clear();
      writePositions(options.positionsFile, positions);
    }
    const shards = await shardsOf(arn);
    // Shards trimmed from the stream are forgotten.
    const present = new Set(shards.map((shard) => shard.ShardId));
    for (const id of Object.keys(positions.shards)) if (!present.has(id)) delete positions.shards[id];
    let handled = false;
    for (const shard of readable(shards, positions)) {
      if (stopping) break;
      if (await pollShard(arn, shard.ShardId ?? '')) handled = true;
    }
    return handled;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      passes += 1;
      const current = passes;
      let handled = false;
      let failed = false;
      try {
        handled = await pass();
      } catch (error) {
        if (stopping) return;
        failed = true;
        options.onError?.(error);
      }
      if (!handled && !failed) {
        for (const waiter of waiters.filter((candidate) => current > candidate.after)) waiter.resolve();
        waiters = waiters.filter((candidate) => current <= candidate.after);
      }
      if (!handled) await sleep(failed ? Math.max(pollIntervalMs, 500) : pollIntervalMs);
    }
  }

  const running = loop();
  return {
    tableName: options.tableName,
    positionsFile: options.positionsFile,
    inFlight: () => inFlight,
    caughtUp: () =>
      new Promise<void>((resolve) => {
        if (stopping) resolve();
        else waiters.push({ after: passes, resolve });
      }),
    async stop() {
      stopping = true;
      await running;
      for (const waiter of waiters) waiter.resolve();
      waiters = [];
      tables.destroy();
      streams.destroy();
    },
  };
}
