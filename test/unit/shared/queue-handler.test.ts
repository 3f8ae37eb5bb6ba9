import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fifoBatchHandler } from '../../../shared/queue-handler.ts';

const schema = z.object({ id: z.string(), fail: z.optional(z.boolean()) });
type Message = z.infer<typeof schema>;

function record(id: string, group: string, body: unknown = { id }): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `handle-${id}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: group,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-north-1:000000000000:intake.fifo',
    awsRegion: 'eu-north-1',
  };
}

function recorder() {
  const calls: string[][] = [];
  const handler = fifoBatchHandler(schema, async (messages: readonly Message[]) => {
    calls.push(messages.map((message) => message.id));
    return messages.map((message) => (message.fail ? new Error(`failed ${message.id}`) : undefined));
  });
  return { calls, run: (records: SQSRecord[]) => handler({ Records: records } as SQSEvent, {} as Context) };
}

describe('fifoBatchHandler', () => {
  it('hands the first message of every group over together, then the rest of each group in order', async () => {
    const { calls, run } = recorder();
    const response = await run([
      record('a1', 'A'),
      record('b1', 'B'),
      record('a2', 'A'),
      record('a3', 'A'),
      record('c1', 'C'),
    ]);
    expect(response.batchItemFailures).toEqual([]);
    expect(calls[0]).toEqual(['a1', 'b1', 'c1']);
    expect(calls.slice(1)).toEqual([['a2'], ['a3']]);
  });

  it('fails the rest of a group after its first failure, and only that group', async () => {
    const { calls, run } = recorder();
    const response = await run([
      record('a1', 'A'),
      record('a2', 'A', { id: 'a2', fail: true }),
      record('a3', 'A'),
      record('b1', 'B'),
      record('b2', 'B'),
    ]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['a2', 'a3']);
    expect(calls.flat()).not.toContain('a3');
    expect(calls.flat()).toContain('b2');
  });

  it('fails an unreadable message and what follows it in its group, without handing it over', async () => {
    const { calls, run } = recorder();
    const response = await run([
      record('a1', 'A', 'not json'),
      record('a2', 'A'),
      record('b1', 'B', { wrong: 1 }),
      record('c1', 'C'),
    ]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['a1', 'a2', 'b1']);
    expect(calls).toEqual([['c1']]);
  });

  it('fails every head when the use case throws', async () => {
    const handler = fifoBatchHandler(schema, async () => {
      throw new Error('store unavailable');
    });
    const response = await handler(
      { Records: [record('a1', 'A'), record('a2', 'A'), record('b1', 'B')] } as SQSEvent,
      {} as Context,
    );
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['a1', 'a2', 'b1']);
  });
});
