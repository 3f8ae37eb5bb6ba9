/**
 * What erasure leaves nothing of and what a legal hold keeps, with the memory adapters: the claim
 * (`erasing`) that no hold can come after, a crashed erasure finished by a re-run, the exports made
 * before an erasure, a released mail's quarantine copy, and a held ticket's objects kept by the
 * retention sweeper after intake's idempotency record is gone.
 */
import { describe, expect, it } from 'vitest';
import { MemoryDataSubjects } from '../../../shared/adapters/memory/data-subjects.ts';
import { FixedClock, MemoryAuditLog, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../../shared/adapters/memory/object-versions.ts';
import {
  MemoryRetentionGuards,
  MemoryRetentionIndex,
  MemoryRetentionProgress,
  MemoryVersionedBucket,
} from '../../../shared/adapters/memory/retention.ts';
import { parseRetentionSchedule } from '../../../shared/domain/retention.ts';
import type { BlobStore } from '../../../shared/ports/blob-store.ts';
import { applyRetention } from '../../../shared/use-cases/apply-retention.ts';
import { eraseDataSubject } from '../../../shared/use-cases/erase-data-subject.ts';
import { exportDataSubject } from '../../../shared/use-cases/export-data-subject.ts';
import { liftLegalHold, setLegalHold } from '../../../shared/use-cases/legal-hold.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { testTicket } from '../../support/tickets.ts';

const dpo: StaffCaller = {
  username: 'dpo.daina',
  roles: ['dpo'],
  competences: [],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};
const reference = 'TA-2026-000001';
const request = { references: [reference], reason: 'Regulas 17. pants' };
const day = 86_400_000;

/** The mail bucket as both the export (a blob store) and erasure (every version) see it. */
class MailBucket extends MemoryObjectVersions implements BlobStore {
  /** Called before each deletion of every version (a test's interference). */
  beforeDelete: (key: string) => Promise<void> = async () => {};

  async get(key: string): Promise<Buffer | undefined> {
    const latest = this.versions.get(key)?.at(-1);
    return typeof latest === 'string' ? Buffer.from(latest) : undefined;
  }

  override put(key: string, content: Buffer | string): Promise<void> {
    super.put(key, content.toString());
    return Promise.resolve();
  }

  override async deleteEveryVersion(key: string): Promise<number> {
    await this.beforeDelete(key);
    return super.deleteEveryVersion(key);
  }
}

function system() {
  // Prepare: a mail ticket released from quarantine (`ses-1`), with a follow-up mail (`ses-2`).
  const store = new MemoryTicketStore();
  const files = new MailBucket();
  const heldObjects = new Set<string>();
  const subjects = new MemoryDataSubjects(store, files, { heldObjects });
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-09-01T10:00:00Z');
  store.tickets.set(
    reference,
    testTicket(reference, 'court-fees', {
      receivedAt: '2026-03-10T08:00:00.000Z',
      answerDeadline: '2026-04-10',
      channel: 'email',
      sourceId: 'ses-1',
      client: { name: 'Anna Kalniņa', email: 'anna@example.lv' },
      attachments: [
        {
          key: 'attachments/ses-1/a.pdf',
          filename: 'a.pdf',
          contentType: 'application/pdf',
          size: 3,
          inline: false,
        },
      ],
    }),
  );
  store.messages.set(`${reference}/m1`, {
    id: 'm1',
    kind: 'client',
    at: '2026-03-12T08:00:00.000Z',
    author: 'anna@example.lv',
    text: 'Anna raksta vēlreiz',
    source: { channel: 'email', id: 'ses-2' },
  });
  for (const key of ['raw-mail/ses-1', 'quarantine/ses-1', 'attachments/ses-1/a.pdf', 'raw-mail/ses-2'])
    files.put(key, `bytes of ${key}`);
  const deps = {
    records: subjects,
    erasure: subjects,
    questions: subjects,
    holds: subjects,
    exports: subjects,
    files,
    downloads: { link: async (key: string) => `https://mail.example/${key}` },
    audit,
    clock,
    newId: () => 'export-1',
  };
  return { store, files, subjects, heldObjects, deps, clock };
}

describe('erasure and legal holds', () => {
  it('refuses a legal hold once an erasure has claimed the ticket (409 Erasing), and the erasure finishes', async () => {
    const { deps, files, store } = system();
    const attempts: unknown[] = [];
    files.beforeDelete = async () => {
      if (attempts.length === 0)
        attempts.push(
          await setLegalHold(deps, dpo, reference, { reason: 'Tiesvedība C-1/2026' }).catch((error) => error),
        );
    };

    // Act
    const result = await eraseDataSubject(deps, dpo, request);

    // Assess
    expect(attempts[0]).toMatchObject({ status: 409, code: 'Erasing', messageKey: 'staff.Erasing' });
    expect(result).toEqual({ erased: [reference], held: [], questions: 0 });
    expect(store.tickets.get(reference)).not.toHaveProperty('legalHold');
    expect([...files.versions.keys()]).toEqual([]);
  });

  it('finishes a crashed erasure on a re-run; no hold can be set between the two', async () => {
    const { deps, files, store } = system();
    let deletions = 0;
    files.beforeDelete = async () => {
      deletions += 1;
      if (deletions === 2) throw new Error('Lambda timed out');
    };
    await expect(eraseDataSubject(deps, dpo, request)).rejects.toThrow('Lambda timed out');
    expect(store.tickets.get(reference)).toMatchObject({ erasing: '2026-09-01T10:00:00.000Z' });

    await expect(setLegalHold(deps, dpo, reference, { reason: 'Tiesvedība' })).rejects.toMatchObject({
      status: 409,
      code: 'Erasing',
    });
    const rerun = await eraseDataSubject(deps, dpo, request);

    expect(rerun.erased).toEqual([reference]);
    expect(store.tickets.get(reference)).toMatchObject({ erasedAt: '2026-09-01T10:00:00.000Z' });
    expect(store.tickets.get(reference)).not.toHaveProperty('erasing');
    expect([...files.versions.keys()]).toEqual([]);
    await expect(setLegalHold(deps, dpo, reference, { reason: 'Tiesvedība' })).rejects.toMatchObject({
      status: 409,
      code: 'Erased',
    });
  });

  it("deletes a released mail's quarantine copy with the ticket", async () => {
    const { deps, files } = system();
    files.put('quarantine/other', 'someone else');
    await eraseDataSubject(deps, dpo, request);
    expect([...files.versions.keys()]).toEqual(['quarantine/other']);
  });

  it('deletes an export made before the erasure, with every version', async () => {
    const { deps, files } = system();
    await exportDataSubject(deps, dpo, { references: [reference] });
    expect(files.versions.get('exports/export-1.zip')).toHaveLength(1);

    await eraseDataSubject(deps, dpo, request);

    expect(files.versions.has('exports/export-1.zip')).toBe(false);
  });
});

describe("retention of a held ticket's objects", () => {
  it('keeps its raw mail, follow-ups and quarantine copy without intake’s idempotency record, until the hold is lifted', async () => {
    const { deps, heldObjects, clock } = system();
    const bucket = new MemoryVersionedBucket();
    const aged = new Date(clock.now().getTime() - 200 * day);
    for (const key of ['raw-mail/ses-1', 'raw-mail/ses-2', 'quarantine/ses-1', 'raw-mail/unrelated'])
      bucket.put(key, 'mail', aged);
    // Intake's idempotency records (mail → ticket) expired long ago: `guards.mail` is empty.
    const guards = new MemoryRetentionGuards(heldObjects);
    const sweep = {
      schedule: parseRetentionSchedule({}),
      index: new MemoryRetentionIndex(),
      erasure: deps.erasure,
      objects: bucket,
      versions: bucket,
      guards,
      progress: new MemoryRetentionProgress(),
      audit: deps.audit,
      clock,
    };
    await setLegalHold(deps, dpo, reference, { reason: 'Tiesvedība C-1/2026' });

    const held = await applyRetention(sweep, 'run-1');

    expect(held.counts.objectsHeld).toBe(3);
    expect(bucket.keys()).toEqual(['quarantine/ses-1', 'raw-mail/ses-1', 'raw-mail/ses-2']);

    await liftLegalHold(deps, dpo, reference, {});
    clock.advance(day);
    await applyRetention(sweep, 'run-2');
    expect(bucket.keys()).toEqual([]);
  });
});
