/** Post (infra/constructs/postal-intake.ts) in the stack: a new scan invokes ingest-postal. */
import { describe, expect, it } from 'vitest';
import {
  allStatements,
  arnOf,
  courtdesk,
  isNotificationsHandlerGrant,
  logicalId,
  resourcesOf,
  resourcesOfType,
} from './support.ts';

const { stack } = courtdesk();

describe('postal intake', () => {
  const mail = () => stack.storage.bucket('mail').bucket;
  const mailId = () => logicalId(mail());

  it('a new object under scans/ (and nowhere else) invokes ingest-postal, retried twice, then its on-failure queue', () => {
    const notifications = Object.values(resourcesOfType('Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    const configuration = notifications[0]?.Properties as {
      BucketName: unknown;
      NotificationConfiguration: { LambdaFunctionConfigurations: unknown[] };
    };
    expect(configuration.BucketName).toEqual({ Ref: mailId() });
    expect(configuration.NotificationConfiguration.LambdaFunctionConfigurations).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'scans/' }] } },
        LambdaFunctionArn: arnOf(stack.functions.get('ingest-postal').function),
      },
    ]);
    const handlerGrants = allStatements().filter(isNotificationsHandlerGrant);
    expect(handlerGrants.map(resourcesOf)).toEqual([[arnOf(mail())]]);
    const invokeConfig = Object.values(resourcesOfType('AWS::Lambda::EventInvokeConfig')).find(
      (config) =>
        JSON.stringify(config.Properties.FunctionName) ===
        JSON.stringify({ Ref: logicalId(stack.functions.get('ingest-postal').function) }),
    );
    expect(invokeConfig?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: arnOf(stack.postalIntake.failedInvocations) },
      },
    });
  });
});
