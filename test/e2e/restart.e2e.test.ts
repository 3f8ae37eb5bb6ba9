/** The sandbox keeps its data on disk: tickets, queued messages and the mailbox survive a restart. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { startSandbox } from '../../infra/local/sandbox.ts';
import { eventually } from '../support/eventually.ts';
import { sandboxClient } from '../support/sandbox-client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function deadLetterCount(sqsEndpoint: string, url: string | undefined): Promise<number> {
  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: localRegion, credentials: localCredentials });
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  sqs.destroy();
  return Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
}

describe('sandbox restart', () => {
  it('keeps tickets, dead letters and sent mail, stops its Java process and continues the sequence', async () => {
    const email = `restart-${randomUUID().slice(0, 8)}@example.lv`;

    // Prepare: a ticket, and a message parked in a dead-letter queue.
    const first = await startSandbox({ dataDir, quiet: true, buildWeb: false });
    const response = await fetch(`${first.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Restart Test',
        email,
        topic: 'general',
        subject: 'Restart',
        message: 'Survives a restart',
        consent: true,
        language: 'en',
      }),
    });
    const { reference } = (await response.json()) as { reference: string };
    const firstClient = sandboxClient(first);
    await eventually(async () => ((await firstClient.emailsTo(email)).length ? true : undefined));
    firstClient.destroy();
    const sqs = new SQSClient({
      endpoint: first.urls.sqs,
      region: localRegion,
      credentials: localCredentials,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: first.queueUrls.intake?.deadLetterUrl,
        MessageBody: '{"parked": true}',
        MessageGroupId: 'parked',
        MessageDeduplicationId: 'parked-1',
      }),
    );
    sqs.destroy();
    const javaPid = Number(readFileSync(join(dataDir, 'dynamodb', 'java.pid'), 'utf8'));

    // Act
    await first.stop();
    expect(existsSync(`/proc/${javaPid}`)).toBe(false);
    const second = await startSandbox({ dataDir, quiet: true, buildWeb: false });

    // Assess
    try {
      const client = sandboxClient(second);
      expect(await client.ticket(reference)).toMatchObject({ reference, subject: 'Restart' });
      expect(await client.emailsTo(email)).toHaveLength(1);
      expect(await deadLetterCount(second.urls.sqs, second.queueUrls.intake?.deadLetterUrl)).toBe(1);
      const next = await fetch(`${second.urls.web}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Restart Test',
          email,
          topic: 'general',
          subject: 'Again',
          message: 'After the restart',
          consent: true,
          language: 'en',
        }),
      });
      const { reference: nextReference } = (await next.json()) as { reference: string };
      expect(nextReference).not.toBe(reference);
      expect(Number(nextReference.slice(-6))).toBeGreaterThan(Number(reference.slice(-6)));
      client.destroy();
    } finally {
      await second.stop();
    }
  });
});
