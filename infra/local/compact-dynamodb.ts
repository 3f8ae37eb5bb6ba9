/**
 * Compacts DynamoDB Local's file (SQLite) once the sandbox has stopped, so that the data folder
 * keeps no trace of what was deleted: SQLite leaves a deleted row's bytes in free pages, and
 * DynamoDB Local keeps every stream record (table `us`, with the change's old and new images) for
 * good. In AWS a stream record expires after 24 hours; here it is dropped once every poller that
 * follows its stream has handled it (and at once when nothing follows its stream), then VACUUM
 * rewrites every page. Transactions' idempotency tokens are dropped once past DynamoDB's 10 minutes.
 *
 * DynamoDB Local numbers the next stream record from the highest sequence number in `us`: the last
 * record is therefore kept, its images and keys replaced by a stub (`compactedStreamKey`), so that
 * numbering goes on after a restart and the pollers' saved positions stay valid.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type Database } from 'sql.js';

/** DynamoDB Local's file with `-sharedDb`. */
export const dynamoDbFileName = 'shared-local-instance.db';

/** The key both of the stub record's keys carry: no stream filter matches it, no poller hands it on. */
export const compactedStreamKey = 'STREAM#COMPACTED';

/** How long a TransactWriteItems client request token is honoured. */
const transactionTokenMs = 10 * 60 * 1000;

/** A stream poller's saved positions (see `stream-poller.ts`). */
interface SavedPositions {
  readonly streamArn?: string;
  readonly shards?: Record<string, { after?: string; done?: true }>;
}

export interface StreamFollower {
  /** The table whose stream it follows. */
  readonly tableName: string;
  /** Where it keeps its positions (JSON). */
  readonly positionsFile: string;
}

