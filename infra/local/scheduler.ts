/**
 * EventBridge schedules, in the sandbox: timers that invoke each schedule-triggered handler with a
 * `ScheduledEvent`, soon after start and then at a fixed interval. A cron expression is not
 * interpreted: locally the point is that the function runs, and the functions decide for
 * themselves whether there is work (the deadline sweeper skips non-working days and changes nothing
 * on a second run the same day; the audit sealer seals only segments that are due).
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { FunctionSpec } from '../inventory.ts';
import { localRegion } from './emulators.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';

export interface ScheduledFunction {
  readonly spec: FunctionSpec;
  /** The trigger's expression, carried into the event's rule ARN for logs. */
  readonly expression: string;
  readonly handler: LambdaHandler<ScheduledEvent, unknown>;
  /** Its own interval between runs (the audit sealer's 20 s), instead of the scheduler's. */
  readonly intervalMs?: number;
}

export interface SchedulerOptions {
  readonly functions: readonly ScheduledFunction[];
  /**
   * Delay before the first run, so that a starting sandbox is not slowed down by it; `undefined`:
   * no timers, the functions run only when `run` is called.
   */
  readonly firstRunAfterMs: number | undefined;
  /** Time from the end of one run to the start of the next; runs of a function never overlap. */
  readonly intervalMs: number;
  readonly onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** Runs the function named `name` now (after a run of it in flight) and answers its result. */
  run(name: string): Promise<unknown>;
  /** Runs in flight right now. */
  inFlight(): number;
  /** Cancels the timers and waits for the runs in flight. */
  stop(): Promise<void>;
}

const localAccount = '000000000000';

/** The event EventBridge passes to a function its scheduled rule invokes. */
export function scheduledEvent(spec: FunctionSpec, now: Date = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: localAccount,
    // EventBridge writes the time without fractions of a second.
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: localRegion,
    resources: [`arn:aws:events:${localRegion}:${localAccount}:rule/courtdesk-${spec.name}`],
    detail: {},
  };
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  let stopping = false;
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  // One chain per function: a timer run and a `run()` call wait for each other.
  const chains = new Map<string, Promise<unknown>>();

  const invoke = (entry: ScheduledFunction): Promise<unknown> => {
    const previous = chains.get(entry.spec.name) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        inFlight += 1;
        try {
          return await entry.handler(scheduledEvent(entry.spec), lambdaContext(entry.spec));
        } finally {
          inFlight -= 1;
        }
      });
    chains.set(entry.spec.name, next);
    return next;
  };

  const schedule = (entry: ScheduledFunction, delayMs: number) => {
    if (stopping) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      invoke(entry)
        .catch((error: unknown) => {
          if (!stopping) options.onError?.(error);
        })
        .finally(() => schedule(entry, entry.intervalMs ?? options.intervalMs));
    }, delayMs);
    // The timers alone never keep the process alive.
    timer.unref();
    timers.add(timer);
  };

  const firstRunAfterMs = options.firstRunAfterMs;
  if (firstRunAfterMs !== undefined) {
    for (const entry of options.functions) schedule(entry, firstRunAfterMs);
  }

  return {
    run(name) {
      const entry = options.functions.find((candidate) => candidate.spec.name === name);
      if (!entry) return Promise.reject(new Error(`No scheduled function ${name}`));
      if (stopping) return Promise.reject(new Error('The scheduler is stopping'));
      return invoke(entry);
    },
    inFlight: () => inFlight,
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...chains.values()]);
    },
  };
}
