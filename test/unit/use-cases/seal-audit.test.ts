/**
 * The audit sealer on memory ports: genesis, catch-up after an outage (capped per
 * run), idempotent re-runs and races, empty segments, chain links, and the run's own record. What
 * it seals, `verifyTrail` accepts. It chains from no digest but its own: one signed by another key,
 * altered, or planted in the future fails the run with its code.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { LocalDigestSigner } from '../../../infra/local/local-digest-signer.ts';
import { MemoryAuditRecords, MemoryDigestStore } from '../../../shared/adapters/memory/audit-seal.ts';
import { FixedClock } from '../../../shared/adapters/memory/index.ts';
import {
  buildDigest,
  type SignedDigest,
  signDigest,
  verifyTrail,
} from '../../../shared/domain/audit-chain.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../../../shared/domain/audit-event.ts';
import { logger } from '../../../shared/logger.ts';
import {
  lastSealableEnd,
  type SealAuditOptions,
  sealAuditTrail,
  segmentsDue,
} from '../../../shared/use-cases/seal-audit.ts';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = new LocalDigestSigner(privateKey);
const publicKeys = new Map([[signer.keyId, signer.publicKeyPem()]]);

/** A staff read at `eventTime`. */
function read(eventTime: string, id: string): AuditRecord {
  return auditRecord({
    eventTime,
    eventSource: auditEventSource,
    eventName: 'GetTicket',
    userIdentity: { type: 'Staff', userName: 'agent.court-fees' },
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestParameters: { reference: 'TA-2026-000001' },
    responseElements: null,
    requestID: `r-${id}`,
    eventID: id,
    readOnly: true,
    resources: [ticketResource('TA-2026-000001')],
  });
}

function system(now: string, options: Partial<SealAuditOptions> = {}) {
  const records = new MemoryAuditRecords();
  const digests = new MemoryDigestStore();
  const clock = new FixedClock(now);
  const deps = { records, audit: records, digests, signer, clock };
  const settings: SealAuditOptions = { segmentMinutes: 60, graceSeconds: 900, runId: 'run-1', ...options };
  const run = (overrides: Partial<SealAuditOptions> = {}) =>
    sealAuditTrail(deps, { ...settings, ...overrides });
  const chain = () => [...digests.digests.values()].sort((a, b) => a.start.localeCompare(b.start));
  const runRecords = () => records.records.filter((record) => record.eventName === 'SealAuditTrail');
  /** The trail's records without the sealer's own. */
  const trail = () => records.records.filter((record) => record.eventName !== 'SealAuditTrail');
  return { records, digests, clock, deps, run, chain, runRecords, trail, signerKeyId: signer.keyId };
}

const hourMs = 3_600_000;

describe('which segments are due', () => {
  it('a segment is due once its end plus the grace has passed', () => {
    const hourly = { segmentMinutes: 60, graceSeconds: 900 };
    expect(lastSealableEnd(new Date('2026-11-28T10:14:59Z'), hourly).toISOString()).toBe(
      '2026-11-28T09:00:00.000Z',
    );
    expect(lastSealableEnd(new Date('2026-11-28T10:15:00Z'), hourly).toISOString()).toBe(
      '2026-11-28T10:00:00.000Z',
    );
    const minutes = { segmentMinutes: 1, graceSeconds: 10 };
    expect(lastSealableEnd(new Date('2026-11-28T10:15:09Z'), minutes).toISOString()).toBe(
      '2026-11-28T10:14:00.000Z',
    );
  });

  it('after a change of period, the first segment runs to the next boundary', () => {
    const { segments } = segmentsDue(
      { start: '2026-11-28T10:05', minutes: 5 },
      new Date('2026-11-28T12:00:00Z'),
      60,
      10,
    );
    expect(segments).toEqual([
      { start: '2026-11-28T10:10', minutes: 50 },
      { start: '2026-11-28T11:00', minutes: 60 },
    ]);
  });

  it('refuses a period that does not divide the hour', async () => {
    const s = system('2026-11-28T10:20:00Z');
    await expect(s.run({ segmentMinutes: 7 })).rejects.toThrow(RangeError);
  });
});

