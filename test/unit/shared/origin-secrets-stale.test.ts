/**
 * Review s12, low: after one successful read, a failing Secrets Manager makes the guard keep
 * accepting the values last read for ever (each failed re-read extends them by `retryMs`). A value
 * closed by the rotation (docs/security.md step 3) — e.g. because it leaked — stays accepted by
 * every warm instance for as long as reads fail. Staleness should be bounded.
 */
import type { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { expect, it } from 'vitest';
import { originSecretsFrom } from '../../../shared/adapters/secrets-manager/origin-secrets.ts';

it('stops accepting values read long ago when every re-read fails', async () => {
  let failing = false;
  const client = {
    send: async (command: GetSecretValueCommand) => {
      if (failing) throw Object.assign(new Error('unreachable'), { name: 'InternalServiceError' });
      if (command.input.VersionStage === 'AWSPREVIOUS')
        throw new ResourceNotFoundException({ message: 'none', $metadata: {} });
      return { SecretString: 'leaked-value' };
    },
  } as unknown as SecretsManagerClient;
  let now = 0;
  const secrets = originSecretsFrom(client, 'arn:secret', { now: () => now });
  expect(await secrets()).toEqual(['leaked-value']);
  // The value is rotated out; from now on every read fails (outage, a broken grant or endpoint).
  failing = true;
  for (let minute = 5; minute <= 24 * 60; minute += 1) {
    now = minute * 60_000;
    await secrets().catch(() => []);
  }
  // A day later the value read once is still what the guard lets through.
  await expect(secrets()).rejects.toThrow();
});
