/**
 * The staff API end to end on the real sandbox: tokens from the local issuer verified by the
 * gateway as the JWT authorizer would, the staff-api handler on DynamoDB Local, replies through
 * outbound.fifo and send-email into the SES mailbox. Includes the role × endpoint × record matrix.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { localClientId, localIssuer } from '../../infra/local/identity.ts';
import { nextWorkingDay } from '../../shared/domain/deadlines.ts';
import { addDays } from '../../shared/domain/working-days.ts';
import type { TicketDetail, TicketSummary } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const tokens = new Map<string, string>();

const suite = useSandbox('courtdesk-staff-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
  // About twenty tickets by the form from 127.0.0.1, near the form's per-address limit (tested in
  // edge-limits.e2e): raised, so a slow run cannot meet it.
  edgeLimits: { form: { limit: 1000 } },
});

async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const token = await staffToken(suite.sandbox, username);
  tokens.set(username, token);
  return token;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  user: string | undefined,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      ...(user ? { authorization: `Bearer ${await tokenOf(user)}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Submits a web request on `topic` and waits for its ticket. */
async function newTicket(
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; email: string; competence: string }> {
  const email = (overrides.email as string | undefined) ?? `client-${randomUUID().slice(0, 8)}@example.lv`;
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Jānis Bērziņš',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodevas atmaksa',
      message: 'Lūdzu atmaksāt pārmaksāto valsts nodevu lietā C12345.',
      consent: true,
      language: 'lv',
      ...overrides,
    }),
  });
  expect(response.status).toBe(202);
  const { reference } = (await response.json()) as { reference: string };
  const ticket = await eventually(async () => {
    const stored = await suite.client.ticket(reference);
    expect(stored).toBeDefined();
    return stored as { competence: string };
  });
  return { reference, email, competence: ticket.competence };
}

const ticketOf = (answer: Answer) => answer.body.ticket as TicketDetail;

async function auditOf(user: string, eventName: string): Promise<Record<string, unknown>[]> {
  return (await suite.client.auditRecords()).filter(
    (record) =>
      (record.userIdentity as { userName?: string }).userName === user && record.eventName === eventName,
  );
}

