/**
 * Tamper evidence for the audit trail, as CloudTrail's log-file validation
 * does it: the records of every segment of time (an hour in the cloud, a minute in the sandbox) are
 * hashed in order into a digest that also carries the previous digest's hash, and the digest is
 * signed (KMS ECC_NIST_P256 / ECDSA_SHA_256 in the cloud, a local P-256 key in the sandbox: the
 * same DER signatures, verified the same way). The verifier recomputes the chain and names every
 * modified, deleted, inserted or reordered record and every digest that is missing, altered,
 * signed by a key it was not given, or out of chain — from the digest before the range on.
 */
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { AuditRecord } from './audit-event.ts';

/** Where the digests are kept in their bucket (`digests/YYYY/MM/DD/<segment start>.json`). */
export const auditDigestPrefix = 'digests/';

/** The hour a record belongs to: `YYYY-MM-DDTHH` of its eventTime (UTC), as the audit table groups them. */
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

/**
 * A sealing period: `minutes` long from `start` (`YYYY-MM-DDTHH:MM`, UTC). The sealer's periods
 * divide the hour (60 in the cloud, 1 in the sandbox), so a segment never crosses an hour and an
 * hour's records (one read of the audit table) split into whole segments.
 */
export interface Segment {
  readonly start: string;
  readonly minutes: number;
}

/** Whether `minutes` is a sealing period: a whole divisor of 60. */
export function isSegmentMinutes(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 60 && 60 % minutes === 0;
}

const minuteMs = 60_000;

/** The start (`YYYY-MM-DDTHH:MM`) of the `minutes`-long segment holding `instant`. */
export function segmentStartOf(instant: Date | string, minutes: number): string {
  const time = new Date(instant).getTime();
  const length = minutes * minuteMs;
  return new Date(Math.floor(time / length) * length).toISOString().slice(0, 16);
}

/** The instant a segment starts. */
export function segmentStartTime(segment: Pick<Segment, 'start'>): Date {
  return new Date(`${segment.start}:00.000Z`);
}

/** The instant a segment ends (the next one's start). */
export function segmentEndTime(segment: Segment): Date {
  return new Date(segmentStartTime(segment).getTime() + segment.minutes * minuteMs);
}

/** Whether a record's eventTime falls within the segment. */
export function inSegment(record: Pick<AuditRecord, 'eventTime'>, segment: Segment): boolean {
  const time = Date.parse(record.eventTime);
  return time >= segmentStartTime(segment).getTime() && time < segmentEndTime(segment).getTime();
}

/** One segment's digest, before it is signed. Empty segments have one too, so none can go missing unseen. */
export interface AuditDigest extends Segment {
  readonly version: 1;
  /** The segment's records in trail order: each event id with its record's hash. */
  readonly records: readonly { readonly eventID: string; readonly hash: string }[];
  /** The previous digest's hash (`digestHash`), or null for the first of a chain. */
  readonly previousDigestHash: string | null;
}

export interface SignedDigest extends AuditDigest {
  /** SHA-256 (hex) of the canonical digest (`digestBytes`: without this field and the signature). */
  readonly digestHash: string;
  /** Base64 DER ECDSA P-256 signature of `digestBytes` with SHA-256. */
  readonly signature: string;
  /** Which key signed it (a KMS key ARN, or `local:<fingerprint>`). */
  readonly keyId: string;
}

/** The digest of `segment`: those of `records` that fall within it, in trail order. */
export function buildDigest(
  segment: Segment,
  records: readonly AuditRecord[],
  previousDigestHash: string | null,
): AuditDigest {
  return {
    version: 1,
    start: segment.start,
    minutes: segment.minutes,
    records: records
      .filter((record) => inSegment(record, segment))
      .sort(trailOrder)
      .map((record) => ({ eventID: record.eventID, hash: recordHash(record) })),
    previousDigestHash,
  };
}

/** What is signed: the canonical digest. */
export function digestBytes(digest: AuditDigest): Buffer {
  const { version, start, minutes, records, previousDigestHash } = digest;
  return Buffer.from(canonicalJson({ version, start, minutes, records, previousDigestHash }));
}

/**
 * Signs with a signer that returns a DER ECDSA P-256 signature of the message with SHA-256 (KMS
 * `Sign` with ECDSA_SHA_256, or a local key).
 */
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
      /** The segment's start (`YYYY-MM-DDTHH:MM`). */
      readonly segment: string;
      readonly eventID: string;
    }
  /** A digest whose signature or hash does not hold, or a segment that has records or a gap but no digest. */
  | { readonly kind: 'broken-digest' | 'missing-digest'; readonly segment: string }
  /**
   * A digest that does not name the digest before it: also a second chain's first (naming none)
   * after the chain began, or a range's first digest naming one that is gone.
   */
  | { readonly kind: 'broken-chain'; readonly segment: string };

