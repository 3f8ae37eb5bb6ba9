/**
 * The auditor's desk on memory adapters: which lookup each filter uses, the
 * filters combined, paging by cursor, the range and limit rules, CSV export (formula injection
 * included), the data-subject report, and the audit records of the auditor's own reads.
 */
import { describe, expect, it } from 'vitest';
import { MemoryAuditTrail, MemoryStaffSessions } from '../../../shared/adapters/memory/audit-trail.ts';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import type { AuditEventName } from '../../../shared/domain/audit-catalogue.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  reasonDigest,
  ticketResource,
} from '../../../shared/domain/audit-event.ts';
import { csvCell } from '../../../shared/domain/audit-query.ts';
import { clientGroupId, keyedClientKey, legacyClientKey, sha256Hex } from '../../../shared/domain/ids.ts';
import { InvalidCursor } from '../../../shared/domain/page-cursor.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { StaffRole } from '../../../shared/domain/staff.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { type AuditDeskDeps, auditListing } from '../../../shared/use-cases/audit-desk.ts';
import { exportAuditRecords, listAuditRecords } from '../../../shared/use-cases/audit-records.ts';
import { dataSubjectReport, exportDataSubjectReport } from '../../../shared/use-cases/data-subject-report.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { admitSession, recordMe } from '../../../shared/use-cases/staff-session.ts';
import { testTicket } from '../../support/tickets.ts';

const now = '2026-12-10T12:00:00.000Z';

function caller(username: string, roles: StaffRole[] = ['auditor']): StaffCaller {
  return {
    username,
    roles,
    competences: [],
    supervises: [],
    expiresAt: Date.parse(now) / 1000 + 3600,
    issuedAt: Date.parse('2026-12-10T06:00:00Z') / 1000,
    tokenIssuedAt: Date.parse(now) / 1000 - 60,
    sessionId: `session-${username}`,
    sourceIPAddress: '10.0.0.9',
    userAgent: 'test-browser',
    requestId: `request-${username}`,
  };
}

const auditor = caller('auditor');

let sequence = 0;
/** A record at `eventTime`: a staff member's (by user name) or a service's (`service:<name>`). */
function record(
  eventTime: string,
  actor: string,
  eventName: AuditEventName,
  references: string[] = [],
  extra: Partial<Omit<AuditRecord, 'eventName'>> = {},
): AuditRecord {
  sequence += 1;
  const service = actor.startsWith('service:');
  return auditRecord({
    eventTime,
    eventSource: auditEventSource,
    eventName,
    userIdentity: service
      ? { type: 'Service', invokedBy: actor.slice('service:'.length) }
      : { type: 'Staff', principalId: actor, userName: actor },
    sourceIPAddress: '10.0.0.1',
    userAgent: 'Mozilla/5.0',
    requestParameters: references[0] ? { reference: references[0] } : null,
    responseElements: null,
    requestID: `r-${sequence}`,
    eventID: `e-${String(sequence).padStart(5, '0')}`,
    readOnly: true,
    resources: references.map(ticketResource),
    ...extra,
  });
}

/** `storedUnder`: the key a ticket is on the client index by (the keyed key; the legacy one before the migration). */
function system(
  records: AuditRecord[] = [],
  tickets: Ticket[] = [],
  storedUnder: (ticket: Ticket) => string = (ticket) => clientGroupId(ticket.client.email),
) {
  const log = new MemoryAuditLog();
  log.records.push(...records);
  const trail = new MemoryAuditTrail(log);
  const deps: AuditDeskDeps = {
    trail,
    desk: {
      clientTickets: async (clientKey, limit) =>
        tickets
          .filter((ticket) => storedUnder(ticket) === clientKey)
          .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
          .slice(0, limit),
    },
    audit: log,
    clock: new FixedClock(now),
  };
  /** Records the auditor's own reads wrote (they follow the seeded ones). */
  const written = () => log.records.slice(records.length);
  return { deps, trail, log, written };
}

const ticketOf = (reference: string, email: string, receivedAt: string) =>
  testTicket(reference, 'court-fees', {
    answerDeadline: '2026-12-30',
    receivedAt,
    client: { name: 'Anna', email },
  });

const ids = (records: readonly AuditRecord[]) => records.map((entry) => entry.eventID);

