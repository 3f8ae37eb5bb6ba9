/**
 * The digest signers: KMS (asked for an ECDSA_SHA_256 signature of the message's SHA-256, since a
 * RAW message is limited to 4,096 bytes) and the local key's signer of tests and tools. Both
 * signatures are what `verifyTrail` checks.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { LocalDigestSigner, localKeyId } from '../../../infra/local/local-digest-signer.ts';
import { KmsDigestSigner, kmsPublicKey } from '../../../shared/adapters/kms/kms-digest-signer.ts';
import { buildDigest, digestBytes, signDigest, verifyTrail } from '../../../shared/domain/audit-chain.ts';
import { auditEventSource, auditRecord } from '../../../shared/domain/audit-event.ts';

const keyArn = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A KMS client stand-in that records its commands and answers as KMS does. */
function fakeKms() {
  const commands: unknown[] = [];
  // Prehashed ECDSA is what KMS does with a DIGEST; the stand-in signs the message it was given
  // the hash of (kept aside by the test), which gives the same kind of signature.
  let message: Buffer = Buffer.alloc(0);
  const client = {
    send: async (command: unknown) => {
      commands.push(command);
      if (command instanceof SignCommand) return { Signature: sign('sha256', message, privateKey) };
      if (command instanceof GetPublicKeyCommand)
        return { PublicKey: publicKey.export({ type: 'spki', format: 'der' }) };
      throw new Error('unexpected command');
    },
  } as unknown as KMSClient;
  return { client, commands, willSign: (bytes: Buffer) => (message = bytes) };
}

/** A digest bigger than KMS takes as a RAW message. */
const bigDigest = buildDigest(
  { start: '2026-11-28T09:00', minutes: 60 },
  Array.from({ length: 100 }, (_, i) =>
    auditRecord({
      eventTime: new Date(Date.UTC(2026, 10, 28, 9) + i * 1000).toISOString(),
      eventSource: auditEventSource,
      eventName: 'GetTicket',
      userIdentity: { type: 'Staff', userName: 'agent.court-fees' },
      sourceIPAddress: '192.0.2.1',
      userAgent: 'test',
      requestParameters: null,
      responseElements: null,
      requestID: `r${i}`,
      eventID: `e${i}`,
      readOnly: true,
      resources: [],
    }),
  ),
  null,
);

describe('KmsDigestSigner', () => {
  it('asks KMS for an ECDSA_SHA_256 signature of the SHA-256 of the digest, named by the key ARN', async () => {
    // Prepare
    const kms = fakeKms();
    const signer = new KmsDigestSigner({ client: kms.client, keyId: keyArn });
    const bytes = digestBytes(bigDigest);
    expect(bytes.length).toBeGreaterThan(4096);
    kms.willSign(bytes);

    // Act
    const signed = await signDigest(bigDigest, signer);

    // Assess
    expect((kms.commands[0] as SignCommand).input).toEqual({
      KeyId: keyArn,
      Message: createHash('sha256').update(bytes).digest(),
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(signed.keyId).toBe(keyArn);
    const publicKeys = new Map([[keyArn, await kmsPublicKey(kms.client, keyArn)]]);
    expect(
      verifyTrail({
        records: [],
        digests: [signed],
        publicKeys,
        from: '2026-11-28T09:00:00Z',
        to: '2026-11-28T10:00:00Z',
      }),
    ).toEqual(
      bigDigest.records.map((entry) => ({
        kind: 'deleted',
        segment: '2026-11-28T09:00',
        eventID: entry.eventID,
      })),
    );
  });
});

describe('LocalDigestSigner', () => {
  it('signs with a P-256 key from a PEM file, named local:<SHA-256 of its public key>', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'courtdesk-key-'));
    try {
      const file = join(folder, 'signing-key.pem');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const signer = LocalDigestSigner.fromFile(file);
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      expect(signer.keyId).toBe(`local:${createHash('sha256').update(spki).digest('hex')}`);
      expect(localKeyId(publicKey)).toBe(signer.keyId);
      expect(createPublicKey(signer.publicKeyPem()).export({ type: 'spki', format: 'der' })).toEqual(spki);
      const signed = await signDigest(bigDigest, signer);
      expect(
        verifyTrail({
          records: [],
          digests: [signed],
          publicKeys: new Map([[signer.keyId, signer.publicKeyPem()]]),
          from: '2026-11-28T09:00:00Z',
          to: '2026-11-28T10:00:00Z',
        }).filter((finding) => finding.kind !== 'deleted'),
      ).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a key that is not a P-256 private key', () => {
    const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => new LocalDigestSigner(rsa)).toThrow(/P-256/);
    expect(() => new LocalDigestSigner(publicKey)).toThrow(/P-256/);
  });
});
