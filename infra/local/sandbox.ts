/**
 * The local sandbox: the whole system on one machine. Emulators for DynamoDB, SQS and SES, the
 * HTTP gateway and the queue pollers, all wired from the inventory, running the same handlers as
 * Lambda. What it keeps lives under one data folder: DynamoDB's files, the messages still queued
 * at stop (SQS is emulated in memory) and the SES mailbox. This file starts the emulators and wires
 * the parts together: the buckets (sandbox-buckets.ts), the handlers' keys and environment
 * (sandbox-runtime.ts), their triggers (sandbox-triggers.ts), inbound mail (sandbox-inbound-mail.ts)
 * and the stop (sandbox-stop.ts).
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type EdgeLimitOverrides, parseEdgeLimits } from '../edge-limits.ts';
import { tables } from '../inventory.ts';
import { edgeLimitsFromEnvironment } from './address-limits.ts';
import {
  createQueues,
  createTables,
  type DynamoEmulator,
  localCredentials,
  localRegion,
  pendingInQueue,
  type SesEmulator,
  type SqsEmulator,
  startDynamo,
  startSes,
  startSqs,
} from './emulators.ts';
import { type Gateway, startGateway } from './gateway.ts';
import { mailboxStore, requeue, restoreMailbox, restoreQueues } from './kept-state.ts';
import { type MailEventSimulator, startMailEventSimulator } from './mail-events.ts';
import { freePort } from './ports.ts';
import { openQueueJournal } from './queue-journal.ts';
import { startSandboxBuckets } from './sandbox-buckets.ts';
import { type SandboxEndpoints, sandboxEndpointsFile } from './sandbox-endpoints.ts';
import { type ExpiryResult, startSandboxExpiry } from './sandbox-expiry.ts';
import { startInboundMail } from './sandbox-inbound-mail.ts';
import { prepareFunctionRuntime } from './sandbox-runtime.ts';
import { stopSandbox } from './sandbox-stop.ts';
import { loadTriggers, type SandboxTriggers, stopPollers } from './sandbox-triggers.ts';
import { type Scheduler, startScheduler } from './scheduler.ts';
import { seedSandboxKnowledge } from './seed-knowledge.ts';
import type { SmtpListener } from './smtp-listener.ts';
import { upgradeSandboxTables } from './upgrade-tables.ts';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SandboxOptions {
  /** Where data is kept; default `.courtdesk-data` in the repository. */
  readonly dataDir?: string;
  /** Ports; 0 or absent picks a free one (the CLI passes its defaults). */
  readonly ports?: { web?: number; mailbox?: number; dynamodb?: number; sqs?: number; smtp?: number };
  /** The domain the SMTP listener accepts mail for (default `courtdesk.localhost`). */
  readonly inboundDomain?: string;
  readonly quiet?: boolean;
  /** See `QueuePollerOptions.retryDelaySeconds`. */
  readonly retryDelaySeconds?: number;
  /**
   * Pollers per queue (default 2): on a two-core machine, two concurrent batches per queue keep the
   * batches large (a busy queue fills each receive), which costs fewer writes per message.
   */
  readonly pollerConcurrency?: number;
  /** Build the web pages before serving (default true). */
  readonly buildWeb?: boolean;
  /** How long `stop()` waits for the queues to drain. */
  readonly drainTimeoutMs?: number;
  readonly senderAddress?: string;
  /**
   * Timers for the schedule-triggered functions (the deadline sweeper): `false` turns them off
   * (`runScheduled` still runs them). By default the first run comes 10 s after start, later ones
   * every `intervalSeconds` (`COURTDESK_SWEEP_INTERVAL_SECONDS`, default 3600).
   */
  readonly schedules?: false | { readonly firstRunAfterSeconds?: number; readonly intervalSeconds?: number };
  /**
   * The audit sealer's period and grace (`AUDIT_SEAL_MINUTES`, default 1; `AUDIT_SEAL_GRACE_SECONDS`,
   * default 10), so that sealing shows within a minute; its timer runs every 20 s (the inventory's
   * `localIntervalSeconds`).
   */
  readonly audit?: { readonly sealMinutes?: number; readonly graceSeconds?: number };
  /**
   * Per-address limits on the form, the assistant and the survey (`infra/edge-limits.ts`), on by
   * default: overrides of the defaults, or `false` for none. Absent: `COURTDESK_EDGE_LIMITS`.
   */
  readonly edgeLimits?: EdgeLimitOverrides | false;
}