describe('listing audit records', () => {
  const trail = [
    record('2026-12-10T08:00:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000001']),
    record('2026-12-10T08:05:00.000Z', 'agent.b', 'GetTicket', ['TA-2026-000002']),
    record('2026-12-10T09:00:00.000Z', 'agent.a', 'ReplyToClient', ['TA-2026-000001']),
    record('2026-12-10T09:30:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000003'], {
      errorCode: 'AccessDenied',
    }),
    record('2026-12-10T10:00:00.000Z', 'service:send-email', 'SendEmail', ['TA-2026-000001']),
    // Older than the default 24 hours.
    record('2026-12-08T10:00:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000001']),
  ];

  it('lists the last 24 hours oldest first from the hour partitions when nothing narrows it', async () => {
    // Prepare
    const { deps, trail: reader } = system(trail);

    // Act
    const page = await listAuditRecords(deps, auditor, {});

    // Assess
    expect(ids(page.records)).toEqual(ids(trail.slice(0, 5)));
    expect(page.cursor).toBeUndefined();
    expect(reader.reads).toEqual({ byUser: 0, byTickets: 0, byTime: 1 });
  });

  it('finds a staff member’s records on the user index, and a ticket’s on its index items', async () => {
    const { deps, trail: reader } = system(trail);
    const byUser = await listAuditRecords(deps, auditor, { user: 'agent.a' });
    expect(ids(byUser.records)).toEqual(ids([trail[0]!, trail[2]!, trail[3]!]));
    expect(reader.reads.byUser).toBe(1);

    const byTicket = await listAuditRecords(deps, auditor, { ticket: 'ta-2026-000001' });
    expect(ids(byTicket.records)).toEqual(ids([trail[0]!, trail[2]!, trail[4]!]));
    expect(reader.reads.byTickets).toBe(1);
    expect(reader.reads.byTime).toBe(0);
  });

  it('combines filters: user with ticket, event name, outcome', async () => {
    const { deps } = system(trail);
    const both = await listAuditRecords(deps, auditor, { ticket: 'TA-2026-000001', user: 'agent.a' });
    expect(ids(both.records)).toEqual(ids([trail[0]!, trail[2]!]));
    const reads = await listAuditRecords(deps, auditor, { user: 'agent.a', eventName: 'GetTicket' });
    expect(ids(reads.records)).toEqual(ids([trail[0]!, trail[3]!]));
    const failures = await listAuditRecords(deps, auditor, { outcome: 'failure' });
    expect(ids(failures.records)).toEqual(ids([trail[3]!]));
    const successes = await listAuditRecords(deps, auditor, { user: 'agent.a', outcome: 'success' });
    expect(ids(successes.records)).toEqual(ids([trail[0]!, trail[2]!]));
  });

  it('finds a client’s records through the client’s tickets, and records only the keyed key', async () => {
    const tickets = [
      ticketOf('TA-2026-000001', 'Anna.K@Example.lv', '2026-12-01T08:00:00.000Z'),
      ticketOf('TA-2026-000003', 'anna.k@example.lv', '2026-12-02T08:00:00.000Z'),
      ticketOf('TA-2026-000002', 'other@example.lv', '2026-12-02T08:00:00.000Z'),
    ];
    const { deps, written } = system(trail, tickets);

    const page = await listAuditRecords(deps, auditor, { client: ' ANNA.K@example.lv ' });

    expect(ids(page.records)).toEqual(ids([trail[0]!, trail[2]!, trail[3]!, trail[4]!]));
    const [lookup] = written();
    expect(lookup).toMatchObject({
      eventName: 'ListAuditRecords',
      readOnly: true,
      userIdentity: { type: 'Staff', userName: 'auditor' },
      requestParameters: {
        clientKey: clientGroupId('anna.k@example.lv'),
        from: '2026-12-09T12:00:00.000Z',
        to: now,
        limit: 100,
      },
      responseElements: { count: 4, more: false },
    });
    expect(lookup?.resources.map((resource) => resource.ARN).sort()).toEqual([
      ticketResource('TA-2026-000001').ARN,
      ticketResource('TA-2026-000003').ARN,
    ]);
    expect(JSON.stringify(written())).not.toMatch(/anna\.k/i);
    // No unkeyed hash of the address: a dictionary of addresses would reverse it.
    expect(lookup?.requestParameters).not.toHaveProperty('clientSha256');
    expect(JSON.stringify(written())).not.toContain(sha256Hex('anna.k@example.lv').slice(0, 40));
  });

  it('answers nothing for a client without tickets, and a ticket and client together as their intersection', async () => {
    const tickets = [ticketOf('TA-2026-000001', 'anna@example.lv', '2026-12-01T08:00:00.000Z')];
    const { deps, trail: reader } = system(trail, tickets);
    expect((await listAuditRecords(deps, auditor, { client: 'nobody@example.lv' })).records).toEqual([]);
    expect(reader.reads.byTickets).toBe(0);
    const other = await listAuditRecords(deps, auditor, {
      client: 'anna@example.lv',
      ticket: 'TA-2026-000002',
    });
    expect(other.records).toEqual([]);
  });

  it('pages with a cursor, also while filtering, without losing or repeating a record', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      record(
        `2026-12-10T10:${String(i).padStart(2, '0')}:00.000Z`,
        i % 2 ? 'agent.a' : 'agent.b',
        i % 3 ? 'GetTicket' : 'ListTickets',
      ),
    );
    const { deps } = system(many);
    for (const query of [{}, { user: 'agent.a' }, { eventName: 'GetTicket' as const }]) {
      const seen: AuditRecord[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listAuditRecords(deps, auditor, {
          ...query,
          limit: '4',
          ...(cursor ? { cursor } : {}),
        });
        expect(page.records.length).toBeLessThanOrEqual(4);
        seen.push(...page.records);
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 20);
      const expected = many.filter(
        (entry) =>
          (!('user' in query) || entry.userIdentity.userName === query.user) &&
          (!('eventName' in query) || entry.eventName === query.eventName),
      );
      expect(ids(seen)).toEqual(ids(expected));
    }
  });

  it('gives no cursor when the last page is exactly full', async () => {
    const four = Array.from({ length: 4 }, (_, i) =>
      record(`2026-12-10T11:0${i}:00.000Z`, 'agent.a', 'GetTicket'),
    );
    const { deps } = system(four);
    const page = await listAuditRecords(deps, auditor, { limit: '4' });
    expect(page.records).toHaveLength(4);
    expect(page.cursor).toBeUndefined();
  });

  it('refuses a cursor it did not hand out', async () => {
    const { deps } = system(trail);
    await expect(listAuditRecords(deps, auditor, { cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidCursor);
    const forged = Buffer.from(JSON.stringify({ after: 'x' })).toString('base64url');
    await expect(listAuditRecords(deps, auditor, { cursor: forged })).rejects.toBeInstanceOf(InvalidCursor);
  });

  it.each([
    [{ from: '2026-12-10' }, 'from', 'staff.audit.instant'],
    [{ to: 'yesterday' }, 'to', 'staff.audit.instant'],
    [{ from: '2026-12-10T10:00:00Z', to: '2026-12-10T09:00:00Z' }, 'from', 'staff.audit.order'],
    [{ from: '2026-10-01T00:00:00Z', to: '2026-11-02T00:00:01Z' }, 'from', 'staff.audit.span'],
    [{ limit: '0' }, 'limit', 'staff.audit.limit'],
    [{ limit: '1001' }, 'limit', 'staff.audit.limit'],
    [{ limit: 'ten' }, 'limit', 'staff.audit.limit'],
    [{ ticket: 'C-1234' }, 'ticket', 'staff.audit.ticket'],
    [{ client: 'not an address' }, 'client', 'staff.audit.client'],
    [{ user: 'a b' }, 'user', 'staff.field.invalid'],
  ])('refuses %j field by field (%s: %s)', async (query, field, key) => {
    const { deps, written } = system(trail);
    const refusal = await listAuditRecords(deps, auditor, query).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Refused);
    expect(refusal).toMatchObject({ code: 'ValidationError', status: 400 });
    expect((refusal as Refused).fields).toContainEqual(expect.objectContaining({ field, key }));
    expect(written()).toEqual([]);
  });

  it('accepts 31 days exactly, instants with an offset, and the 1000-record limit', async () => {
    const { deps, written } = system(trail);
    await listAuditRecords(deps, auditor, {
      from: '2026-11-09T14:00:00+02:00',
      to: '2026-12-10T14:00:00+02:00',
      limit: '1000',
    });
    expect(written()[0]?.requestParameters).toMatchObject({
      from: '2026-11-09T12:00:00.000Z',
      to: '2026-12-10T12:00:00.000Z',
      limit: 1000,
    });
  });

  it.each<StaffRole>(['agent', 'supervisor', 'mailroom', 'admin'])('refuses a %s', async (role) => {
    const { deps, written } = system(trail);
    await expect(listAuditRecords(deps, caller(`x.${role}`, [role]), {})).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    await expect(dataSubjectReport(deps, caller(`x.${role}`, [role]), { client: 'a@b.lv' })).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    expect(written()).toEqual([]);
  });

  it('ends a page of large records early (an answer is at most 6 MB), with the cursor of the rest', async () => {
    const references = Array.from({ length: 100 }, (_, i) => `TA-2026-${String(i).padStart(6, '0')}`);
    const large = Array.from({ length: 1000 }, (_, i) =>
      record(
        new Date(Date.parse('2026-12-10T01:00:00Z') + i * 1000).toISOString(),
        'agent.a',
        'ListTickets',
        references,
      ),
    );
    const { deps } = system(large);
    const first = await listAuditRecords(deps, auditor, { limit: '1000' });
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(auditListing.maxJsonBytes + 10_000);
    expect(first.records.length).toBeLessThan(1000);
    const seen = [...first.records];
    for (let cursor = first.cursor; cursor; ) {
      const page = await listAuditRecords(deps, auditor, { limit: '1000', cursor });
      seen.push(...page.records);
      cursor = page.cursor;
    }
    expect(ids(seen)).toEqual(ids(large));
  });

  it('stops reading after its budget while filtering, and hands out a cursor to go on', async () => {
    const noise = Array.from({ length: auditListing.examineBudget + 10 }, (_, i) =>
      record(new Date(Date.parse('2026-12-10T01:00:00Z') + i * 1000).toISOString(), 'agent.a', 'ListTickets'),
    );
    const { deps } = system(noise);
    const first = await listAuditRecords(deps, auditor, { eventName: 'GetTicket' });
    expect(first.records).toEqual([]);
    expect(first.cursor).toBeDefined();
    const second = await listAuditRecords(deps, auditor, { eventName: 'GetTicket', cursor: first.cursor });
    expect(second).toEqual({ records: [] });
  });
});

