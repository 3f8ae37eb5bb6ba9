/**
 * S3 in the sandbox: fauxqs's S3 (same endpoint as its SQS) holds the objects the functions
 * read and write through the SDK, and a folder under the data directory keeps them across
 * restarts: raw mail is written there before it is accepted, every object is saved at stop, and
 * everything found there is uploaded again at start.
 *
 * fauxqs knows no CORS, and the admin page PUTs files with presigned URLs from another origin, so
 * the functions (and so the URLs they sign) reach it through a small front that answers CORS as
 * S3 does with the bucket's rules from the inventory, and passes every other request on as it is.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { BucketCorsRule } from '../inventory.ts';
import { localCredentials, localRegion } from './emulators.ts';
import type { ObjectCreated } from './object-events.ts';
import { isVersionListing, versionListing } from './version-listing.ts';

export interface LocalBucket {
  readonly name: string;
  /** The S3 endpoint for the SDK (`AWS_ENDPOINT_URL_S3`): the CORS front. */
  readonly endpoint: string;
  /** The bucket's own origin (virtual-hosted), as presigned URLs name it. */
  readonly origin: string;
  /** Writes the object to disk, then to the emulator. */
  put(key: string, content: Buffer): Promise<void>;
  /** Saves every object to disk (at stop). */
  save(): Promise<number>;
  destroy(): void;
}

export async function startLocalBucket(options: {
  name: string;
  /** fauxqs's port (S3 and SQS share it). */
  port: number;
  folder: string;
  /** The bucket's CORS rules (the inventory's). */
  cors?: readonly BucketCorsRule[];
  /**
   * Objects are never replaced (the audit digests): `save` writes only those not on disk yet,
   * rather than every object at every stop.
   */
  immutable?: boolean;
  /**
   * Called for each object stored in this bucket through the front (a presigned upload, a
   * function's PutObject), once it is on disk too: S3's event notifications.
   */
  onObjectCreated?: (object: ObjectCreated) => void;
  onError?: (error: unknown) => void;
}): Promise<LocalBucket> {
  // Objects stored or deleted through the front (a browser's upload, a function's call) are kept
  // on disk at once, not only at stop: an upload must survive a crash of the sandbox as in S3.
  const afterWrite = async (method: string, key: string) => {
    const file = fileOf(key);
    if (method === 'DELETE') {
      rmSync(file, { force: true });
      return;
    }
    const result = await client.send(new GetObjectCommand({ Bucket: options.name, Key: key }));
    const content = Buffer.from((await result.Body?.transformToByteArray()) ?? new Uint8Array());
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    options.onObjectCreated?.({
      bucket: options.name,
      key,
      size: content.length,
      etag: String(result.ETag ?? '').replaceAll('"', ''),
    });
  };
  const front = await startCorsFront(options.port, options.cors ?? [], {
    bucket: options.name,
    exists: async (key) => {
      try {
        await client.send(new HeadObjectCommand({ Bucket: options.name, Key: key }));
        return true;
      } catch {
        return false;
      }
    },
    afterWrite: (method, key) => {
      afterWrite(method, key).catch((error: unknown) => options.onError?.(error));
    },
    listVersions: (url) => versionListing(client, options.name, url),
  });
  // The functions use virtual-hosted style (`<bucket>.s3.localhost`, resolved to loopback while
  // fauxqs runs), as in the cloud; this client uses path style on the plain address.
  const endpoint = `http://s3.localhost:${front.port}`;
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${options.port}`,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  const root = resolve(options.folder);
  mkdirSync(root, { recursive: true });
  await client.send(new CreateBucketCommand({ Bucket: options.name }));

  const fileOf = (key: string) => {
    const file = resolve(join(root, key));
    if (!file.startsWith(root + sep)) throw new Error(`Unsafe object key: ${key}`);
    return file;
  };
  const upload = (key: string, content: Buffer) =>
    client.send(new PutObjectCommand({ Bucket: options.name, Key: key, Body: content }));

  // Restore what an earlier run kept, a few objects at a time.
  const files = [...walk(root)];
  for (let i = 0; i < files.length; i += 16)
    await Promise.all(
      files
        .slice(i, i + 16)
        .map((file) => upload(relative(root, file).split(sep).join('/'), readFileSync(file))),
    );

  return {
    name: options.name,
    endpoint,
    origin: `http://${options.name}.s3.localhost:${front.port}`,
    async put(key, content) {
      const file = fileOf(key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      await upload(key, content);
    },
    async save() {
      let count = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: options.name, ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          if (options.immutable && existsSync(fileOf(object.Key))) continue;
          const result = await client.send(new GetObjectCommand({ Bucket: options.name, Key: object.Key }));
          const file = fileOf(object.Key);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, Buffer.from((await result.Body?.transformToByteArray()) ?? new Uint8Array()));
          count += 1;
        }
        token = page.NextContinuationToken;
      } while (token);
      return count;
    },
    destroy: () => {
      client.destroy();
      front.close();
    },
  };
}

