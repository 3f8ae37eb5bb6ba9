/**
 * The audit chain: 10,000 records over many hours, sealed hour by hour (the
 * cloud's period); the verifier finds every single-record tampering of each kind, and nothing on an
 * intact trail. Then minute segments (the sandbox's period), empty segments and missing digests,
 * and the start of a range: the digest before it, and the records from before the chain began.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  isSegmentMinutes,
  type SignedDigest,
  segmentStartOf,
  signDigest,
  trailOrder,
  verifyTrail,
  verifyTrailReport,
} from '../../../shared/domain/audit-chain.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../../../shared/domain/audit-event.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = { keyId: 'local:test', sign: async (message: Buffer) => sign('sha256', message, privateKey) };
const publicKeys = new Map([['local:test', publicKey.export({ type: 'spki', format: 'pem' }).toString()]]);

/** `count` records, one every 7 seconds from 2026-11-27T00:00Z (about 19 hours). */
function trail(count: number): AuditRecord[] {
  return Array.from({ length: count }, (_, i) =>
    auditRecord({
      eventTime: new Date(Date.UTC(2026, 10, 27) + i * 7000).toISOString(),
      eventSource: auditEventSource,
      eventName: i % 3 === 0 ? 'GetTicket' : 'CreateTicket',
      userIdentity: { type: 'Staff', userName: `agent.${i % 7}` },
      sourceIPAddress: '192.0.2.1',
      userAgent: 'test',
      requestParameters: { reference: `TA-2026-${String(i).padStart(6, '0')}` },
      responseElements: null,
      requestID: `r${i}`,
      eventID: `e${String(i).padStart(6, '0')}`,
      readOnly: i % 3 === 0,
      resources: [ticketResource(`TA-2026-${String(i).padStart(6, '0')}`)],
    }),
  );
}

/** The segment start of a record at `minutes` (60: its hour, `YYYY-MM-DDTHH:00`). */
const segmentOf = (record: AuditRecord | undefined, minutes = 60) =>
  segmentStartOf((record as AuditRecord).eventTime, minutes);

/** Digests of every segment from the first record's through the last's, empty ones included. */
async function seal(records: readonly AuditRecord[], minutes = 60): Promise<SignedDigest[]> {
  const first = segmentOf(records[0], minutes);
  const last = segmentOf(records.at(-1), minutes);
  const digests: SignedDigest[] = [];
  for (let time = Date.parse(`${first}:00Z`); time <= Date.parse(`${last}:00Z`); time += minutes * 60_000) {
    const segment = { start: new Date(time).toISOString().slice(0, 16), minutes };
    digests.push(await signDigest(buildDigest(segment, records, digests.at(-1)?.digestHash ?? null), signer));
  }
  return digests;
}

const records = trail(10_000);
const range = { from: '2026-11-27T00:00:00Z', to: '2026-11-29T00:00:00Z', publicKeys };
const sealed = seal(records);
const check = async (tampered: readonly AuditRecord[], digests?: SignedDigest[]) =>
  verifyTrail({ records: tampered, digests: digests ?? (await sealed), ...range });

/** Positions spread over the trail, first and last included. */
const positions = [0, 1, 137, 2_500, 4_999, 7_777, 9_998, 9_999];

