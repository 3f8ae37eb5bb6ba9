/**
 * The per-address limit on the web form, in the sandbox at its defaults (infra/edge-limits.ts, as
 * the CloudFront web ACL has them): a burst of 300 submissions from one address is let through up
 * to the limit, then answered 429 with `Retry-After` and the message in the client's language,
 * never 5xx; nothing of a refused submission is stored; another address goes on.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { defaultEdgeLimits, edgeLimitAnswer } from '../../infra/edge-limits.ts';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-edge-limits-', { quiet: true, buildWeb: false, schedules: false });

const burst = 300;
const { limit, windowSeconds } = defaultEdgeLimits.form;

function form(email: string, language: 'lv' | 'en' = 'lv') {
  return {
    name: 'Jānis Bērziņš',
    email,
    topic: 'general',
    subject: 'Jautājums',
    message: 'Vai varat palīdzēt?',
    consent: true,
    language,
  };
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { message?: string };
}

async function submit(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { message?: string },
  };
}

/** A submission from another loopback address (all of 127.0.0.0/8 reaches the gateway). */
function submitFrom(localAddress: string, body: unknown): Promise<number> {
  const { port } = new URL(suite.sandbox.urls.web);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/requests',
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('the per-address limit of the web form', () => {
  const email = `burst-${randomUUID().slice(0, 8)}@example.lv`;
  const keys = Array.from({ length: burst }, (_, i) => `burst-${i}-${randomUUID()}`);
  const answers: Answer[] = [];

  it('lets the first submissions through, then answers 429 with Retry-After and never 5xx', async () => {
    // Act: one client, one after another, as fast as the gateway answers
    for (const key of keys) answers.push(await submit(form(email), { 'idempotency-key': key }));

    // Assess
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(202));
    expect(statuses.slice(limit)).toEqual(Array(burst - limit).fill(429));
    for (const answer of answers.slice(limit)) {
      const seconds = Number(answer.retryAfter);
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= windowSeconds).toBe(true);
      // Latvian by default (the form's language here).
      expect(answer.body).toEqual(edgeLimitAnswer('lv'));
    }
  }, 120_000);

  it("answers in the client's language: the body's, else Accept-Language", async () => {
    const english = await submit(form(email, 'en'));
    expect(english.status).toBe(429);
    expect(english.body).toEqual(edgeLimitAnswer('en'));

    const byHeader = await submit({ email }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.status).toBe(429);
    expect(byHeader.body).toEqual(edgeLimitAnswer('en'));
    expect(byHeader.retryAfter).toMatch(/^\d+$/);
  });

  it('stores nothing of a refused submission', async () => {
    // The accepted ones become tickets once the intake queue is drained.
    await eventually(async () => {
      expect(await suite.sandbox.pendingMessages()).toBe(0);
      expect(await suite.client.ticketsOf(email)).toHaveLength(limit);
      return true;
    }, 60_000);
    const stored = async (key: string) =>
      (
        await suite.client.documents.send(
          new QueryCommand({
            TableName: suite.sandbox.tableNames.tickets,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `IDEMPOTENCY#${key}` },
          }),
        )
      ).Count ?? 0;
    // An accepted submission leaves its idempotency record; a refused one nothing at all.
    expect(await stored(keys[0] ?? '')).toBe(1);
    for (const key of keys.slice(limit, limit + 20)) expect(await stored(key)).toBe(0);
    // No refusal reached ingest-web: it audits every request it refuses, and none is there.
    const refusals = (await suite.client.auditRecords()).filter(
      (record) => record.eventName === 'SubmitRequest' && record.errorCode !== undefined,
    );
    expect(refusals).toEqual([]);
  });

  it('leaves other addresses alone', async () => {
    expect(await submitFrom('127.0.0.2', form(`other-${randomUUID().slice(0, 8)}@example.lv`))).toBe(202);
    expect((await submit(form(email))).status).toBe(429);
  });
});
