/**
 * The analysts' export over AWS: DynamoDB's ExportTableToPointInTime of the tickets table into the
 * analytics bucket (`exports/`, SSE-KMS with the bucket's key, DynamoDB JSON), the exported items
 * read back from the export's manifest, and the rows and the state written as objects
 * (`tickets/day=<YYYY-MM-DD>/<name>.json.gz`, gzipped JSON lines; `state/export.json`).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DescribeExportCommand,
  type DynamoDBClient,
  ExportTableToPointInTimeCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AnalyticsRow } from '../../domain/analytics-row.ts';
import type {
  AnalyticsExportState,
  AnalyticsStore,
  ExportedChange,
  ExportRequest,
  TableExports,
} from '../../ports/analytics-export.ts';

/** The analytics bucket's prefixes. */
export const analyticsPrefixes = {
  /** DynamoDB's raw exports: the whole items, personal data included. Analysts never read here. */
  exports: 'exports/',
  /** The rows without personal data: what the Glue table reads. */
  rows: 'tickets/',
  /** Athena's query results (the workgroup's output location). */
  results: 'results/',
  /** The export's state. */
  state: 'state/',
} as const;

export interface AwsAnalyticsSettings {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly tableArn: string;
  readonly bucket: string;
  /** The bucket's KMS key (ARN), which the exports are encrypted with. */
  readonly keyArn: string;
}

type AttributeValue = Record<string, unknown>;

/** A DynamoDB JSON value as a plain one (binary values left out: tickets keep none). */
function plain(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('SS' in value) return value.SS;
  if ('NS' in value) return (value.NS as string[]).map(Number);
  if ('L' in value) return (value.L as AttributeValue[]).map(plain);
  if ('M' in value) return plainItem(value.M as Record<string, AttributeValue>);
  return undefined;
}

export function plainItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, plain(value)]));
}

/**
 * One line of an export's data file: `{"Item": …}` in a full export, `{"Metadata":
 * {"WriteTimestampMicros": …}, "Keys": …, "NewImage"?: …}` in an incremental one.
 */
export function exportedChange(line: string, exportTime: string): ExportedChange {
  const parsed = JSON.parse(line) as {
    Item?: Record<string, AttributeValue>;
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    Metadata?: { WriteTimestampMicros?: { N?: string } };
  };
  const micros = parsed.Metadata?.WriteTimestampMicros?.N;
  const writtenAt = micros ? new Date(Number(BigInt(micros) / 1000n)).toISOString() : exportTime;
  if (parsed.Item) {
    const item = plainItem(parsed.Item);
    return { keys: { pk: item.pk, sk: item.sk }, image: item, writtenAt };
  }
  return {
    keys: plainItem(parsed.Keys ?? {}),
    ...(parsed.NewImage ? { image: plainItem(parsed.NewImage) } : {}),
    writtenAt,
  };
}

export class AwsTableExports implements TableExports {
  readonly #settings: AwsAnalyticsSettings;

  constructor(settings: AwsAnalyticsSettings) {
    this.#settings = settings;
  }

  async start(request: ExportRequest): Promise<string> {
    const { dynamodb, tableArn, bucket, keyArn } = this.#settings;
    const answer = await dynamodb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: tableArn,
        S3Bucket: bucket,
        S3Prefix: analyticsPrefixes.exports.slice(0, -1),
        S3SseAlgorithm: 'KMS',
        S3SseKmsKeyId: keyArn,
        ExportFormat: 'DYNAMODB_JSON',
        // The same request twice (a run retried) starts one export.
        ClientToken: createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 36),
        ...(request.kind === 'full'
          ? { ExportType: 'FULL_EXPORT', ExportTime: new Date(request.at) }
          : {
              ExportType: 'INCREMENTAL_EXPORT',
              IncrementalExportSpecification: {
                ExportFromTime: new Date(request.from),
                ExportToTime: new Date(request.to),
                ExportViewType: 'NEW_IMAGE',
              },
            }),
      }),
    );
    const id = answer.ExportDescription?.ExportArn;
    if (!id) throw new Error('ExportTableToPointInTime answered no export ARN');
    return id;
  }

  async status(id: string): Promise<'in-progress' | 'completed' | 'failed'> {
    const answer = await this.#settings.dynamodb.send(new DescribeExportCommand({ ExportArn: id }));
    const status = answer.ExportDescription?.ExportStatus;
    return status === 'COMPLETED' ? 'completed' : status === 'FAILED' ? 'failed' : 'in-progress';
  }

  async *changes(id: string): AsyncIterable<ExportedChange> {
    const description = (await this.#settings.dynamodb.send(new DescribeExportCommand({ ExportArn: id })))
      .ExportDescription;
    const summaryKey = description?.ExportManifest;
    if (!summaryKey) throw new Error(`Export ${id} has no manifest`);
    const exportTime = (description.ExportTime ?? description.EndTime ?? new Date()).toISOString();
    // manifest-files.json, beside the summary: one JSON line per data file.
    const filesKey = summaryKey.replace(/manifest-summary\.json$/, 'manifest-files.json');
    const files = (await this.#text(filesKey))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { dataFileS3Key: string }).dataFileS3Key);
    for (const file of files) {
      const lines = gunzipSync(await this.#bytes(file))
        .toString('utf8')
        .split('\n');
      for (const line of lines) if (line.trim() !== '') yield exportedChange(line, exportTime);
    }
  }

  async #bytes(key: string): Promise<Uint8Array> {
    const answer = await this.#settings.s3.send(
      new GetObjectCommand({ Bucket: this.#settings.bucket, Key: key }),
    );
    if (!answer.Body) throw new Error(`No object ${key}`);
    return answer.Body.transformToByteArray();
  }

  async #text(key: string): Promise<string> {
    return Buffer.from(await this.#bytes(key)).toString('utf8');
  }
}

export class S3AnalyticsStore implements AnalyticsStore {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #stateKey = `${analyticsPrefixes.state}export.json`;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async readState(): Promise<AnalyticsExportState> {
    try {
      const answer = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#stateKey }));
      return JSON.parse((await answer.Body?.transformToString()) ?? '{}') as AnalyticsExportState;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return {};
      throw error;
    }
  }

  async writeState(state: AnalyticsExportState): Promise<void> {
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#stateKey,
        Body: JSON.stringify(state),
        ContentType: 'application/json',
      }),
    );
  }

  async writeRows(day: string, name: string, rows: readonly AnalyticsRow[]): Promise<void> {
    const body = gzipSync(rows.map((row) => JSON.stringify(row)).join('\n'));
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: `${analyticsPrefixes.rows}day=${day}/${name}.json.gz`,
        Body: body,
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
      }),
    );
  }
}