describe('verifyTrail on 10,000 records', () => {
  it('finds nothing wrong with an intact trail', async () => {
    expect(await check(records)).toEqual([]);
    expect(records.length).toBe(10_000);
    expect((await sealed).length).toBeGreaterThan(15);
  });

  it.each(positions)('finds a modified record at %i', async (position) => {
    const tampered = records.map((record, i) =>
      i === position
        ? { ...record, userIdentity: { ...record.userIdentity, userName: 'someone.else' } }
        : record,
    );
    expect(await check(tampered)).toEqual([
      {
        kind: 'modified',
        segment: segmentOf(records[position]),
        eventID: records[position]?.eventID,
      },
    ]);
  });

  it.each(positions)('finds a deleted record at %i', async (position) => {
    const tampered = records.filter((_, i) => i !== position);
    expect(await check(tampered)).toEqual([
      {
        kind: 'deleted',
        segment: segmentOf(records[position]),
        eventID: records[position]?.eventID,
      },
    ]);
  });

  it.each(positions)('finds a record inserted after %i', async (position) => {
    const original = records[position] as AuditRecord;
    const forged = { ...original, eventID: `forged-${position}`, readOnly: true };
    const tampered = [...records.slice(0, position + 1), forged, ...records.slice(position + 1)];
    expect(await check(tampered)).toEqual([
      { kind: 'inserted', segment: segmentOf(original), eventID: forged.eventID },
    ]);
  });

  it.each(positions.filter((position) => position < 9_999))(
    'finds a record moved after its neighbour at %i',
    async (position) => {
      const tampered = [...records];
      const moved = tampered[position] as AuditRecord;
      const next = tampered[position + 1] as AuditRecord;
      // Only within a segment is order a question; across segments the move is another segment's record.
      if (segmentOf(moved) !== segmentOf(next)) return;
      tampered[position] = next;
      tampered[position + 1] = moved;
      const findings = await check(tampered);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ kind: 'reordered', segment: segmentOf(moved) });
      expect([moved.eventID, next.eventID]).toContain((findings[0] as { eventID: string }).eventID);
    },
  );

  it('finds a digest that was altered, re-signed with another key, or dropped from the chain', async () => {
    const digests = await sealed;
    const altered = digests.map((digest, i) =>
      i === 3 ? { ...digest, records: digest.records.slice(1) } : digest,
    );
    expect(await check(records, altered)).toContainEqual({
      kind: 'broken-digest',
      segment: digests[3]?.start,
    });

    const { privateKey: otherKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await signDigest(
      buildDigest({ start: digests[5]?.start ?? '', minutes: 60 }, records, digests[4]?.digestHash ?? null),
      {
        keyId: 'local:test',
        sign: async (message) => sign('sha256', message, otherKey),
      },
    );
    expect(
      await check(
        records,
        digests.map((digest, i) => (i === 5 ? forged : digest)),
      ),
    ).toEqual([{ kind: 'broken-digest', segment: digests[5]?.start }]);

    const dropped = digests.filter((_, i) => i !== 7);
    expect(await check(records, dropped)).toEqual([
      { kind: 'missing-digest', segment: digests[7]?.start },
      { kind: 'broken-chain', segment: digests[8]?.start },
    ]);
  });

  it('orders a trail by time, then event id', () => {
    const shuffled = [...records].reverse().sort(trailOrder);
    expect(shuffled.map((record) => record.eventID)).toEqual(records.map((record) => record.eventID));
  });
});

