/** intake.fifo → tickets. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { intakeMessageSchema } from '../../shared/domain/intake-message.ts';
import { logger } from '../../shared/logger.ts';
import { fifoBatchHandler } from '../../shared/queue-handler.ts';
import { processIntakeMessages } from '../../shared/use-cases/process-intake-message.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(pseudonymKey())
  .handler(
    fifoBatchHandler(intakeMessageSchema, async (messages) => {
      const results = await processIntakeMessages(dependencies, messages);
      return results.map((result) => {
        if (result instanceof Error) return result;
        logger.info('Intake processed', { ...result });
        return undefined;
      });
    }),
  );
