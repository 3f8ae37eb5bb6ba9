/**
 * Rectification end to end on the sandbox: a client's mail from a mistyped address makes a ticket,
 * staff of its unit correct the email through the staff API, and the client's follow-ups from the
 * corrected address thread to the ticket while one from the old address is a stranger's — with
 * the old address left nowhere in the ticket's items and the audit record holding pseudonyms only.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { clientGroupId } from '../../shared/domain/ids.ts';
import { normaliseEmail, subjectKey } from '../../shared/domain/pseudonyms.ts';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-rectification-', {
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

async function call(user: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const token = await staffToken(suite.sandbox, user);
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const detail = async (reference: string) =>
  (await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`)).body.ticket as TicketDetail;

const table = () => suite.sandbox.tableNames.tickets ?? 'tickets';
const partition = async (pk: string) =>
  (
    await suite.client.documents.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    )
  ).Items ?? [];

describe('rectification of the client’s email', () => {
  it('re-keys the ticket: the corrected address threads to it, the old one is a stranger’s', async () => {
    // Prepare: a first mail from a mistyped address, acknowledged.
    const id = unique();
    const old = `anna.${id}@exmaple.lv`;
    const corrected = `anna.${id}@example.lv`;
    const firstId = `first.${id}@exmaple.lv`;
    await transport().sendMail({
      from: `Anna Kalniņa <${old}>`,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'Nodevas atmaksa',
      text: 'Labdien! Kā atmaksāt pārmaksāto nodevu?',
      messageId: `<${firstId}>`,
    });
    const ack = await eventually(async () => (await suite.client.emailsTo(old))[0]);
    const reference = /TA-\d{4}-\d{6}/.exec(ack.subject)?.[0] ?? '';
    expect(reference).not.toBe('');
    const path = `/api/staff/tickets/${reference}/client`;
    const request = { email: corrected, reason: 'Klients pa tālruni norādīja pareizo adresi' };

    // Act: refused to another unit's agent and to the data protection officer (no units); done by the unit's agent.
    const otherUnit = await call('agent.general', 'POST', path, request);
    const dpo = await call('dpo', 'POST', path, request);
    const done = await call('agent.court-fees', 'POST', path, request);

    // Assess
    expect(otherUnit.status).toBe(403);
    expect(dpo.status).toBe(403);
    expect(done).toEqual({ status: 200, body: { reference, changed: ['email'] } });
    const item = (
      await suite.client.documents.send(
        new GetCommand({ TableName: table(), Key: { pk: `TICKET#${reference}`, sk: 'TICKET' } }),
      )
    ).Item;
    expect(item?.clientKey).toBe(clientGroupId(corrected));
    expect((await detail(reference)).client).toMatchObject({ email: corrected });
    expect(JSON.stringify(await partition(`TICKET#${reference}`)).toLowerCase()).not.toContain(old);
    expect(await partition(`SUBJECT#${subjectKey('email', normaliseEmail(corrected))}`)).toEqual([
      { pk: expect.any(String), sk: `TICKET#${reference}`, type: 'subject', reference },
    ]);
    expect(await partition(`SUBJECT#${subjectKey('email', normaliseEmail(old))}`)).toEqual([]);
    const audit = await eventually(async () => {
      const records = (await suite.client.auditRecords()).filter(
        (record) => record.eventName === 'RectifyClientData' && JSON.stringify(record).includes(reference),
      );
      return records.length === 2 + 1 ? records : undefined;
    });
    const changed = audit.filter((record) => !record.errorCode);
    expect(changed).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(old);
    expect(JSON.stringify(audit)).not.toContain(corrected);
    expect(changed[0]).toMatchObject({
      responseElements: {
        changed: ['email'],
        clientKey: { from: clientGroupId(old), to: clientGroupId(corrected) },
      },
    });

    // A follow-up from the corrected address, answering our acknowledgement: joins the ticket.
    await transport().sendMail({
      from: corrected,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: `Re: ${ack.subject}`,
      text: 'Pielikumā maksājuma kvīts.',
      inReplyTo: `<${ack.messageId}@eu-north-1.amazonses.com>`,
      references: [`<${firstId}>`, `<${ack.messageId}@eu-north-1.amazonses.com>`],
    });
    // One from the corrected address naming only the client's own first mail (keyed by the client): joins too.
    await transport().sendMail({
      from: corrected,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'Papildinājums',
      text: 'Vēl viens jautājums.',
      inReplyTo: `<${firstId}>`,
    });
    const joined = await eventually(async () => {
      const current = await detail(reference);
      return current.thread.filter((entry) => entry.threading).length === 2 ? current : undefined;
    });
    expect(joined.thread.filter((entry) => entry.kind === 'client').map((entry) => entry.text)).toEqual([
      expect.stringContaining('Kā atmaksāt'),
      expect.stringContaining('maksājuma kvīts'),
      expect.stringContaining('Vēl viens jautājums'),
    ]);

    // The old address answering our acknowledgement: a stranger quoting our mail — a ticket of its own, linked.
    await transport().sendMail({
      from: old,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: `Re: ${ack.subject}`,
      text: 'Sveiki no vecās adreses.',
      inReplyTo: `<${ack.messageId}@eu-north-1.amazonses.com>`,
    });
    const stranger = await eventually(async () => (await suite.client.ticketsOf(old))[0]);
    expect(stranger.reference).not.toBe(reference);
    expect(stranger.threading).toMatchObject({ linkedTo: reference, why: 'other-sender' });
    expect((await detail(reference)).thread.filter((entry) => entry.kind === 'client')).toHaveLength(3);
  });
});
