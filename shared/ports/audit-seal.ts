/**
 * What the audit sealer and the verifier need: the audit table's records by
 * hour, a store of signed digests (S3 with Object Lock: `../adapters/s3/audit-digests.ts`) and a
 * signer (KMS in the cloud, a local key in the sandbox: `../adapters/kms/`). In memory for unit
 * tests: `../adapters/memory/audit-seal.ts`.
 */
import type { KeyObject } from 'node:crypto';
import type { SignedDigest } from '../domain/audit-chain.ts';
import type { AuditRecord } from '../domain/audit-event.ts';

export interface AuditReader {
  /** Every record of one UTC hour (`YYYY-MM-DDTHH`), in trail order. */
  recordsOfHour(hour: string): Promise<AuditRecord[]>;
}

export interface AuditDigestStore {
  /**
   * The digest with the latest segment start at or before `asOf`'s day, looking back a bounded
   * number of days; undefined when there is none (the first run, or a gap longer than that).
   */
  latest(asOf: Date): Promise<SignedDigest | undefined>;
  /** The digest of the segment starting at `start` (`YYYY-MM-DDTHH:MM`), if stored. */
  get(start: string): Promise<SignedDigest | undefined>;
  /** Stores the digest unless its segment has one already (never overwrites); `false` when it had. */
  put(digest: SignedDigest): Promise<boolean>;
  /** The digests of the segments starting in `[from, to)`, in segment order. */
  between(from: Date, to: Date): Promise<SignedDigest[]>;
}

/** Signs a digest's bytes: a DER ECDSA P-256 signature with SHA-256. */
export interface DigestSigner {
  /** A KMS key ARN, or `local:<SHA-256 fingerprint of the public key's SPKI>`. */
  readonly keyId: string;
  sign(message: Buffer): Promise<Buffer>;
  /** The key's public half: the sealer checks the signature of the digest it chains from. */
  publicKey(): Promise<KeyObject>;
}
