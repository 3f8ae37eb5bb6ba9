/**
 * The mail quarantine end to end on the sandbox: mail over a limit or that cannot
 * be parsed, sent through the SMTP listener, is held with the reason; the unit's supervisor lists
 * and reads it through the staff API and releases it into a ticket, once; everyone else is refused,
 * and every read, release and refusal is in the audit trail.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { reasonDigest } from '../../shared/domain/audit-event.ts';
import type {
  QuarantineDetail,
  QuarantineReleaseResponse,
  QuarantineSummary,
} from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const tokens = new Map<string, string>();

const suite = useSandbox('courtdesk-quarantine-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const supervisor = 'supervisor.court-fees';
const agent = 'agent.court-fees';
const unique = () => Math.random().toString(36).slice(2, 10);

async function call(user: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  let token = tokens.get(user);
  if (!token) {
    token = await staffToken(suite.sandbox, user);
    tokens.set(user, token);
  }
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

/** Sends through the SMTP listener; answers the SES-style message id it was queued as. */
async function send(mail: SendMailOptions): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: suite.sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  const sent = await transport.sendMail(mail);
  transport.close();
  return /queued as (\w+)/.exec(sent.response)?.[1] ?? '';
}

/** Waits until the supervisor's quarantine lists the mail. */
async function listed(id: string): Promise<QuarantineSummary> {
  return eventually(async () => {
    const { status, body } = await call(supervisor, 'GET', '/api/staff/quarantine?competence=court-fees');
    expect(status).toBe(200);
    return (body.items as QuarantineSummary[]).find((item) => item.id === id);
  });
}