describe('segments shorter than an hour, and empty ones', () => {
  // 40 records, three a minute from 10:00:00 to 10:13:00; then nothing until 10:30.
  const sparse = trail(40).map((record, i) => ({
    ...record,
    eventTime: new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + i * 20_000).toISOString(),
  }));
  const window = { from: '2026-11-27T10:00:00Z', to: '2026-11-27T10:30:00Z', publicKeys };
  /** Minute digests from 10:00 through 10:29: 14 with records, 16 empty. */
  const minuteDigests = async () => {
    const withRecords = await seal(sparse, 1);
    const digests = [...withRecords];
    while (digests.length < 30) {
      const start = `2026-11-27T10:${String(digests.length).padStart(2, '0')}`;
      digests.push(
        await signDigest(buildDigest({ start, minutes: 1 }, [], digests.at(-1)?.digestHash ?? null), signer),
      );
    }
    return digests;
  };

  it('accepts the periods that divide an hour only', () => {
    expect([1, 2, 5, 10, 15, 30, 60].every(isSegmentMinutes)).toBe(true);
    expect([0, 7, 45, 90, 1.5, -1].some(isSegmentMinutes)).toBe(false);
    expect(segmentStartOf('2026-11-27T10:17:59.999Z', 15)).toBe('2026-11-27T10:15');
    expect(segmentStartOf('2026-11-27T10:17:59.999Z', 60)).toBe('2026-11-27T10:00');
  });

  it('finds nothing wrong with minute digests, empty segments included', async () => {
    const digests = await minuteDigests();
    expect(digests.filter((digest) => digest.records.length === 0)).toHaveLength(16);
    expect(
      verifyTrail({ records: sparse, digests, ...window, segmentMinutes: 1, sealedBefore: window.to }),
    ).toEqual([]);
  });

  it('finds a deleted digest of an empty segment between two others, and one at the end when it is due', async () => {
    const digests = await minuteDigests();
    const withoutEmpty = digests.filter((digest) => digest.start !== '2026-11-27T10:20');
    expect(verifyTrail({ records: sparse, digests: withoutEmpty, ...window, segmentMinutes: 1 })).toEqual([
      { kind: 'missing-digest', segment: '2026-11-27T10:20' },
      { kind: 'broken-chain', segment: '2026-11-27T10:21' },
    ]);
    const withoutLast = digests.slice(0, -1);
    expect(
      verifyTrail({
        records: sparse,
        digests: withoutLast,
        ...window,
        segmentMinutes: 1,
        sealedBefore: window.to,
      }),
    ).toEqual([{ kind: 'missing-digest', segment: '2026-11-27T10:29' }]);
    // Not due yet: the last segment may still be sealed.
    expect(
      verifyTrail({
        records: sparse,
        digests: withoutLast,
        ...window,
        segmentMinutes: 1,
        sealedBefore: '2026-11-27T10:29:30Z',
      }),
    ).toEqual([]);
  });

  it('names the segment of records no digest covers, unless they are not due for sealing yet', async () => {
    const digests = (await minuteDigests()).slice(0, 10);
    const late = { ...(sparse[0] as AuditRecord), eventID: 'late', eventTime: '2026-11-27T10:12:00.000Z' };
    const records = [...sparse.slice(0, 30), late];
    expect(verifyTrail({ records, digests, ...window, segmentMinutes: 1 })).toEqual([
      { kind: 'missing-digest', segment: '2026-11-27T10:12' },
    ]);
    expect(
      verifyTrail({ records, digests, ...window, segmentMinutes: 1, sealedBefore: '2026-11-27T10:10:30Z' }),
    ).toEqual([]);
  });

  it('judges each record by the digest that covers it when the period changed between digests', async () => {
    const hourly = await signDigest(
      buildDigest({ start: '2026-11-27T09:00', minutes: 60 }, [], null),
      signer,
    );
    const minutes = await seal(sparse, 1);
    const relinked = [
      await signDigest(
        { ...buildDigest({ start: '2026-11-27T10:00', minutes: 1 }, sparse, hourly.digestHash) },
        signer,
      ),
    ];
    for (const digest of minutes.slice(1))
      relinked.push(
        await signDigest(
          buildDigest({ start: digest.start, minutes: 1 }, sparse, relinked.at(-1)?.digestHash ?? null),
          signer,
        ),
      );
    expect(
      verifyTrail({
        records: sparse,
        digests: [hourly, ...relinked],
        publicKeys,
        from: '2026-11-27T09:00:00Z',
        to: '2026-11-27T10:14:00Z',
        segmentMinutes: 1,
      }),
    ).toEqual([]);
  });
});

