/**
 * Only CloudFront reaches the API, on the sandbox: the gateway plays CloudFront (the origin secret
 * of the data folder, `CloudFront-Viewer-Address` from the socket, over whatever the client sent),
 * the handlers check the secret through the Secrets Manager stand-in as in the cloud, and the audit
 * trail carries the viewer address the edge gave. A call to the handler itself, around the
 * gateway (as one to the `execute-api` endpoint is around CloudFront), is refused.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const suite = useSandbox('courtdesk-origin-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

function formRequest() {
  return {
    name: 'Līga Ozoliņa',
    email: `client-${randomUUID().slice(0, 8)}@example.lv`,
    topic: 'e-services',
    subject: 'Piekļuve e-lietas portālam',
    message: 'Nevaru pieslēgties e-lietas portālam.',
    consent: true,
    language: 'lv',
  };
}

/** The audit record of the ticket's creation, once it is written. */
const creationOf = (reference: string) =>
  eventually(async () =>
    (await suite.client.auditRecords()).find(
      (record) => record.eventName === 'CreateTicket' && JSON.stringify(record.resources).includes(reference),
    ),
  );

/** POST /api/requests as API Gateway hands it to the function, with these headers and source address. */
function directEvent(headers: Record<string, string>, sourceIp: string): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /api/requests',
    rawPath: '/api/requests',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'curl/8', ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'api.execute-api.localhost',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/api/requests', protocol: 'HTTP/1.1', sourceIp, userAgent: 'curl/8' },
      requestId: randomUUID(),
      routeKey: 'POST /api/requests',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(formRequest()),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** ingest-web's handler in this process, configured by the running sandbox as the gateway's is. */
async function ingestWeb(): Promise<Handler> {
  return ((await import('../../functions/ingest-web/handler.ts')) as { handler: Handler }).handler;
}

describe('the API behind the sandbox gateway', () => {
  it("audits a submission with the viewer's address, whatever the client claimed in CloudFront's headers", async () => {
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // A client cannot pass for CloudFront, nor choose the address it is recorded with.
        'x-courtdesk-origin': 'forged',
        'cloudfront-viewer-address': '203.0.113.9:1234',
      },
      body: JSON.stringify(formRequest()),
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    expect((await creationOf(reference)).sourceIPAddress).toBe('127.0.0.1');
  });

  it('refuses a call to the function around the gateway, without the origin secret: 403, nothing stored', async () => {
    const handler = await ingestWeb();
    const before = (await suite.client.auditRecords()).length;
    const attempts: Record<string, string>[] = [
      {},
      { 'x-courtdesk-origin': 'guessed', 'cloudfront-viewer-address': '192.0.2.1:1' },
    ];
    for (const headers of attempts) {
      const response = await handler(directEvent(headers, '198.51.100.66'), {} as Context);
      expect(response.statusCode).toBe(403);
      expect(JSON.parse(response.body ?? '')).toEqual({ message: 'Forbidden' });
    }
    expect((await suite.client.auditRecords()).length).toBe(before);
  });

  it("records the viewer address the edge gave, not the edge's own, when the secret came with it", async () => {
    const handler = await ingestWeb();
    const secret = readFileSync(join(suite.dataDir, 'edge', 'origin-secret'), 'utf8').trim();
    // As CloudFront sends it: the secret, the viewer's address; API Gateway's source is the edge.
    const response = await handler(
      directEvent(
        { 'x-courtdesk-origin': secret, 'cloudfront-viewer-address': '192.0.2.44:50123' },
        '130.176.9.9',
      ),
      {} as Context,
    );
    expect(response.statusCode).toBe(202);
    const { reference } = JSON.parse(response.body ?? '') as { reference: string };
    expect((await creationOf(reference)).sourceIPAddress).toBe('192.0.2.44');
  });
});
