/**
 * Builds an SQS FIFO batch handler with the ordering guarantees of Powertools'
 * `SqsFifoPartialProcessor({ skipGroupOnError: true })`: within a message group, records are handled
 * in order and the first failure fails the rest of that group in the batch, so one client's
 * messages never overtake each other. Unlike it, different groups (different clients) are handled
 * concurrently, which is what lets a batch of ten clients' requests finish in the time of one.
 * Failed records return to the queue and, after its maxReceiveCount, go to the dead-letter queue.
 */
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
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
  const handleRecord = async (record: SQSRecord): Promise<void> => {
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
    await handleMessage(parsed.data, record);
  };

  return async (event) => {
    const groups = new Map<string, SQSRecord[]>();
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      groups.set(group, [...(groups.get(group) ?? []), record]);
    }
    const failures: SQSBatchItemFailure[] = [];
    await Promise.all(
      [...groups.values()].map(async (records) => {
        for (const [index, record] of records.entries()) {
          try {
            await handleRecord(record);
          } catch (error) {
            if (!(error instanceof UnreadableMessage)) {
              logger.warn('Queue message failed; it will be retried', {
                messageId: record.messageId,
                receiveCount: record.attributes.ApproximateReceiveCount,
                errorName: error instanceof Error ? error.name : typeof error,
              });
            }
            // Stop at the first failure: the rest of this group waits for the failed record.
            for (const skipped of records.slice(index)) failures.push({ itemIdentifier: skipped.messageId });
            return;
          }
        }
      }),
    );
    // Report in the batch's order, as Lambda expects nothing else but it reads better in logs.
    const order = new Map(event.Records.map((record, i) => [record.messageId, i]));
    failures.sort((a, b) => (order.get(a.itemIdentifier) ?? 0) - (order.get(b.itemIdentifier) ?? 0));
    return { batchItemFailures: failures };
  };
}