describe('the CSV export', () => {
  it('writes a header and one row per record, with formula-like cells defused', async () => {
    // Prepare
    const hostile = record('2026-12-10T10:00:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000001'], {
      userAgent: '=HYPERLINK("http://evil.example","x")',
      errorCode: '+SUM(1)',
      errorMessage: '-x',
    });
    const { deps, written } = system([
      record('2026-12-10T09:00:00.000Z', 'agent.b', 'ReplyToClient', ['TA-2026-000001', 'TA-2026-000002']),
      hostile,
      record('2026-12-10T10:30:00.000Z', '@admin', 'GetMe', [], { sourceIPAddress: '\t10.0.0.1' }),
    ]);

    // Act
    const file = await exportAuditRecords(deps, auditor, {});

    // Assess
    expect(file.filename).toBe('courtdesk-audit-20261209T1200Z-20261210T1200Z.csv');
    expect(file.rows).toBe(3);
    expect(file.cursor).toBeUndefined();
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    const lines = file.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '"eventTime","eventName","category","user","outcome","errorCode","readOnly","resources","sourceIPAddress","userAgent","requestID","eventID"',
    );
    expect(lines[1]).toContain(
      '"agent.b","success","","true","arn:courtdesk:tickets::ticket/TA-2026-000001 arn:courtdesk:tickets::ticket/TA-2026-000002"',
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[2]).toContain(`"failure","'+SUM(1)"`);
    expect(lines[3]).toContain(`"'@admin"`);
    expect(lines[3]).toContain(`"'\t10.0.0.1"`);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    expect(written()[0]).toMatchObject({
      eventName: 'ExportAuditRecords',
      readOnly: true,
      responseElements: { count: 3, more: false, format: 'csv' },
    });
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['a "quoted", value', '"a ""quoted"", value"'],
    ['line\nbreak', '"line\nbreak"'],
    ['Bērziņš', '"Bērziņš"'],
    ['', '""'],
  ])('quotes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('exports up to 10,000 rows by default, with a cursor for the rest', async () => {
    const many = Array.from({ length: auditListing.maxCsvRows + 5 }, (_, i) =>
      record(new Date(Date.parse('2026-12-10T01:00:00Z') + i * 1000).toISOString(), 'agent.a', 'GetTicket'),
    );
    const { deps } = system(many);
    const file = await exportAuditRecords(deps, auditor, {});
    expect(file.rows).toBe(auditListing.maxCsvRows);
    expect(file.cursor).toBeDefined();
    const rest = await exportAuditRecords(deps, auditor, { cursor: file.cursor });
    expect(rest.rows).toBe(5);
    expect(rest.cursor).toBeUndefined();
    await expect(exportAuditRecords(deps, auditor, { limit: '10001' })).rejects.toMatchObject({
      name: 'Refused',
      code: 'ValidationError',
      status: 400,
    });
  });
});

