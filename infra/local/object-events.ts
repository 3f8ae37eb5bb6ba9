/**
 * S3 event notifications in the sandbox: fauxqs has none, so the bucket's front reports each
 * object it stored (`infra/local/local-bucket.ts`) and this invokes the functions whose
 * `object-created` trigger matches the key, with the event S3 would send — asynchronously, retried
 * twice on failure like an asynchronous Lambda invocation, then kept as the cloud's on-failure
 * queue would keep it (one file per event under `failed-invocations/<function>/`).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import type { FunctionSpec } from '../inventory.ts';
import { localRegion } from './emulators.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';

export interface ObjectCreated {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
}

export interface ObjectCreatedFunction {
  readonly spec: FunctionSpec;
  /** The key prefix the function is notified of (`scans/`). */
  readonly prefix: string;
  readonly handler: LambdaHandler<S3Event, unknown>;
}

export interface ObjectEvents {
  /** Reports a stored object; matching functions run in the background. */
  created(object: ObjectCreated): void;
  /** Invocations not finished yet (with their retries). */
  inFlight(): number;
  /** Waits for every invocation started so far. */
  settle(): Promise<void>;
}

export function startObjectEvents(options: {
  functions: readonly ObjectCreatedFunction[];
  failureFolder: string;
  /** Delay before each retry, in ms (1 s and 2 s by default, Lambda waits a minute or two). */
  retryDelaysMs?: readonly number[];
  log?: (line: string) => void;
  onError?: (error: unknown) => void;
}): ObjectEvents {
  const pending = new Set<Promise<void>>();
  const delays = options.retryDelaysMs ?? [1000, 2000];

  async function invoke(target: ObjectCreatedFunction, event: S3Event, requestId: string): Promise<void> {
    let last: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      try {
        await target.handler(event, lambdaContext(target.spec, requestId));
        return;
      } catch (error) {
        last = error;
        options.onError?.(error);
        const delay = delays[attempt];
        if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    try {
      const folder = join(options.failureFolder, target.spec.name);
      await mkdir(folder, { recursive: true });
      await writeFile(
        join(folder, `${requestId}.json`),
        JSON.stringify(
          {
            requestPayload: event,
            responseContext: { condition: 'RetriesExhausted', approximateInvokeCount: delays.length + 1 },
            responsePayload: { errorType: last instanceof Error ? last.name : typeof last },
          },
          null,
          2,
        ),
      );
      options.log?.(`${target.spec.name} failed ${delays.length + 1} times; event kept in ${folder}`);
    } catch (error) {
      options.onError?.(error);
    }
  }

  return {
    created(object) {
      for (const target of options.functions) {
        if (!object.key.startsWith(target.prefix)) continue;
        const requestId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
        const run = invoke(target, s3Event(object, requestId), requestId);
        pending.add(run);
        void run.finally(() => pending.delete(run));
      }
    },
    inFlight: () => pending.size,
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** The event S3 sends a function for one new object (`s3:ObjectCreated:Put`). */
export function s3Event(object: ObjectCreated, requestId: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: localRegion,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:LOCAL' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'courtdesk-local',
          bucket: {
            name: object.bucket,
            ownerIdentity: { principalId: 'LOCAL' },
            arn: `arn:aws:s3:::${object.bucket}`,
          },
          object: {
            // As S3 sends it: URL-encoded, spaces as '+'.
            key: encodeURIComponent(object.key).replaceAll('%2F', '/').replaceAll('%20', '+'),
            size: object.size,
            eTag: object.etag,
            sequencer: Date.now().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}
