/**
 * Builds an SQS FIFO batch handler: each record is parsed with a zod schema and handed to a use
 * case, in order. A failing record fails the rest of its message group in the batch (so one
 * client's messages stay in order) while other groups go on; failed records return to the queue
 * and, after the queue's maxReceiveCount, go to its dead-letter queue.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from './logger.ts';

export class UnreadableMessage extends Error {
  constructor(messageId: string) {
    super(`Message ${messageId} is not a valid message for this queue`);
    this.name = 'UnreadableMessage';
  }
}

export function fifoBatchHandler<M>(
  schema: z.ZodMiniType<M>,
  handleMessage: (message: M, record: SQSRecord) => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    let data: unknown;
    try {
      data = JSON.parse(record.body);
    } catch {
      data = undefined;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      logger.error('Unreadable queue message', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
      });
      throw new UnreadableMessage(record.messageId);
    }
    try {
      await handleMessage(parsed.data, record);
    } catch (error) {
      logger.warn('Queue message failed; it will be retried', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        errorName: error instanceof Error ? error.name : typeof error,
      });
      throw error;
    }
  };
  return async (event, context) => {
    const processor = new SqsFifoPartialProcessorAsync();
    return processPartialResponse(event, recordHandler, processor, {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
  };
}
