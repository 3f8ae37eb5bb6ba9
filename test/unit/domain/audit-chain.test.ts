/**
 * The audit chain (issue 6, items 3–4): 10,000 records over many hours, sealed hour by hour (the
 * cloud's period); the verifier finds every single-record tampering of each kind, and nothing on an
 * intact trail. Then minute segments (the sandbox's period), empty segments and missing digests.
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
