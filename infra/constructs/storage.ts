import { Duration } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import {
  type Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketId, BucketSpec, BucketSpecOf } from '../inventory.ts';
import { ById } from './by-id.ts';
import { pascalCase } from './naming.ts';
import { privateBucket } from './private-bucket.ts';
import { rotatingKey } from './rotating-key.ts';

/** Properties of {@link Storage}. */
export interface StorageProps {
  /** The buckets to create, normally the inventory's `buckets` (mail, audit digests). */
  readonly buckets: readonly BucketSpec[];
  /**
   * Default retention of the buckets with Object Lock (context `courtdesk:auditRetentionDays`):
   * every version stored there can be neither deleted nor overwritten, by anyone, for this long.
   * @default 2557 days (seven years, leap days included)
   */
  readonly objectLockRetention?: Duration;
  /**
   * How long the buckets' server access logs are kept.
   * @default 365 days
   */
  readonly accessLogRetention?: Duration;
}

/** A bucket together with the inventory entry it was made from. */
export interface StorageBucket<Id extends BucketId = BucketId> {
  readonly spec: BucketSpecOf<Id>;
  readonly bucket: Bucket;
  /** The key of an SSE-KMS bucket (the storage key); undefined for an SSE-S3 one. */
  readonly key: Key | undefined;
}

/** Seven years (2,557 days with their leap days): how long sealed audit digests are kept by default. */
export const defaultObjectLockRetention = Duration.days(2557);

/**
 * The S3 buckets of the inventory (raw inbound mail and attachments, the audit trail's digests):
 * private, SSL-only, versioned, encrypted (SSE-KMS with a customer-managed key, or SSE-S3 where the
 * inventory says so), with server access logs in a log bucket of their own. What they hold is the
 * court's record, so nothing expires and the buckets outlive the stack; only incomplete multipart
 * uploads (never objects) are cleaned up. A bucket with `objectLock` keeps every version in
 * compliance mode for the retention, takes new objects only where none is (`If-None-Match`), and
 * refuses every object delete (a delete marker would hide a version Object Lock keeps).
 */
export class Storage extends Construct {
  /** Encrypts every bucket (SSE-KMS) and, through SES's S3 action, the raw mail itself; rotated yearly. */
  public readonly key = rotatingKey(
    this,
    'Key',
    'courtdesk: encrypts the mail bucket (raw inbound mail, attachments)',
  );
  /** Receives the server access logs of the buckets. */
  public readonly accessLogBucket: Bucket;
  private readonly bucketsById = new ById<BucketId, StorageBucket>('Storage', 'bucket');

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    // S3 server access logs can be written to SSE-S3 buckets only, not SSE-KMS ones.
    this.accessLogBucket = privateBucket(this, 'AccessLogBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: props.accessLogRetention ?? Duration.days(365) }],
    });

    for (const spec of props.buckets) {
      const key = spec.encryption === 'kms' ? this.key : undefined;
      const prefixes = spec.prefixes as Readonly<Record<string, string>>;
      const createOnlyPrefixes = ((spec.createOnly ?? []) as readonly string[]).map(
        (name) => prefixes[name] ?? '',
      );
      const bucket = privateBucket(this, `${pascalCase(spec.id)}Bucket`, {
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        ...(key
          ? {
              encryption: BucketEncryption.KMS,
              encryptionKey: key,
              // One data key per bucket and period instead of a KMS call per object.
              bucketKeyEnabled: true,
            }
          : { encryption: BucketEncryption.S3_MANAGED }),
        ...(spec.objectLock === 'compliance'
          ? {
              objectLockEnabled: true,
              objectLockDefaultRetention: ObjectLockRetention.compliance(
                props.objectLockRetention ?? defaultObjectLockRetention,
              ),
            }
          : {}),
        versioned: true,
        serverAccessLogsBucket: this.accessLogBucket,
        serverAccessLogsPrefix: `s3/${spec.id}/`,
        lifecycleRules: [
          { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
          ...(spec.noncurrentVersionDays !== undefined
            ? [
                {
                  id: 'expire-old-versions',
                  noncurrentVersionExpiration: Duration.days(spec.noncurrentVersionDays),
                  expiredObjectDeleteMarker: true,
                },
              ]
            : []),
          // What is deleted under a create-only prefix (a refused scan) is gone the next day.
          ...createOnlyPrefixes.map((prefix) => ({
            id: `purge-deleted-${prefix.replace(/\/$/, '')}`,
            prefix,
            noncurrentVersionExpiration: Duration.days(1),
            expiredObjectDeleteMarker: true,
          })),
          // Short-lived records: the current version expires (a delete marker), the old one a day later.
          ...Object.entries((spec.expireAfterDays ?? {}) as Readonly<Record<string, number>>).map(
            ([name, days]) => ({
              id: `expire-${(prefixes[name] ?? '').replace(/\/$/, '')}`,
              prefix: prefixes[name] ?? '',
              expiration: Duration.days(days),
              noncurrentVersionExpiration: Duration.days(1),
            }),
          ),
        ],
        // Presigned browser uploads (the admin page's reply files); see the inventory's rule.
        ...(spec.cors?.length
          ? {
              cors: spec.cors.map((rule) => ({
                allowedMethods: rule.allowedMethods.map(() => HttpMethods.PUT),
                allowedOrigins: [...rule.allowedOrigins],
                allowedHeaders: [...rule.allowedHeaders],
                maxAge: rule.maxAgeSeconds,
              })),
            }
          : {}),
      });
      for (const prefix of createOnlyPrefixes) {
        bucket.addToResourcePolicy(
          new PolicyStatement({
            sid: `DenyOverwrites${prefix.replace(/[^A-Za-z0-9]/g, '')}`,
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: ['s3:PutObject'],
            resources: [bucket.arnForObjects(`${prefix}*`)],
            conditions: { Null: { 's3:if-none-match': 'true' } },
          }),
        );
      }
      if (spec.objectLock) {
        // Object Lock keeps an overwritten version, but a new current version would still hide
        // it: objects are created only where none is, with `If-None-Match: *`.
        bucket.addToResourcePolicy(
          new PolicyStatement({
            sid: 'DenyOverwrites',
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: ['s3:PutObject'],
            resources: [bucket.arnForObjects('*')],
            conditions: { Null: { 's3:if-none-match': 'true' } },
          }),
        );
        // A DeleteObject without a version id is allowed under Object Lock: it stores a delete
        // marker that hides the current version (kept, but no longer listed or read), and the
        // conditional PUT then succeeds over the marker. Nothing here is ever deleted, by anyone.
        bucket.addToResourcePolicy(
          new PolicyStatement({
            sid: 'DenyDeletes',
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
            resources: [bucket.arnForObjects('*')],
          }),
        );
      }
      this.bucketsById.set(spec.id, { spec, bucket, key } as StorageBucket);
    }
  }

  /** The bucket with the inventory id `id`; throws if the inventory has no such bucket. */
  public bucket<Id extends BucketId>(id: Id): StorageBucket<Id> {
    return this.bucketsById.get(id) as unknown as StorageBucket<Id>;
  }

  /** Every bucket, in inventory order. */
  public get buckets(): readonly StorageBucket[] {
    return this.bucketsById.all;
  }
}
