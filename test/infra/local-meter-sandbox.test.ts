/** The cost meter on a running sandbox: one web ticket, from submission to its acknowledgement. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitWebRequest } from '../../bench/cost.ts';
import { type Meter, startMeter } from '../../infra/local/meter.ts';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

let meter: Meter;
// Before the sandbox starts: its handlers and their SDK clients are made metered.
beforeAll(() => {
  meter = startMeter();
});
afterAll(() => meter.stop());

const suite = useSandbox('courtdesk-meter-', { quiet: true, buildWeb: false, schedules: false });

describe('cost meter in the sandbox', () => {
  it("counts the handlers' invocations and requests of a web ticket, and not the test's own", async () => {
    const email = `meter-${randomUUID().slice(0, 8)}@example.lv`;
    const reference = await submitWebRequest(suite.sandbox.urls.web, email);
    expect(reference).toMatch(/^TA-\d{4}-\d{6,}$/);
    await eventually(async () => expect(await suite.client.emailsTo(email)).toHaveLength(1));
    await eventually(async () => expect(meter.inFlight()).toBe(0));

    const { byFunction, calls } = meter.reading();
    expect(byFunction['ingest-web']).toMatchObject({ 'lambda-requests': 1, 'http-api-requests': 1 });
    expect(byFunction['ingest-web']?.['sqs-requests']).toBeGreaterThanOrEqual(1);
    expect(byFunction['process-intake']?.['dynamodb-write-units']).toBeGreaterThan(0);
    expect(byFunction['send-email']).toMatchObject({ 'ses-messages': 1 });
    expect(calls['process-intake dynamodb TransactWriteItems']?.units).toBeGreaterThan(0);
    // The test reads DynamoDB and the mailbox with clients of its own: nothing outside a handler.
    expect(byFunction['(outside)']).toBeUndefined();
  });
});
