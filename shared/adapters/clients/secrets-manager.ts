/** The Secrets Manager client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { made } from './made.ts';

export function secretsManagerClient(): SecretsManagerClient {
  return made(new SecretsManagerClient({}));
}
