/**
 * Survey tokens: signed and verified by the KMS adapter through the sandbox's KMS stand-in (its
 * HMAC key kept in a data folder) and by the memory adapter alike. A token verifies until its
 * expiry; a change to any part of it (reference, expiry, MAC), a token of another key and text that
 * cannot be a token are `forged` — the last without a KMS call.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../infra/local/audit-signing-key.ts';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { type LocalKms, startLocalKms } from '../../infra/local/local-kms.ts';
import { loadOrCreateMacKey } from '../../infra/local/survey-mac-key.ts';
import { KmsSurveyTokens } from '../../shared/adapters/kms/kms-survey-tokens.ts';
import { MemorySurveyTokens } from '../../shared/adapters/memory/survey-tokens.ts';
import type { SurveyTokens } from '../../shared/ports/survey-tokens.ts';

const folder = mkdtempSync(join(tmpdir(), 'courtdesk-survey-kms-'));
const signingKey = loadOrCreateSigningKey(join(folder, 'signing-key.pem'), localRegion);
const macKey = loadOrCreateMacKey(join(folder, 'survey', 'mac-key'), localRegion);
let kms: LocalKms;
let client: KMSClient;
/** Counts the KMS calls the adapter makes. */
let calls = 0;

beforeAll(async () => {
  kms = await startLocalKms({ key: signingKey, macKey });
  client = new KMSClient({ endpoint: kms.endpoint, region: localRegion, credentials: localCredentials });
  client.middlewareStack.add(
    (next) => async (args) => {
      calls += 1;
      return next(args);
    },
    { step: 'initialize' },
  );
});

afterAll(async () => {
  client?.destroy();
  await kms?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const now = new Date('2026-03-02T10:00:00Z');
const expiresAt = '2026-03-30T10:00:00.000Z';
const reference = 'TA-2026-000123';

/** The character at `index` swapped for another of the same alphabet. */
function tamper(token: string, index: number): string {
  const char = token[index] ?? '';
  const other = /[0-9]/.test(char) ? String((Number(char) + 1) % 10) : char === 'A' ? 'B' : 'A';
  return token.slice(0, index) + other + token.slice(index + 1);
}

const adapters: [string, () => SurveyTokens][] = [
  ['KMS (the sandbox stand-in)', () => new KmsSurveyTokens({ client, keyId: macKey.keyArn })],
  ['memory', () => new MemorySurveyTokens()],
];

describe.each(adapters)('survey tokens: %s', (_name, make) => {
  it('signs a token that names the ticket and its expiry, and nothing personal', async () => {
    const token = await make().sign({ reference, expiresAt });
    expect(token).toMatch(/^TA-2026-000123\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(await make().verify(token, now)).toEqual({ reference, expiresAt });
  });

  it('is expired from its expiry on', async () => {
    const token = await make().sign({ reference, expiresAt });
    expect(await make().verify(token, new Date('2026-03-30T09:59:59Z'))).toEqual({ reference, expiresAt });
    expect(await make().verify(token, new Date(expiresAt))).toBe('expired');
  });

  it('refuses a change to each part: reference, expiry, MAC', async () => {
    const token = await make().sign({ reference, expiresAt });
    const [ref = '', expiry = '', mac = ''] = token.split('.');
    // Another ticket's reference with this MAC.
    expect(await make().verify(`TA-2026-000124.${expiry}.${mac}`, now)).toBe('forged');
    // A later expiry with this MAC.
    const later = (Number.parseInt(expiry, 36) + 86_400).toString(36);
    expect(await make().verify(`${ref}.${later}.${mac}`, now)).toBe('forged');
    // A MAC changed in its first character.
    expect(await make().verify(tamper(token, ref.length + expiry.length + 2), now)).toBe('forged');
    // An expired token with a forged MAC is forged, not expired.
    const past = (Number.parseInt(expiry, 36) - 40 * 86_400).toString(36);
    expect(await make().verify(`${ref}.${past}.${mac}`, now)).toBe('forged');
  });

  it('refuses a token signed with another key', async () => {
    const other = await new MemorySurveyTokens(Buffer.from('another key')).sign({ reference, expiresAt });
    expect(await make().verify(other, now)).toBe('forged');
  });

  it.each([
    ['empty', ''],
    ['no parts', 'TA-2026-000123'],
    ['four parts', `${reference}.abc.def.ghi`],
    ['not a reference', `<script>.1a2b3c.${'A'.repeat(43)}`],
    ['a short MAC', `${reference}.1a2b3c.${'A'.repeat(42)}`],
    ['padding', `${reference}.1a2b3c.${'A'.repeat(42)}=`],
    ['spare bits set', `${reference}.1a2b3c.${'A'.repeat(42)}B`],
    ['a leading zero in the expiry', `${reference}.01a2b3.${'A'.repeat(43)}`],
    ['too long', `${reference}.1a2b3c.${'A'.repeat(500)}`],
  ])('refuses text that cannot be a token (%s) without asking KMS', async (_case, text) => {
    const before = calls;
    expect(await make().verify(text, now)).toBe('forged');
    expect(calls).toBe(before);
  });
});

describe('the sandbox KMS stand-in and its HMAC key', () => {
  it('keeps the key in the data folder, readable by its owner only, with the same ARN on a restart', () => {
    expect(statSync(macKey.file).mode & 0o077).toBe(0);
    expect(loadOrCreateMacKey(macKey.file, localRegion)).toEqual(macKey);
  });

  it('answers a MAC that does not match as KMS does (KMSInvalidMacException)', async () => {
    await expect(
      client.send(
        new VerifyMacCommand({
          KeyId: macKey.keyArn,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: Buffer.from('x'),
          Mac: Buffer.alloc(32),
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });

  it('refuses the HMAC key for signing and the signing key for MACs', async () => {
    await expect(
      client.send(
        new VerifyMacCommand({
          KeyId: signingKey.keyArn,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: Buffer.from('x'),
          Mac: Buffer.alloc(32),
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
