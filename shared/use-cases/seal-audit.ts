/**
 * The audit sealer, as CloudTrail's log-file validation: every segment of time
 * (`segmentMinutes`, a divisor of 60 — an hour in the cloud, a minute in the sandbox) gets a signed
 * digest of its records' hashes in trail order, naming the previous digest's hash, stored where it
 * cannot be changed (S3 Object Lock in the cloud).
 *
 * Guarantees:
 * - A segment is sealed only once its end plus `graceSeconds` has passed: records carry the time
 *   they are written (a retried message is written with the retry's time), so by then the
 *   segment's records are all in. A record that still arrives later, with a time in a sealed
 *   segment, is what the verifier reports as inserted.
 * - Every segment after the latest digest is sealed, in order, empty ones too (so a deleted
 *   digest leaves a gap the verifier sees), each naming the one before; at most
 *   `maxSegmentsPerRun` per run, so after an outage the chain catches up over a few runs.
 * - Never re-sealed, never overwritten: the store puts a digest only where its segment has none.
 *   A run that loses a race to another continues the chain from the digest that was stored.
 * - It chains only from a digest of its own: the latest digest (and one another run stored
 *   meanwhile) must name the sealer's key and hold its own hash (`digestHash` recomputed from its
 *   content), and the latest must not start after the last sealable segment's end. Otherwise the
 *   run fails with an error code in its record (`LatestDigestForeignKey`, `LatestDigestAltered`,
 *   `LatestDigestInFuture`) and the function's error alarm fires: it neither extends a forged
 *   chain nor waits, sealing nothing, for a planted future digest's time.
 * - The first run ever (no digest found) starts the chain at the last sealable segment, with no
 *   previous digest; what was written before is not sealed.
 * - Each run writes its own audit record (`SealAuditTrail`): how many segments, which, and the last
 *   digest's hash — ids and counts only, nothing of the records. A failed run records its error.
 */
