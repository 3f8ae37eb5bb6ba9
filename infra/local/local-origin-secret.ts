/**
 * The origin secret in the sandbox: a random value kept in the data folder (readable by its owner
 * only, created at the first start), which the gateway sends as CloudFront does and the functions
 * check through the same adapter and SDK client as in the cloud, pointed by
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER` at a small Secrets Manager stand-in on loopback. The stand-in
 * knows `secretsmanager.GetSecretValue` for this one secret: `AWSCURRENT` is the file's value, and
 * there is no `AWSPREVIOUS` (Secrets Manager's ResourceNotFoundException), as for a secret never
 * rotated. Anything else is answered with Secrets Manager's error shape.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

export interface LocalOriginSecret {
  readonly file: string;
  readonly value: string;
  /** The secret's ARN, as Secrets Manager would name it. */
  readonly secretArn: string;
}

/** The account id of the sandbox's ARNs: not a real account. */
const sandboxAccount = '000000000000';

/** The secret in `file`, created the first time: 48 letters and digits, as the cloud's. */
export function loadOrCreateOriginSecret(file: string, region: string): LocalOriginSecret {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(36).toString('base64url').replace(/[-_]/g, 'x'), { mode: 0o600 });
  }
  const value = readFileSync(file, 'utf8').trim();
  if (!/^[A-Za-z0-9]{32,}$/.test(value)) throw new Error(`${file} does not hold an origin secret`);
  return {
    file,
    value,
    secretArn: `arn:aws:secretsmanager:${region}:${sandboxAccount}:secret:courtdesk-origin-local`,
  };
}

export interface LocalSecretsManager {
  /** The endpoint for the SDK (`AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

class SecretsManagerError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalSecretsManager(options: {
  readonly secret: LocalOriginSecret;
  readonly onError?: (error: unknown) => void;
}): Promise<LocalSecretsManager> {
  const { secret } = options;
  const createdDate = Math.floor(Date.now() / 1000);

  const getSecretValue = (request: Record<string, unknown>): Record<string, unknown> => {
    const named = String(request.SecretId ?? '');
    if (named !== secret.secretArn && named !== 'courtdesk-origin-local')
      throw new SecretsManagerError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    const stage = String(request.VersionStage ?? 'AWSCURRENT');
    if (request.VersionId !== undefined || stage !== 'AWSCURRENT')
      throw new SecretsManagerError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for staging label: " + stage,
      );
    return {
      ARN: secret.secretArn,
      Name: 'courtdesk-origin-local',
      SecretString: secret.value,
      VersionId: '00000000-0000-0000-0000-000000000001',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: createdDate,
    };
  };

  const answer = (response: ServerResponse, status: number, body: Record<string, unknown>) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target !== 'secretsmanager.GetSecretValue')
        throw new SecretsManagerError('InvalidRequestException', `${target} is not supported here`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        throw new SecretsManagerError('InvalidRequestException', 'The request body is not JSON');
      }
      answer(response, 200, getSecretValue(body));
    } catch (error) {
      if (!(error instanceof SecretsManagerError)) throw error;
      answer(response, 400, { __type: error.type, message: error.message });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) answer(response, 500, { __type: 'InternalServiceError', message: 'failed' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
