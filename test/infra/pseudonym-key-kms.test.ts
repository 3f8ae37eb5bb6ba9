/**
 * The pseudonym secret derived through the sandbox's KMS stand-in, which now holds several HMAC
 * keys: the same key file gives the same secret (and the same client keys) after a restart; each
 * version, and the survey key, give another; an unknown key is KMS's NotFoundException. The
 * functions' loader installs the secret once per process and fails loudly without configuration.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPseudonymKey } from '../../functions/pseudonym-key.ts';
import { loadOrCreateSigningKey } from '../../infra/local/audit-signing-key.ts';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { type LocalKms, startLocalKms } from '../../infra/local/local-kms.ts';
import { loadOrCreateMacKey } from '../../infra/local/survey-mac-key.ts';
import { derivePseudonymSecret } from '../../shared/adapters/kms/kms-pseudonym-key.ts';
import { clientGroupId } from '../../shared/domain/ids.ts';
import { installedPseudonymKeyVersion, installPseudonymKey } from '../../shared/domain/pseudonym-key.ts';
import { testPseudonymSecret } from '../support/pseudonym-test-key.ts';

const folder = mkdtempSync(join(tmpdir(), 'courtdesk-pseudonym-kms-'));
const signingKey = loadOrCreateSigningKey(join(folder, 'signing-key.pem'), localRegion);
const surveyKey = loadOrCreateMacKey(join(folder, 'survey', 'mac-key'), localRegion);
const pseudonymKeyFile = join(folder, 'pseudonyms', 'mac-key');
const pseudonymKey = loadOrCreateMacKey(pseudonymKeyFile, localRegion, 'pseudonym');
let kms: LocalKms;
let client: KMSClient;

beforeAll(async () => {
  kms = await startLocalKms({ key: signingKey, macKey: surveyKey, macKeys: [pseudonymKey] });
  client = new KMSClient({ endpoint: kms.endpoint, region: localRegion, credentials: localCredentials });
});

afterAll(async () => {
  installPseudonymKey(testPseudonymSecret, 1);
  await kms.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('the pseudonym secret from KMS', () => {
  it('is the HMAC of the version label with the key, the same after a restart', async () => {
    const derived = await derivePseudonymSecret(client, pseudonymKey.keyArn, 1);
    expect(derived.version).toBe(1);
    expect(Buffer.from(derived.secret)).toEqual(
      createHmac('sha256', pseudonymKey.secret).update('courtdesk pseudonym key v1').digest(),
    );
    const reloaded = loadOrCreateMacKey(pseudonymKeyFile, localRegion, 'pseudonym');
    expect(reloaded.keyArn).toBe(pseudonymKey.keyArn);
    expect(reloaded.secret).toEqual(pseudonymKey.secret);
    expect(statSync(pseudonymKeyFile).mode & 0o077).toBe(0);
  });

  it('differs per version and from the survey key, which has an ARN of its own', async () => {
    const v1 = await derivePseudonymSecret(client, pseudonymKey.keyArn, 1);
    const v2 = await derivePseudonymSecret(client, pseudonymKey.keyArn, 2);
    const survey = await derivePseudonymSecret(client, surveyKey.keyArn, 1);
    expect(surveyKey.keyArn).not.toBe(pseudonymKey.keyArn);
    expect(Buffer.from(v2.secret)).not.toEqual(Buffer.from(v1.secret));
    expect(Buffer.from(survey.secret)).not.toEqual(Buffer.from(v1.secret));
    expect(clientGroupId('janis@example.lv', v1)).not.toBe(clientGroupId('janis@example.lv', v2));
  });

  it('is refused for a key KMS does not know', async () => {
    const unknown = pseudonymKey.keyArn.replace(/key\/.*/, 'key/00000000-0000-0000-0000-000000000000');
    await expect(derivePseudonymSecret(client, unknown, 1)).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});

describe('the functions’ loader', () => {
  it('fails naming PSEUDONYM_KEY when it is not set', async () => {
    await expect(loadPseudonymKey({})).rejects.toThrow(/PSEUDONYM_KEY is missing/);
  });

  it('installs the secret of the configured key and version', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    });
    try {
      await loadPseudonymKey({ PSEUDONYM_KEY: pseudonymKey.keyArn, PSEUDONYM_KEY_VERSION: '3' });
      const v3 = await derivePseudonymSecret(client, pseudonymKey.keyArn, 3);
      expect(installedPseudonymKeyVersion()).toBe(3);
      expect(clientGroupId('anna@example.lv')).toBe(clientGroupId('anna@example.lv', v3));
    } finally {
      process.env = saved;
    }
  });
});