describe('sign-in and identity', () => {
  it('lists the seeded users of every role', async () => {
    const response = await fetch(`${suite.sandbox.urls.web}/local/users`);
    const users = (await response.json()) as { username: string; roles: string[]; competences: string[] }[];
    for (const role of ['agent', 'supervisor', 'mailroom', 'auditor', 'admin'])
      expect(users.some((user) => user.roles.includes(role))).toBe(true);
    expect(users.find((user) => user.username === 'agent.court-fees')).toEqual({
      username: 'agent.court-fees',
      roles: ['agent'],
      competences: ['court-fees'],
    });
  });

  it('refuses staff routes without a valid token, as the JWT authorizer does', async () => {
    expect((await call(undefined, 'GET', '/api/staff/me')).status).toBe(401);
    expect(
      (await call(undefined, 'GET', '/api/staff/me', undefined, { authorization: 'Bearer not.a.token' }))
        .status,
    ).toBe(401);
    // Signed with the right key but for another client, and expired: both refused.
    const { privateJwk } = JSON.parse(
      readFileSync(join(suite.dataDir, 'identity', 'signing-key.json'), 'utf8'),
    ) as {
      privateJwk: JWK;
    };
    const key = await importJWK(privateJwk, 'RS256');
    const sign = (claims: Record<string, unknown>, expiresAt: number) =>
      new SignJWT({
        username: 'agent.court-fees',
        'cognito:groups': ['role-agent', 'competence-court-fees'],
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid ?? '' })
        .setIssuer(localIssuer)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    for (const forged of [
      await sign({ client_id: 'someone-else' }, now + 600),
      await sign({ client_id: localClientId }, now - 60),
    ]) {
      const answer = await call(undefined, 'GET', '/api/staff/me', undefined, {
        authorization: `Bearer ${forged}`,
      });
      expect(answer.status).toBe(401);
    }
    // A token from another issuer (a key of its own) is refused too.
    // Without an expiry, or an ID token (no access scope): refused too.
    const noExpiry = await new SignJWT({
      username: 'agent.court-fees',
      'cognito:groups': ['role-agent', 'competence-court-fees'],
      client_id: localClientId,
      token_use: 'access',
    })
      .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid ?? '' })
      .setIssuer(localIssuer)
      .setIssuedAt()
      .sign(key);
    expect(
      (await call(undefined, 'GET', '/api/staff/me', undefined, { authorization: `Bearer ${noExpiry}` }))
        .status,
    ).toBe(401);
    const idToken = await sign({ client_id: localClientId, token_use: 'id' }, now + 600);
    expect(
      (await call(undefined, 'GET', '/api/staff/me', undefined, { authorization: `Bearer ${idToken}` }))
        .status,
    ).toBe(401);
    const stranger = await new SignJWT({ username: 'x', client_id: localClientId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(localIssuer)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('a-secret-of-thirty-two-bytes-long!!'));
    expect(
      (await call(undefined, 'GET', '/api/staff/me', undefined, { authorization: `Bearer ${stranger}` }))
        .status,
    ).toBe(401);
  });

  it('serves the sign-in configuration publicly and the dev sign-in page', async () => {
    const config = await call(undefined, 'GET', '/api/auth/config');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ mode: 'local', signInUrl: '/local/sign-in' });
    const page = await fetch(`${suite.sandbox.urls.web}/local/sign-in?return=/admin/`);
    const html = await page.text();
    expect(html).toContain('value="agent.court-fees"');
    const signIn = await fetch(`${suite.sandbox.urls.web}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=agent.court-fees&return=//evil.example/',
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    // An open redirect is not possible: the return path is this site's admin page.
    expect(signIn.headers.get('location')).toMatch(
      /^\/admin\/#token=[\w-]+\.[\w-]+\.[\w-]+&refresh_token=[\w-]+$/,
    );
  });

  it('answers who I am, and records one sign-in per session', async () => {
    const me = await call('agent.court-fees', 'GET', '/api/staff/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'agent.court-fees', roles: ['agent'], idleTimeoutMinutes: 15 });
    expect(me.body.competences).toEqual([
      { id: 'court-fees', name: { lv: expect.any(String), en: expect.any(String) }, supervisor: false },
    ]);
    expect(Date.parse(String(me.body.sessionExpiresAt))).toBeGreaterThan(Date.now() + 7 * 3600_000);
    await call('agent.court-fees', 'GET', '/api/staff/me');
    expect(await auditOf('agent.court-fees', 'SignIn')).toHaveLength(1);
    const out = await call('agent.court-fees', 'POST', '/api/staff/sign-out');
    expect(out.status).toBe(200);
    expect(await auditOf('agent.court-fees', 'SignOut')).toHaveLength(1);
    // The signed-out token is refused from now on (staff-sessions.e2e): later tests sign in anew.
    tokens.delete('agent.court-fees');
  });

  it('records the sign-in at a session’s first call whatever the route, once, at the time of that call', async () => {
    // A fresh session (token) for a user no other test signs in with, used first on a worklist.
    const token = await staffToken(suite.sandbox, 'supervisor.legal-aid');
    const firstCallAt = Date.now();
    const headers = { authorization: `Bearer ${token}` };
    const list = await fetch(`${suite.sandbox.urls.web}/api/staff/tickets?view=queue`, { headers });
    expect(list.status).toBe(200);
    const [signIn, ...more] = await auditOf('supervisor.legal-aid', 'SignIn');
    expect(more).toEqual([]);
    expect(Date.parse(String(signIn?.eventTime))).toBeGreaterThanOrEqual(firstCallAt - 1000);
    expect(signIn?.requestParameters).toMatchObject({ authTime: expect.any(String) });
    // Later calls of the same session, /me included, sign in no more.
    await fetch(`${suite.sandbox.urls.web}/api/staff/me`, { headers });
    await fetch(`${suite.sandbox.urls.web}/api/staff/tickets?view=queue`, { headers });
    expect(await auditOf('supervisor.legal-aid', 'SignIn')).toHaveLength(1);
  });

  it('sends the security headers on every API answer', async () => {
    for (const answer of [
      await call('agent.court-fees', 'GET', '/api/staff/me'),
      await call(undefined, 'GET', '/api/staff/me'),
      await call(undefined, 'GET', '/api/auth/config'),
    ]) {
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('working a ticket', () => {
  it('takes next, replies by email with the reference in the subject, and shows the sent reply', async () => {
    const { reference, email, competence } = await newTicket();
    expect(competence).toBe('court-fees');

    const queue = await call('agent.court-fees', 'GET', '/api/staff/tickets?view=queue');
    expect(queue.status).toBe(200);
    expect((queue.body.items as TicketSummary[]).map((item) => item.reference)).toContain(reference);

    // Take next until this one is ours (other tests' tickets may be older).
    let taken: TicketDetail | null = null;
    for (let i = 0; i < 20 && taken?.reference !== reference; i += 1) {
      const next = await call('agent.court-fees', 'POST', '/api/staff/tickets/next', {});
      expect(next.status).toBe(200);
      taken = ticketOf(next);
      expect(taken).not.toBeNull();
    }
    expect(taken).toMatchObject({ reference, status: 'open', assignee: 'agent.court-fees' });
    expect(taken?.routing.explanation.lv.length).toBeGreaterThan(0);
    expect(taken?.thread[0]).toMatchObject({ kind: 'client', text: expect.stringContaining('C12345') });

    const mine = await call('agent.court-fees', 'GET', '/api/staff/tickets?view=mine');
    expect((mine.body.items as TicketSummary[]).map((item) => item.reference)).toContain(reference);

    const reply = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/replies`,
      { text: 'Pārmaksātā nodeva tiks atmaksāta 10 darbdienu laikā.' },
      { 'idempotency-key': `reply-${reference}` },
    );
    expect(reply.status).toBe(200);
    expect(ticketOf(reply).status).toBe('answered');
    // The same request again (a double click, a retry) adds nothing.
    const again = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/replies`,
      { text: 'Pārmaksātā nodeva tiks atmaksāta 10 darbdienu laikā.' },
      { 'idempotency-key': `reply-${reference}` },
    );
    expect(again.status).toBe(200);
    expect(ticketOf(again).thread.filter((entry) => entry.kind === 'reply')).toHaveLength(1);

    const mail = await eventually(async () => {
      const replies = (await suite.client.emailsTo(email)).filter((message) =>
        message.subject.startsWith('Atbilde'),
      );
      expect(replies).toHaveLength(1);
      return replies[0];
    });
    expect(mail?.subject).toContain(reference);
    expect(mail?.body.text).toContain('10 darbdienu laikā');

    const shown = await eventually(async () => {
      const detail = ticketOf(await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`));
      const sent = detail.thread.find((entry) => entry.kind === 'reply');
      expect(sent?.delivery?.state).toBe('sent');
      return detail;
    });
    expect(shown.thread.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['client', 'reply', 'notice']),
    );
    expect(shown.deadlineBadge).toBeUndefined();
    // Answered: off the deadline index, so no longer in due or overdue lists.
    const stored = await suite.client.documents.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: suite.sandbox.tableNames.tickets,
        Key: { pk: `TICKET#${reference}`, sk: 'TICKET' },
      }),
    );
    expect(stored.Item?.dueKey).toBeUndefined();
    expect(await auditOf('agent.court-fees', 'ReplyToClient')).not.toHaveLength(0);
  });

  it('keeps internal notes out of the client mail, changes status, extends and re-routes', async () => {
    const { reference, email } = await newTicket();
    await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/take`, {
      reason: 'Vecākais gaida klienta zvanu',
    });
    const note = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/notes`, {
      text: 'Iekšēji: pārbaudīt maksājumu sistēmā',
    });
    expect(note.status).toBe(200);
    expect(ticketOf(note).thread.find((entry) => entry.kind === 'note')).toMatchObject({
      author: 'agent.court-fees',
      text: 'Iekšēji: pārbaudīt maksājumu sistēmā',
    });

    const waiting = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'waiting-on-client',
    });
    expect(ticketOf(waiting).status).toBe('waiting-on-client');
    const closed = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'closed',
    });
    expect(ticketOf(closed).status).toBe('closed');
    expect(ticketOf(closed).history.filter((entry) => entry.action === 'status')).toHaveLength(2);
    const replyToClosed = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/replies`, {
      text: 'x',
    });
    expect(replyToClosed).toMatchObject({ status: 409, body: { code: 'Closed' } });
    const reopened = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'open',
    });
    expect(ticketOf(reopened).status).toBe('open');

    const before = ticketOf(reopened).answerDeadline;
    const invalid = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/deadline`, {
      deadline: '2099-01-01',
      reason: 'Nepieciešama informācija no tiesas',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('Invalid');

    const later = nextWorkingDay(addDays(before, 14));
    const extended = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/deadline`, {
      deadline: later,
      reason: 'Jāsaņem informācija no tiesas',
    });
    expect(extended.status).toBe(200);
    expect(ticketOf(extended)).toMatchObject({ answerDeadline: later });
    expect(ticketOf(extended).history.at(-1)).toMatchObject({
      action: 'deadline-extended',
      by: 'agent.court-fees',
    });
    const extension = (await auditOf('agent.court-fees', 'ExtendDeadline')).find(
      (record) => !record.errorCode && JSON.stringify(record.resources).includes(reference),
    );
    // The reason (free text) is on the ticket; the trail keeps its fingerprint.
    expect(extension?.requestParameters).toMatchObject({ from: before, to: later, reasonLength: 29 });
    expect(JSON.stringify(extension)).not.toContain('Jāsaņem');

    const moved = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/route`, {
      competence: 'general',
      reason: 'Jautājums nav par nodevām',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ ticket: null, movedTo: 'general' });
    const there = await call('agent.general', 'GET', `/api/staff/tickets/${reference}`);
    expect(ticketOf(there)).toMatchObject({ competence: 'general', status: 'new', answerDeadline: later });
    expect((await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`)).status).toBe(403);

    // The client got the reroute notice but never the note.
    await eventually(async () => {
      const mails = await suite.client.emailsTo(email);
      expect(mails.some((mail) => mail.subject.includes('kompetentajai'))).toBe(true);
      expect(mails.some((mail) => (mail.body.text ?? '').includes('Iekšēji'))).toBe(false);
      return true;
    });
  });

  it('answers field errors in the caller’s language', async () => {
    const { reference } = await newTicket();
    const lv = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/notes`, {
      text: '   ',
    });
    expect(lv.status).toBe(400);
    expect(lv.body).toEqual({ errors: [{ field: 'text', message: 'Šis lauks ir obligāts.' }] });
    const en = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/route`,
      {},
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'competence', message: 'This field is required.' },
        { field: 'reason', message: 'This field is required.' },
      ]),
    );
    const malformed = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/notes`,
      '{"text":',
    );
    expect(malformed.status).toBe(400);
    const tooLong = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/notes`, {
      text: 'x'.repeat(20_001),
    });
    expect(tooLong.body).toEqual({ errors: [{ field: 'text', message: 'Teksts ir pārāk garš.' }] });
    expect((await call('agent.court-fees', 'GET', '/api/staff/tickets?view=everything')).status).toBe(400);
    expect((await call('agent.court-fees', 'GET', '/api/staff/tickets/not-a-reference')).status).toBe(404);
    expect((await call('agent.court-fees', 'GET', '/api/staff/tickets/TA-2026-999999')).status).toBe(404);
    const wrongStatus = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'new',
    });
    expect(wrongStatus.status).toBe(400);
    // Refused calls are in the audit trail too, with what refused them.
    const refusedNotes = (await auditOf('agent.court-fees', 'AddNote')).filter(
      (record) =>
        record.errorCode === 'ValidationError' && JSON.stringify(record.resources).includes(reference),
    );
    expect(refusedNotes).toHaveLength(3);
  });

  it('searches by reference, email and words, within the caller’s units', async () => {
    const { reference, email } = await newTicket({
      subject: 'Sūdzība par nodevu',
      message: 'Ļoti steidzama SŪDZĪBA.',
    });
    const search = (user: string, q: string) => call(user, 'POST', '/api/staff/search', { q });
    const byReference = await search('agent.court-fees', reference);
    expect((byReference.body.items as TicketSummary[]).map((item) => item.reference)).toEqual([reference]);
    const byEmail = await search('agent.court-fees', email.toUpperCase());
    expect((byEmail.body.items as TicketSummary[]).map((item) => item.reference)).toEqual([reference]);
    const byWords = await search('agent.court-fees', 'sudziba steidzama');
    expect((byWords.body.items as TicketSummary[]).map((item) => item.reference)).toContain(reference);
    for (const q of [reference, email, 'sūdzība']) {
      const other = await search('agent.general', q);
      expect(other.status).toBe(200);
      expect((other.body.items as TicketSummary[]).map((item) => item.reference)).not.toContain(reference);
    }
    // The search by GET is gone: words in a query string would reach the CDN's access logs.
    const byGet = await call('agent.court-fees', 'GET', `/api/staff/search?q=${encodeURIComponent(email)}`);
    expect([404, 405]).toContain(byGet.status);
    expect(byGet.body).not.toHaveProperty('items');
    const searches = await auditOf('agent.court-fees', 'SearchTickets');
    // The query itself (an address, a name) is not in the audit trail, only its kind.
    expect(searches.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(searches)).not.toContain(email.split('@')[0]);

    const second = await newTicket({ email });
    const related = await call('agent.court-fees', 'GET', `/api/staff/tickets/${second.reference}/related`);
    expect((related.body.items as TicketSummary[]).map((item) => item.reference)).toEqual([reference]);
  });

  it('ends service: closes, tells the client politely, and sends the sender’s next mail to a supervisor', async () => {
    const { reference, email } = await newTicket();
    const ended = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/end-service`, {
      reason: 'Aizskaroša saziņa',
    });
    expect(ended.status).toBe(200);
    expect(ticketOf(ended)).toMatchObject({ status: 'closed' });
    expect(ticketOf(ended).history.at(-1)).toMatchObject({
      action: 'service-ended',
      detail: 'Aizskaroša saziņa',
    });
    const notice = await eventually(async () => {
      const mails = (await suite.client.emailsTo(email)).filter((mail) =>
        mail.subject.includes('Par Jūsu saziņu'),
      );
      expect(mails).toHaveLength(1);
      return mails[0];
    });
    expect(notice?.body.text).not.toContain('Aizskaroša');

    const next = await newTicket({ email });
    // No acknowledgement for the flagged sender's new request; it waits for a supervisor.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      (await suite.client.emailsTo(email)).filter((mail) => mail.subject.includes(next.reference)),
    ).toHaveLength(0);
    const queue = await call('agent.court-fees', 'GET', '/api/staff/tickets?view=queue&limit=100');
    expect((queue.body.items as TicketSummary[]).map((item) => item.reference)).not.toContain(next.reference);
    expect((await call('agent.court-fees', 'GET', '/api/staff/tickets?view=review')).status).toBe(403);
    const review = await call('supervisor.court-fees', 'GET', '/api/staff/tickets?view=review');
    expect(review.body.items).toEqual([expect.objectContaining({ reference: next.reference, review: true })]);
    const agentTake = await call('agent.court-fees', 'POST', `/api/staff/tickets/${next.reference}/take`, {});
    expect(agentTake.status).toBe(403);
    const supervisorTake = await call(
      'supervisor.court-fees',
      'POST',
      `/api/staff/tickets/${next.reference}/take`,
      {},
    );
    expect(supervisorTake.status).toBe(200);
    expect(ticketOf(supervisorTake)).toMatchObject({ status: 'open', assignee: 'supervisor.court-fees' });
  });
});

