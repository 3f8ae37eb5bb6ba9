/**
 * The analysts' export (issue 17, item 6), hourly: DynamoDB's exports of the tickets table turned
 * into rows without personal data for Athena (`shared/use-cases/export-analytics.ts`). Cloud only:
 * DynamoDB Local has no exports, so the sandbox does not run it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AwsTableExports, S3AnalyticsStore } from '../../shared/adapters/analytics/aws-table-exports.ts';
import { s3Client } from '../../shared/adapters/clients/s3.ts';
import { logger } from '../../shared/logger.ts';
import { exportAnalytics } from '../../shared/use-cases/export-analytics.ts';

const setting = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is missing`);
  return value;
};

const s3 = s3Client();
const bucket = setting('ANALYTICS_BUCKET');
const dependencies = {
  exports: new AwsTableExports({
    dynamodb: new DynamoDBClient({}),
    s3,
    tableArn: setting('TICKETS_TABLE_ARN'),
    bucket,
    keyArn: setting('ANALYTICS_KEY_ARN'),
  }),
  store: new S3AnalyticsStore(s3, bucket),
  clock: { now: () => new Date() },
};

export const handler = async (): Promise<void> => {
  const result = await exportAnalytics(dependencies);
  if (result.outcome === 'failed')
    logger.warn('Analytics export failed; the window is asked for again', result);
  else logger.info('Analytics export', result);
};
