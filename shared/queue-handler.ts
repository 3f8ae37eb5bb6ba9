/**
 * Builds an SQS FIFO batch handler with the ordering guarantees of Powertools'
 * `SqsFifoPartialProcessor({ skipGroupOnError: true })`: within a message group, records are handled
 * in order and the first failure fails the rest of that group in the batch, so one client's
 * messages never overtake each other. Unlike it, the first records of the different groups
 * (different clients) are handed to the use case together, so it can write them in one request,
 * and the rest of each group follows one at a time. Failed records return to the queue and, after
 * its maxReceiveCount, go to the dead-letter queue.
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

/**
 * Handles messages of different groups (or a single one); answers, in the same order, `undefined`
 * for each message handled and the error for each that failed. Must be idempotent.
 */
export type HandleMessages<M> = (messages: readonly M[]) => Promise<readonly (Error | undefined)[]>;

export function fifoBatchHandler<M>(
  schema: z.ZodMiniType<M>,
  handleMessages: HandleMessages<M>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  function parse(record: SQSRecord): M | UnreadableMessage {
    let data: unknown;
    try {
      data = JSON.parse(record.body);
    } catch {
      data = undefined;
    }
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    logger.error('Unreadable queue message', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
    });
    return new UnreadableMessage(record.messageId);
  }

  async function handle(records: readonly SQSRecord[]): Promise<boolean[]> {
    const parsed = records.map(parse);
    const readable = parsed.flatMap((message, i) => (message instanceof UnreadableMessage ? [] : [i]));
    let errors: readonly (Error | undefined)[];
    try {
      errors = readable.length ? await handleMessages(readable.map((i) => parsed[i] as M)) : [];
      // A use case that forgets a message must not acknowledge it by accident.
      if (errors.length !== readable.length)
        throw new Error(`handled ${errors.length} of ${readable.length} messages`);
    } catch (error) {
      errors = readable.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    const ok = records.map(() => false);
    readable.forEach((recordIndex, i) => {
      const error = errors[i];
      const record = records[recordIndex] as SQSRecord;
      if (error) {
        logger.warn('Queue message failed; it will be retried', {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          errorName: error.name,
        });
      } else {
        ok[recordIndex] = true;
      }
    });
    return ok;
  }

  return async (event) => {
    const groups = new Map<string, SQSRecord[]>();
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      groups.set(group, [...(groups.get(group) ?? []), record]);
    }
    const queues = [...groups.values()];
    const failures = new Set<string>();
    const failRest = (records: readonly SQSRecord[]) => {
      for (const record of records) failures.add(record.messageId);
    };

    // The first record of every group, together.
    const headsOk = await handle(queues.map((records) => records[0] as SQSRecord));
    // Then the rest of each group in order, groups in parallel, stopping a group at its first failure.
    await Promise.all(
      queues.map(async (records, groupIndex) => {
        if (!headsOk[groupIndex]) {
          failRest(records);
          return;
        }
        for (const [index, record] of records.entries()) {
          if (index === 0) continue;
          const [ok] = await handle([record]);
          if (!ok) {
            failRest(records.slice(index));
            return;
          }
        }
      }),
    );
    return {
      batchItemFailures: event.Records.filter((record) => failures.has(record.messageId)).map(
        (record): SQSBatchItemFailure => ({ itemIdentifier: record.messageId }),
      ),
    };
  };
}
