/**
 * The analysts' export (issue 17, item 6), hourly: DynamoDB's exports of the tickets table turned
 * into rows without personal data for Athena (`shared/use-cases/export-analytics.ts`). Cloud only:
 * DynamoDB Local has no exports, so the sandbox does not run it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AwsTableExports, S3AnalyticsStore } from '../../shared/adapters/analytics/aws-table-exports.ts';
import { s3Client } from '../../shared/adapters/clients/s3.ts';
import { loadConfig } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import {
  type ExportAnalyticsDependencies,
  exportAnalytics,
} from '../../shared/use-cases/export-analytics.ts';

/** Built at the first run (the configuration read then), once per cold start. */
function buildDependencies(): ExportAnalyticsDependencies {
  const config = loadConfig(['ANALYTICS_BUCKET', 'ANALYTICS_KEY_ARN', 'TICKETS_TABLE_ARN']);
  const s3 = s3Client();
  return {
    exports: new AwsTableExports({
      dynamodb: new DynamoDBClient({}),
      s3,
      tableArn: config.TICKETS_TABLE_ARN,
      bucket: config.ANALYTICS_BUCKET,
      keyArn: config.ANALYTICS_KEY_ARN,
    }),
    store: new S3AnalyticsStore(s3, config.ANALYTICS_BUCKET),
    clock: { now: () => new Date() },
  };
}

let dependencies: ExportAnalyticsDependencies | undefined;

export const handler = async (): Promise<void> => {
  dependencies ??= buildDependencies();
  const result = await exportAnalytics(dependencies);
  if (result.outcome === 'failed')
    logger.warn('Analytics export failed; the window is asked for again', result);
  else logger.info('Analytics export', result);
};
