/**
 * §7 threading end to end on the sandbox: a client's answer to our mail, sent through the SMTP
 * listener, joins its ticket (seen through the staff API), our next reply threads under it, and a
 * stranger quoting the reference gets a ticket of their own, linked for staff.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-threading-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const unique = () => Math.random().toString(36).slice(2, 10);
const transport = () =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: suite.sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
  });

async function call(user: string, method: 'GET' | 'POST', path: string, body?: unknown, headers = {}) {
  const token = await staffToken(suite.sandbox, user);
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { ticket: TicketDetail } };
}

const detail = async (reference: string) =>
  (await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`)).body.ticket;

/** A first mail through SMTP: its ticket's reference and the acknowledgement's SES message id. */
async function firstMail(from: string) {
  await transport().sendMail({
    from: `Anna Kalniņa <${from}>`,
    to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
    subject: 'Nodevas atmaksa',
    text: 'Labdien! Kā atmaksāt pārmaksāto nodevu?',
    messageId: `<first.${unique()}@example.lv>`,
  });
  const ack = await eventually(async () => (await suite.client.emailsTo(from))[0]);
  const reference = /TA-\d{4}-\d{6}/.exec(ack.subject)?.[0] ?? '';
  expect(reference).not.toBe('');
  return { reference, ackId: ack.messageId };
}

describe('email threading', () => {
  it('joins the client’s answer to our acknowledgement to its ticket, and our reply threads under it', async () => {
    const from = `anna.${unique()}@example.lv`;
    const { reference, ackId } = await firstMail(from);
    const followUpId = `<answer.${unique()}@example.lv>`;

    await transport().sendMail({
      from,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: `Re: Jūsu pieprasījums ${reference}`,
      text: 'Pielikumā maksājuma kvīts.',
      messageId: followUpId,
      inReplyTo: `<${ackId}@eu-north-1.amazonses.com>`,
      references: [`<${ackId}@eu-north-1.amazonses.com>`],
      attachments: [
        { filename: 'kvīts.pdf', content: Buffer.from('%PDF-1.4 kvīts'), contentType: 'application/pdf' },
      ],
    });

    const ticket = await eventually(async () => {
      const current = await detail(reference);
      return current.thread.some((entry) => entry.threading) ? current : undefined;
    });
    expect(ticket.thread.filter((entry) => entry.kind === 'client')).toEqual([
      expect.objectContaining({ text: expect.stringContaining('Kā atmaksāt') }),
      expect.objectContaining({
        text: expect.stringContaining('maksājuma kvīts'),
        subject: `Re: Jūsu pieprasījums ${reference}`,
        threading: { by: 'message-id', matched: `${ackId}@eu-north-1.amazonses.com` },
      }),
    ]);
    expect(ticket.attachments.map((attachment) => attachment.name)).toEqual(['kvīts.pdf']);
    // One ticket, one acknowledgement: the answer was not taken for a new request.
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));
    expect(await suite.client.ticketsOf(from)).toHaveLength(1);
    expect(await suite.client.emailsTo(from)).toHaveLength(1);
    const audit = (await suite.client.auditRecords()).filter(
      (record) => record.eventName === 'AddClientMessage' && JSON.stringify(record).includes(reference),
    );
    expect(audit).toHaveLength(1);

    // Staff answer: the reply goes out under the client's latest mail.
    expect((await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/take`, {})).status).toBe(
      200,
    );
    const reply = await call(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/replies`,
      { text: 'Paldies, kvīts saņemta.' },
      { 'idempotency-key': `reply-${reference}` },
    );
    expect(reply.status).toBe(200);
    const sent = await eventually(async () =>
      (await suite.client.emailsTo(from)).find((mail) => mail.subject.startsWith('Atbilde')),
    );
    const header = (name: string) => sent.headers?.find((field) => field.name === name)?.value;
    expect(header('In-Reply-To')).toBe(followUpId);
    expect(header('References')).toContain(`<${ackId}@eu-north-1.amazonses.com>`);
    // The answer's survey invitation (0 s in the sandbox) follows it on the ticket's queue group: let
    // it go first, so that the thread's order below is the order in which things happened.
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));

    // The client answers our reply: it joins again and puts the answered ticket back to work.
    await transport().sendMail({
      from,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'Re: Atbilde',
      text: 'Vēl viens jautājums.',
      inReplyTo: `<${sent.messageId}@eu-north-1.amazonses.com>`,
    });
    const reopened = await eventually(async () => {
      const current = await detail(reference);
      return current.status === 'open' ? current : undefined;
    });
    expect(reopened.thread.filter((entry) => entry.threading)).toHaveLength(2);
    expect(reopened.thread.at(-1)).toMatchObject({ kind: 'client', threading: { reopened: 'open' } });
  });

  it('gives a stranger who quotes the reference a ticket of their own, linked both ways', async () => {
    const anna = `anna.${unique()}@example.lv`;
    const stranger = `svesais.${unique()}@example.com`;
    const { reference } = await firstMail(anna);

    await transport().sendMail({
      from: stranger,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: `Par lietu ${reference}`,
      text: 'Kas notiek ar šo lietu?',
    });

    const [own] = await eventually(async () => {
      const tickets = await suite.client.ticketsOf(stranger);
      return tickets.length ? tickets : undefined;
    });
    const strangerReference = String(own?.reference);
    expect(strangerReference).not.toBe(reference);
    const strangers = await detail(strangerReference);
    expect(strangers).toMatchObject({
      links: [expect.objectContaining({ reference, relation: 'quotes' })],
      threading: { linkedTo: reference, by: 'subject-reference', why: 'other-sender' },
    });
    const annas = await detail(reference);
    expect(annas.links).toEqual([
      expect.objectContaining({ reference: strangerReference, relation: 'quoted-by' }),
    ]);
    expect(annas.thread.filter((entry) => entry.kind === 'client')).toHaveLength(1);
    expect(JSON.stringify(annas)).not.toContain('Kas notiek');
    // Anna got her acknowledgement only; the stranger theirs, for their own reference.
    expect(await suite.client.emailsTo(anna)).toHaveLength(1);
    const strangerMail = await eventually(async () => (await suite.client.emailsTo(stranger))[0]);
    expect(strangerMail.subject).toContain(strangerReference);
  });
});
