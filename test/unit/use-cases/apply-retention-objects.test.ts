import { describe, expect, it } from 'vitest';
import { applyRetention } from '../../../shared/use-cases/apply-retention.ts';
import { day, retentionSystem as system } from '../../support/retention-system.ts';

describe('applyRetention: objects of the mail bucket', () => {
  it('deletes each prefix type with every version once its own period is over, not before', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    const ago = (days: number) => new Date(now.getTime() - days * day);
    const cases = [
      // [key, age in days, due]: the defaults are raw mail 90, quarantine 30, letters 365, exports 7.
      ['raw-mail/old', 91, true],
      ['raw-mail/new', 89, false],
      ['quarantine/old', 31, true],
      ['quarantine/new', 29, false],
      ['letters/TA-2025-000001/old.pdf', 366, true],
      ['letters/TA-2026-000001/new.pdf', 364, false],
      ['exports/old.zip', 8, true],
      ['exports/new.zip', 6, false],
      ['replies/TA-2026-000009/unlinked.pdf', 3, true],
      ['replies/TA-2026-000009/new.pdf', 1, false],
    ] as const;
    for (const [key, age] of cases) {
      s.bucket.put(key, 'first', ago(age + 10));
      s.bucket.put(key, 'second', ago(age)); // the first is now a non-current version
    }

    const result = await applyRetention(s.deps, 'run-1');

    for (const [key, , due] of cases) expect(s.bucket.versionsOf(key).length, key).toBe(due ? 0 : 2);
    expect(result.counts).toMatchObject({
      'raw-mailDeleted': 1,
      'quarantine-copyDeleted': 1,
      letterDeleted: 1,
      'data-subject-exportDeleted': 1,
      'reply-uploadDeleted': 1,
      objectVersionsDeleted: 10,
    });
  });

  it("deletes a deleted key's non-current versions (a delete only added a marker)", async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('raw-mail/gone', 'mail', new Date(now.getTime() - 200 * day));
    s.bucket.deleteCurrent('raw-mail/gone', new Date(now.getTime() - 100 * day));

    await applyRetention(s.deps, 'run-1');

    expect(s.bucket.versionsOf('raw-mail/gone')).toEqual([]);
  });

  it('keeps a reply upload a message links (it goes with its ticket)', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('replies/TA-2026-000010/answer.pdf', 'pdf', new Date(now.getTime() - 30 * day));
    s.linked.add('replies/TA-2026-000010/answer.pdf');

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.bucket.versionsOf('replies/TA-2026-000010/answer.pdf')).toHaveLength(1);
    expect(result.counts.replyUploadsLinked).toBe(1);
  });

  it('leaves reply uploads alone when it cannot tell linked ones', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('replies/TA-2026-000011/answer.pdf', 'pdf', new Date(now.getTime() - 30 * day));
    const { replyLinks: _, ...deps } = s.deps;

    await applyRetention(deps, 'run-1');

    expect(s.bucket.versionsOf('replies/TA-2026-000011/answer.pdf')).toHaveLength(1);
  });
});

describe('applyRetention: failures, holds and pending decisions of objects', () => {
  it('counts an object whose deletion throws and goes on with the others', async () => {
    const s = system('2026-12-07T03:00:00Z');
    s.bucket.put('raw-mail/a', 'mail', new Date('2026-01-01T00:00:00Z'));
    s.bucket.put('raw-mail/b', 'mail', new Date('2026-01-01T00:00:00Z'));
    const versions = {
      deleteEveryVersion: async (key: string) => {
        if (key === 'raw-mail/a') throw new Error('SlowDown');
        return s.bucket.deleteEveryVersion(key);
      },
      deleteEveryVersionUnder: (prefix: string) => s.bucket.deleteEveryVersionUnder(prefix),
    };

    const result = await applyRetention({ ...s.deps, versions }, 'run-1');

    expect(result.counts).toMatchObject({ objectsFailed: 1, 'raw-mailDeleted': 1 });
    expect(s.bucket.versionsOf('raw-mail/a')).toHaveLength(1);
    expect(s.audit.records).toHaveLength(1);
  });

  it('audits what was done when a step fails as a whole (the audit record is written in any case)', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2025-000001', '2025-06-01T00:00:00Z');
    const objects = {
      modifiedBefore: async () => {
        throw new Error('AccessDenied');
      },
    };

    await expect(applyRetention({ ...s.deps, objects }, 'run-1')).rejects.toThrow('AccessDenied');

    expect(s.audit.records).toHaveLength(1);
    expect(s.audit.records[0]?.responseElements).toMatchObject({ ticketsPseudonymised: 1, done: false });
  });

  it("keeps the letters and the raw mail of a ticket under legal hold, and deletes the others'", async () => {
    const s = system('2026-12-07T03:00:00Z');
    const old = new Date('2025-01-01T00:00:00Z');
    s.guards.tickets.set('TA-2025-000001', { status: 'closed', held: true });
    s.guards.tickets.set('TA-2025-000002', { status: 'closed', held: false });
    s.guards.mail.set('mail-held', 'TA-2025-000001');
    s.guards.mail.set('mail-free', 'TA-2025-000002');
    for (const key of [
      'letters/TA-2025-000001/letter.pdf',
      'letters/TA-2025-000002/letter.pdf',
      'raw-mail/mail-held',
      'raw-mail/mail-free',
      'raw-mail/mail-unknown',
    ])
      s.bucket.put(key, 'data', old);

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.bucket.keys()).toEqual(['letters/TA-2025-000001/letter.pdf', 'raw-mail/mail-held']);
    expect(result.counts).toMatchObject({ objectsHeld: 2, letterDeleted: 1, 'raw-mailDeleted': 2 });
  });

  it('keeps the quarantine copy of mail still awaiting a decision', async () => {
    const s = system('2026-12-07T03:00:00Z');
    const old = new Date('2026-10-01T00:00:00Z');
    s.guards.quarantine.set('pending', 'held');
    s.guards.quarantine.set('released', 'released');
    s.guards.quarantine.set('refused', 'refused');
    for (const id of ['pending', 'released', 'refused', 'unknown'])
      s.bucket.put(`quarantine/${id}`, 'mime', old);

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.bucket.keys()).toEqual(['quarantine/pending']);
    expect(result.counts).toMatchObject({ objectsHeld: 1, 'quarantine-copyDeleted': 3 });
  });
});