/** The rule of `rules` that allows `method` from `origin` with `headers`, as S3 picks it (the first). */
function matchingRule(
  rules: readonly BucketCorsRule[],
  origin: string,
  method: string,
  headers: readonly string[],
): BucketCorsRule | undefined {
  return rules.find(
    (rule) =>
      (rule.allowedMethods as readonly string[]).includes(method) &&
      (rule.allowedOrigins.includes('*') || rule.allowedOrigins.includes(origin)) &&
      headers.every((header) => rule.allowedHeaders.includes(header)),
  );
}

/**
 * The bucket and key a request names: virtual-hosted (`<bucket>.s3.localhost/<key>`) or path style
 * (`/<bucket>/<key>`); undefined for requests on no object (listings, bucket operations).
 */
export function objectOf(host: string, url: string): { bucket: string; key: string } | undefined {
  const path = new URL(url, 'http://localhost').pathname;
  const hosted = /^([a-z0-9.-]+)\.s3\.localhost(?::\d+)?$/i.exec(host);
  const [bucket, ...rest] = hosted ? [hosted[1] ?? '', path.slice(1)] : path.slice(1).split('/');
  const key = decodeURIComponent(hosted ? (rest[0] ?? '') : rest.join('/'));
  return bucket && key ? { bucket, key } : undefined;
}

/** `objectOf` of a request; undefined for a name that cannot be decoded (fauxqs answers it). */
function safeObjectOf(request: IncomingMessage): { bucket: string; key: string } | undefined {
  try {
    return objectOf(String(request.headers.host ?? ''), request.url ?? '/');
  } catch {
    return undefined;
  }
}

