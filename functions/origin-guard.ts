/**
 * The origin guard of the public and staff functions, wired to Secrets Manager: the secret's ARN
 * comes as `ORIGIN_SECRET_ARN` (read at the first request: a missing one fails that request with
 * its name), the values are read once per cold start and every few minutes after
 * (`origin-secrets.ts`). The SDK client is loaded on that first request, not with the handler's
 * module; the Lambda runtime provides it, so it adds nothing to the bundle.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadConfig } from '../shared/config.ts';
import { type OriginSecrets, originGuard } from '../shared/http/middleware/origin-guard.ts';

let secrets: Promise<OriginSecrets> | undefined;

/** The accepted origin secrets of `ORIGIN_SECRET_ARN`, the reader made once. */
const cloudOriginSecrets: OriginSecrets = async () => {
  secrets ??= (async () => {
    const { ORIGIN_SECRET_ARN } = loadConfig(['ORIGIN_SECRET_ARN']);
    const [{ secretsManagerClient }, { originSecretsFrom }] = await Promise.all([
      import('../shared/adapters/clients/secrets-manager.ts'),
      import('../shared/adapters/secrets-manager/origin-secrets.ts'),
    ]);
    return originSecretsFrom(secretsManagerClient(), ORIGIN_SECRET_ARN);
  })().catch((error: unknown) => {
    secrets = undefined;
    throw error;
  });
  return (await secrets)();
};

/** The middleware, first after the error handler in every function behind `/api/*`. */
export function cloudOriginGuard(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return originGuard(cloudOriginSecrets);
}
