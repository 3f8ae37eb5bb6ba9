/**
 * The origin secrets read from Secrets Manager (a fake client): the current and, during a rotation,
 * the previous value; read once and then every few minutes; values already read kept for a while
 * when a re-read fails, but no value made up when none was ever read.
 */
import {
  type GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { originSecretsFrom } from '../../../shared/adapters/secrets-manager/origin-secrets.ts';

const arn = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:courtdesk-origin-AbCdEf';

function fakeClient(versions: { current?: string; previous?: string; failing?: boolean }) {
  const calls: string[] = [];
  const client = {
    send: async (command: GetSecretValueCommand) => {
      const stage = command.input.VersionStage ?? 'AWSCURRENT';
      calls.push(stage);
      if (versions.failing) throw new Error('unreachable');
      const value = stage === 'AWSCURRENT' ? versions.current : versions.previous;
      if (value === undefined)
        throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
      return { SecretString: value };
    },
  } as unknown as SecretsManagerClient;
  return { client, calls };
}

describe('originSecretsFrom', () => {
  it('accepts the current value alone for a secret never rotated', async () => {
    const { client } = fakeClient({ current: 'current' });
    expect(await originSecretsFrom(client, arn)()).toEqual(['current']);
  });

  it('accepts the previous value too while a rotation is under way', async () => {
    const { client } = fakeClient({ current: 'new', previous: 'old' });
    expect(await originSecretsFrom(client, arn)()).toEqual(['new', 'old']);
  });

  it('reads once, then again only after the refresh period, learning of a rotation', async () => {
    let now = 0;
    const versions: { current?: string; previous?: string } = { current: 'one' };
    const { client, calls } = fakeClient(versions);
    const secrets = originSecretsFrom(client, arn, { refreshMs: 1000, now: () => now });
    await secrets();
    await secrets();
    expect(calls).toHaveLength(2);
    versions.current = 'two';
    versions.previous = 'one';
    now = 999;
    expect(await secrets()).toEqual(['one']);
    now = 1000;
    expect(await secrets()).toEqual(['two', 'one']);
    expect(calls).toHaveLength(4);
  });

  it('keeps the values read when a re-read fails, and fails when none was ever read', async () => {
    let now = 0;
    const versions: { current?: string; failing?: boolean } = { current: 'one' };
    const { client } = fakeClient(versions);
    const secrets = originSecretsFrom(client, arn, { refreshMs: 1000, now: () => now });
    await secrets();
    versions.failing = true;
    now = 5000;
    expect(await secrets()).toEqual(['one']);
    await expect(originSecretsFrom(client, arn)()).rejects.toThrow('unreachable');
  });

  it('fails when the secret has no current value', async () => {
    const { client } = fakeClient({ current: '' });
    await expect(originSecretsFrom(client, arn)()).rejects.toThrow(/no current value/);
  });
});
