/**
 * KMS in the sandbox: a small stand-in on loopback that answers the KMS JSON protocol for one
 * ECC_NIST_P256 signing key (`audit-signing-key.ts`) and HMAC_256 keys (`survey-mac-key.ts`: the
 * survey links' and the pseudonyms'), so that the audit sealer, the survey links and the pseudonym
 * secret run the same adapters and SDK client as in the cloud, pointed here by `AWS_ENDPOINT_URL_KMS`.
 *
 * It knows `TrentService.Sign` (ECDSA_SHA_256 of a RAW message or of a DIGEST, answered with a
 * DER signature as KMS answers) and `TrentService.GetPublicKey` (DER SPKI) for the signing key,
 * `TrentService.GenerateMac` and `TrentService.VerifyMac` (HMAC_SHA_256; a MAC that does not match
 * is KMS's `KMSInvalidMacException`) for the HMAC keys, each key named by its ARN or its key id;
 * anything else is answered with KMS's error shape.
 */
import {
  createECDH,
  createHmac,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  timingSafeEqual,
} from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalSigningKey } from './audit-signing-key.ts';
import type { LocalMacKey } from './survey-mac-key.ts';

export interface LocalKms {
  /** The endpoint for the SDK (`AWS_ENDPOINT_URL_KMS`). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** KMS's limit on a RAW message to sign. */
const maxRawMessageBytes = 4096;
const signingAlgorithm = 'ECDSA_SHA_256';
const macAlgorithm = 'HMAC_SHA_256';

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalKms(options: {
  readonly key: LocalSigningKey;
  /** The HMAC key of the survey links; without it (and `macKeys`), GenerateMac and VerifyMac find no key. */
  readonly macKey?: LocalMacKey;
  /** More HMAC keys (the pseudonym key), each named by its own ARN. */
  readonly macKeys?: readonly LocalMacKey[];
  readonly onError?: (error: unknown) => void;
}): Promise<LocalKms> {
  const { key } = options;
  const keyId = key.keyArn.slice(key.keyArn.lastIndexOf('/') + 1);
  const publicKeyDer = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' });

  const macKeys = [...(options.macKey ? [options.macKey] : []), ...(options.macKeys ?? [])];
  /** The HMAC key a request names, by its ARN or its key id. */
  const macKeyNamed = (request: Record<string, unknown>): LocalMacKey | undefined => {
    const named = String(request.KeyId ?? '');
    return macKeys.find(
      (macKey) =>
        named === macKey.keyArn || named === macKey.keyArn.slice(macKey.keyArn.lastIndexOf('/') + 1),
    );
  };
  /** The MAC of a request's message (1 to 4,096 bytes), with the HMAC key it names. */
  const macOf = (request: Record<string, unknown>): Buffer => {
    const macKey = macKeyNamed(request);
    if (!macKey) throw new KmsError('NotFoundException', 'No HMAC key here');
    if (request.MacAlgorithm !== macAlgorithm)
      throw new KmsError('InvalidKeyUsageException', `The key supports ${macAlgorithm} only`);
    const message = Buffer.from(String(request.Message ?? ''), 'base64');
    if (message.length === 0 || message.length > maxRawMessageBytes)
      throw new KmsError('ValidationException', `A message is 1 to ${maxRawMessageBytes} bytes`);
    return createHmac('sha256', macKey.secret).update(message).digest();
  };
  const macOperations: Record<string, (request: Record<string, unknown>) => Record<string, unknown>> = {
    'TrentService.GenerateMac': (request) => ({
      KeyId: macKeyNamed(request)?.keyArn,
      Mac: macOf(request).toString('base64'),
      MacAlgorithm: macAlgorithm,
    }),
    'TrentService.VerifyMac': (request) => {
      const expected = macOf(request);
      const given = Buffer.from(String(request.Mac ?? ''), 'base64');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new KmsError('KMSInvalidMacException', 'The MAC does not match');
      return { KeyId: macKeyNamed(request)?.keyArn, MacValid: true, MacAlgorithm: macAlgorithm };
    },
  };

  const operations: Record<string, (request: Record<string, unknown>) => Record<string, unknown>> = {
    'TrentService.GetPublicKey': () => ({
      KeyId: key.keyArn,
      PublicKey: publicKeyDer.toString('base64'),
      CustomerMasterKeySpec: 'ECC_NIST_P256',
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: [signingAlgorithm],
    }),
    'TrentService.Sign': (request) => {
      if (request.SigningAlgorithm !== signingAlgorithm)
        throw new KmsError('InvalidKeyUsageException', `The key supports ${signingAlgorithm} only`);
      const message = Buffer.from(String(request.Message ?? ''), 'base64');
      const messageType = request.MessageType ?? 'RAW';
      let signature: Buffer;
      if (messageType === 'DIGEST') {
        if (message.length !== 32)
          throw new KmsError('ValidationException', 'A digest for ECDSA_SHA_256 is 32 bytes');
        signature = signP256Digest(message, key.privateKey);
      } else if (messageType === 'RAW') {
        if (message.length === 0 || message.length > maxRawMessageBytes)
          throw new KmsError('ValidationException', `A RAW message is 1 to ${maxRawMessageBytes} bytes`);
        signature = sign('sha256', message, key.privateKey);
      } else {
        throw new KmsError('ValidationException', `Unknown MessageType ${String(messageType)}`);
      }
      return {
        KeyId: key.keyArn,
        Signature: signature.toString('base64'),
        SigningAlgorithm: signingAlgorithm,
      };
    },
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
      const macOperation = macOperations[target];
      const operation = macOperation ?? operations[target];
      if (!operation) throw new KmsError('UnsupportedOperationException', `${target} is not supported here`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        throw new KmsError('SerializationException', 'The request body is not JSON');
      }
      const named = String(body.KeyId ?? '');
      const known = macOperation ? macKeyNamed(body) !== undefined : named === key.keyArn || named === keyId;
      if (!known) throw new KmsError('NotFoundException', `Key '${named}' does not exist`);
      answer(response, 200, operation(body));
    } catch (error) {
      if (!(error instanceof KmsError)) throw error;
      answer(response, 400, { __type: error.type, message: error.message });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) answer(response, 500, { __type: 'KMSInternalException', message: 'failed' });
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

/** The order of P-256's base point. */
const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * ECDSA over P-256 of a SHA-256 digest given as it is, as KMS signs a DIGEST. Node's `sign` hashes
 * what it is given, so the arithmetic is done here; the curve point k·G comes from Node's ECDH
 * (a public key is the private scalar times the base point), the rest is arithmetic modulo n.
 */
export function signP256Digest(digest: Buffer, privateKey: KeyObject): Buffer {
  const d = bigIntOf(Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
  // A SHA-256 digest has as many bits as the order: used whole (FIPS 186-4, 6.4).
  const z = bigIntOf(digest);
  for (;;) {
    const k = bigIntOf(randomBytes(32));
    if (k === 0n || k >= p256Order) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(bytesOf(k));
    // Uncompressed point: 0x04, then x and y, 32 bytes each.
    const r = bigIntOf(ecdh.getPublicKey().subarray(1, 33)) % p256Order;
    if (r === 0n) continue;
    const s = (modularPower(k, p256Order - 2n, p256Order) * ((z + r * d) % p256Order)) % p256Order;
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

function bigIntOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function bytesOf(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

/** `base^exponent mod modulus`; with a prime modulus and exponent modulus − 2, the inverse. */
function modularPower(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let factor = base % modulus;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * factor) % modulus;
    factor = (factor * factor) % modulus;
  }
  return result;
}

/** `SEQUENCE { INTEGER r, INTEGER s }`, as KMS returns an ECDSA signature. */
function derSignature(r: bigint, s: bigint): Buffer {
  const integer = (value: bigint) => {
    let bytes = bytesOf(value);
    while (bytes.length > 1 && bytes[0] === 0 && (bytes[1] ?? 0) < 0x80) bytes = bytes.subarray(1);
    if ((bytes[0] ?? 0) >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
  };
  const content = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}
