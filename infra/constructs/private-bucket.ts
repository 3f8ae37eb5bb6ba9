import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket with every public access blocked, refusing requests without TLS, and kept when the stack
 * goes (what courtdesk stores is the court's record, or the logs of who read it); `props` add the
 * encryption, versioning, logging and lifecycle of each use.
 */
export function privateBucket(scope: Construct, id: string, props: BucketProps): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
  });
}