export interface CompactionResult {
  /** Stream records dropped (handled by every follower of their stream, or followed by none). */
  readonly droppedStreamRecords: number;
  /** Stream records kept: not yet handled by every follower. */
  readonly keptStreamRecords: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/**
 * Compacts `<folder>/shared-local-instance.db`. Call it only with DynamoDB Local stopped; answers
 * undefined (and changes nothing) when there is no file, or when SQLite's rollback journal shows
 * that DynamoDB Local did not stop cleanly (the file alone is then not the database).
 */
export async function compactDynamoDb(
  folder: string,
  followers: readonly StreamFollower[],
  now: Date = new Date(),
): Promise<CompactionResult | undefined> {
  const file = join(folder, dynamoDbFileName);
  if (!existsSync(file)) return undefined;
  if (existsSync(`${file}-journal`) || existsSync(`${file}-wal`)) return undefined;
  const bytes = readFileSync(file);
  const SQL = await initSqlJs();
  const database = new SQL.Database(bytes);
  try {
    const dropped = dropHandledStreamRecords(database, followers);
    // TransactWriteItems' idempotency tokens, each with a hash of its request (table `tr`): DynamoDB
    // honours a token for 10 minutes, DynamoDB Local keeps it for good.
    if (hasTable(database, 'tr'))
      database.run('DELETE FROM tr WHERE CreationDateTime < ?', [now.getTime() - transactionTokenMs]);
    database.run('VACUUM');
    const compacted = database.export();
    const temporary = `${file}.compacting`;
    writeFileSync(temporary, compacted);
    renameSync(temporary, file);
    const kept = hasTable(database, 'us')
      ? Number(rows(database, 'SELECT COUNT(*) FROM us')[0]?.[0] ?? 0)
      : 0;
    return {
      droppedStreamRecords: dropped,
      keptStreamRecords: kept,
      bytesBefore: bytes.length,
      bytesAfter: compacted.length,
    };
  } finally {
    database.close();
  }
}

/** A stream's record (`us` row) as the compaction reads it. */
interface StreamRow {
  readonly streamId: string;
  readonly shardId: string;
  readonly sequence: bigint;
}

function dropHandledStreamRecords(database: Database, followers: readonly StreamFollower[]): number {
  if (!hasTable(database, 'us') || !hasTable(database, 'sm')) return 0;
  const tableOf = new Map<string, string>();
  for (const [streamId, tableName] of rows(database, 'SELECT StreamID, TableName FROM sm'))
    tableOf.set(String(streamId), String(tableName));
  const records: StreamRow[] = rows(
    database,
    'SELECT StreamID, ShardID, CAST(SequenceNumber AS TEXT) FROM us',
  ).map(([streamId, shardId, sequence]) => ({
    streamId: String(streamId),
    shardId: String(shardId),
    sequence: BigInt(String(sequence)),
  }));
  if (records.length === 0) return 0;
  const saved = followers.map((follower) => ({
    tableName: follower.tableName,
    positions: readPositions(follower.positionsFile),
  }));
  const handled = (record: StreamRow): boolean => {
    const table = tableOf.get(record.streamId);
    const following = saved.filter((follower) => follower.tableName === table);
    // A stream nothing follows (a table without a trigger, or an earlier stream of the table): no
    // one will read it.
    return following.every(({ positions }) => handledBy(positions, record));
  };
  const last = records.reduce((highest, record) => (record.sequence > highest.sequence ? record : highest));
  const drop = records.filter((record) => record !== last && handled(record));
  for (const record of drop)
    database.run('DELETE FROM us WHERE SequenceNumber = ?', [record.sequence.toString()]);
  if (!handled(last)) return drop.length;
  database.run('UPDATE us SET StreamRecord = ? WHERE SequenceNumber = ?', [
    stubRecord(database, last),
    last.sequence.toString(),
  ]);
  return drop.length + 1;
}

/** Whether a follower's saved positions are at or past `record` (same stream, same shard). */
function handledBy(positions: SavedPositions | undefined, record: StreamRow): boolean {
  // Positions of another stream (or none): the follower starts this stream from its beginning.
  if (!positions || positions.streamArn !== record.streamId) return false;
  const shard = positions.shards?.[record.shardId];
  if (shard?.done) return true;
  return shard?.after !== undefined && BigInt(shard.after) >= record.sequence;
}

/** The last record with no image and no key of the item: only its place in the numbering is kept. */
function stubRecord(database: Database, record: StreamRow): Uint8Array {
  const [stored] = rows(database, 'SELECT StreamRecord FROM us WHERE SequenceNumber = ?', [
    record.sequence.toString(),
  ]);
  const original = parsed(Buffer.from((stored?.[0] as Uint8Array | undefined) ?? []).toString('utf8'));
  const stub = {
    EventID: original.EventID ?? randomUUID(),
    version: original.version ?? '1.1',
    Dynamodb: {
      Keys: { pk: { S: compactedStreamKey }, sk: { S: compactedStreamKey } },
      SizeBytes: 0,
      StreamViewType: original.Dynamodb?.StreamViewType ?? 'KEYS_ONLY',
    },
  };
  return new TextEncoder().encode(JSON.stringify(stub));
}

/** The parts of a stored record the stub keeps; none of an unreadable one. */
function parsed(json: string): {
  EventID?: string;
  version?: string;
  Dynamodb?: { StreamViewType?: string };
} {
  try {
    return JSON.parse(json) ?? {};
  } catch {
    return {};
  }
}

/** Whether this DynamoDB Local's file has one of its own tables (older versions have fewer). */
function hasTable(database: Database, name: string): boolean {
  return rows(database, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).length > 0;
}

function rows(database: Database, sql: string, parameters: (string | number)[] = []): unknown[][] {
  const statement = database.prepare(sql, parameters);
  const result: unknown[][] = [];
  try {
    while (statement.step()) result.push(statement.get());
  } finally {
    statement.free();
  }
  return result;
}

function readPositions(file: string): SavedPositions | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SavedPositions;
  } catch {
    return undefined;
  }
}
