import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketSpec } from '../inventory.ts';
import { pascalCase } from './naming.ts';

/** Properties of {@link Storage}. */
export interface StorageProps {
  /** The buckets to create, normally the inventory's `buckets` (mail). */
  readonly buckets: readonly BucketSpec[];
  /**
   * How long the buckets' server access logs are kept.
   * @default 365 days
   */
  readonly accessLogRetention?: Duration;
}

/** A bucket together with the inventory entry it was made from. */
export interface StorageBucket {
  readonly spec: BucketSpec;
  readonly bucket: Bucket;
}

/**
 * The S3 buckets of the inventory (raw inbound mail and attachments): private, SSL-only, versioned,
 * encrypted with a customer-managed key, with server access logs in a log bucket of their own.
 * What they hold is the court's record of what clients sent, so nothing expires and the buckets
 * outlive the stack; only incomplete multipart uploads (never objects) are cleaned up.
 */
export class Storage extends Construct {
  /** Encrypts every bucket (SSE-KMS) and, through SES's S3 action, the raw mail itself; rotated yearly. */
  public readonly key: Key;
  /** Receives the server access logs of the buckets. */
  public readonly accessLogBucket: Bucket;
  private readonly bucketsById = new Map<BucketSpec['id'], StorageBucket>();

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'courtdesk: encrypts the mail bucket (raw inbound mail, attachments)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // S3 server access logs can be written to SSE-S3 buckets only, not SSE-KMS ones.
    this.accessLogBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: props.accessLogRetention ?? Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const spec of props.buckets) {
      const bucket = new Bucket(this, `${pascalCase(spec.id)}Bucket`, {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption: BucketEncryption.KMS,
        encryptionKey: this.key,
        // One data key per bucket and period instead of a KMS call per object.
        bucketKeyEnabled: true,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: this.accessLogBucket,
        serverAccessLogsPrefix: `s3/${spec.id}/`,
        lifecycleRules: [
          { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
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
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.bucketsById.set(spec.id, { spec, bucket });
    }
  }

  /** The bucket with the inventory id `id`; throws if the inventory has no such bucket. */
  public bucket(id: BucketSpec['id']): StorageBucket {
    const entry = this.bucketsById.get(id);
    if (!entry) throw new Error(`Storage: no bucket '${id}' was created`);
    return entry;
  }

  /** Every bucket, in inventory order. */
  public get buckets(): readonly StorageBucket[] {
    return [...this.bucketsById.values()];
  }
}
