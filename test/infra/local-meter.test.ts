/** The sandbox's cost meter: its SDK middleware and invocation timing, against a fake DynamoDB. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { itemSize, writeUnits } from '../../infra/local/dynamodb-item-size.ts';
import {
  capacityUnits,
  type Meter,
  mergeReadings,
  s3RequestClass,
  startMeter,
  triggerUsage,
} from '../../infra/local/meter.ts';
import { documentClient } from '../../shared/adapters/clients/dynamodb.ts';
import { sqsClient } from '../../shared/adapters/clients/sqs.ts';

/** What the fake DynamoDB received, and answers: consumed capacity, or a failed condition. */
const received: Record<string, unknown>[] = [];
let server: Server;
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const input = JSON.parse(body) as Record<string, unknown>;
      received.push(input);
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      if (input.TableName === 'refusing') {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
            message: 'The conditional request failed',
          }),
        );
        return;
      }
      response.end(
        JSON.stringify({
          ConsumedCapacity: {
            TableName: String(input.TableName),
            CapacityUnits: 7,
            Table: { CapacityUnits: 3 },
            GlobalSecondaryIndexes: { byUnit: { CapacityUnits: 4 } },
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => server.close(resolve));
});

let meter: Meter | undefined;
afterEach(() => {
  meter?.stop();
  meter = undefined;
  received.length = 0;
});

const context = { memoryLimitInMB: '512' } as Context;
const meterMiddleware = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().filter((name) => name.startsWith('courtdeskCostMeter'));

describe('cost meter', () => {
  it('is off by default: clients carry no middleware of it, and none after it stopped', () => {
    expect(meterMiddleware(documentClient())).toEqual([]);
    expect(meterMiddleware(sqsClient())).toEqual([]);

    meter = startMeter();
    expect(meterMiddleware(documentClient()).length).toBeGreaterThan(0);
    meter.stop();
    expect(meterMiddleware(documentClient())).toEqual([]);
  });

  it('runs alone: a second meter in the same process is refused', () => {
    meter = startMeter();
    expect(() => startMeter()).toThrow(/already running/);
  });

  it('asks DynamoDB for its consumed capacity and counts it, indexes included, to the invoked function', async () => {
    // Prepare
    meter = startMeter();
    const client = documentClient();
    const handler = meter.timed('ingest-web', async () => {
      await client.send(new PutCommand({ TableName: 'tickets', Item: { pk: 'a', sk: 'b' } }));
      return 'done';
    });

    // Act
    const answer = await handler({ requestContext: { http: { method: 'POST' } } }, context);

    // Assess
    expect(answer).toBe('done');
    expect(received[0]).toMatchObject({ TableName: 'tickets', ReturnConsumedCapacity: 'INDEXES' });
    const reading = meter.reading();
    expect(reading.byFunction['ingest-web']).toMatchObject({
      'dynamodb-write-units': 7,
      'lambda-requests': 1,
      'http-api-requests': 1,
    });
    expect(reading.byFunction['ingest-web']?.['lambda-gb-seconds']).toBeGreaterThan(0);
    expect(reading.calls['ingest-web dynamodb PutItem']).toEqual({ count: 1, units: 7 });
    expect(reading.capacity).toEqual({
      'ingest-web PutItem tickets': 3,
      'ingest-web PutItem tickets/byUnit': 4,
    });
    expect(reading.estimatedWriteUnits).toBe(0);
  });

  it('counts a write refused by its condition from the item size, as estimated', async () => {
    meter = startMeter();
    const client = documentClient();
    const item = { pk: 'a', sk: 'b', body: 'x'.repeat(2500) };

    await expect(
      client.send(
        new PutCommand({
          TableName: 'refusing',
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toThrow(/conditional request failed/);

    const reading = meter.reading();
    expect(reading.byFunction['(outside)']?.['dynamodb-write-units']).toBe(3);
    expect(reading.estimatedWriteUnits).toBe(3);
  });

  it('forgets on reset, and adds readings together', async () => {
    meter = startMeter();
    const handler = meter.timed('send-email', async () => undefined);
    await handler({ Records: [{ eventSource: 'aws:sqs' }] }, context);
    const first = meter.reading();
    meter.reset();
    expect(meter.reading().byFunction).toEqual({});

    const both = mergeReadings(first, first);
    expect(both.byFunction['send-email']).toMatchObject({ 'lambda-requests': 2, 'sqs-requests': 4 });
    expect(both.calls['send-email lambda Invoke']).toEqual({ count: 2, units: 2 });
  });

  it('counts an invocation that failed, and knows none is running afterwards', async () => {
    meter = startMeter();
    const handler = meter.timed('process-intake', async () => {
      expect(meter?.inFlight()).toBe(1);
      throw new Error('batch failed');
    });
    await expect(handler({}, context)).rejects.toThrow('batch failed');
    expect(meter.inFlight()).toBe(0);
    expect(meter.reading().byFunction['process-intake']?.['lambda-requests']).toBe(1);
  });
});

describe('what the meter bills', () => {
  it('sums consumed capacity of one table or of several', () => {
    expect(capacityUnits({ CapacityUnits: 2.5 })).toBe(2.5);
    expect(capacityUnits([{ CapacityUnits: 1 }, { CapacityUnits: 4 }])).toBe(5);
    expect(capacityUnits(undefined)).toBe(0);
  });

  it("sorts S3 requests into S3's price classes; deletes are free", () => {
    expect(['PutObject', 'CopyObject', 'ListObjectsV2'].map(s3RequestClass)).toEqual([
      's3-put-requests',
      's3-put-requests',
      's3-put-requests',
    ]);
    expect(['GetObject', 'HeadObject'].map(s3RequestClass)).toEqual(['s3-get-requests', 's3-get-requests']);
    expect(s3RequestClass('DeleteObject')).toBeUndefined();
  });

  it('counts what AWS does around an invocation, from its trigger', () => {
    expect(triggerUsage({ requestContext: { http: {} } })).toEqual([
      ['http-api-requests', 'apigateway HTTP API request', 1],
    ]);
    expect(triggerUsage({ Records: [{ eventSource: 'aws:sqs' }, { eventSource: 'aws:sqs' }] })).toHaveLength(
      2,
    );
    expect(triggerUsage({ Records: [{ eventSource: 'aws:ses' }] }).map(([item]) => item)).toEqual([
      'ses-inbound-messages',
      'ses-inbound-chunks',
      's3-put-requests',
    ]);
    expect(triggerUsage({ 'detail-type': 'Scheduled Event' })).toEqual([]);
  });

  it("sizes items by DynamoDB's rules: names and values, 1 KB a write unit", () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(5);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(writeUnits({ body: { S: 'x'.repeat(2500) } })).toBe(3);
    expect(writeUnits({})).toBe(1);
  });
});