describe('the start of a range', () => {
  // Three records a minute from 10:00:00 to 10:13:00.
  const sparse = trail(40).map((record, i) => ({
    ...record,
    eventTime: new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + i * 20_000).toISOString(),
  }));
  const minute = (m: number) => `2026-11-27T10:${String(m).padStart(2, '0')}`;
  /** Minute digests of `sparse` from 10:`first` through 10:29, the first naming `previous`. */
  const chain = async (first = 0, previous: string | null = null) => {
    const digests: SignedDigest[] = [];
    for (let m = first; m < 30; m += 1)
      digests.push(
        await signDigest(
          buildDigest({ start: minute(m), minutes: 1 }, sparse, digests.at(-1)?.digestHash ?? previous),
          signer,
        ),
      );
    return digests;
  };
  const at = (digests: readonly SignedDigest[], m: number) =>
    digests.find((digest) => digest.start === minute(m)) as SignedDigest;
  const check = (
    digests: readonly SignedDigest[],
    from: number,
    previousDigest: SignedDigest | null,
    extra: { nextDigest?: SignedDigest | null; to?: number } = {},
  ) =>
    verifyTrailReport({
      records: sparse,
      digests,
      publicKeys,
      from: `${minute(from)}:00Z`,
      to: `${minute(extra.to ?? 30)}:00Z`,
      segmentMinutes: 1,
      sealedBefore: `${minute(30)}:00Z`,
      previousDigest,
      ...(extra.nextDigest === undefined ? {} : { nextDigest: extra.nextDigest }),
    });

  it('finds nothing wrong from the middle of an intact chain, its first digest chaining to the one before', async () => {
    const digests = await chain();
    expect(check(digests.slice(5), 5, at(digests, 4))).toEqual({ findings: [] });
    expect(check(digests, 0, null)).toEqual({ findings: [] });
  });

  it('finds the deleted first digest of a range', async () => {
    const digests = await chain();
    // Mid-chain: the digest before the range is 10:04; 10:05 is gone.
    const withoutFifth = digests.filter((digest) => digest.start !== minute(5));
    expect(check(withoutFifth.slice(4), 5, at(digests, 4)).findings).toEqual([
      { kind: 'missing-digest', segment: minute(5) },
      { kind: 'broken-chain', segment: minute(6) },
    ]);
    // The chain's first: nothing before, and 10:01 names a digest that is gone.
    expect(check(digests.slice(1), 0, null).findings).toEqual([
      { kind: 'missing-digest', segment: minute(0) },
      { kind: 'broken-chain', segment: minute(1) },
    ]);
    // The first two of the range gone: both segments are missing.
    expect(check(digests.slice(7), 5, at(digests, 4)).findings).toEqual([
      { kind: 'missing-digest', segment: minute(5) },
      { kind: 'missing-digest', segment: minute(6) },
      { kind: 'broken-chain', segment: minute(7) },
    ]);
  });

  it('finds a digest before the range that the first of the range does not name', async () => {
    const digests = await chain();
    const other = await signDigest(buildDigest({ start: minute(4), minutes: 1 }, [], 'elsewhere'), signer);
    expect(check(digests.slice(5), 5, other).findings).toEqual([
      { kind: 'broken-chain', segment: minute(5) },
    ]);
  });

  it('finds a second chain begun in the middle, also as the first digest of a range', async () => {
    const digests = await chain();
    const second = await chain(15);
    const spliced = [...digests.slice(0, 15), ...second];
    expect(second[0]?.previousDigestHash).toBeNull();
    expect(check(spliced, 0, null).findings).toEqual([{ kind: 'broken-chain', segment: minute(15) }]);
    expect(check(second, 15, at(digests, 14)).findings).toEqual([
      { kind: 'broken-chain', segment: minute(15) },
    ]);
  });

  it('notes the records from before the chain began, without a finding', async () => {
    // The sealer first ran at 10:05: the 15 records of 10:00–10:04 were never sealed.
    const digests = await chain(5);
    expect(check(digests, 0, null)).toEqual({
      findings: [],
      beforeChain: { records: 15, genesis: minute(5) },
    });
    // A range that ends before the chain began: the chain's first digest comes after it.
    expect(check([], 0, null, { to: 5, nextDigest: at(digests, 5) })).toEqual({
      findings: [],
      beforeChain: { records: 15, genesis: minute(5) },
    });
    // Tampering after the chain began is still found.
    const tampered = sparse.filter((_, i) => i !== 20);
    expect(
      verifyTrailReport({
        records: tampered,
        digests,
        publicKeys,
        from: `${minute(0)}:00Z`,
        to: `${minute(30)}:00Z`,
        segmentMinutes: 1,
        previousDigest: null,
      }).findings,
    ).toEqual([{ kind: 'deleted', segment: minute(6), eventID: sparse[20]?.eventID }]);
  });

  it('finds every due segment of a range missing when the chain after it began before it', async () => {
    const digests = await chain();
    // Nothing before 10:05 left, and 10:05 names a digest: 10:00–10:04 are missing, records or not.
    expect(check([], 0, null, { to: 5, nextDigest: at(digests, 5) }).findings).toEqual(
      [0, 1, 2, 3, 4].map((m) => ({ kind: 'missing-digest', segment: minute(m) })),
    );
    // After the digest before the range, every due segment too.
    expect(check([], 20, at(digests, 19), { to: 23 }).findings).toEqual(
      [20, 21, 22].map((m) => ({ kind: 'missing-digest', segment: minute(m) })),
    );
    // No chain at all: the segments with records.
    expect(check([], 12, null, { to: 15, nextDigest: null }).findings).toEqual(
      [12, 13].map((m) => ({ kind: 'missing-digest', segment: minute(m) })),
    );
  });
});
