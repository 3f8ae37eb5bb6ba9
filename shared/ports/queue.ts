/** A FIFO queue (SQS in the cloud): intake.fifo and outbound.fifo. */
export interface SendOptions {
  readonly groupId: string;
  readonly deduplicationId: string;
}

export interface MessageQueue<M> {
  send(message: M, options: SendOptions): Promise<void>;
  /** Sends several messages in as few requests as the queue allows. */
  sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void>;
}
