/**
 * The sandbox's cost meter: what the handlers ask of AWS, per function, in the units AWS bills.
 * Off unless `startMeter()` runs before the sandbox starts; off, nothing is added anywhere.
 *
 * - SDK requests: every client made by shared/adapters/clients/ gets a middleware, innermost
 *   (beside the deserializer), so it sees each request sent — retries included, presigned URLs
 *   (never sent) not. DynamoDB is asked for its consumed capacity on every call
 *   (`ReturnConsumedCapacity: INDEXES`); DynamoDB Local reports it with index writes and
 *   transactions' double units. A write whose condition failed is charged in AWS but reports
 *   nothing: its units are computed from the item size and counted apart as estimated.
 * - Invocations: each loaded handler is timed (duration × the function's memory, as Lambda bills),
 *   and what AWS does around it is counted from the trigger: an HTTP API request, the SQS event
 *   source mapping's receive and batch delete, SES receiving the mail and storing it in S3.
 * The bench's own clients are not the handlers' clients, so they are not counted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type MadeClient, observeClients } from '../../shared/adapters/clients/made.ts';
import { writeUnits } from './dynamodb-item-size.ts';
import { type LambdaHandler, wrapLoadedHandlers } from './lambda-context.ts';

export const usageItems = [
  'dynamodb-write-units',
  'dynamodb-read-units',
  'sqs-requests',
  'ses-messages',
  'ses-inbound-messages',
  'ses-inbound-chunks',
  's3-put-requests',
  's3-get-requests',
  'kms-requests',
  'lambda-requests',
  'lambda-gb-seconds',
  'http-api-requests',
] as const;

export type UsageItem = (typeof usageItems)[number];
export type Usage = Partial<Record<UsageItem, number>>;

export interface MeterReading {
  /** What each function used; `(outside)` for requests made outside any invocation. */
  readonly byFunction: Readonly<Record<string, Usage>>;
  /** Per `<function> <service> <call>`: how often, and the billed units (for DynamoDB, capacity). */
  readonly calls: Readonly<Record<string, { readonly count: number; readonly units: number }>>;
  /** DynamoDB units per `<function> <call> <table>` or `… <table>/<index>`: where the units go. */
  readonly capacity: Readonly<Record<string, number>>;
  /** DynamoDB write units computed from item sizes (failed conditional writes), within the totals. */
  readonly estimatedWriteUnits: number;
}

export interface Meter {
  reading(): MeterReading;
  /** Forgets what was counted (after a warm-up). */
  reset(): void;
  /** Invocations running now. */
  inFlight(): number;
  /** `handler` of function `name`, timed and counted (what the sandbox's loaded handlers become). */
  timed<E, R>(name: string, handler: LambdaHandler<E, R>): LambdaHandler<E, R>;
  /** Removes the hooks: clients and handlers made from now on are not metered. */
  stop(): void;
}

const middlewareName = 'courtdeskCostMeter';
const sqsChunkBytes = 64 * 1024;
const dynamoWrites = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const dynamoCapacityCalls = new Set([
  ...dynamoWrites,
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
]);

type Input = Record<string, unknown>;
type Handler = (args: { input: Input }) => Promise<{ output: Input }>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;
interface Stack {
  add(middleware: Middleware, options: { step: string; name: string; priority?: string }): void;
}

let running: Meter | undefined;