describe('acknowledgement limit', () => {
  it('sends one address five acknowledgements an hour, and shows staff the sixth as withheld', async () => {
    const email = `daudz-${randomUUID().slice(0, 8)}@example.lv`;
    const references: string[] = [];
    for (let i = 0; i < 6; i += 1)
      references.push((await newTicket({ email, subject: `Nr. ${i}` })).reference);
    const sixth = references[5] ?? '';
    const detail = await eventually(async () => {
      const answer = ticketOf(await call('agent.court-fees', 'GET', `/api/staff/tickets/${sixth}`));
      expect(answer.thread.find((entry) => entry.kind === 'notice')?.delivery).toEqual({
        state: 'withheld',
        reason: 'rate-limit',
      });
      return answer;
    });
    expect(detail.thread.filter((entry) => entry.kind === 'notice')).toHaveLength(1);
    await eventually(async () => {
      expect(await suite.client.emailsTo(email)).toHaveLength(5);
      return true;
    });
    expect((await suite.client.emailsTo(email)).some((mail) => mail.subject.includes(sixth))).toBe(false);
  });
});

describe('answer templates', () => {
  it('offers each unit’s own and the shared templates in both languages', async () => {
    const answer = await call('agent.court-fees', 'GET', '/api/staff/templates');
    expect(answer.status).toBe(200);
    const templates = answer.body.templates as { id: string; competence: string; language: string }[];
    expect(templates.every((template) => template.competence === 'court-fees')).toBe(true);
    expect(templates.map((template) => template.id)).toContain('court-fees/fee-payment-details/lv');
    expect(new Set(templates.map((template) => template.language))).toEqual(new Set(['lv', 'en']));
    expect(new Set(templates.map((template) => template.id)).size).toBe(templates.length);
    const twoUnits = await call('agent.two-units', 'GET', '/api/staff/templates');
    expect(new Set((twoUnits.body.templates as { competence: string }[]).map((t) => t.competence))).toEqual(
      new Set(['e-services', 'legal-aid']),
    );
  });
});