describe('the mail quarantine', () => {
  it('holds an over-limit mail for the unit’s supervisors, who read it safely and release it into one ticket', async () => {
    // Prepare: 21 attachments, one over the limit of 20
    const from = `anna.${unique()}@example.lv`;
    const subject = `Dokumenti lietā ${unique()}`;
    const id = await send({
      from: `Anna Kalniņa <${from}>`,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject,
      text: 'Labdien! Pielikumā visi dokumenti.',
      html: '<p>Labdien! <img src="https://tracker.example/pixel.png"></p>',
      attachments: Array.from({ length: 21 }, (_, index) => ({
        filename: `dokuments-${index + 1}.txt`,
        content: `saturs ${index + 1}`,
      })),
    });

    // Act + Assess: listed with the reason, in the unit of its address
    const item = await listed(id);
    expect(item).toMatchObject({
      reason: 'too-many-attachments',
      competence: 'court-fees',
      state: 'held',
      recipients: [`nodevas@${suite.sandbox.smtp.inboundDomain}`],
    });

    // The detail: a text-only preview and a short-lived download of the original
    const detail = await call(supervisor, 'GET', `/api/staff/quarantine/${id}`);
    expect(detail.status).toBe(200);
    const mail = detail.body.mail as QuarantineDetail;
    expect(mail.preview).toMatchObject({
      from: { name: 'Anna Kalniņa', address: from },
      subject,
      text: expect.stringContaining('Pielikumā visi dokumenti'),
      hasHtml: true,
    });
    expect(mail.preview?.attachments).toHaveLength(21);
    expect(JSON.stringify(mail)).not.toContain('tracker.example');
    expect(mail.actions).toEqual(['release']);
    const url = new URL(mail.downloadUrl ?? '');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toContain(`<${from}>`);

    // A reason is required
    const noReason = await call(supervisor, 'POST', `/api/staff/quarantine/${id}/release`, { reason: ' ' });
    expect(noReason.status).toBe(400);

    // Act: release
    const reason = 'Klients pazīstams, pielikumi pārbaudīti';
    const release = await call(supervisor, 'POST', `/api/staff/quarantine/${id}/release`, { reason });

    // Assess: the ticket exists, with every attachment, in the unit of the address
    expect(release.status, JSON.stringify(release.body)).toBe(200);
    const { reference, mail: released } = release.body as unknown as QuarantineReleaseResponse;
    expect(reference).toMatch(/^TA-\d{4}-\d{6}$/);
    expect(released).toMatchObject({ state: 'released', release: { by: supervisor, reason, reference } });
    const ticket = await eventually(async () => suite.client.ticket(reference));
    expect(ticket).toMatchObject({
      channel: 'email',
      competence: 'court-fees',
      subject,
      client: { email: from },
    });
    expect(ticket.attachments).toHaveLength(21);
    // The client is acknowledged as for any mail they could have sent within the limits.
    await eventually(async () =>
      (await suite.client.emailsTo(from)).find((email) => email.subject.includes(reference)),
    );

    // Once only; off the held list, on the released one
    const again = await call(supervisor, 'POST', `/api/staff/quarantine/${id}/release`, {
      reason: 'Vēlreiz',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AlreadyReleased');
    const held = await call(supervisor, 'GET', '/api/staff/quarantine');
    expect((held.body.items as QuarantineSummary[]).map((entry) => entry.id)).not.toContain(id);
    const releasedList = await call(supervisor, 'GET', '/api/staff/quarantine?state=released');
    expect((releasedList.body.items as QuarantineSummary[]).map((entry) => entry.id)).toContain(id);
    expect(await suite.client.ticketsOf(from)).toHaveLength(1);

    // Audited: the reads, and the release with the reason's fingerprint, not its words
    const records = (await suite.client.auditRecords()).filter((record) =>
      JSON.stringify(record).includes(id),
    );
    const names = records.map((record) => record.eventName);
    expect(names).toEqual(
      expect.arrayContaining(['QuarantineMail', 'GetQuarantinedMail', 'ReleaseQuarantinedMail']),
    );
    const releaseRecord = records.find(
      (record) => record.eventName === 'ReleaseQuarantinedMail' && record.errorCode === undefined,
    );
    expect(releaseRecord?.requestParameters).toEqual({ id, ...reasonDigest(reason) });
    expect(JSON.stringify(releaseRecord)).not.toContain('pazīstams');
  });

  it('refuses agents and the supervisors of other units, and audits the refusals', async () => {
    const id = await send({
      envelope: { from: 'x@example.lv', to: [`nodevas@${suite.sandbox.smtp.inboundDomain}`] },
      raw: Buffer.from('This is not a mail message at all\r\n\r\n'),
    });
    await listed(id);

    expect((await call(agent, 'GET', '/api/staff/quarantine')).status).toBe(403);
    expect((await call(agent, 'GET', `/api/staff/quarantine/${id}`)).status).toBe(403);
    const agentRelease = await call(agent, 'POST', `/api/staff/quarantine/${id}/release`, { reason: 'Es' });
    expect(agentRelease.status).toBe(403);
    expect((await call('supervisor.general', 'GET', `/api/staff/quarantine/${id}`)).status).toBe(403);
    expect(
      (await call('supervisor.general', 'GET', '/api/staff/quarantine?competence=court-fees')).status,
    ).toBe(403);
    expect((await call(supervisor, 'GET', '/api/staff/quarantine/no-such-mail')).status).toBe(404);

    const refusals = (await suite.client.auditRecords()).filter(
      (record) =>
        (record.userIdentity as { userName?: string }).userName === agent &&
        record.errorCode === 'AccessDenied' &&
        JSON.stringify(record.resources).includes(id),
    );
    expect(refusals.map((record) => record.eventName).sort()).toEqual([
      'GetQuarantinedMail',
      'ReleaseQuarantinedMail',
    ]);
    // Still held: nothing was released by the refused calls.
    expect((await listed(id)).state).toBe('held');
  });

  it('releases an unreadable mail once however often it is released at the same time, with the original attached', async () => {
    const marker = unique();
    const id = await send({
      envelope: { from: 'x@example.lv', to: [`nodevas@${suite.sandbox.smtp.inboundDomain}`] },
      raw: Buffer.from(`Nothing here is a header ${marker}\r\n\r\n`),
    });
    const item = await listed(id);
    expect(item.reason).toMatch(/^(unparseable|no-sender)$/);

    const answers = await Promise.all(
      [1, 2].map(() =>
        call(supervisor, 'POST', `/api/staff/quarantine/${id}/release`, { reason: 'Pārbaudīts' }),
      ),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200);
    const reference = String((winner?.body as Partial<QuarantineReleaseResponse> | undefined)?.reference);
    const ticket = await eventually(async () => suite.client.ticket(reference));
    expect(ticket.attachments).toEqual([expect.objectContaining({ filename: 'original.eml' })]);
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));
    const tickets = (await suite.client.ticketsOf(`unknown-sender+${id}@invalid`)).filter(
      (candidate) => String(candidate.sourceId) === id,
    );
    expect(tickets).toHaveLength(1);
  });
});
