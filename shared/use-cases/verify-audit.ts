/**
 * The verifier: a time range of the trail, recomputed against its signed digests.
 * Reads every hour the range touches (whole hours, so that each digest's segment is complete), the
 * digests of those hours and the digest just before the range (the first of the range must chain
 * to it), trusts only the allowed signing keys (a digest naming any other key is broken, whatever
 * its signature), and reports what `verifyTrailReport` finds: modified, deleted, inserted or
 * reordered records, broken, missing or unchained digests — and, where the store can tell, digests
 * hidden by a delete marker. Records from before the chain began are a note, not a finding.
 */
import type { KeyObject } from 'node:crypto';
import {
  inSegment,
  type SignedDigest,
  segmentEndTime,
  segmentStartTime,
  type TrailFinding,
  verifyTrailReport,
} from '../domain/audit-chain.ts';
import type { AuditRecord } from '../domain/audit-event.ts';
import type { AuditDigestStore, AuditReader } from '../ports/audit-seal.ts';
import { lastSealableEnd } from './seal-audit.ts';

/** The digests the verifier reads; without the optional look-ups it walks `between` day by day. */
export interface VerifyDigestSource extends Pick<AuditDigestStore, 'between'> {
  /** The latest digest whose segment starts before `time`. */
  latestBefore?(time: Date): Promise<SignedDigest | undefined>;
  /** The first digest whose segment starts in `[time, until)`. */
  firstFrom?(time: Date, until: Date): Promise<SignedDigest | undefined>;
}

export interface VerifyAuditDeps {
  readonly records: AuditReader;
  readonly digests: VerifyDigestSource;
  /** The public key (PEM or DER SPKI) of an allowed key id; undefined when unknown (its digests fail). */
  publicKeyOf(keyId: string): Promise<string | Buffer | KeyObject | undefined>;
  /**
   * The segments starting in `[from, to)` whose digest is hidden by a delete marker (or has been
   * replaced), from the bucket's object versions. @default - not checked
   */
  hiddenDigests?(from: Date, to: Date): Promise<readonly string[]>;
}

export interface VerifyAuditOptions {
  readonly from: Date;
  readonly to: Date;
  /** The sealing period (`AUDIT_SEAL_MINUTES`) and grace (`AUDIT_SEAL_GRACE_SECONDS`). */
  readonly segmentMinutes: number;
  readonly graceSeconds: number;
  /** Now: what should be sealed by now (a period after it is due, the sealer's slack) must be. */
  readonly now: Date;
  /**
   * The key ids whose signatures count (the cloud's KMS key ARN, `AUDIT_SIGNING_KEY_ID`; the
   * sandbox's local key). A digest naming any other key is a broken digest.
   */
  readonly allowedKeyIds: readonly string[];
  /** How far back to look for the digest before the range. @default 400 days */
  readonly lookbackDays?: number;
}

