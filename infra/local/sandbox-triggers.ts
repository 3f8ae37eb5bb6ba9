/**
 * The sandbox's event sources: every function's handler (except those that exist in the cloud only)
 * loaded and handed to what stands in for each of its triggers. HTTP routes for the gateway, timers
 * for the scheduler, the SMTP listener's and the mail-event simulator's functions, the mail bucket's
 * object-created events; the stream and queue pollers, as Lambda's event source mappings, are
 * started here.
 */
import { join } from 'node:path';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  S3Event,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { bucketSpec, type FunctionSpec, functions } from '../inventory.ts';
import type { QueueUrls } from './emulators.ts';
import type { Route } from './gateway.ts';
import { loadHandler } from './lambda-context.ts';
import type { MailEventFunction } from './mail-events.ts';
import type { ObjectCreatedFunction } from './object-events.ts';
import { type QueuePoller, startQueuePoller } from './queue-poller.ts';
import type { ScheduledFunction } from './scheduler.ts';
import { type StreamPoller, startStreamPoller } from './stream-poller.ts';

/** A function SES's receipt rule invokes with the mail it received (ingest-email). */
export interface MailFunction {
  readonly spec: FunctionSpec;
  readonly handler: unknown;
}

export interface SandboxTriggers {
  readonly routes: Route[];
  readonly scheduled: ScheduledFunction[];
  readonly mailFunctions: MailFunction[];
  readonly mailEventFunctions: MailEventFunction[];
  /** Started: the caller stops them. */
  readonly pollers: QueuePoller[];
  /** Started: the caller stops them. */
  readonly streamPollers: StreamPoller[];
}

/**
 * Loads the handlers and wires their triggers; the object-created ones are added to
 * `objectFunctions`. When a handler fails to load, the pollers started so far are stopped.
 */
export async function loadTriggers(options: {
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly sqsClient: SQSClient;
  readonly queueUrls: QueueUrls;
  readonly objectFunctions: ObjectCreatedFunction[];
  readonly pollerConcurrency?: number;
  readonly retryDelaySeconds?: number;
  readonly log: (line: string) => void;
  readonly onError: (error: unknown) => void;
}): Promise<SandboxTriggers> {
  const { dataDir, tableNames, sqsClient, queueUrls, log, onError } = options;
  const triggers: SandboxTriggers = {
    routes: [],
    scheduled: [],
    mailFunctions: [],
    mailEventFunctions: [],
    pollers: [],
    streamPollers: [],
  };
  try {
    // Functions that exist in the cloud only (what they call has no emulator).
    for (const spec of functions.filter((entry) => !entry.cloudOnly)) {
      for (const trigger of spec.triggers) {
        if (trigger.kind === 'http') {
          triggers.routes.push({
            method: trigger.method,
            path: trigger.path,
            auth: trigger.auth,
            throttle: trigger.throttle,
            spec,
            handler: await loadHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(spec.name),
          });
        } else if (trigger.kind === 'schedule') {
          triggers.scheduled.push({
            spec,
            expression: trigger.expression,
            handler: await loadHandler<ScheduledEvent, unknown>(spec.name),
            ...(trigger.localIntervalSeconds ? { intervalMs: trigger.localIntervalSeconds * 1000 } : {}),
          });
        } else if (trigger.kind === 'email') {
          triggers.mailFunctions.push({ spec, handler: await loadHandler<unknown, unknown>(spec.name) });
        } else if (trigger.kind === 'mail-events') {
          triggers.mailEventFunctions.push({
            spec,
            events: trigger.events,
            handler: await loadHandler(spec.name),
          });
        } else if (trigger.kind === 'object-created') {
          options.objectFunctions.push({
            spec,
            prefix: bucketSpec(trigger.bucket).prefixes[trigger.prefix],
            handler: await loadHandler<S3Event, unknown>(spec.name),
          });
        } else if (trigger.kind === 'table-stream') {
          // Lambda's stream event source mapping, over DynamoDB Local's stream of the table.
          triggers.streamPollers.push(
            startStreamPoller({
              endpoint: options.dynamoEndpoint,
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
          triggers.pollers.push(
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
  } catch (error) {
    await stopPollers(triggers);
    throw error;
  }
  return triggers;
}

/** Stops the queue and stream pollers, letting their batches in flight finish. */
export async function stopPollers(triggers: SandboxTriggers): Promise<void> {
  await Promise.all([...triggers.pollers, ...triggers.streamPollers].map((poller) => poller.stop()));
}
