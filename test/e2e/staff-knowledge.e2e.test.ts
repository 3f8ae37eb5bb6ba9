/**
 * Staff reuse of the knowledge base on the real sandbox: the reply editor's search, and the
 * assistant's question figures (JSON and CSV) for supervisors only, each read audited.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-staff-knowledge-', { quiet: true, buildWeb: false, schedules: false });

async function staffGet(user: string, path: string): Promise<Response> {
  const token = await staffToken(suite.sandbox, user);
  return fetch(`${suite.sandbox.urls.web}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function searchKnowledge(user: string, body: object): Promise<Response> {
  const token = await staffToken(suite.sandbox, user);
  return fetch(`${suite.sandbox.urls.web}/api/staff/knowledge/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('staff reuse of the knowledge base', () => {
  it('an agent finds an article and a glossary term with the text to insert', async () => {
    const response = await searchKnowledge('agent.court-fees', { q: ' valsts nodeva ', lang: 'lv' });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { kind: string; id: string; text: string }[] };
    expect(items.find((item) => item.kind === 'article')?.id).toBe('state-fee-payment-details');
    expect(items.find((item) => item.kind === 'term')?.id).toBe('valsts-nodeva');
    expect((await searchKnowledge('mailroom', { q: 'nodeva' })).status).toBe(403);
    // The words travel in the body only: the GET with a query string is gone.
    expect([404, 405]).toContain(
      (await staffGet('agent.court-fees', '/api/staff/knowledge/search?q=valsts%20nodeva')).status,
    );
    const short = await searchKnowledge('agent.court-fees', { q: 'a', lang: 'lv' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'q',
    ]);
  });

  it("a supervisor reads the assistant's figures, as JSON and as CSV; an agent may not", async () => {
    const page = `page-${randomUUID().slice(0, 12)}`;
    const asked = await fetch(`${suite.sandbox.urls.web}/api/assistant/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'kur nopirkt slēpes', lang: 'lv', page }),
    });
    expect(asked.status).toBe(200);

    const json = await staffGet('supervisor.court-fees', '/api/staff/knowledge/questions');
    expect(json.status).toBe(200);
    const figures = (await json.json()) as {
      totals: { questions: number };
      unanswered: { example: string }[];
    };
    expect(figures.totals.questions).toBeGreaterThanOrEqual(1);
    expect(figures.unanswered.map((group) => group.example)).toContain('kur nopirkt slēpes');

    const csv = await staffGet('supervisor.court-fees', '/api/staff/knowledge/questions?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('"kur nopirkt slēpes"');

    expect((await staffGet('agent.court-fees', '/api/staff/knowledge/questions')).status).toBe(403);
    const names = (await suite.client.auditRecords()).map((record) => record.eventName);
    expect(names).toEqual(
      expect.arrayContaining(['ListAssistantQuestions', 'ExportAssistantQuestions', 'SearchKnowledge']),
    );
  });
});
