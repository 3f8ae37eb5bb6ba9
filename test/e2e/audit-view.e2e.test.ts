/**
 * On the real sandbox: an agent opens a client's ticket, and an auditor finds that
 * read by ticket, by client and by user, exports it as CSV and sees the agent in the client's
 * data-subject report, the client named by address or by key (which keeps addresses out of URLs);
 * everyone else is refused (403) and the refusal is in the trail; the trail never holds the
 * client's address; a session's sign-in is recorded once, at its first use. The filters go in a
 * POST's body: they name staff members and clients, and access logs keep URLs (the GETs are gone).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientGroupId, sha256Hex } from '../../shared/domain/ids.ts';
import type { AuditListResponse, SubjectReportResponse } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const tokens = new Map<string, string>();

const suite = useSandbox('courtdesk-audit-view-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const token = await staffToken(suite.sandbox, username);
  tokens.set(username, token);
  return token;
}

async function get(user: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${suite.sandbox.urls.web}${path}`, {
    headers: { authorization: `Bearer ${await tokenOf(user)}`, ...headers },
  });
}

/** An auditor's lookup: the filters in the body of a POST. */
async function post(
  user: string,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${suite.sandbox.urls.web}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenOf(user)}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** A client's web request, its ticket, and the agent's read of it. */
async function readByAgent(): Promise<{ reference: string; email: string; readEventId: string }> {
  const email = `Audit.Client-${randomUUID().slice(0, 8)}@Example.lv`;
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Līga Ozola',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodeva',
      message: 'Cik jāmaksā par prasību?',
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  const { reference } = (await response.json()) as { reference: string };
  await eventually(async () => expect(await suite.client.ticket(reference)).toBeDefined());
  const read = await get('agent.court-fees', `/api/staff/tickets/${reference}`);
  expect(read.status).toBe(200);
  const record = (await suite.client.auditRecords()).find(
    (entry) =>
      entry.eventName === 'GetTicket' &&
      (entry.requestParameters as { reference?: string } | null)?.reference === reference,
  );
  return { reference, email, readEventId: String(record?.eventID) };
}

let subject: Awaited<ReturnType<typeof readByAgent>>;

