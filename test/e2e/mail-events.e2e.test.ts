/**
 * Bounces and complaints end to end on the real sandbox: a web request from an
 * address of SES's mailbox simulator → the acknowledgement lands in the SES emulator → the
 * simulator's bounce or complaint event (EventBridge-shaped, as in the cloud) → mail-events →
 * the staff API shows the client's address undeliverable, naming the acknowledgement.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

let token: string;

const suite = useSandbox('courtdesk-mail-events-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

beforeAll(async () => {
  token = await staffToken(suite.sandbox, 'agent.e-services');
});

/** Submits a web request from `email` on e-services and answers its reference. */
async function submit(email: string): Promise<string> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Līga Ozoliņa',
      email,
      topic: 'e-services',
      subject: 'Piekļuve e-lietas portālam',
      message: 'Nevaru pieslēgties e-lietas portālam.',
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { reference: string }).reference;
}

async function ticketDetail(reference: string): Promise<TicketDetail> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/staff/tickets/${reference}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { ticket: TicketDetail }).ticket;
}

describe('a bounce of our acknowledgement', () => {
  it('marks the address undeliverable on the ticket, naming the acknowledgement', async () => {
    // Prepare and act: a request from the simulator's bouncing address.
    const address = `bounce+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;
    const reference = await submit(address);

    // Assess: the acknowledgement was sent (into the SES emulator) …
    const [acknowledgement] = await eventually(async () => {
      const emails = await suite.client.emailsTo(address);
      return emails.length ? emails : undefined;
    });
    expect(acknowledgement?.subject).toContain(reference);

    // … and its bounce reached the ticket.
    const ticket = await eventually(async () => {
      const detail = await ticketDetail(reference);
      return detail.client.emailUndeliverable ? detail : undefined;
    });
    expect(ticket.client.emailUndeliverable).toEqual({
      reason: 'bounce',
      at: expect.any(String),
      type: 'Permanent',
      subtype: 'General',
      undeliverable: true,
      entryId: `ack-${reference}`,
      message: 'acknowledgement',
    });
    expect(ticket.client.deliveryProblems).toHaveLength(1);
    expect(ticket.thread.map((entry) => entry.id)).toContain(`ack-${reference}`);

    // The trail has the bounce by ids only: no address in it.
    const audit = await eventually(async () => {
      const records = (await suite.client.auditRecords()).filter(
        (record) =>
          record.eventName === 'RecordBounce' &&
          JSON.stringify(record.resources).includes(`ticket/${reference}`),
      );
      return records.length ? records : undefined;
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.requestParameters).toMatchObject({ sesMessageId: acknowledgement?.messageId });
    expect(JSON.stringify(audit)).not.toContain('@');
  });
});

describe('a complaint about our acknowledgement', () => {
  it('marks the address undeliverable too', async () => {
    const reference = await submit('complaint@simulator.amazonses.com');
    const ticket = await eventually(async () => {
      const detail = await ticketDetail(reference);
      return detail.client.emailUndeliverable ? detail : undefined;
    });
    expect(ticket.client.emailUndeliverable).toMatchObject({
      reason: 'complaint',
      type: 'abuse',
      undeliverable: true,
      entryId: `ack-${reference}`,
    });
  });
});

describe('an address that receives our mail', () => {
  it('is not marked', async () => {
    const address = `client-${randomUUID().slice(0, 8)}@example.lv`;
    const reference = await submit(address);
    await eventually(async () => ((await suite.client.emailsTo(address)).length ? true : undefined));
    // The simulator looks at the store every 250 ms; give it time to (not) act.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ticket = await ticketDetail(reference);
    expect(ticket.client.emailUndeliverable).toBeUndefined();
    expect(ticket.client.deliveryProblems).toBeUndefined();
  });
});
