/**
 * Every function behind `/api/*`, as deployed (its `handler` export, the Secrets Manager adapter
 * and SDK client, `ORIGIN_SECRET_ARN`): a request that did not come through CloudFront — no origin
 * header, or a wrong one — is answered 403 and nothing else runs. Secrets Manager is the sandbox's
 * stand-in; nothing else is reachable, so a handler that went past the guard (to load its
 * pseudonym key, read a table) would fail with a 500, not a 403.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalOriginSecret,
  type LocalSecretsManager,
  loadOrCreateOriginSecret,
  startLocalSecretsManager,
} from '../../../infra/local/local-origin-secret.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Nothing listens here: a call past the guard to DynamoDB, SQS or KMS fails. */
const nowhere = 'http://127.0.0.1:9';

/** The configuration CDK gives the functions, with stand-ins; the origin secret's is real. */
const cloudEnvironment = {
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: nowhere,
  AWS_ENDPOINT_URL_SQS: nowhere,
  AWS_ENDPOINT_URL_KMS: nowhere,
  AWS_ENDPOINT_URL_S3: nowhere,
  AWS_ENDPOINT_URL_SESV2: nowhere,
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  TICKETS_TABLE: 'tickets',
  AUDIT_TABLE: 'audit',
  KNOWLEDGE_TABLE: 'knowledge',
  FIGURES_TABLE: 'figures',
  INTAKE_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/intake.fifo',
  OUTBOUND_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/outbound.fifo',
  SURVEY_INVITATIONS_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/survey-invitations',
  SURVEY_MAC_KEY: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000001',
  PSEUDONYM_KEY: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000002',
  PSEUDONYM_KEY_VERSION: '1',
  SENDER_ADDRESS: 'noreply@courtdesk.example.lv',
  MAIL_BUCKET: 'mail',
  HELP_BUCKET: 'help',
  AUDIT_DIGEST_BUCKET: 'audit-digests',
  INBOUND_MAIL_DOMAIN: 'courtdesk.example.lv',
  STAFF_AUTH_DOMAIN: 'https://courtdesk.auth.eu-north-1.amazoncognito.com',
  STAFF_AUTH_CLIENT_ID: 'client',
  REQUEST_BODY_LIMIT_BYTES: '262144',
};

const routes = [
  ['list-topics', 'GET /api/topics'],
  ['ingest-web', 'POST /api/requests'],
  ['assistant-api', 'POST /api/assistant/answers'],
  ['survey-api', 'POST /api/survey'],
  ['staff-api', 'GET /api/auth/config'],
  ['staff-api', 'GET /api/staff/tickets/{reference}'],
] as const;

function eventOf(routeKey: string, headers: Record<string, string>): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'cloudfront-viewer-address': '198.51.100.7:4431',
      ...headers,
    },
    ...(path.includes('{reference}') ? { pathParameters: { reference: 'TA-2026-000001' } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      // What a direct call to the execute-api endpoint carries: a valid staff token, even.
      authorizer: { jwt: { claims: { token_use: 'access', username: 'anna' }, scopes: [] } },
      domainName: 'api.execute-api.eu-north-1.amazonaws.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.50', userAgent: 'curl' },
      requestId: 'request-1',
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: JSON.stringify({ question: 'Kā samaksāt nodevu?', token: 'x', lang: 'lv' }),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('the public and staff functions in the cloud configuration', () => {
  let dataDir: string;
  let secret: LocalOriginSecret;
  let secretsManager: LocalSecretsManager;
  const saved = { ...process.env };
  const handlers: Record<string, Handler> = {};

  beforeAll(async () => {
    // Prepare: the origin secret behind Secrets Manager's protocol, and the deployed configuration.
    dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-origin-'));
    secret = loadOrCreateOriginSecret(join(dataDir, 'origin-secret'), 'eu-north-1');
    secretsManager = await startLocalSecretsManager({ secret });
    Object.assign(process.env, cloudEnvironment, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      ORIGIN_SECRET_ARN: secret.secretArn,
    });
    for (const name of new Set(routes.map(([fn]) => fn))) {
      const module = (await import(`../../../functions/${name}/handler.ts`)) as { handler: Handler };
      handlers[name] = module.handler;
    }
  });

  afterAll(async () => {
    await secretsManager.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.env = saved;
  });

  it.each(routes)('%s refuses %s without the origin header: 403, no detail', async (name, routeKey) => {
    const response = await handlers[name]?.(eventOf(routeKey, {}), {} as Context);
    expect(response?.statusCode).toBe(403);
    expect(JSON.parse(response?.body ?? '')).toEqual({ message: 'Forbidden' });
  });

  it.each(routes)('%s refuses %s with a wrong origin secret', async (name, routeKey) => {
    const wrong = `${secret.value.slice(0, -1)}${secret.value.endsWith('a') ? 'b' : 'a'}`;
    const response = await handlers[name]?.(
      eventOf(routeKey, { 'x-courtdesk-origin': wrong }),
      {} as Context,
    );
    expect(response?.statusCode).toBe(403);
  });

  it('lets a request with the secret through: the topic catalogue answers', async () => {
    const response = await handlers['list-topics']?.(
      eventOf('GET /api/topics', { 'x-courtdesk-origin': secret.value }),
      {} as Context,
    );
    expect(response?.statusCode).toBe(200);
    expect(Array.isArray(JSON.parse(response?.body ?? ''))).toBe(true);
  });

  it('goes past the guard with the secret (and then fails on the unreachable services, not with a 403)', async () => {
    const response = await handlers['ingest-web']?.(
      eventOf('POST /api/requests', { 'x-courtdesk-origin': secret.value }),
      {} as Context,
    );
    expect(response?.statusCode).not.toBe(403);
  });
});