export interface VerifyTrailInput {
  /** The records, in the order the trail holds them; all of each digest's segment. */
  readonly records: readonly AuditRecord[];
  readonly digests: readonly SignedDigest[];
  /** PEM or DER SPKI public key(s) by key id. */
  readonly publicKeys: ReadonlyMap<string, string | Buffer | KeyObject>;
  /** The range checked, `[from, to)`: the digests of segments overlapping it, records within it. */
  readonly from: Date | string;
  readonly to: Date | string;
  /** The sealing period, to name the segment of records no digest covers. @default 60 */
  readonly segmentMinutes?: number;
  /**
   * Segments ending at or before this instant should be sealed: a segment after the last digest
   * without one is then missing too, records or not. Records later than that are not sealed yet
   * and are not findings. @default - only segments with records need a digest
   */
  readonly sealedBefore?: Date | string;
  /**
   * The digest before the range: the latest one whose segment ends at or before the first digest
   * of the range starts (at or before `from` when the range has none); null when there is none.
   * Given, the start of the range is checked too: the first digest of the range must name it (or,
   * with none before, be the chain's first, naming no previous digest), and every segment from
   * `from` up to the first digest must have one — except those before the chain began, whose
   * records are counted (`beforeChain`), not found. @default - the start of the range is not checked
   */
  readonly previousDigest?: SignedDigest | null;
  /**
   * The first digest after the range (starting at or after `to`), null when there is none; asked
   * for only when neither the range nor anything before it has a digest. If it begins the chain,
   * the range's records came before the chain began.
   */
  readonly nextDigest?: SignedDigest | null;
}

/** What `verifyTrailReport` finds, and what it only notes. */
export interface TrailReport {
  /** Every finding, in segment order; none for an intact trail. */
  readonly findings: TrailFinding[];
  /**
   * Records of the range written before the chain began (its first digest, naming no previous
   * one, at `genesis`): never sealed, so neither intact nor tampered — a note, not a finding.
   */
  readonly beforeChain?: { readonly records: number; readonly genesis: string };
}

/**
 * Checks `records` against the signed `digests` of the range: every finding, in segment order;
 * none for an intact trail. A record is judged by the digest whose segment holds its time, so a
 * change of the sealing period between digests is no finding.
 */
export function verifyTrail(input: VerifyTrailInput): TrailFinding[] {
  return verifyTrailReport(input).findings;
}

