/**
 * S3 in the sandbox: fauxqs's S3 (same endpoint as its SQS) holds the objects the functions
 * read and write through the SDK, and a folder under the data directory keeps them across
 * restarts: raw mail is written there before it is accepted, every object is saved at stop, and
 * everything found there is uploaded again at start.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { localCredentials, localRegion } from './emulators.ts';

export interface LocalBucket {
  readonly name: string;
  readonly endpoint: string;
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
}): Promise<LocalBucket> {
  // The functions use virtual-hosted style (`<bucket>.s3.localhost`, resolved to loopback while
  // fauxqs runs), as in the cloud; this client uses path style on the plain address.
  const endpoint = `http://s3.localhost:${options.port}`;
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

  // Restore what an earlier run kept.
  for (const file of walk(root)) await upload(relative(root, file).split(sep).join('/'), readFileSync(file));

  return {
    name: options.name,
    endpoint,
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
    destroy: () => client.destroy(),
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
