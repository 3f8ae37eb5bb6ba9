import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { rotatingKey } from './rotating-key.ts';

/**
 * The key of the log groups whose lines may carry personal data: the functions' (an error Lambda
 * logs for a failed invocation, or one of an AWS SDK call, can quote an address or an item, despite
 * `shared/logged-error.ts`). CloudWatch Logs of this region may use it for this
 * account's log groups only (the encryption context names the log group); whoever reads the logs
 * reads them through CloudWatch Logs, which decrypts.
 */
export function logGroupKey(scope: Construct, id: string): Key {
  const key = rotatingKey(scope, id, 'courtdesk: encrypts the log groups of the functions');
  const stack = Stack.of(scope);
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}