describe('the auditor finds who read a client’s ticket', () => {
  beforeAll(async () => {
    subject = await readByAgent();
  });

  it('by ticket, by client and by user, as the records were stored', async () => {
    const { reference, email, readEventId } = subject;
    for (const query of [
      { ticket: reference, eventName: 'GetTicket' } as Record<string, string>,
      { client: email.toLowerCase(), eventName: 'GetTicket' },
      { client: ` ${email.toUpperCase()} ` },
      { client: clientGroupId(email), eventName: 'GetTicket' },
      { user: 'agent.court-fees', eventName: 'GetTicket' },
      { eventName: 'GetTicket', outcome: 'success' },
    ]) {
      const response = await post('auditor', '/api/staff/audit', query);
      expect(response.status, JSON.stringify(query)).toBe(200);
      const body = (await response.json()) as AuditListResponse;
      const found = body.records.find((record) => record.eventID === readEventId);
      expect(found, JSON.stringify(query)).toMatchObject({
        eventVersion: '1.08',
        eventName: 'GetTicket',
        userIdentity: { type: 'Staff', userName: 'agent.court-fees' },
        readOnly: true,
        resources: [{ type: 'Courtdesk::Ticket', ARN: `arn:courtdesk:tickets::ticket/${reference}` }],
        requestParameters: { reference, competence: 'court-fees' },
      });
      // Exactly as stored: no table keys.
      expect(Object.keys(found ?? {})).not.toEqual(expect.arrayContaining(['pk']));
      expect(found).not.toHaveProperty('auditUser');
    }
    // The ticket's whole trail: intake, the acknowledgement sent, the read.
    const whole = (await (
      await post('auditor', '/api/staff/audit', { ticket: reference })
    ).json()) as AuditListResponse;
    const names = whole.records.map((record) => record.eventName);
    expect(names).toEqual(expect.arrayContaining(['CreateTicket', 'GetTicket']));
    expect(whole.records.map((record) => record.eventTime)).toEqual(
      [...whole.records.map((record) => record.eventTime)].sort(),
    );
  });

  it('pages with the cursor', async () => {
    const first = (await (
      await post('auditor', '/api/staff/audit', { limit: 2 })
    ).json()) as AuditListResponse;
    expect(first.records).toHaveLength(2);
    expect(first.cursor).toEqual(expect.any(String));
    const second = (await (
      await post('auditor', '/api/staff/audit', { limit: '2', cursor: first.cursor })
    ).json()) as AuditListResponse;
    expect((second.records[0]?.eventTime ?? '') >= (first.records[1]?.eventTime ?? '')).toBe(true);
    expect(second.records.map((record) => record.eventID)).not.toContain(first.records[1]?.eventID);
    const bad = await post('auditor', '/api/staff/audit', { cursor: 'not-a-cursor' });
    expect(bad.status).toBe(400);
  });

  it('exports CSV with format csv in the body or Accept: text/csv', async () => {
    const { reference, readEventId } = subject;
    for (const [body, headers] of [
      [{ ticket: reference, format: 'csv' }, {}],
      [{ ticket: reference }, { accept: 'text/csv' }],
    ] as const) {
      const response = await post('auditor', '/api/staff/audit', body, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="courtdesk-audit-.+\.csv"$/,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const text = await response.text();
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toMatch(/^"eventTime","eventName","category","user","outcome","errorCode"/);
      const row = lines.find((line) => line.includes(readEventId));
      expect(row).toContain('"GetTicket","read","agent.court-fees","success","","true"');
      expect(Number(response.headers.get('x-courtdesk-rows'))).toBe(lines.length - 2);
    }
    const exports = (await suite.client.auditRecords()).filter(
      (record) => record.eventName === 'ExportAuditRecords' && !record.errorCode,
    );
    expect(exports.length).toBeGreaterThanOrEqual(2);
  });

  it('shows the agent in the client’s data-subject report, with why, in JSON and CSV', async () => {
    const { reference, email } = subject;
    const response = await post('auditor', '/api/staff/audit/subject', { client: email });
    expect(response.status).toBe(200);
    const report = (await response.json()) as SubjectReportResponse;
    expect(report).not.toHaveProperty('clientSha256');
    expect(report.clientKey).toBe(clientGroupId(email));
    expect(report).not.toHaveProperty('truncated');
    expect(report.tickets).toHaveLength(1);
    const [ticket] = report.tickets;
    expect(ticket).toMatchObject({ reference, competence: 'court-fees' });
    expect(ticket?.entries).toContainEqual(
      expect.objectContaining({
        user: 'agent.court-fees',
        actor: 'Staff',
        eventName: 'GetTicket',
        readOnly: true,
        outcome: 'success',
        description: { lv: 'Atvērts pieprasījums', en: 'Ticket opened' },
        why: { category: 'read', competence: 'court-fees' },
      }),
    );
    // Intake counts too: the service that created the ticket.
    expect(ticket?.entries).toContainEqual(
      expect.objectContaining({ user: 'process-intake', actor: 'Service', eventName: 'CreateTicket' }),
    );

    const csv = await post('auditor', '/api/staff/audit/subject', { client: email, format: 'csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain(`"${reference}","court-fees"`);

    const reports = (await suite.client.auditRecords()).filter((record) =>
      ['GetDataSubjectReport', 'ExportDataSubjectReport'].includes(String(record.eventName)),
    );
    expect(reports.map((record) => record.eventName).sort()).toEqual([
      'ExportDataSubjectReport',
      'GetDataSubjectReport',
    ]);
    for (const record of reports) {
      // The keyed key only: no unkeyed hash of the address, which a dictionary reverses.
      expect(record.requestParameters).toEqual(expect.objectContaining({ clientKey: clientGroupId(email) }));
      expect(record.requestParameters).not.toHaveProperty('clientSha256');
      expect(JSON.stringify(record)).not.toContain(sha256Hex(email.toLowerCase()).slice(0, 40));
    }

    // By key, as the admin page asks: the same report.
    const byKey = await post('auditor', '/api/staff/audit/subject', { client: clientGroupId(email) });
    expect(byKey.status).toBe(200);
    const keyed = (await byKey.json()) as SubjectReportResponse;
    expect(keyed.clientKey).toBe(clientGroupId(email));
    expect(keyed).not.toHaveProperty('clientSha256');
    expect(keyed.tickets.map((each) => each.reference)).toEqual([reference]);
    expect(keyed.tickets[0]?.entries).toContainEqual(
      expect.objectContaining({ user: 'agent.court-fees', eventName: 'GetTicket' }),
    );
  });

  it('takes no filters in a URL: the GETs are gone', async () => {
    const { email } = subject;
    for (const path of [
      `/api/staff/audit?${new URLSearchParams({ client: email })}`,
      `/api/staff/audit/subject?${new URLSearchParams({ client: email })}`,
    ]) {
      const response = await get('auditor', path);
      expect([404, 405], path).toContain(response.status);
      expect(await response.text()).not.toContain('records');
    }
  });

  it('never writes the client’s address into the trail', async () => {
    const trail = JSON.stringify(await suite.client.auditRecords()).toLowerCase();
    expect(trail).not.toContain(subject.email.toLowerCase());
  });

  it('answers field errors in Latvian and English', async () => {
    const lv = await post('auditor', '/api/staff/audit', { from: 'vakar', limit: 5000 });
    expect(lv.status).toBe(400);
    const { errors } = (await lv.json()) as { errors: { field: string; message: string }[] };
    expect(errors).toEqual([
      { field: 'from', message: expect.stringContaining('ISO 8601') },
      { field: 'limit', message: 'Norādiet skaitu no 1 līdz 1000.' },
    ]);
    const en = await post(
      'auditor',
      '/api/staff/audit',
      { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      { 'accept-language': 'en' },
    );
    expect(((await en.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'from', message: expect.stringContaining('at most 31 days') },
    ]);
    expect((await post('auditor', '/api/staff/audit', { eventName: 'DropTable' })).status).toBe(400);
    const noClient = await post('auditor', '/api/staff/audit/subject', {});
    expect(noClient.status).toBe(400);
    expect(((await noClient.json()) as { errors: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'client' }),
    ]);
  });
});

describe('nobody but an auditor', () => {
  it.each(['agent.court-fees', 'supervisor.court-fees', 'mailroom', 'admin'])(
    '%s is refused, and the refusal is recorded',
    async (user) => {
      for (const [path, body] of [
        ['/api/staff/audit', { user: 'agent.court-fees' }],
        ['/api/staff/audit', { format: 'csv' }],
        ['/api/staff/audit/subject', { client: 'someone@example.lv' }],
        ['/api/staff/audit', { from: 'bad' }],
      ] as const) {
        const response = await post(user, path, body);
        expect(response.status, `${user} ${path}`).toBe(403);
        expect(response.headers.get('content-type')).toContain('application/json');
      }
      const refusals = (await suite.client.auditRecords()).filter(
        (record) =>
          (record.userIdentity as { userName?: string }).userName === user &&
          ['ListAuditRecords', 'ExportAuditRecords', 'GetDataSubjectReport'].includes(
            String(record.eventName),
          ),
      );
      expect(refusals.map((record) => record.eventName).sort()).toEqual([
        'ExportAuditRecords',
        'GetDataSubjectReport',
        'ListAuditRecords',
        'ListAuditRecords',
      ]);
      for (const record of refusals)
        expect(record).toMatchObject({ errorCode: 'AccessDenied', readOnly: true });
      expect(JSON.stringify(refusals)).not.toContain('someone@example.lv');
    },
  );
});

describe('the sign-in record', () => {
  it('is written once per session, at its first use (not the token’s issue time)', async () => {
    const token = await staffToken(suite.sandbox, 'supervisor.court-fees');
    const issuedAt = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      iat: number;
      jti: string;
    };
    // The token waits a little before its first use.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const firstUse = new Date().toISOString();
    const me = () =>
      fetch(`${suite.sandbox.urls.web}/api/staff/me`, { headers: { authorization: `Bearer ${token}` } });
    const answers = await Promise.all([me(), me()]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect((await me()).status).toBe(200);

    const auditor = (await (
      await post('auditor', '/api/staff/audit', { user: 'supervisor.court-fees', limit: 1000 })
    ).json()) as AuditListResponse;
    const signIns = auditor.records.filter(
      (record) => record.eventName === 'SignIn' && record.eventTime >= firstUse,
    );
    expect(signIns).toHaveLength(1);
    expect(Date.parse(signIns[0]?.eventTime ?? '')).toBeGreaterThan(issuedAt.iat * 1000 + 1000);
    expect(signIns[0]?.requestParameters).toEqual({ authTime: expect.any(String) });
    expect(
      auditor.records.filter((record) => record.eventName === 'GetMe' && record.eventTime >= firstUse),
    ).toHaveLength(3);
  });
});
