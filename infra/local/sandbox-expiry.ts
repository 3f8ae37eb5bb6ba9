/**
 * What expires by itself in the cloud, expired in the sandbox on a timer: items past their
 * DynamoDB TTL (`ttl-reaper.ts`; DynamoDB Local never deletes them) and the SES emulator's mail
 * older than the `sandbox-mailbox` retention period (the emulator keeps every mail for ever).
 * Both with the same `now`, so a test can move time forward for both at once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseRetentionSchedule, retentionCutoff } from '../../shared/domain/retention.ts';
import { localCredentials, localRegion } from './emulators.ts';
import { pruneMailbox } from './kept-state.ts';
import { createTtlReaper, type ExpiringTable } from './ttl-reaper.ts';

export interface SandboxExpiryOptions {
  readonly dynamoEndpoint: string;
  readonly tables: readonly ExpiringTable[];
  /** Delay before the first run; `undefined`: no timer, only `run()` calls. */
  readonly firstRunAfterMs: number | undefined;
  /** Time from the end of one run to the start of the next. */
  readonly intervalMs: number;
  /** The retention schedule's overrides (JSON) for the mailbox's period: the sweeper's `RETENTION_SCHEDULE`. */
  readonly retentionSchedule?: string;
  readonly onError?: (error: unknown) => void;
}

export interface ExpiryResult {
  /** Items deleted for their TTL. */
  readonly deleted: number;
  /** Mail removed from the SES emulator's mailbox. */
  readonly mails: number;
}

export interface SandboxExpiry {
  /** Expires what is due at `now` (the system's time by default), after a run in flight. */
  run(now?: Date): Promise<ExpiryResult>;
  /** Cancels the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

export function startSandboxExpiry(options: SandboxExpiryOptions): SandboxExpiry {
  // A wrong schedule fails the start, as it fails the sweeper's cold start.
  const overrides = options.retentionSchedule ?? process.env.RETENTION_SCHEDULE;
  const mailboxRule = parseRetentionSchedule(overrides ? JSON.parse(overrides) : {})['sandbox-mailbox'];
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoEndpoint,
      region: localRegion,
      credentials: localCredentials,
    }),
  );
  const reaper = createTtlReaper({ documents, tables: options.tables });
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  // Runs never overlap: a timer run and a `run()` call wait for each other.
  let chain: Promise<unknown> = Promise.resolve();

  const run = (now?: Date): Promise<ExpiryResult> => {
    const next = chain
      .catch(() => undefined)
      .then(async () => {
        const at = now ?? new Date();
        const { deleted } = await reaper.reap(at);
        return { deleted, mails: pruneMailbox(retentionCutoff(mailboxRule, at)) };
      });
    chain = next;
    return next;
  };

  const schedule = (delayMs: number) => {
    if (stopping) return;
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => {
          if (!stopping) options.onError?.(error);
        })
        .finally(() => schedule(options.intervalMs));
    }, delayMs);
    // The timer alone never keeps the process alive.
    timer.unref();
  };
  if (options.firstRunAfterMs !== undefined) schedule(options.firstRunAfterMs);

  return {
    run(now) {
      if (stopping) return Promise.reject(new Error('The sandbox is stopping'));
      return run(now);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await chain.catch(() => undefined);
      documents.destroy();
    },
  };
}
