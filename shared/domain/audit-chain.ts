/**
 * Tamper evidence for the audit trail (issue 6, items 3–4), as CloudTrail's log-file validation
 * does it: every hour's records are hashed in order into a digest that also carries the previous
 * digest's hash, and the digest is signed (KMS ECC_NIST_P256 / ECDSA_SHA_256 in the cloud, a local
 * P-256 key in the sandbox: the same DER signatures, verified the same way). The verifier
 * recomputes the chain and names every modified, deleted, inserted or reordered record and every
 * digest that is missing, altered or out of chain.
 */
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { AuditRecord } from './audit-event.ts';

/** The hour a record belongs to: `YYYY-MM-DDTHH` of its eventTime (UTC). */
export function hourOf(record: Pick<AuditRecord, 'eventTime'>): string {
  return record.eventTime.slice(0, 13);
}

/** The order of a trail: by time, then by event id (unique). */
export function trailOrder(a: AuditRecord, b: AuditRecord): number {
  return a.eventTime.localeCompare(b.eventTime) || a.eventID.localeCompare(b.eventID);
}

/** JSON with keys sorted at every level: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function recordHash(record: AuditRecord): string {
  return sha256(canonicalJson(record));
}

/** One hour's digest, before it is signed. */
export interface AuditDigest {
  readonly version: 1;
  readonly hour: string;
  /** The hour's records in trail order: each event id with its record's hash. */
  readonly records: readonly { readonly eventID: string; readonly hash: string }[];
  /** The previous digest's hash (`digestHash`), or null for the first. */
  readonly previousDigestHash: string | null;
}

export interface SignedDigest extends AuditDigest {
  /** SHA-256 of the canonical digest (without this field and the signature). */
  readonly digestHash: string;
  /** Base64 DER ECDSA P-256 / SHA-256 signature of `digestHash`'s canonical digest. */
  readonly signature: string;
  /** Which key signed it (a KMS key ARN, or `local:<fingerprint>`). */
  readonly keyId: string;
}

export function buildDigest(
  hour: string,
  records: readonly AuditRecord[],
  previousDigestHash: string | null,
): AuditDigest {
  return {
    version: 1,
    hour,
    records: [...records]
      .filter((record) => hourOf(record) === hour)
      .sort(trailOrder)
      .map((record) => ({ eventID: record.eventID, hash: recordHash(record) })),
    previousDigestHash,
  };
}

/** What is signed: the canonical digest. */
export function digestBytes(digest: AuditDigest): Buffer {
  const { version, hour, records, previousDigestHash } = digest;
  return Buffer.from(canonicalJson({ version, hour, records, previousDigestHash }));
}

/** Signs with a signer that returns a DER ECDSA signature of the message (KMS `Sign`, or a local key). */
export async function signDigest(
  digest: AuditDigest,
  signer: { readonly keyId: string; sign(message: Buffer): Promise<Buffer> },
): Promise<SignedDigest> {
  const bytes = digestBytes(digest);
  return {
    ...digest,
    digestHash: createHash('sha256').update(bytes).digest('hex'),
    signature: (await signer.sign(bytes)).toString('base64'),
    keyId: signer.keyId,
  };
}

export type TrailFinding =
  | {
      readonly kind: 'modified' | 'deleted' | 'inserted' | 'reordered';
      readonly hour: string;
      readonly eventID: string;
    }
  /** A digest whose signature or hash does not hold, or that is missing from the chain. */
  | { readonly kind: 'broken-digest' | 'missing-digest'; readonly hour: string }
  /** A digest that does not name the digest before it. */
  | { readonly kind: 'broken-chain'; readonly hour: string };

/**
 * Checks `records`, in the order the trail holds them, against the signed `digests` of the hours
 * from `fromHour` through `toHour`: every finding, in hour order; none for an intact trail.
 */
