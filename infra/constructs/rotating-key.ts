import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * A customer-managed symmetric key that rotates yearly and is kept when the stack goes: what it
 * encrypted (retained tables, buckets, log files) must stay readable after a stack is deleted.
 */
export function rotatingKey(scope: Construct, id: string, description: string): Key {
  return new Key(scope, id, {
    description,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
