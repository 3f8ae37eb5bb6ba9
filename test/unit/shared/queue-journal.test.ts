/** The queues' journal read back: what a killed sandbox's queues held, and nothing consumed. */
import { describe, expect, it } from 'vitest';
import { liveMessages } from '../../../infra/local/queue-journal.ts';

const taken = (queue: string, id: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ e: 'q', q: queue, id, body: `body of ${id}`, ...fields });

describe('the queue journal', () => {
  it('keeps taken messages in order, drops deleted and purged ones, follows a move to the dead-letter queue', () => {
    const text = [
      taken('intake.fifo', 'a', { groupId: 'g1', deduplicationId: 'd-a' }),
      taken('intake.fifo', 'b', { groupId: 'g1', deduplicationId: 'd-b' }),
      taken('outbound.fifo', 'c', { groupId: 'g2' }),
      JSON.stringify({ e: 'd', id: 'a' }),
      taken('intake-dlq.fifo', 'b', { groupId: 'g1', deduplicationId: 'd-b' }),
      taken('intake.fifo', 'e', { groupId: 'g1' }),
      taken('mail-events', 'f', { delayUntil: 1234 }),
      JSON.stringify({ e: 'p', q: 'outbound.fifo' }),
      // The last line, cut by the kill: never answered, so never accepted.
      '{"e":"q","q":"intake.fifo","id":"g","bo',
    ].join('\n');
    expect(liveMessages(text)).toEqual({
      'intake-dlq.fifo': [{ body: 'body of b', groupId: 'g1', deduplicationId: 'd-b' }],
      'intake.fifo': [{ body: 'body of e', groupId: 'g1' }],
      'mail-events': [{ body: 'body of f', delayUntil: 1234 }],
    });
  });

  it('holds nothing once everything taken was deleted', () => {
    expect(liveMessages([taken('intake.fifo', 'a'), JSON.stringify({ e: 'd', id: 'a' })].join('\n'))).toEqual(
      {},
    );
  });
});
