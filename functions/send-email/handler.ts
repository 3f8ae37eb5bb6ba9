/** outbound.fifo → SES. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { outboundMessageSchema } from '../../shared/domain/intake-message.ts';
import { logger } from '../../shared/logger.ts';
import { fifoBatchHandler } from '../../shared/queue-handler.ts';
import { sendOutboundMessages } from '../../shared/use-cases/send-outbound-message.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

export const handler = middy<SQSEvent, SQSBatchResponse>().handler(
  fifoBatchHandler(outboundMessageSchema, async (messages) => {
    const outcomes = await sendOutboundMessages(dependencies, messages);
    return outcomes.map((outcome, i) => {
      const { reference, outboundId } = messages[i] ?? {};
      if (outcome instanceof Error) return outcome;
      logger.info('Outbound processed', { reference, outboundId, outcome });
      return undefined;
    });
  }),
);
