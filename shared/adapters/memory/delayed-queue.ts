/** DelayedQueue in memory, for unit tests: what was sent and with which delay. */
import type { DelayedQueue } from '../../ports/delayed-queue.ts';

export class MemoryDelayedQueue<M> implements DelayedQueue<M> {
  readonly sent: { message: M; delaySeconds: number }[] = [];
  async send(message: M, delaySeconds: number): Promise<void> {
    this.sent.push({ message: structuredClone(message), delaySeconds });
  }
}