describe('sealAuditTrail', () => {
  it('starts a new chain at the last sealable segment on its first run', async () => {
    // Prepare: records in the hours 08 and 09; at 10:20 the hour 09 is the last one due.
    const s = system('2026-11-28T10:20:00Z');
    await s.records.append([read('2026-11-28T08:30:00.000Z', 'a'), read('2026-11-28T09:10:00.000Z', 'b')]);

    // Act
    const result = await s.run();

    // Assess: only 09 is sealed, with no previous digest; 08 stays unsealed.
    expect(result).toMatchObject({
      sealed: 1,
      alreadySealed: 0,
      from: '2026-11-28T09:00',
      through: '2026-11-28T09:00',
      genesis: true,
      caughtUp: true,
    });
    const [digest] = s.chain();
    expect(s.chain()).toHaveLength(1);
    expect(digest).toMatchObject({
      start: '2026-11-28T09:00',
      minutes: 60,
      previousDigestHash: null,
      keyId: signer.keyId,
      records: [{ eventID: 'b', hash: expect.any(String) }],
    });
    expect(result.latestDigestHash).toBe(digest?.digestHash);
  });

  it('seals every segment after the latest, empty ones too, each naming the one before', async () => {
    // Prepare: a chain through 09:00, then an outage until 14:20; records at 11 and 13 only.
    const s = system('2026-11-28T10:20:00Z');
    await s.run();
    await s.records.append([read('2026-11-28T11:59:59.999Z', 'c'), read('2026-11-28T13:00:00.000Z', 'd')]);
    s.clock.advance(4 * hourMs);

    // Act
    const result = await s.run({ runId: 'run-2' });

    // Assess: 10, 11, 12, 13 sealed; 12 empty; each links to its predecessor.
    expect(result).toMatchObject({ sealed: 4, from: '2026-11-28T10:00', through: '2026-11-28T13:00' });
    const chain = s.chain();
    // The first run's own record (10:20) is sealed like any other.
    const runIds = new Set(s.runRecords().map((record) => record.eventID));
    const named = (id: string) => (runIds.has(id) ? 'run' : id);
    expect(
      chain.map((digest) => [digest.start, digest.records.map((entry) => named(entry.eventID))]),
    ).toEqual([
      ['2026-11-28T09:00', []],
      ['2026-11-28T10:00', ['run']],
      ['2026-11-28T11:00', ['c']],
      ['2026-11-28T12:00', []],
      ['2026-11-28T13:00', ['d']],
    ]);
    chain.forEach((digest, i) => {
      if (i > 0) expect(digest.previousDigestHash).toBe(chain[i - 1]?.digestHash);
    });
    // Each hour was read once.
    expect(s.records.hoursRead).toEqual([
      '2026-11-28T09',
      '2026-11-28T10',
      '2026-11-28T11',
      '2026-11-28T12',
      '2026-11-28T13',
    ]);
    // What it sealed, the verifier accepts — the sealer's own records included, as sealed.
    expect(
      verifyTrail({
        records: s.records.records,
        digests: chain,
        publicKeys,
        from: '2026-11-28T09:00:00Z',
        to: '2026-11-28T14:00:00Z',
        sealedBefore: '2026-11-28T14:00:00Z',
      }),
    ).toEqual([]);
  });

  it('changes nothing when run again: no segment is re-sealed or overwritten', async () => {
    const s = system('2026-11-28T10:20:00Z');
    await s.records.append([read('2026-11-28T09:10:00.000Z', 'b')]);
    await s.run();
    const before = s.chain();

    const again = await s.run({ runId: 'run-2' });

    expect(again).toMatchObject({ sealed: 0, alreadySealed: 0, caughtUp: true, genesis: false });
    expect(again.from).toBeUndefined();
    expect(again.latestDigestHash).toBe(before[0]?.digestHash);
    expect(s.chain()).toEqual(before);
  });

  it('keeps the digest another run stored first and chains on from it', async () => {
    // Prepare: a chain through 09; another run seals 10 while this one starts (its `latest` saw 09).
    const s = system('2026-11-28T10:20:00Z');
    await s.run();
    s.clock.advance(2 * hourMs);
    const theirs = { ...(await s.digests.latest(s.clock.now())) } as SignedDigest;
    const latest = s.digests.latest.bind(s.digests);
    let raced = false;
    s.digests.latest = async (asOf) => {
      const seen = await latest(asOf);
      if (!raced) {
        raced = true;
        await s.run({ runId: 'other', maxSegmentsPerRun: 1 });
      }
      return seen;
    };

    const result = await s.run({ runId: 'run-2' });

    expect(theirs.start).toBe('2026-11-28T09:00');
    expect(result).toMatchObject({
      sealed: 1,
      alreadySealed: 1,
      from: '2026-11-28T10:00',
      through: '2026-11-28T11:00',
    });
    const chain = s.chain();
    expect(chain.map((digest) => digest.start)).toEqual([
      '2026-11-28T09:00',
      '2026-11-28T10:00',
      '2026-11-28T11:00',
    ]);
    expect(chain[2]?.previousDigestHash).toBe(chain[1]?.digestHash);
  });

  it('seals at most the cap per run, and catches up over the next runs', async () => {
    // Prepare: minute segments; a chain, then 100 minutes without a run.
    const s = system('2026-11-28T10:00:30Z', { segmentMinutes: 1, graceSeconds: 10, maxSegmentsPerRun: 40 });
    await s.run();
    s.clock.advance(100 * 60_000);

    const first = await s.run();
    const second = await s.run();
    const third = await s.run();

    expect([first, second, third].map((result) => [result.sealed, result.caughtUp])).toEqual([
      [40, false],
      [40, false],
      [20, true],
    ]);
    const chain = s.chain();
    expect(chain).toHaveLength(101);
    expect(chain.at(-1)?.start).toBe('2026-11-28T11:39');
    // The minute segments of one hour came from one read of it.
    expect(s.records.hoursRead.filter((hour) => hour === '2026-11-28T10')).toHaveLength(2);
  });

  it('defaults the cap to 24 hours of segments', async () => {
    const s = system('2026-11-28T10:20:00Z');
    await s.run();
    s.clock.advance(30 * hourMs);

    expect(await s.run()).toMatchObject({ sealed: 24, caughtUp: false });
    expect(await s.run()).toMatchObject({ sealed: 6, caughtUp: true });
  });

  it('writes its own record on every run, also when nothing was due: ids and counts, no record contents', async () => {
    const s = system('2026-11-28T10:20:00Z');
    await s.records.append([read('2026-11-28T09:10:00.000Z', 'b')]);
    await s.run();
    await s.run({ runId: 'run-2' });

    const [first, second] = s.runRecords();
    expect(s.runRecords()).toHaveLength(2);
    expect(first).toMatchObject({
      eventName: 'SealAuditTrail',
      eventType: 'AwsServiceEvent',
      eventTime: '2026-11-28T10:20:00.000Z',
      userIdentity: { type: 'Service', invokedBy: 'audit-sealer' },
      readOnly: false,
      requestID: 'run-1',
      requestParameters: {
        segmentMinutes: 60,
        graceSeconds: 900,
        sealableThrough: '2026-11-28T10:00:00.000Z',
      },
      responseElements: {
        sealed: 1,
        from: '2026-11-28T09:00',
        through: '2026-11-28T09:00',
        genesis: true,
        keyId: signer.keyId,
        latestDigestHash: s.chain()[0]?.digestHash,
      },
      resources: [{ type: 'Courtdesk::AuditDigest', ARN: 'arn:courtdesk:audit::digest/2026-11-28T09:00' }],
    });
    expect(second).toMatchObject({ requestID: 'run-2', responseElements: { sealed: 0 }, resources: [] });
    expect(first?.errorCode).toBeUndefined();
    // Nothing of the sealed record (its user, its ticket) is in the run's record.
    expect(JSON.stringify(first)).not.toContain('agent.court-fees');
    expect(JSON.stringify(first)).not.toContain('TA-2026-000001');
  });

  it('records a failed run with its error and fails', async () => {
    const s = system('2026-11-28T10:20:00Z');
    s.digests.put = async () => {
      throw new Error('S3 is down');
    };

    await expect(s.run()).rejects.toThrow('S3 is down');

    expect(s.runRecords()).toEqual([
      expect.objectContaining({ errorCode: 'SealFailed', errorMessage: 'Error', responseElements: null }),
    ]);
  });

  it('a record that arrives after its segment was sealed is found by the verifier as inserted', async () => {
    const s = system('2026-11-28T10:20:00Z');
    await s.records.append([read('2026-11-28T09:10:00.000Z', 'b')]);
    await s.run();
    await s.records.append([read('2026-11-28T09:59:59.000Z', 'late')]);

    expect(
      verifyTrail({
        records: s.trail(),
        digests: s.chain(),
        publicKeys,
        from: '2026-11-28T09:00:00Z',
        to: '2026-11-28T10:00:00Z',
      }),
    ).toEqual([{ kind: 'inserted', segment: '2026-11-28T09:00', eventID: 'late' }]);
  });
});

