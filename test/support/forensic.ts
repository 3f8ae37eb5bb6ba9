/**
 * The forensic scanner: finds every occurrence of a data subject's personal data in a running
 * sandbox — every item of every table and of each of its indexes, the tables' streams, every
 * object (and version, where the emulator keeps versions) of every bucket, every message of every
 * queue and dead-letter queue (read through fauxqs's inspection endpoint, so nothing is received
 * or consumed), every file of the data folder (binary too: DynamoDB Local's SQLite file, saved
 * queues, the buckets' folders) and the logs the caller captured. The SES emulator's mailbox
 * (`mailbox.json` and its store) is left out: it stands for the client's own inbox.
 *
 * A needle is searched case-insensitively as text (UTF-8 and UTF-16LE, so binary files count),
 * in base64 at all three alignments (MIME bodies, attachments, encoded words; line breaks
 * ignored) and in quoted-printable and RFC 2047 Q forms (soft line breaks ignored); a phone
 * number by its national digits with any separators, so `+371 2612 3456`, `26123456` and
 * `0037126123456` all match.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type AttributeValue,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import {
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { extractText, getDocumentProxy } from 'unpdf';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import type { Sandbox } from '../../infra/local/sandbox.ts';

/** One piece of personal data to look for, named so that a finding says what leaked. */
export interface Needle {
  readonly label: string;
  readonly value: string;
  /** `phone`: matched by its national digits with any separators; `text`: every encoded form. */
  readonly kind: 'text' | 'phone';
}

export type FindingSource = 'table' | 'index' | 'stream' | 'bucket' | 'queue' | 'file' | 'logs';

export interface Finding {
  readonly source: FindingSource;
  /** Where: `tickets pk=… sk=…`, `courtdesk-mail/raw-mail/…`, `intake.fifo`, a data-folder path, … */
  readonly location: string;
  readonly needle: string;
  /** The form that matched: `text`, `utf16`, `base64`, `quoted-printable`, `digits`; `pdf …` in a PDF's text. */
  readonly form: string;
}

export interface ScanOptions {
  /** Log output captured while the sandbox ran (stdout/stderr of its process). */
  readonly logs?: string;
  /** Data-folder paths (relative) left out besides the SES mailbox. */
  readonly skipFiles?: readonly string[];
}

/** Files of the data folder that are the SES emulator's mailbox: the client's own inbox. */
const mailboxFiles = new Set(['mailbox.json']);

/** Every occurrence of the needles in the running sandbox, one finding per place and needle. */
export async function scanSandbox(
  sandbox: Pick<Sandbox, 'urls' | 'dataDir'>,
  needles: readonly Needle[],
  options: ScanOptions = {},
): Promise<Finding[]> {
  const { findings, report, done } = collector(needles);
  await scanTables(sandbox.urls.dynamodb, report);
  await scanBuckets(sandbox.urls.s3, report);
  await scanQueues(sandbox.urls.s3, report);
  scanFolder(sandbox.dataDir, options.skipFiles ?? [], report);
  if (options.logs) report('logs', 'captured output', options.logs);
  await done();
  return findings;
}

/**
 * Every occurrence of the needles in the files of a data folder, read as they lie on disk: scan it
 * after the sandbox has stopped, once what it keeps at stop is written (queues, buckets) and
 * DynamoDB Local's file is compacted.
 */
export async function scanDataFolder(
  dataDir: string,
  needles: readonly Needle[],
  options: Pick<ScanOptions, 'skipFiles'> = {},
): Promise<Finding[]> {
  const { findings, report, done } = collector(needles);
  scanFolder(dataDir, options.skipFiles ?? [], report);
  await done();
  return findings;
}

/** The findings, the function that reports a place's content, and one that awaits the PDFs' text. */
function collector(needles: readonly Needle[]) {
  const matcher = needleMatcher(needles);
  const findings: Finding[] = [];
  const pending: Promise<void>[] = [];
  const report = (source: FindingSource, location: string, content: Buffer | string) => {
    for (const hit of matcher(content)) findings.push({ source, location, ...hit });
    // A PDF's text sits in compressed streams and is drawn glyph by glyph: read it as text too.
    if (Buffer.isBuffer(content) && content.subarray(0, 5).toString('latin1') === '%PDF-')
      pending.push(
        pdfText(content).then((text) => {
          const known = new Set(findings.filter((f) => f.location === location).map((f) => f.needle));
          for (const hit of matcher(text))
            if (!known.has(hit.needle))
              findings.push({ source, location, needle: hit.needle, form: `pdf ${hit.form}` });
        }),
      );
  };
  return { findings, report, done: () => Promise.all(pending) };
}

