/**
 * The verifier (issue 6, item 4): a time range of the trail, recomputed against its signed digests.
 * Reads every hour the range touches (whole hours, so that each digest's segment is complete) and
 * the digests of those hours, fetches the public key of every key id the digests name once, and
 * reports what `verifyTrail` finds: modified, deleted, inserted or reordered records, broken,
 * missing or unchained digests.
 */
import type { KeyObject } from 'node:crypto';
import { inSegment, type TrailFinding, verifyTrail } from '../domain/audit-chain.ts';
import type { AuditRecord } from '../domain/audit-event.ts';
import type { AuditDigestStore, AuditReader } from '../ports/audit-seal.ts';
import { lastSealableEnd } from './seal-audit.ts';

export interface VerifyAuditDeps {
  readonly records: AuditReader;
  readonly digests: Pick<AuditDigestStore, 'between'>;
  /** The public key (PEM or DER SPKI) of a key id; undefined when unknown (its digests fail). */
  publicKeyOf(keyId: string): Promise<string | Buffer | KeyObject | undefined>;
}

export interface VerifyAuditOptions {
  readonly from: Date;
  readonly to: Date;
  /** The sealing period (`AUDIT_SEAL_MINUTES`) and grace (`AUDIT_SEAL_GRACE_SECONDS`). */
  readonly segmentMinutes: number;
  readonly graceSeconds: number;
  /** Now: what should be sealed by now (a period after it is due, the sealer's slack) must be. */
  readonly now: Date;
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
  /** Key ids named by digests whose public key was not found. */
  readonly unknownKeys: readonly string[];
}

const hourMs = 3_600_000;

export async function verifyAuditTrail(
  deps: VerifyAuditDeps,
  options: VerifyAuditOptions,
): Promise<AuditVerification> {
  const firstHour = Math.floor(options.from.getTime() / hourMs) * hourMs;
  const records: AuditRecord[] = [];
  for (let hour = firstHour; hour < options.to.getTime(); hour += hourMs)
    records.push(...(await deps.records.recordsOfHour(new Date(hour).toISOString().slice(0, 13))));
  const digests = await deps.digests.between(new Date(firstHour), options.to);

  const publicKeys = new Map<string, string | Buffer | KeyObject>();
  const unknownKeys: string[] = [];
  for (const keyId of new Set(digests.map((digest) => digest.keyId))) {
    const key = await deps.publicKeyOf(keyId);
    if (key) publicKeys.set(keyId, key);
    else unknownKeys.push(keyId);
  }

  // The sealer may run once a period after a segment is due: only then is its digest missing.
  const sealedBefore = lastSealableEnd(
    new Date(options.now.getTime() - options.segmentMinutes * 60_000),
    options,
  );
  const findings = verifyTrail({
    records,
    digests,
    publicKeys,
    from: options.from,
    to: options.to,
    segmentMinutes: options.segmentMinutes,
    sealedBefore,
  });
  const inRange = records.filter((record) => {
    const time = Date.parse(record.eventTime);
    return time >= options.from.getTime() && time < options.to.getTime();
  });
  const from = options.from.getTime();
  const to = options.to.getTime();
  return {
    findings,
    records: inRange.length,
    digests: digests.filter(
      (digest) =>
        Date.parse(`${digest.start}:00Z`) < to &&
        Date.parse(`${digest.start}:00Z`) + digest.minutes * 60_000 > from,
    ).length,
    sealedBefore,
    notSealedYet: inRange.filter((record) => {
      const time = Date.parse(record.eventTime);
      return time >= sealedBefore.getTime() && !digests.some((digest) => inSegment(record, digest));
    }).length,
    unknownKeys,
  };
}