describe('sealAuditTrail chains only from its own digests', () => {
  const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const foreignSigner = new LocalDigestSigner(foreign);

  /** A chain through 09:00 (the first run at 10:20), then the clock two hours on. */
  async function sealedThroughNine() {
    const s = system('2026-11-28T10:20:00Z');
    await s.run();
    s.clock.advance(2 * hourMs);
    return s;
  }

  /** The run fails with `code` in its record, and nothing is sealed: 09:00 and the refused digest only. */
  async function expectRefused(s: ReturnType<typeof system>, code: string, segment: string) {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    try {
      await expect(s.run({ runId: 'run-2' })).rejects.toThrow(`Not chaining from the digest of ${segment}`);
      expect(logged).toHaveBeenCalledWith(
        'Audit trail not sealed',
        expect.objectContaining({ runId: 'run-2', errorCode: code }),
      );
    } finally {
      logged.mockRestore();
    }
    expect(s.chain().map((digest) => digest.start)).toEqual(['2026-11-28T09:00', segment]);
    expect(s.runRecords().at(-1)).toMatchObject({
      requestID: 'run-2',
      errorCode: code,
      errorMessage: expect.stringContaining(segment),
      responseElements: null,
    });
  }

  it('refuses a latest digest that names our key but carries a signature it did not make', async () => {
    // Prepare: 10:00 named as ours, hashed and chained correctly, signed by another key.
    const s = await sealedThroughNine();
    const nine = s.chain()[0] as SignedDigest;
    const forged = await signDigest(
      buildDigest({ start: '2026-11-28T10:00', minutes: 60 }, s.trail(), nine.digestHash),
      { keyId: s.signerKeyId, sign: (message) => foreignSigner.sign(message) },
    );
    await s.digests.put(forged);

    // Act, Assess
    await expectRefused(s, 'LatestDigestBadSignature', '2026-11-28T10:00');
  });

  it('refuses a latest digest signed by another key, though chained and hashed correctly', async () => {
    // Prepare: 10:00 sealed by someone else's P-256 key, naming 09:00 as it should.
    const s = await sealedThroughNine();
    const nine = s.chain()[0] as SignedDigest;
    const planted = await signDigest(
      buildDigest({ start: '2026-11-28T10:00', minutes: 60 }, s.trail(), nine.digestHash),
      foreignSigner,
    );
    await s.digests.put(planted);

    // Act, Assess
    await expectRefused(s, 'LatestDigestForeignKey', '2026-11-28T10:00');
    // The verifier reports it too.
    expect(
      verifyTrail({
        records: s.trail(),
        digests: s.chain(),
        publicKeys,
        from: '2026-11-28T09:00:00Z',
        to: '2026-11-28T11:00:00Z',
      }),
    ).toContainEqual({ kind: 'broken-digest', segment: '2026-11-28T10:00' });
  });

  it('refuses a latest digest that names its key but whose hash is not that of its content', async () => {
    const s = await sealedThroughNine();
    const nine = s.chain()[0] as SignedDigest;
    const real = await signDigest(
      buildDigest({ start: '2026-11-28T10:00', minutes: 60 }, [], nine.digestHash),
      signer,
    );
    await s.digests.put({ ...real, records: [{ eventID: 'forged', hash: 'f'.repeat(64) }] });

    await expectRefused(s, 'LatestDigestAltered', '2026-11-28T10:00');
  });

  it('refuses a digest planted after the last segment due, rather than sealing nothing until its time', async () => {
    // Prepare: at 12:20 the last segment due is 11:00; someone stored 23:00 of the same day.
    const s = await sealedThroughNine();
    const nine = s.chain()[0] as SignedDigest;
    // Signed with the sealer's own key (a clock gone wrong, a digest replayed): still refused.
    const planted = await signDigest(
      buildDigest({ start: '2026-11-28T23:00', minutes: 60 }, [], nine.digestHash),
      signer,
    );
    await s.digests.put(planted);

    await expectRefused(s, 'LatestDigestInFuture', '2026-11-28T23:00');
  });

  it('refuses to chain on from a digest another run stored meanwhile that is not its own', async () => {
    // Prepare: while this run starts (its `latest` saw 09:00), a foreign 10:00 is stored.
    const s = await sealedThroughNine();
    const nine = s.chain()[0] as SignedDigest;
    const latest = s.digests.latest.bind(s.digests);
    s.digests.latest = async (asOf) => {
      const seen = await latest(asOf);
      await s.digests.put(
        await signDigest(
          buildDigest({ start: '2026-11-28T10:00', minutes: 60 }, [], nine.digestHash),
          foreignSigner,
        ),
      );
      return seen;
    };

    await expectRefused(s, 'LatestDigestForeignKey', '2026-11-28T10:00');
  });

  it('chains on from its own latest digest as before', async () => {
    const s = await sealedThroughNine();
    expect(await s.run({ runId: 'run-2' })).toMatchObject({ sealed: 2, genesis: false });
    expect(s.runRecords().every((record) => record.errorCode === undefined)).toBe(true);
  });
});