export function verifyTrail(input: {
  readonly records: readonly AuditRecord[];
  readonly digests: readonly SignedDigest[];
  /** PEM or DER SPKI public key(s) by key id. */
  readonly publicKeys: ReadonlyMap<string, string | Buffer | KeyObject>;
  readonly fromHour: string;
  readonly toHour: string;
}): TrailFinding[] {
  const findings: TrailFinding[] = [];
  const byHour = new Map<string, AuditRecord[]>();
  for (const record of input.records) {
    const hour = hourOf(record);
    if (hour < input.fromHour || hour > input.toHour) continue;
    const list = byHour.get(hour) ?? [];
    list.push(record);
    byHour.set(hour, list);
  }
  const digests = [...input.digests]
    .filter((digest) => digest.hour >= input.fromHour && digest.hour <= input.toHour)
    .sort((a, b) => a.hour.localeCompare(b.hour));
  const digestHours = new Set(digests.map((digest) => digest.hour));
  for (const hour of [...byHour.keys()].sort())
    if (!digestHours.has(hour)) findings.push({ kind: 'missing-digest', hour });

  let previous: SignedDigest | undefined;
  for (const digest of digests) {
    if (!digestHolds(digest, input.publicKeys)) findings.push({ kind: 'broken-digest', hour: digest.hour });
    if (previous && digest.previousDigestHash !== previous.digestHash)
      findings.push({ kind: 'broken-chain', hour: digest.hour });
    previous = digest;
    findings.push(...compareHour(digest, byHour.get(digest.hour) ?? []));
  }
  return findings.sort((a, b) => a.hour.localeCompare(b.hour));
}

function digestHolds(digest: SignedDigest, keys: ReadonlyMap<string, string | Buffer | KeyObject>): boolean {
  const bytes = digestBytes(digest);
  if (createHash('sha256').update(bytes).digest('hex') !== digest.digestHash) return false;
  const key = keys.get(digest.keyId);
  if (!key) return false;
  try {
    const publicKey =
      typeof key === 'string' || Buffer.isBuffer(key)
        ? createPublicKey(typeof key === 'string' ? key : { key, format: 'der', type: 'spki' })
        : key;
    return verify('sha256', bytes, publicKey, Buffer.from(digest.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The hour's records as stored, against the digest's list. */
function compareHour(digest: SignedDigest, stored: readonly AuditRecord[]): TrailFinding[] {
  const findings: TrailFinding[] = [];
  const expected = new Map(digest.records.map((entry, index) => [entry.eventID, { ...entry, index }]));
  // In the order the trail presents them (the table's key order, or an export's lines).
  const present = stored;
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const record of present) {
    const entry = expected.get(record.eventID);
    if (!entry || seen.has(record.eventID)) {
      findings.push({ kind: 'inserted', hour: digest.hour, eventID: record.eventID });
      continue;
    }
    seen.add(record.eventID);
    if (recordHash(record) !== entry.hash) {
      findings.push({ kind: 'modified', hour: digest.hour, eventID: record.eventID });
      continue;
    }
    kept.push(entry.index);
  }
  for (const entry of digest.records)
    if (!seen.has(entry.eventID))
      findings.push({ kind: 'deleted', hour: digest.hour, eventID: entry.eventID });
  // Unmodified records out of the digest's order: those not on a longest in-order run.
  const inOrder = longestIncreasing(kept);
  for (const index of kept)
    if (!inOrder.has(index))
      findings.push({ kind: 'reordered', hour: digest.hour, eventID: digest.records[index]?.eventID ?? '' });
  return findings;
}

/** The values on one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const tailAt: number[] = [];
  const parent: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tails[middle] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    tails[low] = value;
    tailAt[low] = i;
    parent[i] = low > 0 ? (tailAt[low - 1] ?? -1) : -1;
  });
  const result = new Set<number>();
  for (let i = tailAt[tails.length - 1] ?? -1; i >= 0; i = parent[i] ?? -1) result.add(values[i] ?? -1);
  return result;
}