export interface AuditVerification {
  readonly findings: readonly TrailFinding[];
  /** Records within the range. */
  readonly records: number;
  /** Digests of segments overlapping the range. */
  readonly digests: number;
  /** Segments ending after this are not expected to be sealed yet. */
  readonly sealedBefore: Date;
  /** Records of the range after `sealedBefore` (not sealed yet, no finding). */
  readonly notSealedYet: number;
  /** Records of the range from before the chain began at `genesis` (never sealed, no finding). */
  readonly beforeChain?: { readonly records: number; readonly genesis: string };
  /** Allowed key ids named by digests whose public key was not found. */
  readonly unknownKeys: readonly string[];
  /** Key ids named by digests of the range that are not allowed (their digests are broken). */
  readonly foreignKeys: readonly string[];
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export async function verifyAuditTrail(
  deps: VerifyAuditDeps,
  options: VerifyAuditOptions,
): Promise<AuditVerification> {
  const from = options.from.getTime();
  const to = options.to.getTime();
  const firstHour = Math.floor(from / hourMs) * hourMs;
  const records: AuditRecord[] = [];
  for (let hour = firstHour; hour < to; hour += hourMs)
    records.push(...(await deps.records.recordsOfHour(new Date(hour).toISOString().slice(0, 13))));
  const read = await deps.digests.between(new Date(firstHour), options.to);
  const overlaps = (digest: SignedDigest) =>
    segmentStartTime(digest).getTime() < to && segmentEndTime(digest).getTime() > from;
  const digests = read.filter(overlaps);

  // The digest before the range: read already when it is in the range's first hour.
  const lookback = new Date(firstHour - (options.lookbackDays ?? 400) * dayMs);
  const previousDigest =
    read.filter((digest) => segmentEndTime(digest).getTime() <= from).at(-1) ??
    (await latestBefore(deps.digests, new Date(firstHour), lookback)) ??
    null;
  // With no digest before or in the range: whether the chain began after it.
  const nextDigest =
    previousDigest || digests.length
      ? undefined
      : ((await firstFrom(deps.digests, options.to, options.now)) ?? null);

  const allowed = new Set(options.allowedKeyIds);
  const publicKeys = new Map<string, string | Buffer | KeyObject>();
  const unknownKeys: string[] = [];
  const foreignKeys: string[] = [];
  for (const keyId of new Set(digests.map((digest) => digest.keyId))) {
    if (!allowed.has(keyId)) {
      foreignKeys.push(keyId);
      continue;
    }
    const key = await deps.publicKeyOf(keyId);
    if (key) publicKeys.set(keyId, key);
    else unknownKeys.push(keyId);
  }

  // The sealer may run once a period after a segment is due: only then is its digest missing.
  const sealedBefore = lastSealableEnd(
    new Date(options.now.getTime() - options.segmentMinutes * 60_000),
    options,
  );
  const report = verifyTrailReport({
    records,
    digests,
    publicKeys,
    from: options.from,
    to: options.to,
    segmentMinutes: options.segmentMinutes,
    sealedBefore,
    previousDigest,
    ...(nextDigest === undefined ? {} : { nextDigest }),
  });
  const findings = [...report.findings];
  // A digest hidden by a delete marker: kept by Object Lock, but no longer what the bucket lists.
  if (deps.hiddenDigests) {
    const broken = new Set(findings.filter((f) => f.kind === 'broken-digest').map((f) => f.segment));
    for (const segment of await deps.hiddenDigests(new Date(firstHour), options.to)) {
      const start = segmentStartTime({ start: segment }).getTime();
      if (start >= to || start + options.segmentMinutes * 60_000 <= from || broken.has(segment)) continue;
      broken.add(segment);
      findings.push({ kind: 'broken-digest', segment });
    }
    findings.sort((a, b) => a.segment.localeCompare(b.segment));
  }

  const inRange = records.filter((record) => {
    const time = Date.parse(record.eventTime);
    return time >= from && time < to;
  });
  return {
    findings,
    records: inRange.length,
    digests: digests.length,
    sealedBefore,
    notSealedYet: inRange.filter((record) => {
      const time = Date.parse(record.eventTime);
      return time >= sealedBefore.getTime() && !digests.some((digest) => inSegment(record, digest));
    }).length,
    ...(report.beforeChain ? { beforeChain: report.beforeChain } : {}),
    unknownKeys,
    foreignKeys,
  };
}

/** The latest digest starting before `time` (and after `lookback`). */
async function latestBefore(
  store: VerifyDigestSource,
  time: Date,
  lookback: Date,
): Promise<SignedDigest | undefined> {
  if (store.latestBefore) return store.latestBefore(time);
  for (let end = time.getTime(); end > lookback.getTime(); end -= dayMs) {
    const found = (await store.between(new Date(end - dayMs), new Date(end))).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** The first digest starting in `[time, until)`. */
async function firstFrom(
  store: VerifyDigestSource,
  time: Date,
  until: Date,
): Promise<SignedDigest | undefined> {
  if (store.firstFrom) return store.firstFrom(time, until);
  for (let start = time.getTime(); start < until.getTime(); start += dayMs) {
    const found = (
      await store.between(new Date(start), new Date(Math.min(start + dayMs, until.getTime())))
    )[0];
    if (found) return found;
  }
  return undefined;
}
