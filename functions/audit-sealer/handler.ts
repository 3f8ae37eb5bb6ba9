/**
 * EventBridge schedule → the audit trail's segments sealed up to the last one due: signed digests
 * in the digest bucket, chained. A KMS key signs (in the sandbox, its KMS stand-in). A failed run
 * throws, so that Lambda retries it; the next run catches up anyway.
 */
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { type SealResult, sealAuditTrail } from '../../shared/use-cases/seal-audit.ts';
import { buildDependencies } from './dependencies.ts';

const { deps, options } = buildDependencies();

export const handler = middy<ScheduledEvent, SealResult>().handler(
  async (event: ScheduledEvent, context: Context) => {
    const result = await sealAuditTrail(deps, { ...options, runId: context.awsRequestId });
    const fields = { scheduledEvent: event.id, ...result };
    // A sealed hour is news in the cloud; the sandbox's minute-by-minute runs are not.
    if (result.genesis || !result.caughtUp || result.sealed > 1) logger.info('Audit trail sealed', fields);
    else logger.debug('Audit trail sealed', fields);
    return result;
  },
);
