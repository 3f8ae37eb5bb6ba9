/** MessageQueue on an SQS FIFO queue. */
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, SendOptions } from '../../ports/queue.ts';

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
        MessageBody: queueBody(message),
        MessageGroupId: options.groupId,
        MessageDeduplicationId: options.deduplicationId,
      }),
    );
  }

  async sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 10) {
      const chunk = entries.slice(i, i + 10);
      const result = await this.#client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.#queueUrl,
          Entries: chunk.map((entry, j) => ({
            Id: String(j),
            MessageBody: queueBody(entry.message),
            MessageGroupId: entry.options.groupId,
            MessageDeduplicationId: entry.options.deduplicationId,
          })),
        }),
      );
      if (result.Failed?.length) {
        // Partial failures are not retried here: the caller fails and its message is redelivered.
        throw new Error(
          `SQS refused ${result.Failed.length} of ${chunk.length} messages (${result.Failed[0]?.Code})`,
        );
      }
    }
  }
}

/**
 * The message as JSON with every character outside printable ASCII escaped (`\u00e4`). SQS accepts
 * only some Unicode (not U+FFFE, U+FFFF or lone surrogates, which JSON can carry) and emulators
 * accept less; escaped JSON is plain ASCII, which every queue takes, and parses back the same.
 */
export function queueBody(message: unknown): string {
  return JSON.stringify(message).replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
