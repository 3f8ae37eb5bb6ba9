/**
 * Phone, end to end on the real sandbox: a staff member logs a call as a ticket
 * by the phone menu's digit (§8); a web-form request asking for a callback (§19.1) waits in its
 * unit's callback list until the call is recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogCallResponse, TicketDetail, TicketListResponse } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-phone-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const user of ['agent.court-fees', 'agent.legal-aid', 'mailroom'])
    tokens[user] = await staffToken(suite.sandbox, user);
});

async function call<T = Record<string, unknown>>(
  user: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'accept-language': 'lv',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function ticketAs(user: string, reference: string): Promise<TicketDetail> {
  return eventually(async () => {
    const { status, body } = await call<{ ticket: TicketDetail }>(
      user,
      'GET',
      `/api/staff/tickets/${reference}`,
    );
    return status === 200 ? body.ticket : undefined;
  });
}

describe('logged calls', () => {
  it("becomes a phone ticket of the digit's unit, once per idempotency key", async () => {
    const call1 = {
      digit: 1,
      phone: '29 123 456',
      name: 'Pēteris Kalniņš',
      summary: 'Jautā, kā samaksāt valsts nodevu par prasības pieteikumu.',
    };
    const logged = await call<LogCallResponse>('agent.legal-aid', 'POST', '/api/staff/calls', call1, {
      'idempotency-key': 'call-test-0001',
    });
    expect(logged.status).toBe(200);
    expect(logged.body.competence).toBe('court-fees');
    expect(logged.body.unit.lv).toBeTruthy();
    const again = await call<LogCallResponse>('agent.legal-aid', 'POST', '/api/staff/calls', call1, {
      'idempotency-key': 'call-test-0001',
    });
    expect(again.body.reference).toBe(logged.body.reference);
    const other = await call(
      'agent.legal-aid',
      'POST',
      '/api/staff/calls',
      { ...call1, summary: 'Cits' },
      {
        'idempotency-key': 'call-test-0001',
      },
    );
    expect(other.status).toBe(422);

    // Logged by a legal-aid agent, worked by court fees: the digit decides.
    const ticket = await ticketAs('agent.court-fees', logged.body.reference);
    expect(ticket.channel).toBe('phone');
    expect(ticket.client.phone).toBe('+37129123456');
    expect(ticket.client.email).toMatch(/@phone\.invalid$/);
    expect(ticket.call).toMatchObject({ digit: 1, loggedBy: 'agent.legal-aid' });
    expect(ticket.call?.topic.lv).toBe('Tiesu izdevumi un maksājumi');
    expect(ticket.answeredBy).toBe('none');
    expect(ticket.thread[0]?.text).toContain('valsts nodevu');
    // Nobody to write to: the acknowledgement is withheld, on the record.
    await eventually(async () => {
      const { body } = await call<{ ticket: TicketDetail }>(
        'agent.court-fees',
        'GET',
        `/api/staff/tickets/${logged.body.reference}`,
      );
      const notice = body.ticket.thread.find((entry) => entry.notice === 'acknowledgement');
      expect(notice?.delivery).toMatchObject({ state: 'withheld', reason: 'no-address' });
      return true;
    });
    const tickets = await suite.client.ticketsOf(ticket.client.email);
    expect(tickets).toHaveLength(1);
  });

  it('refuses a digit with no topic, a malformed number and the mailroom', async () => {
    const base = { phone: '+37129123456', name: 'A B', summary: 'Jautājums' };
    const noTopic = await call<{ errors: { field: string }[] }>(
      'agent.court-fees',
      'POST',
      '/api/staff/calls',
      {
        ...base,
        digit: 9,
      },
    );
    expect(noTopic.status).toBe(400);
    expect(noTopic.body.errors[0]?.field).toBe('digit');
    const badNumber = await call<{ errors: { field: string }[] }>(
      'agent.court-fees',
      'POST',
      '/api/staff/calls',
      {
        ...base,
        digit: 1,
        phone: 'zvaniet man',
      },
    );
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.errors[0]?.field).toBe('phone');
    expect((await call('mailroom', 'POST', '/api/staff/calls', { ...base, digit: 1 })).status).toBe(403);
  });
});

describe('callback requests', () => {
  it("wait in the unit's callback list until the call is recorded", async () => {
    const submitted = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ilze Ozola',
        email: 'ilze.ozola@example.lv',
        phone: '+371 26 000 001',
        callback: true,
        topic: 'court-fees',
        subject: 'Lūdzu atzvanīt',
        message: 'Vēlos pārrunāt nodevas samaksu pa tālruni.',
        consent: true,
        language: 'lv',
      }),
    });
    expect(submitted.status).toBe(202);
    const { reference } = (await submitted.json()) as { reference: string };
    const listed = await eventually(async () => {
      const { body } = await call<TicketListResponse>(
        'agent.court-fees',
        'GET',
        '/api/staff/tickets?view=callbacks',
      );
      return body.items.find((item) => item.reference === reference);
    });
    expect(listed.callbackPending).toBe(true);
    expect(listed.callbackPhone).toBe('+37126000001');
    // Another unit's agent sees none of it.
    const elsewhere = await call<TicketListResponse>(
      'agent.legal-aid',
      'GET',
      '/api/staff/tickets?view=callbacks',
    );
    expect(elsewhere.body.items.some((item) => item.reference === reference)).toBe(false);

    const ticket = await ticketAs('agent.court-fees', reference);
    expect(ticket.callback).toEqual({ phone: '+37126000001' });
    expect(ticket.actions).toContain('callback');
    const recorded = await call<{ ticket: TicketDetail }>(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/callback`,
      {
        outcome: 'reached',
        note: 'Izskaidrots, kā samaksāt nodevu.',
      },
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body.ticket.callback?.done).toMatchObject({ by: 'agent.court-fees', outcome: 'reached' });
    expect(recorded.body.ticket.actions).not.toContain('callback');
    expect(
      recorded.body.ticket.thread.some(
        (entry) => entry.kind === 'note' && entry.text.includes('Izskaidrots'),
      ),
    ).toBe(true);
    const after = await call<TicketListResponse>(
      'agent.court-fees',
      'GET',
      '/api/staff/tickets?view=callbacks',
    );
    expect(after.body.items.some((item) => item.reference === reference)).toBe(false);
    const twice = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/callback`, {
      outcome: 'reached',
    });
    expect(twice.status).toBe(409);
  });
});

describe('callback requests that change units', () => {
  it("move to the new unit's callback list with the ticket", async () => {
    const submitted = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Marta Kļaviņa',
        email: 'marta.klavina@example.lv',
        phone: '+371 26 000 003',
        callback: true,
        topic: 'court-fees',
        subject: 'Juridiskā palīdzība',
        message: 'Vai varu saņemt valsts nodrošināto juridisko palīdzību?',
        consent: true,
        language: 'lv',
      }),
    });
    const { reference } = (await submitted.json()) as { reference: string };
    const listedBy = async (agent: string) =>
      (await call<TicketListResponse>(agent, 'GET', '/api/staff/tickets?view=callbacks')).body.items.some(
        (item) => item.reference === reference,
      );
    await eventually(async () => ((await listedBy('agent.court-fees')) ? true : undefined));
    const moved = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/route`, {
      competence: 'legal-aid',
      reason: 'Jautājums par juridisko palīdzību',
    });
    expect(moved.status).toBe(200);
    expect(await listedBy('agent.court-fees')).toBe(false);
    expect(await listedBy('agent.legal-aid')).toBe(true);
  });
});

describe('callback requests of closed tickets', () => {
  it('leave the callback list when the ticket is closed, and cannot be recorded any more', async () => {
    const submitted = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Oskars Liepa',
        email: 'oskars.liepa@example.lv',
        phone: '+371 26 000 002',
        callback: true,
        topic: 'court-fees',
        subject: 'Atzvanīt',
        message: 'Lūdzu atzvanīt par nodevu.',
        consent: true,
        language: 'lv',
      }),
    });
    const { reference } = (await submitted.json()) as { reference: string };
    const listed = async () =>
      (
        await call<TicketListResponse>('agent.court-fees', 'GET', '/api/staff/tickets?view=callbacks')
      ).body.items.some((item) => item.reference === reference);
    await eventually(async () => ((await listed()) ? true : undefined));
    const closed = await call<{ ticket: TicketDetail }>(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/status`,
      { status: 'closed' },
    );
    expect(closed.status).toBe(200);
    expect(closed.body.ticket.actions).not.toContain('callback');
    expect(await listed()).toBe(false);
    const recorded = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/callback`, {
      outcome: 'reached',
    });
    expect(recorded.status).toBe(409);
  });
});