/** A readable list of findings for an assertion message. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.source} ${f.location}: ${f.needle} (${f.form})`).join('\n');
}

type Report = (source: FindingSource, location: string, content: Buffer | string) => void;

async function scanTables(endpoint: string, report: Report): Promise<void> {
  const config = { endpoint, region: localRegion, credentials: localCredentials };
  const client = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  try {
    let start: string | undefined;
    const names: string[] = [];
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
    for (const table of names) {
      const description = (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
      const keys = (description?.KeySchema ?? []).map((key) => key.AttributeName ?? '');
      await scanItems(client, table, undefined, keys, report);
      const indexes = [
        ...(description?.GlobalSecondaryIndexes ?? []),
        ...(description?.LocalSecondaryIndexes ?? []),
      ];
      for (const index of indexes) await scanItems(client, table, index.IndexName, keys, report);
      if (description?.LatestStreamArn) await scanStream(streams, table, description.LatestStreamArn, report);
    }
  } finally {
    client.destroy();
    streams.destroy();
  }
}

async function scanItems(
  client: DynamoDBClient,
  table: string,
  index: string | undefined,
  keys: readonly string[],
  report: Report,
): Promise<void> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, IndexName: index, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      const where = keys.map((key) => `${key}=${plain(item[key])}`).join(' ');
      report(index ? 'index' : 'table', `${table}${index ? `/${index}` : ''} ${where}`, attributeBytes(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every record still readable from the stream's shards (DynamoDB keeps them 24 hours). */
async function scanStream(
  client: DynamoDBStreamsClient,
  table: string,
  streamArn: string,
  report: Report,
): Promise<void> {
  let shardStart: string | undefined;
  do {
    const stream = (
      await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: shardStart }),
      )
    ).StreamDescription;
    for (const shard of stream?.Shards ?? []) {
      let iterator = (
        await client.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      // An open shard answers a next iterator for ever: stop at the first empty page.
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          const images = [record.dynamodb?.NewImage, record.dynamodb?.OldImage, record.dynamodb?.Keys];
          report(
            'stream',
            `${table} ${record.eventName} #${record.dynamodb?.SequenceNumber}`,
            Buffer.concat(
              images.map((image) => attributeBytes((image ?? {}) as Record<string, AttributeValue>)),
            ),
          );
        }
        iterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
    shardStart = stream?.LastEvaluatedShardId;
  } while (shardStart);
}

function plain(value: AttributeValue | undefined): string {
  return value?.S ?? value?.N ?? (value?.B ? Buffer.from(value.B).toString('hex') : '');
}

/** An item's names and values as bytes (binary attributes as they are, not re-encoded). */
function attributeBytes(item: Record<string, AttributeValue>): Buffer {
  const parts: Buffer[] = [];
  const visit = (value: AttributeValue) => {
    if (value.S !== undefined) parts.push(Buffer.from(value.S));
    else if (value.N !== undefined) parts.push(Buffer.from(value.N));
    else if (value.B !== undefined) parts.push(Buffer.from(value.B));
    else if (value.SS) parts.push(Buffer.from(value.SS.join('\n')));
    else if (value.NS) parts.push(Buffer.from(value.NS.join('\n')));
    else if (value.BS) parts.push(...value.BS.map((bytes) => Buffer.from(bytes)));
    else if (value.L) value.L.forEach(visit);
    else if (value.M)
      for (const [name, inner] of Object.entries(value.M)) {
        parts.push(Buffer.from(name));
        visit(inner);
      }
    parts.push(Buffer.from('\n'));
  };
  for (const [name, value] of Object.entries(item)) {
    parts.push(Buffer.from(`${name}\n`));
    visit(value);
  }
  return Buffer.concat(parts);
}

async function scanBuckets(endpoint: string, report: Report): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  try {
    const buckets = (await client.send(new ListBucketsCommand({}))).Buckets ?? [];
    for (const { Name: bucket } of buckets) {
      if (!bucket) continue;
      for (const { key, versionId } of await objectVersions(client, bucket)) {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
        );
        const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
        report('bucket', `${bucket}/${key}${versionId ? `?versionId=${versionId}` : ''}`, bytes);
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Every version of every object: ListObjectVersions where the store keeps versions (S3); fauxqs
 * answers it as not implemented and keeps one version only, so there the current objects are all.
 */
async function objectVersions(
  client: S3Client,
  bucket: string,
): Promise<{ key: string; versionId?: string }[]> {
  const found: { key: string; versionId?: string }[] = [];
  try {
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await client.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          KeyMarker: keyMarker,
          VersionIdMarker: versionMarker,
        }),
      );
      for (const version of page.Versions ?? [])
        if (version.Key)
          found.push({ key: version.Key, ...(version.VersionId ? { versionId: version.VersionId } : {}) });
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    if (found.length) return found;
  } catch {
    // Not supported by the emulator: fall through to the current objects.
  }
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) found.push({ key: object.Key });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** Every message of every queue, ready, delayed or in flight, without receiving any. */
async function scanQueues(fauxqsOrigin: string, report: Report): Promise<void> {
  const list = (await (await fetch(`${fauxqsOrigin}/_fauxqs/queues`)).json()) as { name: string }[];
  for (const { name } of list) {
    const state = await (await fetch(`${fauxqsOrigin}/_fauxqs/queues/${encodeURIComponent(name)}`)).text();
    report('queue', name, state);
  }
}

