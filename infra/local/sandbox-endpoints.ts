/**
 * How tools outside the sandbox's process (`npm run audit:verify`) find a running sandbox: it
 * describes itself in `<data folder>/sandbox.json` while it runs. A small module of its own, so
 * that reading it loads none of the emulators.
 */

/** The file a running sandbox describes itself in, under its data folder. */
export const sandboxEndpointsFile = 'sandbox.json';

export interface SandboxEndpoints {
  /** The sandbox's process (the file is stale when it is gone). */
  readonly pid: number;
  readonly region: string;
  /** The emulators' fixed credentials (not secrets). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly dynamodb: string;
  /** fauxqs's S3, path-style (no DNS needed). */
  readonly s3: string;
  readonly auditTable: string;
  readonly auditDigestBucket: string;
  /** The signing key's public half (SPKI PEM). */
  readonly signingPublicKeyFile: string;
  /**
   * The names digests give that key: its ARN (the KMS stand-in's), and `local:<hash>`, which
   * digests sealed before the stand-in carry.
   */
  readonly signingKeyIds: readonly string[];
  readonly sealMinutes: number;
  readonly graceSeconds: number;
}
