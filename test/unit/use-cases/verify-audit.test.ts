/**
 * The verifier's use case on memory ports: only the allowed signing keys count,
 * the start of a range is checked against the digest before it, records from before the chain
 * began are a note (not a finding), and digests hidden by a delete marker are reported.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalDigestSigner } from '../../../infra/local/local-digest-signer.ts';
import { MemoryAuditRecords, MemoryDigestStore } from '../../../shared/adapters/memory/audit-seal.ts';
import { buildDigest, type SignedDigest, signDigest } from '../../../shared/domain/audit-chain.ts';
import { type AuditRecord, auditEventSource, auditRecord } from '../../../shared/domain/audit-event.ts';
import { type VerifyAuditDeps, verifyAuditTrail } from '../../../shared/use-cases/verify-audit.ts';

const signer = new LocalDigestSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const foreign = new LocalDigestSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);

/** `YYYY-MM-DDTHH:MM` of the minute `m` after 2026-11-28T10:00Z. */
const minute = (m: number) => new Date(Date.UTC(2026, 10, 28, 10, m)).toISOString().slice(0, 16);
const instant = (m: number) => new Date(`${minute(m)}:00Z`);

/** Three records a minute from 10:00 through 10:29. */
const records: AuditRecord[] = Array.from({ length: 90 }, (_, i) =>
  auditRecord({
    eventTime: new Date(Date.UTC(2026, 10, 28, 10) + i * 20_000).toISOString(),
    eventSource: auditEventSource,
    eventName: 'GetTicket',
    userIdentity: { type: 'Staff', userName: 'agent.court-fees' },
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: `r${i}`,
    eventID: `e${String(i).padStart(3, '0')}`,
    readOnly: true,
    resources: [],
  }),
);

/** Minute digests from `first` to `last` (exclusive), the first naming `previous`, signed by `by`. */
async function chain(
  first: number,
  last: number,
  previous: string | null,
  by: LocalDigestSigner = signer,
): Promise<SignedDigest[]> {
  const digests: SignedDigest[] = [];
  for (let m = first; m < last; m += 1)
    digests.push(
      await signDigest(
        buildDigest({ start: minute(m), minutes: 1 }, records, digests.at(-1)?.digestHash ?? previous),
        by,
      ),
    );
  return digests;
}

/** The sealer began at 10:05 and sealed every minute through 11:29; now is 11:40. */
async function system(digests?: SignedDigest[]) {
  const trail = new MemoryAuditRecords();
  await trail.append(records);
  const store = new MemoryDigestStore();
  for (const digest of digests ?? (await chain(5, 90, null))) await store.put(digest);
  const deps: VerifyAuditDeps = {
    records: trail,
    digests: store,
    // As the old CLI did: any key a digest names is found. Only the allowed ones may count.
    publicKeyOf: async (keyId) =>
      keyId === signer.keyId
        ? signer.publicKeyPem()
        : keyId === foreign.keyId
          ? foreign.publicKeyPem()
          : undefined,
  };
  const verify = (from: number, to: number, extra: Partial<VerifyAuditDeps> = {}) =>
    verifyAuditTrail(
      { ...deps, ...extra },
      {
        from: instant(from),
        to: instant(to),
        segmentMinutes: 1,
        graceSeconds: 10,
        now: instant(100),
        allowedKeyIds: [signer.keyId],
      },
    );
  return { store, verify };
}

describe('verifyAuditTrail', () => {
  it('finds an intact trail intact, from its beginning or from its middle', async () => {
    const s = await system();
    expect(await s.verify(5, 90)).toMatchObject({ findings: [], records: 75, digests: 85, foreignKeys: [] });
    expect((await s.verify(5, 90)).beforeChain).toBeUndefined();
    // The digest before the range (10:59, read before the first hour) is named by 11:00.
    expect((await s.verify(60, 90)).findings).toEqual([]);
    expect((await s.verify(12, 20)).findings).toEqual([]);
  });

  it('reports digests re-signed with a foreign P-256 key, stored correctly chained, as broken', async () => {
    // Prepare: from 10:20 on, someone re-sealed the trail with a key of their own, every link right.
    const ours = await chain(5, 20, null);
    const theirs = await chain(20, 90, ours.at(-1)?.digestHash ?? null, foreign);
    const s = await system([...ours, ...theirs]);

    // Act
    const result = await s.verify(10, 30);

    // Assess: each of theirs is broken, though its signature holds for the key it names.
    expect(result.findings).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ kind: 'broken-digest', segment: minute(20 + i) })),
    );
    expect(result.foreignKeys).toEqual([foreign.keyId]);
    expect(result.unknownKeys).toEqual([]);
  });

  it('finds the deleted first digest of a range, mid-hour and on the hour', async () => {
    const s = await system();
    s.store.digests.delete(minute(10));
    s.store.digests.delete(minute(60));

    expect((await s.verify(10, 20)).findings).toEqual([
      { kind: 'missing-digest', segment: minute(10) },
      { kind: 'broken-chain', segment: minute(11) },
    ]);
    // 11:00's predecessor (10:59) is looked up before the hours read.
    expect((await s.verify(60, 70)).findings).toEqual([
      { kind: 'missing-digest', segment: minute(60) },
      { kind: 'broken-chain', segment: minute(61) },
    ]);
    // The chain's first digest deleted: 10:06 names one that is gone, and 10:05 is missing.
    s.store.digests.delete(minute(5));
    expect((await s.verify(5, 8)).findings).toEqual([
      { kind: 'missing-digest', segment: minute(5) },
      { kind: 'broken-chain', segment: minute(6) },
    ]);
  });

  it('finds a second chain begun in the middle of a range, or at its start', async () => {
    const first = await chain(5, 20, null);
    const second = await chain(20, 90, null);
    const s = await system([...first, ...second]);

    expect((await s.verify(5, 30)).findings).toEqual([{ kind: 'broken-chain', segment: minute(20) }]);
    expect((await s.verify(20, 30)).findings).toEqual([{ kind: 'broken-chain', segment: minute(20) }]);
  });

  it('notes the records from before the chain began, once, without a finding', async () => {
    const s = await system();

    const spanning = await s.verify(0, 30);
    expect(spanning.findings).toEqual([]);
    expect(spanning.beforeChain).toEqual({ records: 15, genesis: minute(5) });
    // A range wholly before the chain: its first digest (10:05) comes after the range.
    const before = await s.verify(0, 5);
    expect(before.findings).toEqual([]);
    expect(before.beforeChain).toEqual({ records: 15, genesis: minute(5) });
  });

  it('reports a digest hidden by a delete marker as broken, within the range only', async () => {
    const s = await system();
    s.store.digests.delete(minute(15));
    const asked: [string, string][] = [];
    const hiddenDigests = async (from: Date, to: Date) => {
      asked.push([from.toISOString(), to.toISOString()]);
      return [minute(15), minute(45)];
    };

    const result = await s.verify(10, 20, { hiddenDigests });

    expect(result.findings).toEqual([
      { kind: 'missing-digest', segment: minute(15) },
      { kind: 'broken-digest', segment: minute(15) },
      { kind: 'broken-chain', segment: minute(16) },
    ]);
    expect(asked).toEqual([['2026-11-28T10:00:00.000Z', '2026-11-28T10:20:00.000Z']]);
  });
});
