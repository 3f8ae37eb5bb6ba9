/** EventBridge schedule → the retention schedule applied (tickets pseudonymised, objects deleted). */

import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { applyRetention, type RetentionResult } from '../../shared/use-cases/apply-retention.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

export const handler = middy<ScheduledEvent, RetentionResult>()
  // A ticket's erasure deletes its client's index items, found by their keyed pseudonyms.
  .use(pseudonymKey())
  .handler(async (event: ScheduledEvent, context: Context) => {
    // Bounded by the function's time: stop a minute before Lambda would, the day's run resumes next.
    const milliseconds = Math.max(context.getRemainingTimeInMillis() - 60_000, 10_000);
    const result = await applyRetention(
      { ...dependencies, limits: { ...dependencies.limits, milliseconds } },
      context.awsRequestId,
    );
    // Counts only: never a reference or a key.
    logger.info('Retention sweep', { scheduledEvent: event.id, ...result });
    return result;
  });