function scanFolder(root: string, skip: readonly string[], report: Report): void {
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(root, path);
      if (mailboxFiles.has(name) || skip.includes(name)) continue;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() || statSync(path).isFile()) report('file', name, readFileSync(path));
    }
  };
  visit(root);
}

/** The text of a PDF, or nothing when it cannot be read (damaged, encrypted: its bytes were searched). */
async function pdfText(bytes: Buffer): Promise<string> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    return (await extractText(pdf, { mergePages: true })).text;
  } catch {
    return '';
  }
}

interface Form {
  readonly form: string;
  /** Searched in the lower-cased content (text forms) or the content as it is (base64). */
  readonly caseSensitive: boolean;
  readonly pattern: string | RegExp;
}

/** The function that lists which needles (and in which form) a piece of content holds. */
export function needleMatcher(
  needles: readonly Needle[],
): (content: Buffer | string) => { needle: string; form: string }[] {
  const prepared = needles.map((needle) => ({ label: needle.label, forms: formsOf(needle) }));
  return (content) => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    // latin1 maps each byte to one character, so any byte sequence (UTF-8, UTF-16) is searchable.
    const exact = bytes.toString('latin1');
    const folded = exact.toLowerCase();
    const unwrappedBase64 = exact.replace(/\r?\n/g, '');
    const unwrappedQuoted = folded.replace(/=\r?\n/g, '');
    const hits: { needle: string; form: string }[] = [];
    for (const { label, forms } of prepared) {
      const form = forms.find((candidate) => {
        const haystacks = candidate.caseSensitive ? [exact, unwrappedBase64] : [folded, unwrappedQuoted];
        return haystacks.some((haystack) =>
          typeof candidate.pattern === 'string'
            ? haystack.includes(candidate.pattern)
            : candidate.pattern.test(haystack),
        );
      });
      if (form) hits.push({ needle: label, form: form.form });
    }
    return hits;
  };
}

function formsOf(needle: Needle): Form[] {
  if (needle.kind === 'phone') {
    const digits = needle.value.replace(/\D/g, '');
    const national =
      digits.length > 8 && digits.startsWith('371') ? digits.slice(3) : digits.replace(/^00371/, '');
    // The national digits with up to two separators between any two (spaces, dashes, dots, brackets).
    const spaced = new RegExp(national.split('').join('[\\s\\-.()/]{0,2}'));
    return [
      { form: 'digits', caseSensitive: false, pattern: spaced },
      ...base64Forms(national).map((pattern) => ({ form: 'base64', caseSensitive: true, pattern })),
    ];
  }
  const variants = [...new Set([needle.value, needle.value.toLowerCase(), needle.value.toUpperCase()])];
  const folded = latin1(needle.value).toLowerCase();
  return [
    { form: 'text', caseSensitive: false, pattern: folded },
    {
      form: 'utf16',
      caseSensitive: false,
      pattern: Buffer.from(needle.value, 'utf16le').toString('latin1').toLowerCase(),
    },
    {
      form: 'quoted-printable',
      caseSensitive: false,
      pattern: quotedPrintable(needle.value, false).toLowerCase(),
    },
    { form: 'q-encoding', caseSensitive: false, pattern: quotedPrintable(needle.value, true).toLowerCase() },
    ...variants.flatMap((variant) =>
      base64Forms(variant).map((pattern) => ({ form: 'base64', caseSensitive: true, pattern })),
    ),
  ].filter((form) => typeof form.pattern !== 'string' || form.pattern.length > 0);
}

function latin1(text: string): string {
  return Buffer.from(text).toString('latin1');
}

/**
 * The base64 characters that depend on the needle's bytes alone, for each of the three positions
 * the needle can start at within a 3-byte group.
 */
export function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text);
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + bytes.length) * 8 - 6) / 6);
    if (last >= first) forms.push(encoded.slice(first, last + 1));
  }
  return forms;
}

/** Quoted-printable (RFC 2045) or, with `q`, the encoded-word Q form (RFC 2047: `_` for space). */
export function quotedPrintable(text: string, q: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text)) {
    const char = String.fromCharCode(byte);
    const literal = q ? /[A-Za-z0-9!*+\-/]/.test(char) : byte >= 33 && byte <= 126 && char !== '=';
    if (q && char === ' ') out += '_';
    else if (literal || (!q && char === ' ')) out += char;
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
