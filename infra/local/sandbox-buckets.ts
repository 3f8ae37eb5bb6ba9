/**
 * The sandbox's buckets, on fauxqs's S3: the mail bucket with its object-created events (scans →
 * ingest-postal), the audit digests, and the help pages with the site that serves them as
 * CloudFront does. The mail and digest buckets are kept under the data folder; the help pages are
 * derived from the knowledge table, so publish-help renders them again soon after each start.
 */
import { join } from 'node:path';
import { bucketSpec } from '../inventory.ts';
import { type LocalHelpSite, localHelpSite } from './help-site.ts';
import { type LocalBucket, startLocalBucket } from './local-bucket.ts';
import { type ObjectCreatedFunction, type ObjectEvents, startObjectEvents } from './object-events.ts';

export interface SandboxBuckets {
  readonly mailBucket: LocalBucket;
  readonly digestBucket: LocalBucket;
  readonly helpBucket: LocalBucket;
  readonly helpSite: LocalHelpSite;
  readonly objectEvents: ObjectEvents;
  /**
   * The functions the mail bucket's object-created events go to, added once their handlers are
   * loaded: objects arrive through the gateway's signed URLs, which exist only once it has started.
   */
  readonly objectFunctions: ObjectCreatedFunction[];
  /** Writes the kept buckets' objects to the data folder. */
  save(): Promise<void>;
  /** Closes the buckets and the help site. */
  destroy(): void;
}

export async function startSandboxBuckets(options: {
  readonly dataDir: string;
  /** fauxqs's port, which serves S3 as well as SQS. */
  readonly s3Port: number;
  readonly log: (line: string) => void;
  readonly onError: (error: unknown) => void;
}): Promise<SandboxBuckets> {
  const { dataDir, s3Port: port, log, onError } = options;
  const objectFunctions: ObjectCreatedFunction[] = [];
  const objectEvents = startObjectEvents({
    functions: objectFunctions,
    failureFolder: join(dataDir, 'failed-invocations'),
    log,
    onError,
  });
  const mailBucket = await startLocalBucket({
    name: 'courtdesk-mail',
    port,
    folder: join(dataDir, 's3', 'courtdesk-mail'),
    cors: bucketSpec('mail').cors ?? [],
    onObjectCreated: (object) => objectEvents.created(object),
    onError,
  });
  // The audit digests: fauxqs has no Object Lock, so locally nothing stops their deletion; the
  // verifier still finds a deleted or altered one.
  const digestBucket = await startLocalBucket({
    name: 'courtdesk-audit-digests',
    port,
    folder: join(dataDir, 's3', 'courtdesk-audit-digests'),
    immutable: true,
  });
  const helpBucket = await startLocalBucket({
    name: 'courtdesk-help',
    port,
    folder: join(dataDir, 's3', 'courtdesk-help'),
  });
  const helpSite = localHelpSite({ endpoint: `http://127.0.0.1:${port}`, bucket: helpBucket.name });
  return {
    mailBucket,
    digestBucket,
    helpBucket,
    helpSite,
    objectEvents,
    objectFunctions,
    save: async () => {
      await mailBucket.save();
      await digestBucket.save();
    },
    destroy: () => {
      mailBucket.destroy();
      digestBucket.destroy();
      helpBucket.destroy();
      helpSite.destroy();
    },
  };
}
