/**
 * The audit chain (issue 6, items 3–4): 10,000 records over many hours, sealed hour by hour; the
 * verifier finds every single-record tampering of each kind, and nothing on an intact trail.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  hourOf,
  type SignedDigest,
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

async function seal(records: readonly AuditRecord[]): Promise<SignedDigest[]> {
  const hours = [...new Set(records.map(hourOf))].sort();
  const digests: SignedDigest[] = [];
  for (const hour of hours)
    digests.push(await signDigest(buildDigest(hour, records, digests.at(-1)?.digestHash ?? null), signer));
  return digests;
}

const records = trail(10_000);
const range = { fromHour: '2026-11-27T00', toHour: '2026-11-28T23', publicKeys };
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
        hour: hourOf(records[position] as AuditRecord),
        eventID: records[position]?.eventID,
      },
    ]);
  });

  it.each(positions)('finds a deleted record at %i', async (position) => {
    const tampered = records.filter((_, i) => i !== position);
    expect(await check(tampered)).toEqual([
      {
        kind: 'deleted',
        hour: hourOf(records[position] as AuditRecord),
        eventID: records[position]?.eventID,
      },
    ]);
  });

  it.each(positions)('finds a record inserted after %i', async (position) => {
    const original = records[position] as AuditRecord;
    const forged = { ...original, eventID: `forged-${position}`, readOnly: true };
    const tampered = [...records.slice(0, position + 1), forged, ...records.slice(position + 1)];
    expect(await check(tampered)).toEqual([
      { kind: 'inserted', hour: hourOf(original), eventID: forged.eventID },
    ]);
  });

  it.each(positions.filter((position) => position < 9_999))(
    'finds a record moved after its neighbour at %i',
    async (position) => {
      const tampered = [...records];
      const moved = tampered[position] as AuditRecord;
      const next = tampered[position + 1] as AuditRecord;
      // Only within an hour is order a question; across hours the move is a different hour's record.
      if (hourOf(moved) !== hourOf(next)) return;
      tampered[position] = next;
      tampered[position + 1] = moved;
      const findings = await check(tampered);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ kind: 'reordered', hour: hourOf(moved) });
      expect([moved.eventID, next.eventID]).toContain((findings[0] as { eventID: string }).eventID);
    },
  );

  it('finds a digest that was altered, re-signed with another key, or dropped from the chain', async () => {
    const digests = await sealed;
    const altered = digests.map((digest, i) =>
      i === 3 ? { ...digest, records: digest.records.slice(1) } : digest,
    );
    expect(await check(records, altered)).toContainEqual({ kind: 'broken-digest', hour: digests[3]?.hour });

    const { privateKey: otherKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await signDigest(
      buildDigest(digests[5]?.hour ?? '', records, digests[4]?.digestHash ?? null),
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
    ).toEqual([{ kind: 'broken-digest', hour: digests[5]?.hour }]);

    const dropped = digests.filter((_, i) => i !== 7);
    expect(await check(records, dropped)).toEqual([
      { kind: 'missing-digest', hour: digests[7]?.hour },
      { kind: 'broken-chain', hour: digests[8]?.hour },
    ]);
  });

  it('orders a trail by time, then event id', () => {
    const shuffled = [...records].reverse().sort(trailOrder);
    expect(shuffled.map((record) => record.eventID)).toEqual(records.map((record) => record.eventID));
  });
});