describe('access control per record', () => {
  const outsiders = [
    'agent.general',
    'supervisor.general',
    'agent.two-units',
    'mailroom',
    'auditor',
    'admin',
  ];
  const insiders = ['agent.court-fees', 'supervisor.court-fees'];

  it('refuses every endpoint on another unit’s ticket with 403, audits it, and changes nothing', async () => {
    const { reference } = await newTicket();
    // Once its acknowledgement is sent, nothing but these requests could change the ticket.
    const before = await eventually(async () => {
      const ticket = await suite.client.ticket(reference);
      return ticket?.acknowledgement ? ticket : undefined;
    });
    const requests: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
      ['GET', `/api/staff/tickets/${reference}`],
      ['GET', `/api/staff/tickets/${reference}/related`],
      ['POST', `/api/staff/tickets/${reference}/take`, { reason: 'Gribu šo' }],
      ['POST', `/api/staff/tickets/${reference}/replies`, { text: 'Atbilde' }],
      ['POST', `/api/staff/tickets/${reference}/notes`, { text: 'Piezīme' }],
      ['POST', `/api/staff/tickets/${reference}/route`, { competence: 'general', reason: 'Iemesls' }],
      ['POST', `/api/staff/tickets/${reference}/status`, { status: 'closed' }],
      ['POST', `/api/staff/tickets/${reference}/deadline`, { deadline: '2099-01-01', reason: 'Iemesls' }],
      ['POST', `/api/staff/tickets/${reference}/end-service`, { reason: 'Iemesls' }],
    ];
    for (const user of outsiders) {
      for (const [method, path, body] of requests) {
        const answer = await call(user, method, path, body);
        expect({ user, method, path, status: answer.status }).toEqual({ user, method, path, status: 403 });
        expect(answer.body.code).toBe('AccessDenied');
        // Nothing of the ticket leaks into a refusal.
        expect(JSON.stringify(answer.body)).not.toContain('C12345');
      }
      const denials = (await suite.client.auditRecords()).filter(
        (record) =>
          (record.userIdentity as { userName?: string }).userName === user &&
          record.errorCode === 'AccessDenied' &&
          JSON.stringify(record.resources).includes(reference),
      );
      expect(denials).toHaveLength(requests.length);
    }
    expect(await suite.client.ticket(reference)).toEqual(before);
    for (const user of insiders) {
      const answer = await call(user, 'GET', `/api/staff/tickets/${reference}`);
      expect(answer.status).toBe(200);
      expect(ticketOf(answer).reference).toBe(reference);
    }
  });

  it('keeps lists, search and take-next within the caller’s units; others get 403 on ticket routes', async () => {
    const { reference } = await newTicket();
    for (const user of ['agent.general', 'agent.two-units', 'supervisor.general']) {
      for (const view of ['queue', 'mine', 'due', 'overdue']) {
        const list = await call(user, 'GET', `/api/staff/tickets?view=${view}&limit=100`);
        expect(list.status).toBe(200);
        const items = list.body.items as TicketSummary[];
        expect(items.map((item) => item.reference)).not.toContain(reference);
        expect(items.every((item) => item.competence !== 'court-fees')).toBe(true);
      }
      expect((await call(user, 'GET', '/api/staff/tickets?view=queue&competence=court-fees')).status).toBe(
        403,
      );
      expect((await call(user, 'POST', '/api/staff/tickets/next', { competence: 'court-fees' })).status).toBe(
        403,
      );
      const next = await call(user, 'POST', '/api/staff/tickets/next', {});
      expect(next.status).toBe(200);
      expect(ticketOf(next)?.competence ?? 'none').not.toBe('court-fees');
    }
    for (const user of ['mailroom', 'auditor', 'admin']) {
      for (const [method, path] of [
        ['GET', '/api/staff/tickets?view=queue'],
        ['POST', '/api/staff/tickets/next'],
        ['POST', '/api/staff/search'],
        ['GET', '/api/staff/templates'],
      ] as const) {
        const answer = await call(user, method, path, method === 'POST' ? { q: reference } : undefined);
        expect({ user, path, status: answer.status }).toEqual({ user, path, status: 403 });
      }
      const me = await call(user, 'GET', '/api/staff/me');
      expect(me.status).toBe(200);
      expect(me.body.competences).toEqual([]);
    }
  });
});