/** `verifyTrail`, with what is only noted: the range's records from before the chain began. */
export function verifyTrailReport(input: VerifyTrailInput): TrailReport {
  const from = new Date(input.from).getTime();
  const to = new Date(input.to).getTime();
  const minutes = input.segmentMinutes ?? 60;
  const sealedBefore = input.sealedBefore === undefined ? undefined : new Date(input.sealedBefore).getTime();
  const findings: TrailFinding[] = [];
  const missing = new Set<string>();

  const digests = input.digests
    .filter((digest) => segmentStartTime(digest).getTime() < to && segmentEndTime(digest).getTime() > from)
    .sort((a, b) => a.start.localeCompare(b.start));
  const starts = digests.map((digest) => segmentStartTime(digest).getTime());
  const ends = digests.map((digest) => segmentEndTime(digest).getTime());
  /** The digest whose segment holds `time` (binary search over non-overlapping segments). */
  const coveringIndex = (time: number): number => {
    let low = 0;
    let high = digests.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (time < (starts[middle] ?? 0)) high = middle - 1;
      else if (time >= (ends[middle] ?? 0)) low = middle + 1;
      else return middle;
    }
    return -1;
  };

  // The start of the range, when asked: the digest before it, and where the chain began.
  const checkStart = input.previousDigest !== undefined;
  const previous = input.previousDigest ?? undefined;
  const first = digests[0];
  /** The chain's first digest, when it is within or after the range: records before it were never sealed. */
  let genesis: SignedDigest | undefined;
  if (checkStart && !previous) {
    if (first) genesis = first.previousDigestHash === null ? first : undefined;
    else if (input.nextDigest?.previousDigestHash === null) genesis = input.nextDigest;
  }
  const chainBegins = genesis ? segmentStartTime(genesis).getTime() : undefined;
  let beforeChain = 0;

  const byDigest = digests.map((): AuditRecord[] => []);
  for (const record of input.records) {
    const time = Date.parse(record.eventTime);
    const index = coveringIndex(time);
    if (index >= 0) byDigest[index]?.push(record);
    else if (time >= from && time < to) {
      if (chainBegins !== undefined && time < chainBegins) {
        beforeChain += 1;
        continue;
      }
      const segment = segmentStartOf(new Date(time), minutes);
      const segmentEnd = segmentStartTime({ start: segment }).getTime() + minutes * minuteMs;
      // Records of a segment not due for sealing yet are no finding.
      if (sealedBefore === undefined || segmentEnd <= sealedBefore) missing.add(segment);
    }
  }
  /** Every segment of the period in `[gapStart, gapEnd)`: no digest covers any of them. */
  const gap = (gapStart: number, gapEnd: number) => {
    for (let time = gapStart; time < gapEnd; ) {
      const segment = segmentStartOf(new Date(time), minutes);
      missing.add(segment);
      time = segmentStartTime({ start: segment }).getTime() + minutes * minuteMs;
    }
  };

  // From `from` up to the first digest, every segment needs one — unless the chain began there.
  if (checkStart && first && !genesis)
    gap(Math.max(from, previous ? segmentEndTime(previous).getTime() : from), starts[0] ?? from);
  digests.forEach((digest, index) => {
    const before = digests[index - 1];
    if (!digestHolds(digest, input.publicKeys))
      findings.push({ kind: 'broken-digest', segment: digest.start });
    if (before) {
      // A second chain's first digest (no previous) is out of chain like any other.
      if (digest.previousDigestHash !== before.digestHash)
        findings.push({ kind: 'broken-chain', segment: digest.start });
      gap(ends[index - 1] ?? 0, starts[index] ?? 0);
    } else if (checkStart && digest.previousDigestHash !== (previous?.digestHash ?? null)) {
      // The first of the range names the digest before it; with none before, it is the chain's
      // first and names none (any other names a digest that is gone).
      findings.push({ kind: 'broken-chain', segment: digest.start });
    }
    findings.push(...compareSegment(digest, byDigest[index] ?? []));
  });
  // After the last digest (or the one before the range, or — a chain that began before the range
  // but left no digest before `to` — from `from`), up to what should be sealed by now.
  const lastEnd =
    ends.at(-1) ??
    (!checkStart || genesis
      ? undefined
      : previous
        ? Math.max(segmentEndTime(previous).getTime(), from)
        : input.nextDigest
          ? from
          : undefined);
  if (sealedBefore !== undefined && lastEnd !== undefined) {
    const dueEnd = Math.min(sealedBefore, to);
    const lastDue = segmentStartTime({ start: segmentStartOf(new Date(dueEnd), minutes) }).getTime();
    gap(lastEnd, lastDue);
  }
  for (const segment of missing) findings.push({ kind: 'missing-digest', segment });
  return {
    findings: findings.sort((a, b) => a.segment.localeCompare(b.segment)),
    ...(genesis && beforeChain ? { beforeChain: { records: beforeChain, genesis: genesis.start } } : {}),
  };
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

/** The segment's records as stored, against the digest's list. */
function compareSegment(digest: SignedDigest, stored: readonly AuditRecord[]): TrailFinding[] {
  const findings: TrailFinding[] = [];
  const expected = new Map(digest.records.map((entry, index) => [entry.eventID, { ...entry, index }]));
  // In the order the trail presents them (the table's key order, or an export's lines).
  const present = stored;
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const record of present) {
    const entry = expected.get(record.eventID);
    if (!entry || seen.has(record.eventID)) {
      findings.push({ kind: 'inserted', segment: digest.start, eventID: record.eventID });
      continue;
    }
    seen.add(record.eventID);
    if (recordHash(record) !== entry.hash) {
      findings.push({ kind: 'modified', segment: digest.start, eventID: record.eventID });
      continue;
    }
    kept.push(entry.index);
  }
  for (const entry of digest.records)
    if (!seen.has(entry.eventID))
      findings.push({ kind: 'deleted', segment: digest.start, eventID: entry.eventID });
  // Unmodified records out of the digest's order: those not on a longest in-order run.
  const inOrder = longestIncreasing(kept);
  for (const index of kept)
    if (!inOrder.has(index))
      findings.push({
        kind: 'reordered',
        segment: digest.start,
        eventID: digest.records[index]?.eventID ?? '',
      });
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
