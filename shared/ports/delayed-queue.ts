/**
 * A standard queue whose messages may wait before they are delivered (SQS's per-message
 * `DelaySeconds`, at most 900; FIFO queues have no per-message delay): `survey-invitations`.
 * At-least-once and unordered, so what it carries must be idempotent by its own ids.
 */
export interface DelayedQueue<M> {
  send(message: M, delaySeconds: number): Promise<void>;
}