export interface Sandbox {
  readonly urls: { web: string; mailbox: string; dynamodb: string; sqs: string; s3: string };
  /** Where to send mail: any SMTP client, to any address `@<inboundDomain>`. */
  readonly smtp: { readonly host: string; readonly port: number; readonly inboundDomain: string };
  readonly mailBucket: string;
  /**
   * The audit trail's sealing: the digest bucket (fauxqs at `urls.s3`; no Object Lock there), the
   * signing key of the KMS stand-in (`keyId`, its ARN, is what the digests name), and the period.
   */
  readonly audit: {
    readonly digestBucket: string;
    readonly signingKey: {
      readonly keyId: string;
      readonly publicKeyPem: string;
      readonly publicKeyFile: string;
    };
    readonly sealMinutes: number;
    readonly graceSeconds: number;
  };
  readonly queueUrls: Readonly<Record<string, { url: string; deadLetterUrl: string }>>;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly dataDir: string;
  /** Messages visible or in flight on the main queues (not the dead-letter queues). */
  pendingMessages(): Promise<number>;
  /**
   * Resolves once every table-stream trigger's poller has handled what the stream holds (the
   * figures are up to date with every write made before the call).
   */
  streamsCaughtUp(): Promise<void>;
  /** Runs a schedule-triggered function now, as its schedule would, and answers its result. */
  runScheduled(name: string): Promise<unknown>;
  /** Deletes what is expired at `now` (default: the time): items past their TTL, mail past its period. */
  reapExpired(now?: Date): Promise<ExpiryResult>;
  /** Finishes the work in flight, drains the queues, keeps what is left, and stops everything. */
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = resolve(options.dataDir ?? join(repositoryRoot, '.courtdesk-data'));
  mkdirSync(dataDir, { recursive: true });
  const log = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const onError = (error: unknown) => {
    if (!options.quiet)
      console.error('[sandbox]', error instanceof Error ? `${error.name}: ${error.message}` : error);
  };

  // Servers in this process bind port 0 themselves (no window for another process to take a port
  // picked in advance); only the Java process needs a number, and is retried on a clash.
  const webPort = options.ports?.web ?? 0;
  const mailboxPort = options.ports?.mailbox ?? 0;
  const sqsPort = options.ports?.sqs ?? 0;

  if (options.buildWeb !== false) {
    const buildModule = join(repositoryRoot, 'web/build.ts');
    if (existsSync(buildModule)) {
      const { buildWeb } = (await import(pathToFileURL(buildModule).href)) as {
        buildWeb: (outDir?: string) => Promise<unknown>;
      };
      await buildWeb(join(repositoryRoot, 'dist/web'));
    }
  }

  const started: { stop(): Promise<void> }[] = [];
  let dynamo: DynamoEmulator;
  let sqs: SqsEmulator;
  let ses: SesEmulator;
  try {
    [dynamo, sqs, ses] = await Promise.all([
      startDynamoOnFreePort(options.ports?.dynamodb, join(dataDir, 'dynamodb')),
      startSqs(sqsPort),
      startSes(mailboxPort),
    ]);
    started.push(dynamo, sqs, ses);
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }

  try {
    return await wire(options, dataDir, log, onError, { dynamo, sqs, ses }, webPort);
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }
}