/** Starts metering; call before `startSandbox`, and `stop()` after the sandbox has stopped. */
export function startMeter(): Meter {
  if (running) throw new Error('A cost meter is already running in this process');
  const invocation = new AsyncLocalStorage<string>();
  let counts = emptyCounts();
  let inFlight = 0;

  const record = (fn: string, item: UsageItem, amount: number) => addUsage(counts, fn, { [item]: amount });
  const call = (fn: string, name: string, units: number) => addCall(counts, `${fn} ${name}`, 1, units);

  function requested(
    service: string,
    command: string,
    input: Input,
    output: Input | undefined,
    failed: unknown,
  ) {
    const fn = invocation.getStore() ?? '(outside)';
    if (service === 'DynamoDB') {
      let units = capacityUnits(output?.ConsumedCapacity);
      if (output === undefined && dynamoWrites.has(command) && isConditionFailure(failed)) {
        units = failedWriteUnits(command, input);
        counts.estimatedWriteUnits += units;
      }
      record(fn, dynamoWrites.has(command) ? 'dynamodb-write-units' : 'dynamodb-read-units', units);
      call(fn, `dynamodb ${command}`, units);
      for (const [target, targetUnits] of capacityTargets(output?.ConsumedCapacity))
        addCapacity(counts, `${fn} ${command} ${target}`, targetUnits);
    } else if (service === 'SQS') {
      const billed = Math.max(1, Math.ceil(sqsPayloadBytes(command, input) / sqsChunkBytes));
      record(fn, 'sqs-requests', billed);
      call(fn, `sqs ${command}`, billed);
    } else if (service === 'SESv2') {
      const recipients = command === 'SendEmail' ? recipientCount(input) : 0;
      record(fn, 'ses-messages', recipients);
      call(fn, `ses ${command}`, recipients);
    } else if (service === 'S3') {
      const requestClass = s3RequestClass(command);
      if (requestClass) record(fn, requestClass, 1);
      call(fn, `s3 ${command}`, requestClass ? 1 : 0);
    } else if (service === 'KMS') {
      record(fn, 'kms-requests', 1);
      call(fn, `kms ${command}`, 1);
    }
  }

  const observer = (client: MadeClient) => {
    const service = client.constructor.name.replace(/Client$/, '');
    const stack = client.middlewareStack as unknown as Stack;
    if (service === 'DynamoDB') {
      stack.add(
        (next, context) => (args) =>
          next(
            context.commandName && dynamoCapacityCalls.has(context.commandName.replace(/Command$/, ''))
              ? { ...args, input: { ...args.input, ReturnConsumedCapacity: 'INDEXES' } }
              : args,
          ),
        { step: 'initialize', name: `${middlewareName}Ask`, priority: 'high' },
      );
    }
    stack.add(
      (next, context) => async (args) => {
        const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        try {
          const result = await next(args);
          requested(service, command, args.input, result.output, undefined);
          return result;
        } catch (error) {
          requested(service, command, args.input, undefined, error);
          throw error;
        }
      },
      { step: 'deserialize', name: middlewareName, priority: 'high' },
    );
  };

  const timed = <E, R>(name: string, handler: LambdaHandler<E, R>): LambdaHandler<E, R> => {
    return (event, context) =>
      invocation.run(name, async () => {
        inFlight += 1;
        const started = performance.now();
        try {
          return await handler(event, context);
        } finally {
          inFlight -= 1;
          // Lambda bills each invocation's duration rounded up to the millisecond.
          const milliseconds = Math.ceil(performance.now() - started);
          record(name, 'lambda-requests', 1);
          record(name, 'lambda-gb-seconds', (milliseconds / 1000) * (Number(context.memoryLimitInMB) / 1024));
          call(name, 'lambda Invoke', 1);
          for (const [item, callName, amount] of triggerUsage(event)) {
            record(name, item, amount);
            call(name, callName, amount);
          }
        }
      });
  };

  observeClients(observer);
  wrapLoadedHandlers(timed);
  const meter: Meter = {
    reading: () => structuredClone(counts),
    reset: () => {
      counts = emptyCounts();
    },
    inFlight: () => inFlight,
    timed,
    stop: () => {
      observeClients(undefined);
      wrapLoadedHandlers(undefined);
      if (running === meter) running = undefined;
    },
  };
  running = meter;
  return meter;
}

type Counts = {
  byFunction: Record<string, Usage>;
  calls: Record<string, { count: number; units: number }>;
  capacity: Record<string, number>;
  estimatedWriteUnits: number;
};

function emptyCounts(): Counts {
  return { byFunction: {}, calls: {}, capacity: {}, estimatedWriteUnits: 0 };
}

function addCapacity(counts: Counts, target: string, units: number): void {
  counts.capacity[target] = (counts.capacity[target] ?? 0) + units;
}

function addUsage(counts: Counts, fn: string, usage: Usage): void {
  counts.byFunction[fn] ??= {};
  const sum = counts.byFunction[fn];
  for (const [item, amount] of Object.entries(usage) as [UsageItem, number][])
    sum[item] = (sum[item] ?? 0) + amount;
}

function addCall(counts: Counts, name: string, count: number, units: number): void {
  counts.calls[name] ??= { count: 0, units: 0 };
  const sum = counts.calls[name];
  sum.count += count;
  sum.units += units;
}

