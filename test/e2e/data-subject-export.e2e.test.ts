/**
 * The data-subject export end to end on the sandbox: a logged call's client exported by the data
 * protection officer — a 5-minute link to a ZIP under exports/ holding subject.json with the
 * ticket and its text, and the Latvian PDF summary; audited without the phone or the name; gone
 * once the subject is erased; refused to every other role. Needs the DynamoDB `DataSubjectRecords` (the erasure work) to be wired in
 * staff-api (`functions/staff-api/data-subject-records.ts`): until then the export answers a 500.
 */
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogCallResponse } from '../../shared/http/staff-contract.ts';
import type { DataSubjectExportResponse } from '../../shared/use-cases/views/data-subjects.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-export-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const user of ['agent.legal-aid', 'dpo', 'auditor'])
    tokens[user] = await staffToken(suite.sandbox, user);
});

async function call<T = Record<string, unknown>>(
  user: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'accept-language': 'lv',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('data-subject export', () => {
  const client = {
    digit: 1,
    phone: '29 555 017',
    name: 'Elīza Ozoliņa',
    summary: 'Jautā par sava prasības pieteikuma izskatīšanas gaitu lietā C-77.',
  };

  it('zips the subject’s ticket with a PDF summary behind a 5-minute link, audited without personal data', async () => {
    const logged = await call<LogCallResponse>('agent.legal-aid', '/api/staff/calls', client, {
      'idempotency-key': 'export-call-0001',
    });
    expect(logged.status).toBe(200);
    const reference = logged.body.reference;

    const exported = await call<DataSubjectExportResponse>('dpo', '/api/staff/data-subjects/export', {
      phone: client.phone,
      references: [reference],
    });
    expect(exported.status).toBe(200);
    expect(exported.body.tickets).toBeGreaterThanOrEqual(1);
    expect(Date.parse(exported.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(new URL(exported.body.url).pathname).toMatch(/\/exports\/[0-9a-f-]+\.zip$/);
    // Personal data travels in bodies, never in URLs.
    // (The signature, date and credential are hex and digits of their own: they may hold any run.)
    const signedFor = exported.body.url.replace(/X-Amz-(Signature|Date|Credential)=[^&]*/g, '');
    expect(signedFor).not.toContain('555');

    const download = await fetch(exported.body.url);
    expect(download.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['subject.json', 'kopsavilkums.pdf']));
    const document = JSON.parse(new TextDecoder().decode(zip['subject.json']));
    expect(document.schemaVersion).toBe(1);
    const ticket = document.tickets.find((entry: { reference: string }) => entry.reference === reference);
    expect(ticket).toMatchObject({ channel: 'phone', client: { name: client.name } });
    expect(JSON.stringify(ticket)).toContain('lietā C-77');

    const records = await suite.client.auditRecords();
    const audited = records.filter((record) => record.eventName === 'ExportDataSubject');
    expect(audited).toHaveLength(1);
    const written = JSON.stringify(audited[0]);
    expect(written).toContain(reference);
    for (const personal of ['555', 'Ozoliņa', 'C-77']) expect(written).not.toContain(personal);

    // Erasing the subject deletes the export too, long before its 7 days: the link finds nothing.
    const erased = await call<{ erased: string[] }>('dpo', '/api/staff/data-subjects/erase', {
      references: [reference],
      reason: 'Regulas 17. pants',
    });
    expect(erased.body.erased).toEqual([reference]);
    expect((await fetch(exported.body.url)).status).toBe(404);
  });

  it('is refused to every role but dpo, and the refusal is audited', async () => {
    for (const user of ['agent.legal-aid', 'auditor']) {
      const refused = await call(user, '/api/staff/data-subjects/export', { phone: client.phone });
      expect(refused.status).toBe(403);
    }
    const records = await suite.client.auditRecords();
    const refusals = records.filter(
      (record) => record.eventName === 'ExportDataSubject' && record.errorCode === 'AccessDenied',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const refusal of refusals) expect(JSON.stringify(refusal)).not.toContain('555');
  });
});
