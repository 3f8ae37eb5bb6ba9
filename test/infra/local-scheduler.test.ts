/** The sandbox's stand-in for EventBridge schedules. */
import type { ScheduledEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import { type ScheduledFunction, scheduledEvent, startScheduler } from '../../infra/local/scheduler.ts';

const spec = functions.find((candidate) => candidate.name === 'deadline-sweeper')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scheduled function that records its events and takes `durationMs` per run. */
function recording(durationMs = 0, fail = false) {
  const events: ScheduledEvent[] = [];
  let running = 0;
  let overlapped = false;
  const entry: ScheduledFunction = {
    spec,
    expression: 'cron(0 5 * * ? *)',
    handler: async (event) => {
      running += 1;
      if (running > 1) overlapped = true;
      events.push(event);
      await sleep(durationMs);
      running -= 1;
      if (fail) throw new Error('sweep failed');
      return events.length;
    },
  };
  return { entry, events, overlapped: () => overlapped };
}

describe('local scheduler', () => {
  it('builds the event EventBridge passes to a scheduled function', () => {
    const event = scheduledEvent(spec, new Date('2026-11-17T05:00:00.123Z'));
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-17T05:00:00Z',
      resources: [expect.stringMatching(/^arn:aws:events:[^:]+:\d{12}:rule\/courtdesk-deadline-sweeper$/)],
      detail: {},
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs after the first delay, then at the interval, never two runs at once', async () => {
    const fn = recording(20);
    const scheduler = startScheduler({ functions: [fn.entry], firstRunAfterMs: 30, intervalMs: 30 });
    await sleep(20);
    expect(fn.events).toHaveLength(0);
    await sleep(200);
    await scheduler.stop();
    expect(fn.events.length).toBeGreaterThanOrEqual(2);
    expect(fn.overlapped()).toBe(false);
  });

  it("runs a function with an interval of its own (the audit sealer's) at that interval", async () => {
    const often = recording();
    const seldom = recording();
    const scheduler = startScheduler({
      functions: [{ ...often.entry, intervalMs: 20 }, seldom.entry],
      firstRunAfterMs: 0,
      intervalMs: 10_000,
    });
    await sleep(150);
    await scheduler.stop();
    expect(often.events.length).toBeGreaterThanOrEqual(3);
    expect(seldom.events).toHaveLength(1);
  });

  it('stop waits for the run in flight and starts no other', async () => {
    const fn = recording(150);
    const scheduler = startScheduler({ functions: [fn.entry], firstRunAfterMs: 0, intervalMs: 10 });
    await sleep(30);
    expect(scheduler.inFlight()).toBe(1);
    await scheduler.stop();
    expect(scheduler.inFlight()).toBe(0);
    const runs = fn.events.length;
    await sleep(50);
    expect(fn.events).toHaveLength(runs);
  });

  it('without a first delay runs only on demand, after the run in flight, and answers the result', async () => {
    const fn = recording(20);
    const scheduler = startScheduler({ functions: [fn.entry], firstRunAfterMs: undefined, intervalMs: 10 });
    await sleep(40);
    expect(fn.events).toHaveLength(0);
    const [first, second] = await Promise.all([scheduler.run(spec.name), scheduler.run(spec.name)]);
    expect([first, second]).toEqual([1, 2]);
    expect(fn.overlapped()).toBe(false);
    await expect(scheduler.run('no-such-function')).rejects.toThrow(/No scheduled function/);
    await scheduler.stop();
    await expect(scheduler.run(spec.name)).rejects.toThrow(/stopping/);
  });

  it('reports a failed run and keeps the schedule', async () => {
    const fn = recording(0, true);
    const errors: unknown[] = [];
    const scheduler = startScheduler({
      functions: [fn.entry],
      firstRunAfterMs: 0,
      intervalMs: 20,
      onError: (error) => errors.push(error),
    });
    await sleep(100);
    await scheduler.stop();
    expect(fn.events.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(String(errors[0])).toContain('sweep failed');
  });
});
