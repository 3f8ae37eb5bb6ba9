/** DelayedQueue on an SQS standard queue, each message with its own delay. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DelayedQueue } from '../../ports/delayed-queue.ts';
import { queueBody } from './message-queue.ts';

export class SqsDelayedQueue<M> implements DelayedQueue<M> {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: { client: SQSClient; queueUrl: string }) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: M, delaySeconds: number): Promise<void> {
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: queueBody(message),
        // SQS refuses a delay out of 0–900 s: clamp rather than lose the message.
        DelaySeconds: Math.max(0, Math.min(900, Math.round(delaySeconds))),
      }),
    );
  }
}