/** DynamoDB Local on the given port, or on a free one, trying another if it was taken meanwhile. */
async function startDynamoOnFreePort(port: number | undefined, dataDir: string): Promise<DynamoEmulator> {
  if (port) return startDynamo(port, dataDir);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDynamo(await freePort(), dataDir);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Wires the handlers to the started emulators: tables, queues, buckets, keys, triggers, gateway. */
async function wire(
  options: SandboxOptions,
  dataDir: string,
  log: (line: string) => void,
  onError: (error: unknown) => void,
  { dynamo, sqs, ses }: { dynamo: DynamoEmulator; sqs: SqsEmulator; ses: SesEmulator },
  webPort: number,
): Promise<Sandbox> {
  const tableNames = Object.fromEntries(tables.map((table) => [table.id, table.id]));
  await createTables(dynamo.endpoint, tableNames);
  // A data folder from an older version: its indexes and list keys brought to today's shape before
  // any handler runs.
  await upgradeSandboxTables(dynamo.endpoint, tableNames, log);
  await seedSandboxKnowledge(dynamo.endpoint, tableNames, log);
  const queueUrls = await createQueues(sqs.endpoint);
  const sqsClient = new SQSClient({
    endpoint: sqs.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  // Every message the queues take is journaled from here on (a kill -9 loses none); what a killed
  // run left in its journal is read first.
  const queueJournal = await openQueueJournal(
    join(dataDir, 'queues.journal'),
    Number(new URL(sqs.endpoint).port),
  );
  // What the last stop kept: the messages still queued and the SES mailbox.
  await restoreQueues(sqsClient, queueUrls, join(dataDir, 'queues.json'));
  // What the last run accepted and never finished, had it been killed.
  if (queueJournal.recoveredCount > 0) {
    await requeue(sqsClient, queueUrls, queueJournal.recovered);
    log(
      `courtdesk: ${queueJournal.recoveredCount} queued message(s) recovered from the journal of a run that did not stop cleanly`,
    );
  }
  queueJournal.replayed();
  restoreMailbox(join(dataDir, 'mailbox.json'));
  const inboundDomain = options.inboundDomain ?? 'courtdesk.localhost';
  const s3Port = Number(new URL(sqs.endpoint).port);
  const buckets = await startSandboxBuckets({ dataDir, s3Port, log, onError });
  const { mailBucket, digestBucket, helpSite } = buckets;
  const { kms, secretsManager, originSecret, identity, signingKey, sealMinutes, graceSeconds } =
    await prepareFunctionRuntime({
      dataDir,
      endpoints: { dynamodb: dynamo.endpoint, sqs: sqs.endpoint, ses: ses.endpoint },
      buckets,
      tableNames,
      queueUrls,
      inboundDomain,
      senderAddress: options.senderAddress,
      quiet: options.quiet,
      audit: options.audit,
      log,
      onError,
    });

  const timing = options.schedules === false ? undefined : (options.schedules ?? {});
  // Read before anything starts: a malformed setting fails the start, not a timer later.
  const intervalSeconds = timing?.intervalSeconds ?? sweepIntervalSeconds();
  const edgeLimits =
    options.edgeLimits === undefined
      ? edgeLimitsFromEnvironment()
      : options.edgeLimits && parseEdgeLimits(options.edgeLimits);
  let triggers: SandboxTriggers | undefined;
  let gateway: Gateway;
  let scheduler: Scheduler;
  let smtp: SmtpListener;
  let mailEvents: MailEventSimulator;
  try {
    triggers = await loadTriggers({
      dataDir,
      dynamoEndpoint: dynamo.endpoint,
      tableNames,
      sqsClient,
      queueUrls,
      objectFunctions: buckets.objectFunctions,
      pollerConcurrency: options.pollerConcurrency,
      retryDelaySeconds: options.retryDelaySeconds,
      log,
      onError,
    });
    gateway = await startGateway({
      port: webPort,
      // The admin page uploads replies' files to the bucket with presigned PUTs.
      uploadOrigin: mailBucket.origin,
      routes: triggers.routes,
      webRoot: join(repositoryRoot, 'dist/web'),
      helpSite,
      identity,
      originSecret: originSecret.value,
      ...(edgeLimits ? { edgeLimits } : {}),
      onError,
    });
    // Links in mail (the articles an acknowledgement names) point at the gateway, known only now.
    process.env.PUBLIC_SITE_URL = gateway.url;
    smtp = await startInboundMail({
      dataDir,
      port: options.ports?.smtp,
      inboundDomain,
      mailBucket,
      mailFunctions: triggers.mailFunctions,
      log,
      onError,
    });
    // SES's mailbox simulator: bounce@ and complaint@simulator.amazonses.com produce SES's events.
    mailEvents = startMailEventSimulator({
      mailbox: () => mailboxStore().getStoreReadonly().emails,
      functions: triggers.mailEventFunctions,
      onError,
    });
    scheduler = startScheduler({
      functions: triggers.scheduled,
      // Late enough not to slow a starting sandbox (or the tests that start one) down.
      firstRunAfterMs: timing ? (timing.firstRunAfterSeconds ?? 10) * 1000 : undefined,
      intervalMs: intervalSeconds * 1000,
      onError,
    });
  } catch (error) {
    if (triggers) await stopPollers(triggers);
    sqsClient.destroy();
    buckets.destroy();
    await kms.stop();
    await secretsManager.stop();
    throw error;
  }

  // DynamoDB Local keeps expired items and the SES emulator every mail: expired here, every minute.
  const expiry = startSandboxExpiry({
    dynamoEndpoint: dynamo.endpoint,
    tables: tables.map((table) => ({ ...table, name: tableNames[table.id] ?? table.id })),
    firstRunAfterMs: timing ? (timing.firstRunAfterSeconds ?? 10) * 1000 : undefined,
    intervalMs: 60_000,
    onError,
  });

  const endpointsFile = join(dataDir, sandboxEndpointsFile);
  const endpoints: SandboxEndpoints = {
    pid: process.pid,
    region: localRegion,
    credentials: localCredentials,
    dynamodb: dynamo.endpoint,
    s3: `http://127.0.0.1:${s3Port}`,
    auditTable: tableNames.audit ?? 'audit',
    auditDigestBucket: digestBucket.name,
    signingPublicKeyFile: signingKey.publicKeyFile,
    signingKeyIds: [signingKey.keyArn, signingKey.legacyKeyId],
    sealMinutes,
    graceSeconds,
  };
  writeFileSync(endpointsFile, JSON.stringify(endpoints, null, 2));

  const { streamPollers } = triggers;
  async function pendingMessages(): Promise<number> {
    let total = 0;
    for (const queue of Object.values(queueUrls)) total += await pendingInQueue(sqsClient, queue.url);
    return total;
  }

  async function streamsCaughtUp(): Promise<void> {
    await Promise.all(streamPollers.map((poller) => poller.caughtUp()));
  }

  const running = {
    dataDir,
    endpointsFile,
    emulators: { dynamo, sqs, ses },
    queueJournal,
    kms,
    secretsManager,
    sqsClient,
    buckets,
    triggers,
    gateway,
    scheduler,
    expiry,
    smtp,
    mailEvents,
    pendingMessages,
    streamsCaughtUp,
  };
  let stopped: Promise<void> | undefined;
  return {
    smtp: { host: 'localhost', port: smtp.port, inboundDomain },
    mailBucket: mailBucket.name,
    audit: {
      digestBucket: digestBucket.name,
      signingKey: {
        keyId: signingKey.keyArn,
        publicKeyPem: signingKey.publicKeyPem,
        publicKeyFile: signingKey.publicKeyFile,
      },
      sealMinutes,
      graceSeconds,
    },
    urls: {
      web: gateway.url,
      mailbox: ses.endpoint.replace('127.0.0.1', 'localhost'),
      dynamodb: dynamo.endpoint,
      sqs: sqs.endpoint,
      s3: endpoints.s3,
    },
    queueUrls,
    tableNames,
    dataDir,
    pendingMessages,
    streamsCaughtUp,
    runScheduled: (name) => scheduler.run(name),
    reapExpired: (now) => expiry.run(now),
    stop: () => {
      stopped ??= stopSandbox(running, { drainTimeoutMs: options.drainTimeoutMs ?? 30_000, log, onError });
      return stopped;
    },
  };
}

/** `COURTDESK_SWEEP_INTERVAL_SECONDS`, or an hour: locally, a sweep each hour keeps flags current. */
function sweepIntervalSeconds(): number {
  const raw = process.env.COURTDESK_SWEEP_INTERVAL_SECONDS;
  if (raw === undefined || raw === '') return 3600;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(
      `Environment variable COURTDESK_SWEEP_INTERVAL_SECONDS must be a positive number, got "${raw}"`,
    );
  }
  return seconds;
}
