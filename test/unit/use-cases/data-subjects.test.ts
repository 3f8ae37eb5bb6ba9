import { describe, expect, it } from 'vitest';
import { MemoryDataSubjects } from '../../../shared/adapters/memory/data-subjects.ts';
import { MemoryAuditLog, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../../shared/adapters/memory/object-versions.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { eraseDataSubject } from '../../../shared/use-cases/erase-data-subject.ts';
import { liftLegalHold, setLegalHold } from '../../../shared/use-cases/legal-hold.ts';
import { searchDataSubject } from '../../../shared/use-cases/search-data-subject.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { testTicket } from '../../support/tickets.ts';

const caller = (roles: StaffCaller['roles']): StaffCaller => ({
  username: roles.includes('dpo') ? 'dpo.daina' : 'agent.fees',
  roles,
  competences: ['court-fees'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
});
const dpo = caller(['dpo']);

function system() {
  // Prepare
  const store = new MemoryTicketStore();
  const files = new MemoryObjectVersions();
  const subjects = new MemoryDataSubjects(store, files);
  const audit = new MemoryAuditLog();
  const clock = { now: () => new Date('2026-09-01T10:00:00Z') };
  const client = { name: 'Anna Kalniņa', email: 'Anna@Example.lv', phone: '+37120000001' };
  for (const [reference, receivedAt] of [
    ['TA-2026-000002', '2026-03-11T08:00:00.000Z'],
    ['TA-2026-000001', '2026-03-10T08:00:00.000Z'],
  ] as const)
    store.tickets.set(
      reference,
      testTicket(reference, 'court-fees', {
        receivedAt,
        answerDeadline: '2026-04-10',
        client,
        attachments: [
          {
            key: `attachments/${reference}/a.pdf`,
            filename: 'a.pdf',
            contentType: 'application/pdf',
            size: 3,
            inline: false,
          },
        ],
      }),
    );
  store.tickets.set(
    'TA-2026-000003',
    testTicket('TA-2026-000003', 'court-fees', {
      receivedAt: '2026-03-12T08:00:00.000Z',
      answerDeadline: '2026-04-10',
      client: { name: 'Cits', email: 'cits@example.lv' },
    }),
  );
  store.messages.set('TA-2026-000001/m1', {
    id: 'm1',
    kind: 'client',
    at: '2026-03-12T08:00:00.000Z',
    author: 'anna@example.lv',
    text: 'Anna raksta vēlreiz',
  });
  files.put('attachments/TA-2026-000001/a.pdf', 'v1');
  files.put('attachments/TA-2026-000001/a.pdf', 'v2');
  files.put('replies/TA-2026-000001/u1', 'reply file');
  files.put('attachments/TA-2026-000003/a.pdf', 'someone else');
  const deps = { records: subjects, erasure: subjects, questions: subjects, holds: subjects, audit, clock };
  return { store, files, subjects, audit, deps };
}

describe('searchDataSubject', () => {
  it("finds the subject's tickets by email in any case, oldest first, and audits by pseudonym only", async () => {
    const { deps, audit } = system();
    // Act
    const found = await searchDataSubject(deps, dpo, { email: ' anna@example.LV ' });
    // Assess
    expect(found.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
    expect(found.matchedBy).toEqual(['email']);
    expect(found.tickets[0]).toMatchObject({
      client: { name: 'Anna Kalniņa' },
      legalHold: null,
      files: [{ kind: 'attachment', name: 'a.pdf' }],
    });
    expect(found.tickets[0]?.messages).toEqual([
      { id: 'm1', kind: 'client', at: '2026-03-12T08:00:00.000Z' },
    ]);
    expect(audit.records.map((record) => record.eventName)).toEqual(['SearchDataSubject']);
    expect(JSON.stringify(audit.records).toLowerCase()).not.toContain('anna@example.lv');
  });

  it('shows an erasure claimed and not finished (its start), and finishes it when erased again', async () => {
    const { deps, store } = system();
    // A run that claimed the ticket and stopped.
    const claimed = {
      ...(store.tickets.get('TA-2026-000001') as Ticket),
      erasing: '2026-08-31T09:00:00.000Z',
    };
    store.tickets.set('TA-2026-000001', claimed);

    const found = await searchDataSubject(deps, dpo, { email: 'anna@example.lv' });

    expect(found.tickets.map((view) => view.erasing)).toEqual(['2026-08-31T09:00:00.000Z', undefined]);
    await eraseDataSubject(deps, dpo, { references: ['TA-2026-000001'], reason: 'Regulas 17. pants' });
    const again = await searchDataSubject(deps, dpo, { reference: 'TA-2026-000001' });
    expect(again.tickets[0]).toMatchObject({ erasedAt: '2026-09-01T10:00:00.000Z' });
    expect(again.tickets[0]).not.toHaveProperty('erasing');
  });

  it('finds by phone in another spelling, and by reference', async () => {
    const { deps } = system();
    expect((await searchDataSubject(deps, dpo, { phone: '2000 0001' })).tickets).toHaveLength(2);
    expect(
      (await searchDataSubject(deps, dpo, { reference: 'TA-2026-000003' })).tickets.map((t) => t.reference),
    ).toEqual(['TA-2026-000003']);
  });

  it('refuses everyone but the data protection officer, and a query that names nobody', async () => {
    const { deps } = system();
    for (const roles of [['agent'], ['supervisor'], ['admin'], ['auditor']] as StaffCaller['roles'][])
      await expect(
        searchDataSubject(deps, caller(roles), { email: 'anna@example.lv' }),
      ).rejects.toMatchObject({ status: 403 });
    await expect(searchDataSubject(deps, dpo, {})).rejects.toBeInstanceOf(Refused);
  });
});

describe('eraseDataSubject', () => {
  it('pseudonymises every ticket of the subject, deletes their files with every version, and audits one record per ticket', async () => {
    const { deps, store, files, audit } = system();
    // Act
    const result = await eraseDataSubject(deps, dpo, {
      email: 'anna@example.lv',
      reason: 'Regulas 17. pants',
    });
    // Assess
    expect(result).toEqual({ erased: ['TA-2026-000001', 'TA-2026-000002'], held: [], questions: 0 });
    const left = JSON.stringify([
      store.tickets.get('TA-2026-000001'),
      store.tickets.get('TA-2026-000002'),
      ...store.messages.values(),
    ]);
    for (const needle of ['anna@example.lv', 'Kalniņa', '+37120000001', 'Anna raksta', 'Konfidenciāls'])
      expect(left.toLowerCase()).not.toContain(needle.toLowerCase());
    expect(store.tickets.get('TA-2026-000003')?.client.email).toBe('cits@example.lv');
    expect([...files.versions.keys()]).toEqual(['attachments/TA-2026-000003/a.pdf']);
    const records = audit.records.filter((record) => record.eventName === 'EraseDataSubject');
    expect(
      records.map((record) => record.resources?.[0]?.ARN ?? record.requestParameters?.reference),
    ).toHaveLength(2);
    expect(JSON.stringify(records).toLowerCase()).not.toContain('anna');
    expect(records[0]?.requestParameters).toMatchObject({ basis: 'request', reason: 'Regulas 17. pants' });
  });

  it('is idempotent: erasing again changes nothing, and the subject is no longer found', async () => {
    const { deps, store } = system();
    await eraseDataSubject(deps, dpo, { email: 'anna@example.lv', reason: 'Regulas 17. pants' });
    const after = structuredClone([...store.tickets.entries()]);
    expect(
      await eraseDataSubject(deps, dpo, { references: ['TA-2026-000001'], reason: 'Regulas 17. pants' }),
    ).toEqual({
      erased: ['TA-2026-000001'],
      held: [],
      questions: 0,
    });
    expect([...store.tickets.entries()]).toEqual(after);
    expect((await searchDataSubject(deps, dpo, { email: 'anna@example.lv' })).tickets).toEqual([]);
  });

  it("refuses a ticket under legal hold and lists it with the hold's reason until the hold is lifted", async () => {
    const { deps, store } = system();
    await setLegalHold(deps, dpo, 'TA-2026-000002', { reason: 'Tiesvedība C-1/2026' });
    const first = await eraseDataSubject(deps, dpo, {
      email: 'anna@example.lv',
      reason: 'Regulas 17. pants',
    });
    expect(first).toEqual({
      erased: ['TA-2026-000001'],
      held: [{ reference: 'TA-2026-000002', reason: 'Tiesvedība C-1/2026' }],
      questions: 0,
    });
    expect(store.tickets.get('TA-2026-000002')?.client.name).toBe('Anna Kalniņa');
    await expect(setLegalHold(deps, dpo, 'TA-2026-000002', { reason: 'vēlreiz' })).rejects.toMatchObject({
      status: 409,
    });
    await liftLegalHold(deps, dpo, 'TA-2026-000002', {});
    const second = await eraseDataSubject(deps, dpo, {
      references: ['TA-2026-000002'],
      reason: 'Regulas 17. pants',
    });
    expect(second.erased).toEqual(['TA-2026-000002']);
  });

  it('answers 404 for a hold on a ticket that does not exist, and 403 for other roles', async () => {
    const { deps } = system();
    await expect(setLegalHold(deps, dpo, 'TA-2026-999999', { reason: 'Tiesvedība' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      setLegalHold(deps, caller(['admin']), 'TA-2026-000001', { reason: 'Tiesvedība' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      eraseDataSubject(deps, caller(['supervisor']), { email: 'anna@example.lv', reason: 'x y z' }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
