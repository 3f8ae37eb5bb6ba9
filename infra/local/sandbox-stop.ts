/**
 * A sandbox's orderly stop: no new work in (gateway, scheduler, SMTP), the work in flight finished
 * and the queues drained within a deadline, the figures' stream caught up, what is left kept in the
 * data folder for the next start (queued messages, the mailbox, the kept buckets), everything
 * stopped, and DynamoDB's file compacted.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { compactDynamoDb } from './compact-dynamodb.ts';
import type { DynamoEmulator, SesEmulator, SqsEmulator } from './emulators.ts';
import type { Gateway } from './gateway.ts';
import { saveMailbox, saveQueues } from './kept-state.ts';
import type { LocalKms } from './local-kms.ts';
import type { LocalSecretsManager } from './local-origin-secret.ts';
import type { MailEventSimulator } from './mail-events.ts';
import type { QueueJournal } from './queue-journal.ts';
import type { SandboxBuckets } from './sandbox-buckets.ts';
import { type SandboxTriggers, stopPollers } from './sandbox-triggers.ts';
import type { Scheduler } from './scheduler.ts';
import type { SmtpListener } from './smtp-listener.ts';

export interface RunningSandbox {
  readonly dataDir: string;
  /** The file the sandbox describes itself in while it runs. */
  readonly endpointsFile: string;
  readonly emulators: {
    readonly dynamo: DynamoEmulator;
    readonly sqs: SqsEmulator;
    readonly ses: SesEmulator;
  };
  readonly kms: LocalKms;
  readonly queueJournal: QueueJournal;
  readonly secretsManager: LocalSecretsManager;
  readonly sqsClient: SQSClient;
  readonly buckets: SandboxBuckets;
  readonly triggers: SandboxTriggers;
  readonly gateway: Gateway;
  readonly scheduler: Scheduler;
  /** The TTL reaper and mailbox pruning's timer. */
  readonly expiry: { stop(): Promise<void> };
  readonly smtp: SmtpListener;
  readonly mailEvents: MailEventSimulator;
  /** Messages visible or in flight on the main queues. */
  pendingMessages(): Promise<number>;
  streamsCaughtUp(): Promise<void>;
}

export async function stopSandbox(
  sandbox: RunningSandbox,
  options: {
    /** How long to wait for the queues to drain. */
    readonly drainTimeoutMs: number;
    readonly log: (line: string) => void;
    readonly onError: (error: unknown) => void;
  },
): Promise<void> {
  const { dataDir, emulators, buckets, triggers, sqsClient } = sandbox;
  const { log, onError } = options;
  // A scheduled run in flight finishes while the emulators are still up.
  // Mail accepted and its ingest-email invocations finish before the queues drain. Settled, not
  // all: one part failing to stop must not cut the gateway's requests in flight short.
  for (const result of await Promise.allSettled([
    sandbox.gateway.stop(),
    sandbox.scheduler.stop(),
    sandbox.smtp.stop(),
    sandbox.expiry.stop(),
  ]))
    if (result.status === 'rejected') onError(result.reason);
  const deadline = Date.now() + options.drainTimeoutMs;
  while (
    Date.now() < deadline &&
    ((await sandbox.pendingMessages()) > 0 ||
      triggers.pollers.some((p) => p.inFlight() > 0) ||
      buckets.objectEvents.inFlight() > 0)
  ) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
  // The stream's records of the work just drained (figures), within what is left of the wait.
  await Promise.race([
    sandbox.streamsCaughtUp(),
    new Promise((resolvePromise) => setTimeout(resolvePromise, Math.max(0, deadline - Date.now()))),
  ]);
  try {
    await stopPollers(triggers);
    // Bounces and complaints of the mail sent while draining, while DynamoDB is still up.
    await sandbox.mailEvents.stop().catch(onError);
    const kept = saveQueues(emulators.sqs, join(dataDir, 'queues.json'));
    if (kept) log(`courtdesk: kept ${kept} queued message(s) for the next start`);
    // Saved: the journal of what the queues took is no longer needed (nor its messages' data).
    sandbox.queueJournal.close();
    saveMailbox(join(dataDir, 'mailbox.json'));
    await buckets.save();
  } finally {
    rmSync(sandbox.endpointsFile, { force: true });
    sqsClient.destroy();
    buckets.destroy();
    await Promise.allSettled([
      emulators.ses.stop(),
      emulators.sqs.stop(),
      sandbox.kms.stop(),
      sandbox.secretsManager.stop(),
    ]);
    await emulators.dynamo.stop();
  }
  // A clean stop: the pollers have saved their positions and DynamoDB Local has closed its file.
  const compacted = await compactDynamoDb(join(dataDir, 'dynamodb'), triggers.streamPollers).catch(onError);
  if (compacted)
    log(`courtdesk: DynamoDB's file compacted, ${compacted.droppedStreamRecords} stream record(s) dropped`);
}
