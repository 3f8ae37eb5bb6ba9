/**
 * The sandbox's KMS stand-in, through the SDK's KMS client and the sealer's own `KmsDigestSigner`:
 * a digest signed there verifies with the public key the stand-in gives, as the verifier checks it,
 * and requests KMS would refuse are refused with KMS's error names.
 */
import { createHash, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../infra/local/audit-signing-key.ts';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { type LocalKms, startLocalKms } from '../../infra/local/local-kms.ts';
import { KmsDigestSigner, kmsPublicKey } from '../../shared/adapters/kms/kms-digest-signer.ts';
import { buildDigest, digestBytes, signDigest, verifyTrail } from '../../shared/domain/audit-chain.ts';
import { auditEventSource, auditRecord } from '../../shared/domain/audit-event.ts';

const folder = mkdtempSync(join(tmpdir(), 'courtdesk-kms-'));
const key = loadOrCreateSigningKey(join(folder, 'signing-key.pem'), localRegion);
let kms: LocalKms;
let client: KMSClient;

beforeAll(async () => {
  kms = await startLocalKms({ key });
  client = new KMSClient({ endpoint: kms.endpoint, region: localRegion, credentials: localCredentials });
});

afterAll(async () => {
  client?.destroy();
  await kms?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** An hour of records: more than KMS signs as a RAW message, so the signer sends a DIGEST. */
const read = {
  eventSource: auditEventSource,
  eventName: 'GetTicket',
  userIdentity: { type: 'Staff', userName: 'agent.legal-aid' },
  sourceIPAddress: '198.51.100.7',
  userAgent: 'local-kms test',
  requestParameters: null,
  responseElements: null,
  readOnly: true,
  resources: [],
} as const;
const records = Array.from({ length: 100 }, (_, i) => {
  const eventTime = new Date(Date.UTC(2026, 10, 28, 9) + i * 1000).toISOString();
  return auditRecord({ ...read, eventTime, requestID: `request-${i}`, eventID: `event-${i}` });
});
const digest = buildDigest({ start: '2026-11-28T09:00', minutes: 60 }, records, null);

describe('the KMS stand-in', () => {
  it('names its key by a KMS key ARN that stays the same for the same key file', () => {
    expect(key.keyArn).toMatch(
      /^arn:aws:kms:eu-north-1:\d{12}:key\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/,
    );
    expect(loadOrCreateSigningKey(key.file, localRegion).keyArn).toBe(key.keyArn);
  });

  it('signs a DIGEST so that the signature verifies with the public key it returns', async () => {
    // Prepare
    const signer = new KmsDigestSigner({ client, keyId: key.keyArn });
    const bytes = digestBytes(digest);
    expect(bytes.length).toBeGreaterThan(4096);

    // Act
    const signed = await signDigest(digest, signer);
    const publicKey = await kmsPublicKey(client, key.keyArn);

    // Assess: the ECDSA_SHA_256 signature of the whole message, by the sandbox's key.
    expect(signed.keyId).toBe(key.keyArn);
    expect(
      verify(
        'sha256',
        bytes,
        { key: publicKey, format: 'der', type: 'spki' },
        Buffer.from(signed.signature, 'base64'),
      ),
    ).toBe(true);
    expect(publicKey.toString('base64')).toBe(key.publicKeyPem.replace(/-----[^-]+-----|\s/g, ''));
    expect(
      verifyTrail({
        records: [],
        digests: [signed],
        publicKeys: new Map([[key.keyArn, publicKey]]),
        from: '2026-11-28T09:00:00Z',
        to: '2026-11-28T10:00:00Z',
      }).filter((finding) => finding.kind !== 'deleted'),
    ).toEqual([]);
  });

  it('gives a new signature each time, every one valid, as KMS does for ECDSA', async () => {
    const message = createHash('sha256').update('one hour of records').digest();
    const sign = async () =>
      Buffer.from(
        (
          await client.send(
            new SignCommand({
              KeyId: key.keyArn.slice(key.keyArn.lastIndexOf('/') + 1),
              Message: message,
              MessageType: 'DIGEST',
              SigningAlgorithm: 'ECDSA_SHA_256',
            }),
          )
        ).Signature ?? [],
      );
    const signatures = await Promise.all(Array.from({ length: 20 }, sign));
    expect(new Set(signatures.map((signature) => signature.toString('hex'))).size).toBe(20);
    const publicKey = await kmsPublicKey(client, key.keyArn);
    for (const signature of signatures) {
      const valid = verify(
        'sha256',
        Buffer.from('one hour of records'),
        { key: publicKey, format: 'der', type: 'spki' },
        signature,
      );
      expect(valid).toBe(true);
    }
  });

  it('signs a RAW message with ECDSA_SHA_256 too', async () => {
    const message = Buffer.from('a short message');
    const result = await client.send(
      new SignCommand({ KeyId: key.keyArn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(result).toMatchObject({ KeyId: key.keyArn, SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(verify('sha256', message, key.publicKeyPem, Buffer.from(result.Signature ?? []))).toBe(true);
  });

  it('refuses what KMS refuses: another key, another algorithm, a digest of the wrong length', async () => {
    const sign = (input: Partial<ConstructorParameters<typeof SignCommand>[0]>) =>
      client.send(
        new SignCommand({
          KeyId: key.keyArn,
          Message: Buffer.alloc(32, 1),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
          ...input,
        }),
      );
    await expect(sign({ KeyId: 'arn:aws:kms:eu-north-1:000000000000:key/other' })).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(sign({ SigningAlgorithm: 'ECDSA_SHA_384' })).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
    });
    await expect(sign({ Message: Buffer.alloc(31, 1) })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