describe('the data-subject access report', () => {
  const tickets = [
    ticketOf('TA-2026-000002', 'janis@example.lv', '2026-12-05T08:00:00.000Z'),
    ticketOf('TA-2026-000001', 'Janis@Example.lv', '2026-12-01T08:00:00.000Z'),
    ticketOf('TA-2026-000009', 'someone@example.lv', '2026-12-01T08:00:00.000Z'),
  ];
  const trail = [
    record('2026-12-01T08:00:05.000Z', 'service:process-intake', 'CreateTicket', ['TA-2026-000001']),
    record('2026-12-01T08:00:09.000Z', 'service:send-email', 'SendEmail', ['TA-2026-000001']),
    record('2026-12-02T09:00:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000001'], {
      requestParameters: { reference: 'TA-2026-000001', competence: 'court-fees' },
    }),
    record('2026-12-02T09:10:00.000Z', 'agent.a', 'RerouteTicket', ['TA-2026-000001'], {
      readOnly: false,
      requestParameters: {
        reference: 'TA-2026-000001',
        from: 'court-fees',
        to: 'legal-aid',
        ...reasonDigest('Nav mūsu'),
      },
    }),
    record('2026-12-03T09:00:00.000Z', 'agent.x', 'GetTicket', ['TA-2026-000001'], {
      errorCode: 'AccessDenied',
    }),
    record('2026-12-06T09:00:00.000Z', 'agent.b', 'ListTickets', ['TA-2026-000002', 'TA-2026-000009']),
    record('2026-12-06T09:00:00.000Z', 'agent.b', 'GetTicket', ['TA-2026-000009']),
  ];

  it('lists per ticket (oldest first) who read or changed it, when and why', async () => {
    // Prepare
    const { deps, written } = system(trail, tickets);

    // Act
    const report = await dataSubjectReport(deps, auditor, { client: 'JANIS@example.lv' });

    // Assess
    expect(report.clientKey).toBe(clientGroupId('janis@example.lv'));
    expect(report).not.toHaveProperty('clientSha256');
    expect(JSON.stringify(report)).not.toContain(sha256Hex('janis@example.lv').slice(0, 40));
    expect(report.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
    const [first, second] = report.tickets;
    expect(first?.unit).toEqual({ lv: expect.any(String), en: expect.any(String) });
    expect(first?.entries.map((entry) => [entry.user, entry.eventName, entry.outcome])).toEqual([
      ['process-intake', 'CreateTicket', 'success'],
      ['send-email', 'SendEmail', 'success'],
      ['agent.a', 'GetTicket', 'success'],
      ['agent.a', 'RerouteTicket', 'success'],
      ['agent.x', 'GetTicket', 'failure'],
    ]);
    expect(first?.entries[2]).toMatchObject({
      actor: 'Staff',
      readOnly: true,
      description: { lv: 'Atvērts pieprasījums', en: 'Ticket opened' },
      why: { category: 'read', competence: 'court-fees' },
    });
    expect(first?.entries[3]?.why).toEqual({
      category: 'change',
      ...reasonDigest('Nav mūsu'),
      details: { from: 'court-fees', to: 'legal-aid' },
    });
    expect(first?.entries[4]).toMatchObject({ errorCode: 'AccessDenied', outcome: 'failure' });
    expect(second?.entries.map((entry) => entry.eventName)).toEqual(['ListTickets']);
    expect(JSON.stringify(report)).not.toMatch(/janis@/i);

    const [own] = written();
    expect(own).toMatchObject({
      eventName: 'GetDataSubjectReport',
      readOnly: true,
      requestParameters: { clientKey: clientGroupId('janis@example.lv') },
      responseElements: { tickets: 2, entries: 6 },
    });
    expect(own?.requestParameters).not.toHaveProperty('clientSha256');
    expect(JSON.stringify(own)).not.toContain(sha256Hex('janis@example.lv').slice(0, 40));
    expect(JSON.stringify(own)).not.toMatch(/janis@/i);
  });

  it('narrows to a period, refuses a missing or malformed address, and exports CSV', async () => {
    const { deps, written } = system(trail, tickets);
    const narrowed = await dataSubjectReport(deps, auditor, {
      client: 'janis@example.lv',
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-03T00:00:00Z',
    });
    expect(narrowed.tickets[0]?.entries.map((entry) => entry.eventName)).toEqual([
      'GetTicket',
      'RerouteTicket',
    ]);
    for (const client of [undefined, '', 'janis']) {
      const refusal = await dataSubjectReport(deps, auditor, { client }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(Refused);
      expect(refusal).toMatchObject({ code: 'ValidationError', status: 400 });
    }

    const file = await exportDataSubjectReport(deps, auditor, { client: 'janis@example.lv' });
    const lines = file.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '"reference","unit","eventTime","user","eventName","description","readOnly","outcome","errorCode","why"',
    );
    // The auditor's earlier report read about both tickets: it is in the report now too.
    expect(file.rows).toBe(6 + 2);
    expect(lines[6]).toContain(
      '"TA-2026-000001","court-fees","2026-12-10T12:00:00.000Z","auditor","GetDataSubjectReport"',
    );
    expect(lines[4]).toContain(
      '"TA-2026-000001","court-fees","2026-12-02T09:10:00.000Z","agent.a","RerouteTicket"',
    );
    expect(lines[4]).toContain('category=change; reasonSha256=');
    expect(file.filename).toMatch(/^courtdesk-data-subject-[0-9a-f]{12}-20261210T1200Z\.csv$/);
    expect(written().at(-1)).toMatchObject({ eventName: 'ExportDataSubjectReport' });
  });
});

