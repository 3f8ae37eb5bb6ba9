/**
 * Lambda's SQS event source mapping, in the sandbox: receives batches, invokes the handler with an
 * `SQSEvent`, deletes what succeeded and leaves the reported failures to come back after their
 * visibility timeout, so the queue's redrive policy moves poison messages to the dead-letter queue.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionSpec } from '../inventory.ts';
import { localRegion } from './emulators.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';

export interface QueuePollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly spec: FunctionSpec;
  readonly handler: LambdaHandler<SQSEvent, SQSBatchResponse | undefined>;
  /** Parallel pollers, as Lambda scales out over message groups. */
  readonly concurrency: number;
  /**
   * Seconds before a failed message is visible again. Lambda leaves it to the queue's visibility
   * timeout (undefined here too); tests shorten it to see redrive within seconds.
   */
  readonly retryDelaySeconds?: number;
  readonly onError?: (error: unknown) => void;
}

export interface QueuePoller {
  /** Messages being handled right now. */
  readonly inFlight: () => number;
  stop(): Promise<void>;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId
        ? { MessageDeduplicationId: attributes.MessageDeduplicationId }
        : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: localRegion,
  };
}

export function startQueuePoller(options: QueuePollerOptions): QueuePoller {
  let stopping = false;
  let inFlight = 0;
  const abort = new AbortController();

  async function pollOnce(): Promise<void> {
    const received = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return;
    inFlight += messages.length;
    try {
      const records = messages.map((message) => toRecord(message, options.queueArn));
      let failedIds: Set<string>;
      try {
        const response = await options.handler({ Records: records }, lambdaContext(options.spec));
        failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        // A thrown error fails the whole batch, as in Lambda.
        options.onError?.(error);
        failedIds = new Set(records.map((record) => record.messageId));
      }
      const succeeded = records.filter((record) => !failedIds.has(record.messageId));
      const failed = records.filter((record) => failedIds.has(record.messageId));
      if (succeeded.length) {
        await options.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: succeeded.map((record, i) => ({ Id: String(i), ReceiptHandle: record.receiptHandle })),
          }),
        );
      }
      if (failed.length && options.retryDelaySeconds !== undefined) {
        await options.client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: failed.map((record, i) => ({
              Id: String(i),
              ReceiptHandle: record.receiptHandle,
              VisibilityTimeout: options.retryDelaySeconds,
            })),
          }),
        );
      }
    } finally {
      inFlight -= messages.length;
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        await pollOnce();
      } catch (error) {
        if (stopping) return;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  const loops = Array.from({ length: options.concurrency }, () => loop());
  return {
    inFlight: () => inFlight,
    async stop() {
      stopping = true;
      // Batches being handled finish; idle long polls are cut short.
      const idle = setInterval(() => {
        if (inFlight === 0) abort.abort();
      }, 50);
      await Promise.all(loops);
      clearInterval(idle);
    },
  };
}
