/**
 * S3 event (a new object under `scans/` of the mail bucket) → ingest-postal: check the mailroom's
 * scan and enqueue the letter on intake.fifo, or refuse it (see the use case). The sandbox's S3
 * front invokes this with the same event shape. A thrown error makes Lambda retry the event.
 */
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { ingestPostalScan } from '../../shared/use-cases/ingest-postal.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = await buildDependencies();

export const handler = middy<S3Event, void>()
  .use(pseudonymKey())
  .handler(async (event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      if (record.s3.bucket.name !== dependencies.mailBucket) continue;
      // S3 URL-encodes the key, with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const result = await ingestPostalScan(dependencies, {
        key,
        size: record.s3.object.size,
        requestId: record.responseElements['x-amz-request-id'] ?? record.s3.object.sequencer,
      });
      // The key (a registration id) and the outcome only: never names, addresses or text.
      logger.info('Postal scan', { key, ...result });
    }
  });