describe('a client named by its key instead of its address (addresses stay out of URLs)', () => {
  const tickets = [
    ticketOf('TA-2026-000001', 'Janis@Example.lv', '2026-12-01T08:00:00.000Z'),
    ticketOf('TA-2026-000002', 'janis@example.lv', '2026-12-05T08:00:00.000Z'),
    ticketOf('TA-2026-000009', 'someone@example.lv', '2026-12-01T08:00:00.000Z'),
  ];
  const trail = [
    record('2026-12-10T08:00:00.000Z', 'agent.a', 'GetTicket', ['TA-2026-000001']),
    record('2026-12-10T09:00:00.000Z', 'agent.b', 'GetTicket', ['TA-2026-000009']),
    record('2026-12-10T10:00:00.000Z', 'agent.a', 'ReplyToClient', ['TA-2026-000002']),
  ];
  const key = clientGroupId('janis@example.lv');

  it('lists the same records by key (any case) as by address, and records the key, never the address', async () => {
    const { deps, written } = system(trail, tickets);
    const byAddress = await listAuditRecords(deps, auditor, { client: ' JANIS@example.lv ' });
    const byKey = await listAuditRecords(deps, auditor, { client: key });
    const byUpperKey = await listAuditRecords(deps, auditor, { client: ` ${key.toUpperCase()} ` });
    expect(ids(byAddress.records)).toEqual(ids([trail[0]!, trail[2]!]));
    expect(ids(byKey.records)).toEqual(ids(byAddress.records));
    expect(ids(byUpperKey.records)).toEqual(ids(byAddress.records));
    for (const lookup of written()) {
      expect(lookup.requestParameters).toMatchObject({ clientKey: key });
      expect(lookup.requestParameters).not.toHaveProperty('clientSha256');
    }
    expect(JSON.stringify(written())).not.toMatch(/janis@/i);
    const csv = await exportAuditRecords(deps, auditor, { client: key });
    expect(csv.rows).toBe(2);
  });

  it('gives the same data-subject report by key as by address (the CSV file named alike)', async () => {
    // Each on a trail of its own: a report's own record is about the client's tickets too.
    const byAddress = await dataSubjectReport(system(trail, tickets).deps, auditor, {
      client: 'janis@example.lv',
    });
    const { deps, written } = system(trail, tickets);
    const byKey = await dataSubjectReport(deps, auditor, { client: key });
    expect(byKey.clientKey).toBe(key);
    expect(byAddress.clientKey).toBe(key);
    expect(byKey).not.toHaveProperty('clientSha256');
    expect(byAddress).not.toHaveProperty('clientSha256');
    expect(byKey.tickets).toEqual(byAddress.tickets);
    expect(byKey.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
    expect(written()[0]?.requestParameters).toEqual({ clientKey: key });
    const fileByAddress = await exportDataSubjectReport(deps, auditor, { client: 'janis@example.lv' });
    const fileByKey = await exportDataSubjectReport(deps, auditor, { client: key });
    expect(fileByKey.filename).toBe(fileByAddress.filename);
    expect(fileByKey.filename).toContain(key.slice('client-'.length, 'client-'.length + 12));
    expect(fileByKey.filename).not.toContain(sha256Hex('janis@example.lv').slice(0, 12));
  });

  it('finds the client by the legacy key the admin page computes, and records the keyed key', async () => {
    const legacy = legacyClientKey('janis@example.lv');
    expect(legacy).not.toBe(key);
    const { deps, written } = system(trail, tickets);
    const report = await dataSubjectReport(deps, auditor, { client: legacy });
    expect(report.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
    expect(report.clientKey).toBe(key);
    const listed = await listAuditRecords(deps, auditor, { client: legacy });
    expect(ids(listed.records)).toEqual(ids([trail[0]!, trail[2]!]));
    expect(JSON.stringify(written())).not.toContain(legacy);
    for (const lookup of written()) expect(lookup.requestParameters).toMatchObject({ clientKey: key });
  });

  it('finds tickets not yet migrated (still under the legacy key) by address and by the legacy key', async () => {
    const legacyOnly = (ticket: Ticket) =>
      ticket.reference === 'TA-2026-000001'
        ? legacyClientKey(ticket.client.email)
        : clientGroupId(ticket.client.email);
    for (const client of ['janis@example.lv', legacyClientKey('janis@example.lv')]) {
      const report = await dataSubjectReport(system(trail, tickets, legacyOnly).deps, auditor, { client });
      expect(report.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
      expect(report.clientKey).toBe(key);
    }
    // A keyed key cannot be turned back into the legacy one: it finds the migrated tickets only.
    const byKeyed = await dataSubjectReport(system(trail, tickets, legacyOnly).deps, auditor, {
      client: key,
    });
    expect(byKeyed.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000002']);
  });

  it('records a legacy key that finds no tickets by its keyed form, never as given', async () => {
    const legacy = legacyClientKey('nobody@example.lv');
    const { deps, written } = system(trail, tickets);
    const report = await dataSubjectReport(deps, auditor, { client: legacy });
    expect(report.tickets).toEqual([]);
    expect(report.clientKey).toBe(clientGroupId('nobody@example.lv'));
    expect(report.clientKey).toBe(keyedClientKey(legacy));
    await listAuditRecords(deps, auditor, { client: legacy.toUpperCase() });
    const file = await exportDataSubjectReport(deps, auditor, { client: legacy });
    expect(file.filename).not.toContain(legacy.slice('client-'.length, 'client-'.length + 12));
    expect(written()).toHaveLength(3);
    for (const lookup of written())
      expect(lookup.requestParameters).toMatchObject({ clientKey: clientGroupId('nobody@example.lv') });
    expect(JSON.stringify(written())).not.toContain(legacy.slice('client-'.length));
  });

  it('records a legacy key whose tickets are all still under it (not migrated) by its keyed form', async () => {
    const notMigrated = (ticket: Ticket) => legacyClientKey(ticket.client.email);
    const legacy = legacyClientKey('janis@example.lv');
    const { deps, written } = system(trail, tickets, notMigrated);
    const report = await dataSubjectReport(deps, auditor, { client: legacy });
    expect(report.tickets.map((ticket) => ticket.reference)).toEqual(['TA-2026-000001', 'TA-2026-000002']);
    expect(report.clientKey).toBe(key);
    const listed = await listAuditRecords(deps, auditor, { client: legacy });
    expect(ids(listed.records)).toEqual(ids([trail[0]!, trail[2]!]));
    for (const lookup of written()) expect(lookup.requestParameters).toMatchObject({ clientKey: key });
    expect(JSON.stringify(written())).not.toContain(legacy.slice('client-'.length));
    expect(JSON.stringify(report)).not.toContain(legacy.slice('client-'.length));
  });

  it.each(['client-1234', `client-${'g'.repeat(40)}`, `${key}0`, `clients-${'a'.repeat(40)}`])(
    'refuses %s, which is neither an address nor a key',
    async (client) => {
      const { deps } = system(trail, tickets);
      for (const ask of [
        () => listAuditRecords(deps, auditor, { client }),
        () => dataSubjectReport(deps, auditor, { client }),
      ]) {
        const refusal = await ask().catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(Refused);
        expect(refusal).toMatchObject({ code: 'ValidationError', status: 400 });
        expect((refusal as Refused).fields).toContainEqual(
          expect.objectContaining({ field: 'client', key: 'staff.audit.client' }),
        );
      }
    },
  );
});

describe('the data-subject report’s limits', () => {
  const email = 'many@example.lv';
  const referenceOf = (n: number) => `TA-2026-${String(n).padStart(6, '0')}`;
  /** `count` tickets of the client, the n-th received on day n. */
  const clientTickets = (count: number) =>
    Array.from({ length: count }, (_, n) =>
      ticketOf(
        referenceOf(n + 1),
        email,
        new Date(Date.parse('2026-01-01T08:00:00Z') + n * 86_400_000).toISOString(),
      ),
    );
  /** `perTicket` reads of each ticket, `details` long. */
  const readsOf = (tickets: readonly Ticket[], perTicket: number, details = '') =>
    tickets.flatMap((ticket, t) =>
      Array.from({ length: perTicket }, (_, i) =>
        record(
          new Date(Date.parse('2026-12-01T00:00:00Z') + t * 3_600_000 + i * 1000).toISOString(),
          'agent.a',
          'GetTicket',
          [ticket.reference],
          details ? { requestParameters: { reference: ticket.reference, view: details } } : {},
        ),
      ),
    );
  /** The trail, counting what each ticket's read asked for and got. */
  function counting(deps: AuditDeskDeps) {
    const reads: { limit: number; got: number }[] = [];
    const trail = deps.trail;
    const counted: AuditDeskDeps = {
      ...deps,
      trail: {
        byUser: (...args) => trail.byUser(...args),
        byTime: (...args) => trail.byTime(...args),
        byTickets: async (references, range, limit) => {
          const page = await trail.byTickets(references, range, limit);
          reads.push({ limit, got: page.records.length });
          return page;
        },
      },
    };
    return { counted, reads };
  }

  it('asks each ticket for no more than the room left, stops when it is spent, and says what it left out', async () => {
    // Prepare: 15 tickets of 1,000 entries each, 15,000 in all
    const tickets = clientTickets(15);
    const { deps, written } = system(readsOf(tickets, 1000), tickets);
    const { counted, reads } = counting(deps);

    // Act
    const report = await dataSubjectReport(counted, auditor, { client: email });

    // Assess: never more read than the report may hold; the rest left out, and said so
    const entries = report.tickets.reduce((sum, ticket) => sum + ticket.entries.length, 0);
    expect(reads.reduce((sum, read) => sum + read.limit, 0)).toBeLessThanOrEqual(
      auditListing.maxReportEntries,
    );
    expect(reads.reduce((sum, read) => sum + read.got, 0)).toBe(entries);
    expect(entries).toBeLessThanOrEqual(auditListing.maxReportEntries);
    expect(report.truncated).toBe(true);
    expect(report.ticketsLeftOut).toBe(15 - report.tickets.length);
    expect(report.ticketsLeftOut).toBeGreaterThanOrEqual(5);
    expect(reads).toHaveLength(report.tickets.length);
    expect(report).not.toHaveProperty('moreTickets');
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThanOrEqual(auditListing.maxJsonBytes);
    expect(written()[0]?.responseElements).toMatchObject({
      tickets: report.tickets.length,
      entries,
      truncated: true,
      ticketsLeftOut: report.ticketsLeftOut,
    });
  });

  it('passes the room left into a ticket’s read when it is less than a ticket’s share', async () => {
    // Prepare: 9 tickets of 1,000 entries, then one of 1,500: 10,500 in all
    const tickets = clientTickets(10);
    const records = [...readsOf(tickets.slice(0, 9), 1000), ...readsOf(tickets.slice(9), 1500)];
    const { deps } = system(records, tickets);
    const { counted, reads } = counting(deps);

    const report = await dataSubjectReport(counted, auditor, { client: email, from: '2026-12-01T00:00:00Z' });

    expect(reads.reduce((sum, read) => sum + read.limit, 0)).toBeLessThanOrEqual(
      auditListing.maxReportEntries,
    );
    expect(report.tickets.at(-1)?.truncated).toBe(true);
    expect(report.truncated).toBe(true);
  });

  it('ends at some 4 MB of JSON (a Lambda answer is at most 6 MB) and says so', async () => {
    // Prepare: 3 tickets of 1,000 entries of some 2.5 kB each: 7.5 MB
    const tickets = clientTickets(3);
    const { deps } = system(readsOf(tickets, 1000, 'v'.repeat(2_000)), tickets);

    const report = await dataSubjectReport(deps, auditor, { client: email });

    const size = Buffer.byteLength(JSON.stringify(report));
    expect(size).toBeLessThanOrEqual(auditListing.maxJsonBytes);
    expect(size).toBeGreaterThan(auditListing.maxJsonBytes - 10_000);
    expect(report.truncated).toBe(true);
    expect(report.tickets.at(-1)?.truncated).toBe(true);
    expect((report.tickets.length - 1) * 1000 + (report.tickets.at(-1)?.entries.length ?? 0)).toBeLessThan(
      3000,
    );
    const file = await exportDataSubjectReport(deps, auditor, { client: email });
    expect(file.filename).toMatch(/-partial\.csv$/);
    expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(auditListing.maxCsvBytes);
  });

  it('says when the client may have more tickets than it looked at', async () => {
    const many = clientTickets(auditListing.maxClientTickets + 5);
    const { deps, written } = system([], many);
    const report = await dataSubjectReport(deps, auditor, { client: email });
    expect(report.tickets).toHaveLength(auditListing.maxClientTickets);
    // The newest are looked at, listed oldest first.
    expect(report.tickets[0]?.reference).toBe(referenceOf(6));
    expect(report).toMatchObject({ truncated: true, moreTickets: true });
    expect(report).not.toHaveProperty('ticketsLeftOut');
    expect(written()[0]?.responseElements).toMatchObject({ truncated: true, moreTickets: true });

    const few = clientTickets(3);
    const complete = await dataSubjectReport(system([], few).deps, auditor, { client: email });
    expect(complete.tickets).toHaveLength(3);
    for (const mark of ['truncated', 'moreTickets', 'ticketsLeftOut'])
      expect(complete).not.toHaveProperty(mark);
    const file = await exportDataSubjectReport(system([], few).deps, auditor, { client: email });
    expect(file.filename).not.toMatch(/partial/);
  });

  it('a listing by client says so too when the client has more tickets than it looked at', async () => {
    const many = system([], clientTickets(auditListing.maxClientTickets + 5));
    const listing = await listAuditRecords(many.deps, auditor, { client: email });
    expect(listing.moreTickets).toBe(true);
    expect(many.written()[0]?.responseElements).toMatchObject({ moreTickets: true });
    const csv = await exportAuditRecords(many.deps, auditor, { client: email });
    expect(csv.filename).toMatch(/-partial\.csv$/);
    // One of them named: nothing is left out of that answer.
    const one = await listAuditRecords(many.deps, auditor, { client: email, ticket: referenceOf(6) });
    expect(one).not.toHaveProperty('moreTickets');

    const few = system([], clientTickets(3));
    expect(await listAuditRecords(few.deps, auditor, { client: email })).not.toHaveProperty('moreTickets');
    expect((await exportAuditRecords(few.deps, auditor, { client: email })).filename).not.toMatch(/partial/);
  });
});

describe('the sign-in record', () => {
  it('is written once per session, at the time of its first call, and every call writes GetMe', async () => {
    const log = new MemoryAuditLog();
    const clock = new FixedClock(now);
    const sessions = new MemoryStaffSessions(log);
    const agent = caller('agent.a', ['agent']);

    // As the staff API does: the sign-in before any route, then `/me`'s own record.
    const call = async () => {
      expect(await admitSession({ sessions, audit: log, clock }, agent)).toBeUndefined();
      await recordMe({ sessions, audit: log, clock }, agent);
    };
    await call();
    clock.advance(60_000);
    await call();

    const signIns = log.records.filter((entry) => entry.eventName === 'SignIn');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({
      eventTime: now,
      requestParameters: { authTime: '2026-12-10T06:00:00.000Z' },
      responseElements: { roles: 'agent' },
    });
    expect(log.records.filter((entry) => entry.eventName === 'GetMe')).toHaveLength(2);
  });
});
