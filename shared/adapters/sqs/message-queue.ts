/** MessageQueue on an SQS FIFO queue. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, SendOptions } from '../../ports/index.ts';

export class SqsMessageQueue<M> implements MessageQueue<M> {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: { client: SQSClient; queueUrl: string }) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: M, options: SendOptions): Promise<void> {
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: options.groupId,
        MessageDeduplicationId: options.deduplicationId,
      }),
    );
  }
}