/** Forwards requests to fauxqs and answers CORS by `rules`, as S3 does. */
async function startCorsFront(
  upstreamPort: number,
  rules: readonly BucketCorsRule[],
  watch?: {
    bucket: string;
    afterWrite: (method: 'PUT' | 'DELETE', key: string) => void;
    /** Whether the bucket holds `key`: a PUT with `If-None-Match: *` over it fails, as in S3. */
    exists: (key: string) => Promise<boolean>;
    /** ListObjectVersions, which fauxqs lacks (`version-listing.ts`). */
    listVersions?: (url: string) => Promise<string>;
  },
): Promise<{ port: number; close(): void }> {
  // Connections to fauxqs are kept and reused: a new one per object would cost more than the copy.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  // fauxqs knows no checksums: a PUT's `x-amz-checksum-sha256` is checked here (400 BadDigest for
  // other bytes, as S3 answers) and kept, and a HEAD or GET with `x-amz-checksum-mode: ENABLED`
  // gets it back; an object stored again without one has none (until the sandbox restarts).
  const checksums = new Map<string, string>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const listVersions = watch?.listVersions;
    if (
      watch &&
      listVersions &&
      isVersionListing(request.method, String(request.headers.host ?? ''), request.url ?? '/', watch.bucket)
    ) {
      request.resume();
      listVersions(request.url ?? '/').then(
        (xml) => {
          response.writeHead(200, { 'content-type': 'application/xml' });
          response.end(xml);
        },
        () => {
          response.writeHead(500);
          response.end();
        },
      );
      return;
    }
    // fauxqs ignores conditional writes: S3's `If-None-Match: *` is answered here (412 over an object).
    const target =
      watch && request.method === 'PUT' && request.headers['if-none-match'] === '*'
        ? safeObjectOf(request)
        : undefined;
    if (watch && target?.bucket === watch.bucket) {
      watch.exists(target.key).then(
        (exists) => {
          if (!exists) return forward(request, response);
          request.resume();
          response.writeHead(412, {
            'content-type': 'application/xml',
            ...(request.headers.origin ? { 'access-control-allow-origin': '*' } : {}),
          });
          response.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>',
          );
        },
        () => forward(request, response),
      );
      return;
    }
    forward(request, response);
  });

  function forward(request: IncomingMessage, response: ServerResponse): void {
    const claimed = request.headers['x-amz-checksum-sha256'];
    const isPart = /[?&](partNumber|uploadId)=/.test(request.url ?? '');
    if (watch && request.method === 'PUT' && typeof claimed === 'string' && !isPart) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        if (createHash('sha256').update(body).digest('base64') !== claimed) {
          response.writeHead(400, {
            'content-type': 'application/xml',
            ...(request.headers.origin ? { 'access-control-allow-origin': '*' } : {}),
          });
          response.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum.</Message></Error>',
          );
          return;
        }
        send(request, response, body);
      });
      return;
    }
    send(request, response);
  }

  /** Passes the request on to fauxqs (its body, or `body` when it was read already). */
  function send(request: IncomingMessage, response: ServerResponse, body?: Buffer): void {
    const origin = request.headers.origin;
    const isPart = /[?&](partNumber|uploadId)=/.test(request.url ?? '');
    if (request.method === 'OPTIONS' && origin) {
      const method = String(request.headers['access-control-request-method'] ?? '');
      const asked = String(request.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((header) => header.trim().toLowerCase())
        .filter(Boolean);
      const rule = matchingRule(rules, origin, method, asked);
      if (!rule) {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>',
        );
        return;
      }
      response.writeHead(200, {
        'access-control-allow-origin': rule.allowedOrigins.includes('*') ? '*' : origin,
        'access-control-allow-methods': rule.allowedMethods.join(', '),
        ...(asked.length ? { 'access-control-allow-headers': asked.join(', ') } : {}),
        'access-control-max-age': String(rule.maxAgeSeconds),
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      });
      response.end();
      return;
    }
    const rule = origin ? matchingRule(rules, origin, request.method ?? '', []) : undefined;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        const method = request.method;
        const target =
          watch && (method === 'PUT' || method === 'DELETE') && status >= 200 && status < 300
            ? safeObjectOf(request)
            : undefined;
        // A multipart upload's part (`?partNumber=`) is not an object yet; copies are not used here.
        if (watch && target?.bucket === watch.bucket && !isPart) {
          const claimed = request.headers['x-amz-checksum-sha256'];
          if (method === 'PUT' && typeof claimed === 'string') checksums.set(target.key, claimed);
          else checksums.delete(target.key);
          answer.on('end', () => watch.afterWrite(method as 'PUT' | 'DELETE', target.key));
        }
        const read =
          watch &&
          (method === 'HEAD' || method === 'GET') &&
          status === 200 &&
          String(request.headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED'
            ? safeObjectOf(request)
            : undefined;
        const kept = read?.bucket === watch?.bucket && read ? checksums.get(read.key) : undefined;
        response.writeHead(status, {
          ...answer.headers,
          ...(kept ? { 'x-amz-checksum-sha256': kept, 'x-amz-checksum-type': 'FULL_OBJECT' } : {}),
          ...(rule && origin
            ? {
                'access-control-allow-origin': rule.allowedOrigins.includes('*') ? '*' : origin,
                vary: 'Origin',
              }
            : {}),
        });
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    if (body) upstream.end(body);
    else request.pipe(upstream);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.close();
      server.closeAllConnections();
      agent.destroy();
    },
  };
}

function* walk(folder: string): Generator<string> {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
