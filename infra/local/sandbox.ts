/**
 * The local sandbox: the whole system on one machine. Emulators for DynamoDB, SQS and SES, the
 * HTTP gateway and the queue pollers, all wired from the inventory, running the same handlers as
 * Lambda. What it keeps lives under one data folder: DynamoDB's files, the messages still queued
 * at stop (SQS is emulated in memory) and the SES mailbox.
 */

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  S3Event,
  ScheduledEvent,
  SESEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { isSegmentMinutes } from '../../shared/domain/audit-chain.ts';
import {
  sandboxSurveyInvitations,
  surveyInvitationSettingsJson,
} from '../../shared/domain/survey-invitation-settings.ts';
import {
  bucketSpec,
  commonEnvironment,
  defaultRequestBodyLimitBytes,
  functions,
  queues,
  tables,
} from '../inventory.ts';
import { loadOrCreateSigningKey } from './audit-signing-key.ts';
import { compactDynamoDb } from './compact-dynamodb.ts';
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
import { type Gateway, type Route, startGateway } from './gateway.ts';
import { localHelpSite } from './help-site.ts';
import { startIdentity } from './identity.ts';
import { mailboxStore, restoreMailbox, restoreQueues, saveMailbox, saveQueues } from './kept-state.ts';
import { type LambdaHandler, lambdaContext, loadHandler } from './lambda-context.ts';
import { startLocalBucket } from './local-bucket.ts';
import { startLocalKms } from './local-kms.ts';
import { type MailEventFunction, type MailEventSimulator, startMailEventSimulator } from './mail-events.ts';
import { migrateSandboxPseudonyms } from './migrate-pseudonyms.ts';
import { type ObjectCreatedFunction, startObjectEvents } from './object-events.ts';
import { freePort } from './ports.ts';
import { type QueuePoller, startQueuePoller } from './queue-poller.ts';
import { type SandboxEndpoints, sandboxEndpointsFile } from './sandbox-endpoints.ts';
import { type ExpiryResult, startSandboxExpiry } from './sandbox-expiry.ts';
import { type ScheduledFunction, type Scheduler, startScheduler } from './scheduler.ts';
import { seedSandboxKnowledge } from './seed-knowledge.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';
import { type StreamPoller, startStreamPoller } from './stream-poller.ts';
import { loadOrCreateMacKey } from './survey-mac-key.ts';
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
  await restoreQueues(sqsClient, queueUrls, join(dataDir, 'queues.json'));
  const inboundDomain = options.inboundDomain ?? 'courtdesk.localhost';
  const mailBucketSpec = bucketSpec('mail');
  // S3 event notifications of the mail bucket (scans → ingest-postal), to the functions loaded
  // below; objects arrive through the gateway's signed URLs, which exist only once it has started.
  const objectFunctions: ObjectCreatedFunction[] = [];
  const objectEvents = startObjectEvents({
    functions: objectFunctions,
    failureFolder: join(dataDir, 'failed-invocations'),
    log,
    onError,
  });
  const mailBucket = await startLocalBucket({
    name: 'courtdesk-mail',
    port: Number(new URL(sqs.endpoint).port),
    folder: join(dataDir, 's3', 'courtdesk-mail'),
    cors: mailBucketSpec.cors ?? [],
    onObjectCreated: (object) => objectEvents.created(object),
    onError,
  });
  // The audit digests: fauxqs has no Object Lock, so locally nothing stops their deletion; the
  // verifier still finds a deleted or altered one.
  const digestBucketSpec = bucketSpec('audit-digests');
  const digestBucket = await startLocalBucket({
    name: 'courtdesk-audit-digests',
    port: Number(new URL(sqs.endpoint).port),
    folder: join(dataDir, 's3', 'courtdesk-audit-digests'),
    immutable: true,
  });
  // The help pages: derived from the knowledge table, so not kept on disk; publish-help renders
  // them again soon after each start. The gateway serves them as CloudFront does.
  const helpBucket = await startLocalBucket({
    name: 'courtdesk-help',
    port: Number(new URL(sqs.endpoint).port),
    folder: join(dataDir, 's3', 'courtdesk-help'),
  });
  const helpSite = localHelpSite({
    endpoint: `http://127.0.0.1:${new URL(sqs.endpoint).port}`,
    bucket: helpBucket.name,
  });
  const signingKey = loadOrCreateSigningKey(join(dataDir, 'audit', 'signing-key.pem'), localRegion);
  const surveyMacKey = loadOrCreateMacKey(join(dataDir, 'survey', 'mac-key'), localRegion);
  const pseudonymMacKey = loadOrCreateMacKey(
    join(dataDir, 'pseudonyms', 'mac-key'),
    localRegion,
    'pseudonym',
  );
  const sealMinutes = options.audit?.sealMinutes ?? numberSetting('AUDIT_SEAL_MINUTES', 1);
  const graceSeconds = options.audit?.graceSeconds ?? numberSetting('AUDIT_SEAL_GRACE_SECONDS', 10);
  if (!isSegmentMinutes(sealMinutes))
    throw new Error(`AUDIT_SEAL_MINUTES must divide 60 (1, 2, 5, 10, 15, 30, 60, …), got ${sealMinutes}`);
  restoreMailbox(join(dataDir, 'mailbox.json'));

  // The functions' environment, as CDK sets it in the cloud, plus the SDK's endpoint settings.
  Object.assign(process.env, {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_S3: mailBucket.endpoint,
    POWERTOOLS_SERVICE_NAME: 'courtdesk',
    // No CloudWatch here: the audit metrics (EMF lines) would only clutter the console.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'ERROR' : 'INFO'),
    [commonEnvironment.senderEnvName]: options.senderAddress ?? 'noreply@courtdesk.localhost',
    [commonEnvironment.bodyLimitEnvName]:
      process.env[commonEnvironment.bodyLimitEnvName] ?? String(defaultRequestBodyLimitBytes),
  });
  // Staff sign in on the dev-only page of the local token issuer (Cognito's hosted UI in the cloud).
  process.env.STAFF_SIGN_IN_URL = '/local/sign-in';
  delete process.env.STAFF_AUTH_DOMAIN;
  delete process.env.STAFF_AUTH_CLIENT_ID;
  const identity = await startIdentity(join(dataDir, 'identity', 'signing-key.json'));
  process.env[mailBucketSpec.envName] = mailBucket.name;
  process.env[digestBucketSpec.envName] = digestBucket.name;
  process.env[bucketSpec('help').envName] = helpBucket.name;
  // The sealer signs through the KMS stand-in, with the sandbox's key under a KMS-shaped ARN.
  const kms = await startLocalKms({
    key: signingKey,
    macKey: surveyMacKey,
    macKeys: [pseudonymMacKey],
    onError,
  });
  process.env.AWS_ENDPOINT_URL_KMS = kms.endpoint;
  process.env.AUDIT_SIGNING_KEY_ID = signingKey.keyArn;
  // Survey links are signed (send-email) and checked (survey-api) with the sandbox's HMAC key.
  process.env.SURVEY_MAC_KEY = surveyMacKey.keyArn;
  // Client and subject keys are keyed with the secret derived from the sandbox's pseudonym key.
  process.env.PSEUDONYM_KEY = pseudonymMacKey.keyArn;
  process.env.PSEUDONYM_KEY_VERSION ??= '1';
  process.env.AUDIT_SEAL_MINUTES = String(sealMinutes);
  process.env.AUDIT_SEAL_GRACE_SECONDS = String(graceSeconds);
  process.env[commonEnvironment.inboundDomainEnvName] = inboundDomain;
  for (const table of tables) process.env[table.envName] = tableNames[table.id];
  for (const queue of queues) process.env[queue.envName] = queueUrls[queue.id]?.url;
  // Survey invitations at once (a separate message, no delay), unless the developer set them.
  process.env.SURVEY_INVITATIONS ??= surveyInvitationSettingsJson(sandboxSurveyInvitations);
  delete process.env.AWS_PROFILE;
  // Client keys of a data folder from before the keys were keyed, re-keyed before any handler runs.
  await migrateSandboxPseudonyms({
    dynamoEndpoint: dynamo.endpoint,
    kmsEndpoint: kms.endpoint,
    keyArn: pseudonymMacKey.keyArn,
    version: Number(process.env.PSEUDONYM_KEY_VERSION),
    ticketsTable: tableNames.tickets ?? 'tickets',
    auditTable: tableNames.audit ?? 'audit',
    log,
  });

  const routes: Route[] = [];
  const pollers: QueuePoller[] = [];
  const streamPollers: StreamPoller[] = [];
  const scheduled: ScheduledFunction[] = [];
  const mailFunctions: { spec: (typeof functions)[number]; handler: unknown }[] = [];
  const mailEventFunctions: MailEventFunction[] = [];
  const timing = options.schedules === false ? undefined : (options.schedules ?? {});
  // Read before anything starts: a malformed setting fails the start, not a timer later.
  const intervalSeconds = timing?.intervalSeconds ?? sweepIntervalSeconds();
  let gateway: Gateway;
  let scheduler: Scheduler;
  let smtp: SmtpListener;
  let mailEvents: MailEventSimulator;
  try {
    // Functions that exist in the cloud only (what they call has no emulator).
    for (const spec of functions.filter((entry) => !entry.cloudOnly)) {
      for (const trigger of spec.triggers) {
        if (trigger.kind === 'http') {
          routes.push({
            method: trigger.method,
            path: trigger.path,
            auth: trigger.auth,
            throttle: trigger.throttle,
            spec,
            handler: await loadHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(spec.name),
          });
        } else if (trigger.kind === 'schedule') {
          scheduled.push({
            spec,
            expression: trigger.expression,
            handler: await loadHandler<ScheduledEvent, unknown>(spec.name),
            ...(trigger.localIntervalSeconds ? { intervalMs: trigger.localIntervalSeconds * 1000 } : {}),
          });
        } else if (trigger.kind === 'email') {
          mailFunctions.push({ spec, handler: await loadHandler<unknown, unknown>(spec.name) });
        } else if (trigger.kind === 'mail-events') {
          mailEventFunctions.push({ spec, events: trigger.events, handler: await loadHandler(spec.name) });
        } else if (trigger.kind === 'object-created') {
          objectFunctions.push({
            spec,
            prefix: bucketSpec(trigger.bucket).prefixes[trigger.prefix],
            handler: await loadHandler<S3Event, unknown>(spec.name),
          });
        } else if (trigger.kind === 'table-stream') {
          // Lambda's stream event source mapping, over DynamoDB Local's stream of the table.
          streamPollers.push(
            startStreamPoller({
              endpoint: dynamo.endpoint,
              tableName: tableNames[trigger.table] ?? trigger.table,
              trigger,
              spec,
              handler: await loadHandler<DynamoDBStreamEvent, DynamoDBBatchResponse | undefined>(spec.name),
              positionsFile: join(dataDir, 'streams', `${spec.name}-${trigger.table}.json`),
              failureFolder: join(dataDir, 'failed-invocations'),
              log,
              onError,
            }),
          );
        } else {
          const queue = queueUrls[trigger.queue];
          if (!queue) throw new Error(`Queue ${trigger.queue} was not created`);
          const arn = (
            await sqsClient.send(
              new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }),
            )
          ).Attributes?.QueueArn;
          pollers.push(
            startQueuePoller({
              client: sqsClient,
              queueUrl: queue.url,
              queueArn: arn ?? '',
              batchSize: trigger.batchSize,
              spec,
              handler: await loadHandler<SQSEvent, SQSBatchResponse | undefined>(spec.name),
              concurrency: options.pollerConcurrency ?? 2,
              ...(options.retryDelaySeconds !== undefined
                ? { retryDelaySeconds: options.retryDelaySeconds }
                : {}),
              onError,
            }),
          );
        }
      }
    }

    gateway = await startGateway({
      port: webPort,
      // The admin page uploads replies' files to the bucket with presigned PUTs.
      uploadOrigin: mailBucket.origin,
      routes,
      webRoot: join(repositoryRoot, 'dist/web'),
      helpSite,
      identity,
      onError,
    });
    // Links in mail (the articles an acknowledgement names) point at the gateway, known only now.
    process.env.PUBLIC_SITE_URL = gateway.url;
    const ingestEmail = mailFunctions[0];
    if (!ingestEmail) throw new Error('No function has an email trigger');
    smtp = await startSmtpListener({
      port: options.ports?.smtp ?? 0,
      inboundDomain,
      rawMailPrefix: mailBucketSpec.prefixes.rawMail,
      store: (key, raw) => mailBucket.put(key, raw),
      invoke: async (event) => {
        const handler = ingestEmail.handler as LambdaHandler<SESEvent, unknown>;
        await handler(event, lambdaContext(ingestEmail.spec, event.Records[0]?.ses.mail.messageId ?? 'smtp'));
      },
      // The cloud's on-failure queue of ingest-email, kept in the data folder: one file per event.
      onFailure: async (event, error) => {
        const folder = join(dataDir, 'failed-invocations', ingestEmail.spec.name);
        await mkdir(folder, { recursive: true });
        const id = event.Records[0]?.ses.mail.messageId ?? String(Date.now());
        await writeFile(
          join(folder, `${id}.json`),
          JSON.stringify(
            {
              requestPayload: event,
              responseContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
              responsePayload: { errorType: error instanceof Error ? error.name : typeof error },
            },
            null,
            2,
          ),
        );
        log(`ingest-email failed 3 times for ${id}; event kept in ${folder}`);
      },
      onError,
    });
    // SES's mailbox simulator: bounce@ and complaint@simulator.amazonses.com produce SES's events.
    mailEvents = startMailEventSimulator({
      mailbox: () => mailboxStore().getStoreReadonly().emails,
      functions: mailEventFunctions,
      onError,
    });
    scheduler = startScheduler({
      functions: scheduled,
      // Late enough not to slow a starting sandbox (or the tests that start one) down.
      firstRunAfterMs: timing ? (timing.firstRunAfterSeconds ?? 10) * 1000 : undefined,
      intervalMs: intervalSeconds * 1000,
      onError,
    });
  } catch (error) {
    await Promise.all([...pollers, ...streamPollers].map((poller) => poller.stop()));
    sqsClient.destroy();
    mailBucket.destroy();
    digestBucket.destroy();
    helpBucket.destroy();
    helpSite.destroy();
    await kms.stop();
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
    s3: `http://127.0.0.1:${new URL(sqs.endpoint).port}`,
    auditTable: tableNames.audit ?? 'audit',
    auditDigestBucket: digestBucket.name,
    signingPublicKeyFile: signingKey.publicKeyFile,
    signingKeyIds: [signingKey.keyArn, signingKey.legacyKeyId],
    sealMinutes,
    graceSeconds,
  };
  writeFileSync(endpointsFile, JSON.stringify(endpoints, null, 2));

  async function pendingMessages(): Promise<number> {
    let total = 0;
    for (const queue of Object.values(queueUrls)) total += await pendingInQueue(sqsClient, queue.url);
    return total;
  }

  async function streamsCaughtUp(): Promise<void> {
    await Promise.all(streamPollers.map((poller) => poller.caughtUp()));
  }

  let stopped: Promise<void> | undefined;
  async function stop(): Promise<void> {
    // A scheduled run in flight finishes while the emulators are still up.
    // Mail accepted and its ingest-email invocations finish before the queues drain. Settled, not
    // all: one part failing to stop must not cut the gateway's requests in flight short.
    for (const result of await Promise.allSettled([
      gateway.stop(),
      scheduler.stop(),
      smtp.stop(),
      expiry.stop(),
    ]))
      if (result.status === 'rejected') onError(result.reason);
    const deadline = Date.now() + (options.drainTimeoutMs ?? 30_000);
    while (
      Date.now() < deadline &&
      ((await pendingMessages()) > 0 || pollers.some((p) => p.inFlight() > 0) || objectEvents.inFlight() > 0)
    ) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
    }
    // The stream's records of the work just drained (figures), within what is left of the wait.
    await Promise.race([
      streamsCaughtUp(),
      new Promise((resolvePromise) => setTimeout(resolvePromise, Math.max(0, deadline - Date.now()))),
    ]);
    try {
      await Promise.all([...pollers, ...streamPollers].map((poller) => poller.stop()));
      // Bounces and complaints of the mail sent while draining, while DynamoDB is still up.
      await mailEvents.stop().catch(onError);
      const kept = saveQueues(sqs, join(dataDir, 'queues.json'));
      if (kept) log(`courtdesk: kept ${kept} queued message(s) for the next start`);
      saveMailbox(join(dataDir, 'mailbox.json'));
      await mailBucket.save();
      await digestBucket.save();
    } finally {
      rmSync(endpointsFile, { force: true });
      sqsClient.destroy();
      mailBucket.destroy();
      digestBucket.destroy();
      helpBucket.destroy();
      helpSite.destroy();
      await Promise.allSettled([ses.stop(), sqs.stop(), kms.stop()]);
      await dynamo.stop();
    }
    // A clean stop: the pollers have saved their positions and DynamoDB Local has closed its file.
    const compacted = await compactDynamoDb(join(dataDir, 'dynamodb'), streamPollers).catch(onError);
    if (compacted)
      log(`courtdesk: DynamoDB's file compacted, ${compacted.droppedStreamRecords} stream record(s) dropped`);
  }

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
      stopped ??= stop();
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

/** A whole number of at least 0 from the environment, or `fallback`. */
function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`Environment variable ${name} must be a whole number, got "${raw}"`);
  return value;
}