/** Readings added together (of runs metered one after the other). */
export function mergeReadings(...readings: readonly MeterReading[]): MeterReading {
  const counts = emptyCounts();
  for (const reading of readings) {
    for (const [fn, usage] of Object.entries(reading.byFunction)) addUsage(counts, fn, usage);
    for (const [name, call] of Object.entries(reading.calls)) addCall(counts, name, call.count, call.units);
    for (const [target, units] of Object.entries(reading.capacity)) addCapacity(counts, target, units);
    counts.estimatedWriteUnits += reading.estimatedWriteUnits;
  }
  return counts;
}

/** `ConsumedCapacity` of one call: an object, or one per table (batches and transactions). */
export function capacityUnits(consumed: unknown): number {
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return entries.reduce((total: number, entry) => total + Number(entry?.CapacityUnits ?? 0), 0);
}

/** The units of `ConsumedCapacity` per table and per index (`INDEXES` reports them apart). */
export function capacityTargets(consumed: unknown): [string, number][] {
  type Entry = {
    TableName?: string;
    Table?: { CapacityUnits?: number };
    GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  };
  const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Entry[];
  return entries.flatMap((entry) => [
    [entry.TableName ?? '?', entry.Table?.CapacityUnits ?? 0] as [string, number],
    ...Object.entries(entry.GlobalSecondaryIndexes ?? {}).map(
      ([index, used]) => [`${entry.TableName}/${index}`, used.CapacityUnits ?? 0] as [string, number],
    ),
  ]);
}

function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/**
 * What AWS charges for a write that was refused by its condition: the item's size for a put, a
 * unit for an update or delete (the stored item's size is not known here), doubled in a
 * transaction. Indexes are not written.
 */
function failedWriteUnits(command: string, input: Input): number {
  if (command === 'TransactWriteItems') {
    const actions = (input.TransactItems ?? []) as { Put?: { Item?: Input } }[];
    return actions.reduce((total, action) => total + 2 * (action.Put ? writeUnits(action.Put.Item) : 1), 0);
  }
  return command === 'PutItem' ? writeUnits(input.Item as Input | undefined) : 1;
}

/** Bytes of the messages sent (SQS bills each 64 KB of a request's payload as one request). */
function sqsPayloadBytes(command: string, input: Input): number {
  if (command !== 'SendMessage' && command !== 'SendMessageBatch') return 0;
  const messages = command === 'SendMessageBatch' ? ((input.Entries ?? []) as Input[]) : [input];
  const payload = (message: Input) => JSON.stringify([message.MessageBody, message.MessageAttributes ?? {}]);
  return messages.reduce((total, message) => total + Buffer.byteLength(payload(message)), 0);
}

function recipientCount(input: Input): number {
  const destination = (input.Destination ?? {}) as Record<string, unknown[] | undefined>;
  const count = ['ToAddresses', 'CcAddresses', 'BccAddresses'].reduce(
    (total, field) => total + (destination[field]?.length ?? 0),
    0,
  );
  return Math.max(1, count);
}

/** S3's request classes: PUT, COPY, POST and LIST in one, GET and the rest in the other; DELETE free. */
export function s3RequestClass(command: string): UsageItem | undefined {
  if (/^Delete|^AbortMultipartUpload$/.test(command)) return undefined;
  if (/^(Put|Copy|List|Create|Complete|Upload|Post)/.test(command)) return 's3-put-requests';
  return 's3-get-requests';
}

/** What AWS does, billed, to invoke a handler with `event`. */
export function triggerUsage(event: unknown): [UsageItem, string, number][] {
  const shaped = event as {
    requestContext?: { http?: unknown };
    Records?: { eventSource?: string }[];
  };
  if (shaped?.requestContext?.http) return [['http-api-requests', 'apigateway HTTP API request', 1]];
  const records = shaped?.Records ?? [];
  const source = records[0]?.eventSource;
  if (source === 'aws:sqs') {
    // The event source mapping received the batch and deletes what succeeded: a request each.
    return [
      ['sqs-requests', 'sqs ReceiveMessage (event source mapping)', 1],
      ['sqs-requests', 'sqs DeleteMessageBatch (event source mapping)', 1],
    ];
  }
  if (source === 'aws:ses') {
    // SES received the mail (a message, and a 256 KB chunk for mail this small) and its S3 action
    // stored it: a PUT.
    return [
      ['ses-inbound-messages', 'ses receive mail', records.length],
      ['ses-inbound-chunks', 'ses receive 256 KB chunk', records.length],
      ['s3-put-requests', 's3 PutObject (receipt rule)', records.length],
    ];
  }
  return [];
}
