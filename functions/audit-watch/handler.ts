/**
 * EventBridge schedule (hourly) → the access review of the hour just ended: figures as CloudWatch
 * metrics for the alarms, and one audit record naming the accounts that read unusually much or
 * tried other units' tickets.
 */
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { AccessReview } from '../../shared/domain/access-patterns.ts';
import { logger } from '../../shared/logger.ts';
import { reviewLastHour } from '../../shared/use-cases/review-access.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

export const handler = middy<ScheduledEvent, AccessReview>().handler(
  async (event: ScheduledEvent, context: Context) => {
    const review = await reviewLastHour({ ...dependencies, runId: context.awsRequestId });
    // Counts only: the accounts are in the audit record, for the auditor.
    logger.info('Access review', {
      scheduledEvent: event.id,
      hour: review.hour,
      records: review.records,
      unusualReaders: review.unusualReaders.length,
      outsideCompetence: review.outsideCompetence.length,
    });
    return review;
  },
);
