/**
 * The data protection officer's routes end to end on the sandbox: every other role is refused
 * (403, audited), the officer finds a client's ticket by email, a legal hold refuses its erasure,
 * and once lifted the erasure pseudonymises it, with one audit record that holds no personal data.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-data-subjects-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const others = ['agent.court-fees', 'supervisor.court-fees', 'admin', 'auditor', 'editor', 'mailroom'];
const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const user of [...others, 'dpo']) tokens[user] = await staffToken(suite.sandbox, user);
});

async function call<T = Record<string, unknown>>(
  user: string,
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
) {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'accept-language': 'lv',
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function submit(email: string): Promise<string> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Anna Liepa',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodeva Liepai',
      message: 'Cik jāmaksā Annai Liepai?',
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  return String(((await response.json()) as { reference: string }).reference);
}

describe('data subjects', () => {
  it('refuses every role but dpo on every route, and audits the refusals', async () => {
    const routes = [
      ['POST', '/api/staff/data-subjects/search', { email: 'x@example.lv' }],
      ['POST', '/api/staff/data-subjects/erase', { email: 'x@example.lv', reason: 'Regulas 17. pants' }],
      ['POST', '/api/staff/tickets/TA-2026-000001/legal-hold', { reason: 'Tiesvedība' }],
      ['DELETE', '/api/staff/tickets/TA-2026-000001/legal-hold', {}],
    ] as const;
    for (const user of others)
      for (const [method, path, body] of routes)
        expect({ user, path, method, status: (await call(user, method, path, body)).status }).toEqual({
          user,
          path,
          method,
          status: 403,
        });
    const refused = (await suite.client.auditRecords()).filter(
      (record) => record.errorCode === 'AccessDenied',
    );
    for (const name of ['SearchDataSubject', 'EraseDataSubject', 'SetLegalHold', 'LiftLegalHold'])
      expect(refused.some((record) => record.eventName === name)).toBe(true);
  });

  it('finds, holds, refuses, lifts and erases; the ticket is pseudonymised and the audit holds no personal data', async () => {
    const email = `liepa-${randomUUID().slice(0, 8)}@example.lv`;
    const reference = await submit(email);
    await eventually(async () => ((await suite.client.ticket(reference)) ? true : undefined));

    const found = await call<{ tickets: { reference: string; legalHold: unknown }[] }>(
      'dpo',
      'POST',
      '/api/staff/data-subjects/search',
      {
        email: email.toUpperCase(),
      },
    );
    expect(found.status).toBe(200);
    expect(found.body.tickets).toEqual([expect.objectContaining({ reference, legalHold: null })]);

    expect(
      (
        await call('dpo', 'POST', `/api/staff/tickets/${reference}/legal-hold`, {
          reason: 'Tiesvedība C-1/2026',
        })
      ).status,
    ).toBe(200);
    const refused = await call('dpo', 'POST', '/api/staff/data-subjects/erase', {
      email,
      reason: 'Regulas 17. pants',
    });
    expect(refused.body).toEqual({
      erased: [],
      held: [{ reference, reason: 'Tiesvedība C-1/2026' }],
      questions: 0,
    });

    expect((await call('dpo', 'DELETE', `/api/staff/tickets/${reference}/legal-hold`, {})).body).toEqual({
      reference,
      legalHold: null,
    });
    const erased = await call('dpo', 'POST', '/api/staff/data-subjects/erase', {
      email,
      reason: 'Regulas 17. pants',
    });
    expect(erased).toEqual({ status: 200, body: { erased: [reference], held: [], questions: 0 } });

    const ticket = await suite.client.ticket(reference);
    expect(ticket).toMatchObject({
      client: { name: '', email: '' },
      subject: '',
      body: '',
      erasure: { basis: 'request' },
    });
    expect(JSON.stringify(ticket)).not.toMatch(/liepa/i);
    // Nothing of the client is left to hold: 409, said in the caller's language.
    expect(
      await call('dpo', 'POST', `/api/staff/tickets/${reference}/legal-hold`, { reason: 'Tiesvedība' }),
    ).toEqual({
      status: 409,
      body: { code: 'Erased', message: expect.stringContaining('personas dati ir dzēsti') },
    });
    const records = (await suite.client.auditRecords()).filter((record) =>
      ['SearchDataSubject', 'EraseDataSubject'].includes(String(record.eventName)),
    );
    expect(
      records.filter((record) => record.eventName === 'EraseDataSubject' && !record.errorCode),
    ).toHaveLength(1);
    expect(JSON.stringify(records).toLowerCase()).not.toContain(email);
    expect((await call('dpo', 'POST', '/api/staff/data-subjects/search', { email })).body).toMatchObject({
      tickets: [],
    });
  });
});