import { createHash, type KeyObject, randomUUID, verify } from 'node:crypto';
import {
  buildDigest,
  digestBytes,
  isSegmentMinutes,
  type Segment,
  type SignedDigest,
  segmentEndTime,
  segmentStartTime,
  signDigest,
} from '../domain/audit-chain.ts';
import { type AuditRecord, auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { logger } from '../logger.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { AuditDigestStore, AuditReader, DigestSigner } from '../ports/audit-seal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';

export interface SealAuditDeps {
  readonly records: AuditReader;
  readonly digests: AuditDigestStore;
  readonly signer: DigestSigner;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Ids of the runs' audit records (random when absent). */
  readonly ids?: Ids;
}

export interface SealAuditOptions {
  /** Length of a segment in minutes, a divisor of 60 (`AUDIT_SEAL_MINUTES`). */
  readonly segmentMinutes: number;
  /** How long after its end a segment is sealed (`AUDIT_SEAL_GRACE_SECONDS`). */
  readonly graceSeconds: number;
  /** @default 24 hours' worth of segments */
  readonly maxSegmentsPerRun?: number;
  /** The invocation's request id, for the run's audit record. */
  readonly runId: string;
}

export interface SealResult {
  /** Segments sealed by this run. */
  readonly sealed: number;
  /** Segments another run had sealed meanwhile (kept as they were). */
  readonly alreadySealed: number;
  /** The first and last segment this run handled. */
  readonly from?: string;
  readonly through?: string;
  /** Whether this run started a new chain (no digest found). */
  readonly genesis: boolean;
  /** Whether every sealable segment has its digest now (false: the per-run cap stopped the run). */
  readonly caughtUp: boolean;
  /** The chain's last digest after the run. */
  readonly latestDigestHash?: string;
}

const minuteMs = 60_000;

/** Why a stored digest is not one to chain from. */
export type UntrustedDigestCode =
  | 'LatestDigestForeignKey'
  | 'LatestDigestAltered'
  | 'LatestDigestBadSignature'
  | 'LatestDigestInFuture';

/** A run refused to chain from a stored digest: its code goes into the run's record. */
export class UntrustedDigestError extends Error {
  override readonly name = 'UntrustedDigestError';
  readonly code: UntrustedDigestCode;
  /** The digest's segment start. */
  readonly segment: string;

  constructor(code: UntrustedDigestCode, segment: string, detail: string) {
    super(`Not chaining from the digest of ${segment}: ${detail}`);
    this.code = code;
    this.segment = segment;
  }
}

/**
 * Whether the sealer may chain from `digest`: named as signed by its own key, and its signature
 * holds (checked with the public key), its hash that of its content, and (the latest) not after `sealableEnd`.
 */
export function checkChainable(
  digest: SignedDigest,
  keyId: string,
  publicKey: KeyObject,
  sealableEnd?: Date,
): void {
  if (digest.keyId !== keyId)
    throw new UntrustedDigestError(
      'LatestDigestForeignKey',
      digest.start,
      `signed by ${digest.keyId}, not ${keyId}`,
    );
  if (createHash('sha256').update(digestBytes(digest)).digest('hex') !== digest.digestHash)
    throw new UntrustedDigestError(
      'LatestDigestAltered',
      digest.start,
      'its hash is not that of its content',
    );
  if (!signatureHolds(digest, publicKey))
    throw new UntrustedDigestError(
      'LatestDigestBadSignature',
      digest.start,
      'its signature is not one of the sealer’s key',
    );
  if (sealableEnd && segmentStartTime(digest).getTime() > sealableEnd.getTime())
    throw new UntrustedDigestError(
      'LatestDigestInFuture',
      digest.start,
      `its segment starts after ${sealableEnd.toISOString()}, the end of the last one due`,
    );
}

export async function sealAuditTrail(deps: SealAuditDeps, options: SealAuditOptions): Promise<SealResult> {
  if (!isSegmentMinutes(options.segmentMinutes))
    throw new RangeError(`A segment must be a divisor of 60 minutes, not ${options.segmentMinutes}`);
  if (!(options.graceSeconds >= 0))
    throw new RangeError(`Grace must be 0 s or more, not ${options.graceSeconds}`);
  const startedAt = deps.clock.now();
  const sealableEnd = lastSealableEnd(startedAt, options);
  try {
    const result = await seal(deps, options, startedAt, sealableEnd);
    await deps.audit.append([runRecord(deps, options, sealableEnd, result)]);
    return result;
  } catch (error) {
    const failure =
      error instanceof UntrustedDigestError
        ? { code: error.code, message: error.message }
        : { code: 'SealFailed', message: error instanceof Error ? error.name : 'Error' };
    logger.error('Audit trail not sealed', {
      runId: options.runId,
      errorCode: failure.code,
      errorMessage: failure.message,
    });
    await deps.audit
      .append([runRecord(deps, options, sealableEnd, undefined, failure)])
      .catch(() => undefined);
    throw error;
  }
}

/** The end of the last segment whose end plus the grace has passed at `now`. */
export function lastSealableEnd(
  now: Date,
  options: Pick<SealAuditOptions, 'segmentMinutes' | 'graceSeconds'>,
): Date {
  const length = options.segmentMinutes * minuteMs;
  return new Date(Math.floor((now.getTime() - options.graceSeconds * 1000) / length) * length);
}

/**
 * The segments to seal after `latest` up to `sealableEnd`, at most `cap`; the first ever is the
 * last sealable one. After a change of the period, the first segment runs to the next boundary.
 */
export function segmentsDue(
  latest: Segment | undefined,
  sealableEnd: Date,
  minutes: number,
  cap: number,
): { segments: Segment[]; caughtUp: boolean } {
  const length = minutes * minuteMs;
  const end = sealableEnd.getTime();
  let time = latest ? segmentEndTime(latest).getTime() : end - length;
  const segments: Segment[] = [];
  while (time < end && segments.length < cap) {
    const next = Math.floor(time / length) * length + length;
    segments.push({ start: new Date(time).toISOString().slice(0, 16), minutes: (next - time) / minuteMs });
    time = next;
  }
  return { segments, caughtUp: time >= end };
}

async function seal(
  deps: SealAuditDeps,
  options: SealAuditOptions,
  now: Date,
  sealableEnd: Date,
): Promise<SealResult> {
  const latest = await deps.digests.latest(now);
  const publicKey = latest ? await deps.signer.publicKey() : undefined;
  if (latest && publicKey) checkChainable(latest, deps.signer.keyId, publicKey, sealableEnd);
  const cap = options.maxSegmentsPerRun ?? Math.ceil((24 * 60) / options.segmentMinutes);
  const { segments, caughtUp } = segmentsDue(latest, sealableEnd, options.segmentMinutes, cap);

  // Each hour of the table is read once, however many segments it holds.
  const hours = new Map<string, Promise<AuditRecord[]>>();
  const recordsOfHour = (hour: string) => {
    let records = hours.get(hour);
    if (!records) {
      records = deps.records.recordsOfHour(hour);
      hours.set(hour, records);
    }
    return records;
  };

  let previous: string | null = latest?.digestHash ?? null;
  let sealed = 0;
  let alreadySealed = 0;
  for (const segment of segments) {
    const hour = segment.start.slice(0, 13);
    const digest: SignedDigest = await signDigest(
      buildDigest(segment, await recordsOfHour(hour), previous),
      deps.signer,
    );
    if (await deps.digests.put(digest)) {
      sealed += 1;
      previous = digest.digestHash;
    } else {
      // Another run sealed it first: keep its digest and chain on from it.
      const stored = await deps.digests.get(segment.start);
      if (!stored) throw new Error(`The digest of ${segment.start} was refused but is not stored`);
      checkChainable(stored, deps.signer.keyId, await deps.signer.publicKey());
      alreadySealed += 1;
      previous = stored.digestHash;
    }
    // Hours before this segment's are not needed again.
    for (const key of hours.keys()) if (key < hour) hours.delete(key);
  }
  const first = segments[0];
  const last = segments.at(-1);
  return {
    sealed,
    alreadySealed,
    ...(first && last ? { from: first.start, through: last.start } : {}),
    genesis: !latest && segments.length > 0,
    caughtUp,
    ...(previous ? { latestDigestHash: previous } : {}),
  };
}

function runRecord(
  deps: SealAuditDeps,
  options: SealAuditOptions,
  sealableEnd: Date,
  result: SealResult | undefined,
  failure?: { readonly code: string; readonly message: string },
): AuditRecord {
  return auditRecord({
    eventTime: deps.clock.now().toISOString(),
    eventSource: auditEventSource,
    eventType: 'AwsServiceEvent',
    eventName: 'SealAuditTrail',
    userIdentity: { type: 'Service', invokedBy: 'audit-sealer' },
    sourceIPAddress: 'courtdesk.internal',
    userAgent: 'courtdesk/audit-sealer',
    requestParameters: {
      segmentMinutes: options.segmentMinutes,
      graceSeconds: options.graceSeconds,
      sealableThrough: sealableEnd.toISOString(),
    },
    responseElements: result ? { ...result, keyId: deps.signer.keyId } : null,
    requestID: options.runId,
    // Each attempt is a run of its own: a retry (a new time) is recorded again.
    eventID: deps.ids ? deps.ids.newId() : randomUUID(),
    readOnly: false,
    resources: result?.through
      ? [{ type: 'Courtdesk::AuditDigest', ARN: `arn:courtdesk:audit::digest/${result.through}` }]
      : [],
    ...(failure ? { errorCode: failure.code, errorMessage: failure.message } : {}),
  });
}

function signatureHolds(digest: SignedDigest, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', digestBytes(digest), publicKey, Buffer.from(digest.signature, 'base64'));
  } catch {
    return false;
  }
}