describe('hardening', () => {
  it('keeps a flagged sender’s new ticket with the supervisors, even when re-routed', async () => {
    const { reference, email } = await newTicket();
    await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/end-service`, {
      reason: 'Draudi',
    });
    const held = await newTicket({ email, subject: 'Atkal es', message: 'Vēlreiz rakstu' });
    for (const [method, path, body] of [
      ['GET', `/api/staff/tickets/${held.reference}`],
      ['POST', `/api/staff/tickets/${held.reference}/notes`, { text: 'x' }],
      ['POST', `/api/staff/tickets/${held.reference}/route`, { competence: 'general', reason: 'x' }],
      ['POST', `/api/staff/tickets/${held.reference}/status`, { status: 'closed' }],
    ] as const) {
      expect((await call('agent.court-fees', method, path, body)).status).toBe(403);
    }
    const search = await call('agent.court-fees', 'POST', '/api/staff/search', { q: 'atkal rakstu' });
    expect((search.body.items as TicketSummary[]).map((item) => item.reference)).not.toContain(
      held.reference,
    );
    const moved = await call('supervisor.court-fees', 'POST', `/api/staff/tickets/${held.reference}/route`, {
      competence: 'general',
      reason: 'Vispārīgs jautājums',
    });
    expect(moved.status).toBe(200);
    const next = await call('agent.general', 'POST', '/api/staff/tickets/next', {});
    expect(ticketOf(next)?.reference).not.toBe(held.reference);
    const review = await call('supervisor.general', 'GET', '/api/staff/tickets?view=review');
    expect((review.body.items as TicketSummary[]).map((item) => item.reference)).toContain(held.reference);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      (await suite.client.emailsTo(email)).filter((mail) => mail.subject.includes(held.reference)),
    ).toEqual([]);
  });

  it('does not let an untaken ticket be closed and reopened past the queue', async () => {
    const { reference } = await newTicket();
    const closed = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    const reopened = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/status`, {
      status: 'open',
    });
    expect(reopened).toMatchObject({ status: 409, body: { code: 'NotTaken' } });
  });

  it('refuses an idempotency key reused for another text, a forged cursor and a malformed path', async () => {
    const { reference } = await newTicket();
    await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/notes`,
      { text: 'Pirmā' },
      {
        'idempotency-key': `note-${reference}`,
      },
    );
    const reused = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/notes`,
      { text: 'Otrā' },
      {
        'idempotency-key': `note-${reference}`,
      },
    );
    expect(reused).toMatchObject({ status: 422, body: { code: 'IdempotencyMismatch' } });
    const cursor = Buffer.from(JSON.stringify({ pk: 'TICKET#x', sk: 'TICKET' })).toString('base64url');
    const forged = await call(
      'agent.court-fees',
      'GET',
      `/api/staff/tickets?view=queue&competence=court-fees&cursor=${cursor}`,
    );
    expect(forged).toMatchObject({ status: 400, body: { code: 'InvalidCursor' } });
    expect((await call('agent.court-fees', 'GET', '/api/staff/tickets/%E0%A4%A')).status).toBe(404);
    const probe = 'Jānis Bērziņš jb@example.lv';
    expect(
      (await call('agent.court-fees', 'GET', `/api/staff/tickets/${encodeURIComponent(probe)}`)).status,
    ).toBe(404);
    expect(JSON.stringify(await suite.client.auditRecords())).not.toContain('jb@example.lv');
    const blank = await call('agent.court-fees', 'POST', '/api/staff/search', { q: '   ' });
    expect(blank).toMatchObject({ status: 400, body: { errors: [{ field: 'q' }] } });
  });
});
