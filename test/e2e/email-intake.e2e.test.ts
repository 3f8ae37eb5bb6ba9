/**
 * Email intake end to end on the sandbox: any SMTP client → the SMTP listener (SES inbound's
 * stand-in) → raw mail in the bucket → ingest-email → intake.fifo → ticket → acknowledgement.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { fixtureDirectory } from '../fixtures/mail/generate-fixtures.ts';
import { latvianRequest, latvianSubject } from '../fixtures/mail/real-world-fixtures.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-mail-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const unique = () => Math.random().toString(36).slice(2, 10);

function transport() {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: suite.sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
}

describe('the SMTP listener', () => {
  it('turns a mail to a unit address into a ticket of that unit, and acknowledges it', async () => {
    const from = `janis.${unique()}@example.lv`;
    const sent = await transport().sendMail({
      from: `Jānis Bērziņš <${from}>`,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'Pārmaksātā nodeva',
      text: 'Labdien! Lūdzu atmaksāt pārmaksāto summu lietā C-1234.',
    });
    expect(sent.response).toMatch(/^250 Ok: queued as [a-z0-9]{40}$/);

    const [ticket] = await eventually(async () => {
      const tickets = await suite.client.ticketsOf(from);
      return tickets.length ? tickets : undefined;
    });
    expect(ticket).toMatchObject({
      channel: 'email',
      competence: 'court-fees',
      client: { name: 'Jānis Bērziņš', email: from },
      subject: 'Pārmaksātā nodeva',
      body: expect.stringContaining('lietā C-1234'),
      language: 'lv',
    });
    expect(ticket?.routing).toMatchObject({ ruleId: 'recipient-court-fees' });
    const acknowledgement = await eventually(async () => (await suite.client.emailsTo(from))[0]);
    expect(acknowledgement.subject).toContain(String(ticket?.reference));
  });

  it('keeps attachments in the bucket and gives staff a short-lived download link', async () => {
    const from = `pielikums.${unique()}@example.lv`;
    const content = Buffer.from(`%PDF-1.4 rēķins ${unique()}`);
    await transport().sendMail({
      from,
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'Maksājuma uzdevums',
      text: 'Pielikumā maksājuma uzdevums.',
      attachments: [{ filename: 'maksājums.pdf', content, contentType: 'application/pdf' }],
    });
    const [ticket] = await eventually(async () => {
      const tickets = await suite.client.ticketsOf(from);
      return tickets.length ? tickets : undefined;
    });
    const token = await staffToken(suite.sandbox, 'agent.court-fees');
    const detail = (await (
      await fetch(`${suite.sandbox.urls.web}/api/staff/tickets/${String(ticket?.reference)}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { ticket: { attachments: { name: string; size: number; url: string }[] } };
    expect(detail.ticket.attachments).toEqual([
      {
        name: 'maksājums.pdf',
        contentType: 'application/pdf',
        size: content.length,
        url: expect.any(String),
      },
    ]);
    const url = new URL(detail.ticket.attachments[0]?.url ?? '');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
  });

  it('refuses recipients outside the inbound domain', async () => {
    await expect(
      transport().sendMail({ from: 'a@example.lv', to: 'someone@example.com', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/550/);
  });

  it('keeps the raw message on disk, where it survives a restart', async () => {
    const from = `disk.${unique()}@example.lv`;
    const sent = await transport().sendMail({
      from,
      to: `info@${suite.sandbox.smtp.inboundDomain}`,
      subject: 'S',
      text: 'T',
    });
    const messageId = /queued as (\w+)/.exec(sent.response)?.[1] ?? '';
    const folder = join(suite.dataDir, 's3', suite.sandbox.mailBucket, 'raw-mail');
    expect(existsSync(folder) && readdirSync(folder)).toContain(messageId);
  });
});

describe('ingest-email', () => {
  it('makes one ticket of one message however often SES delivers its event', async () => {
    // Prepare: the raw message in the bucket, as the receipt rule's S3 action leaves it.
    const messageId = `redelivered${unique()}${unique()}`;
    const from = `twice.${unique()}@example.lv`;
    const raw = Buffer.from(
      [
        `From: Anna <${from}>`,
        `To: info@${suite.sandbox.smtp.inboundDomain}`,
        'Subject: Divreiz',
        `Message-ID: <${messageId}@example.lv>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Viena vēstule, divi notikumi.',
        '',
      ].join('\r\n'),
    );
    const s3 = new S3Client({
      endpoint: suite.sandbox.urls.sqs.replace(/sqs\.[^.]+\.localhost/, '127.0.0.1'),
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    await s3.send(
      new PutObjectCommand({ Bucket: suite.sandbox.mailBucket, Key: `raw-mail/${messageId}`, Body: raw }),
    );
    s3.destroy();
    const { handler } = (await import('../../functions/ingest-email/handler.ts')) as {
      handler: (event: SESEvent, context: unknown) => Promise<void>;
    };
    const event = {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: { timestamp: new Date().toISOString(), messageId, source: from, destination: [] },
            receipt: {
              timestamp: new Date().toISOString(),
              recipients: [`info@${suite.sandbox.smtp.inboundDomain}`],
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
              spfVerdict: { status: 'PASS' },
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'PASS' },
            },
          },
        },
      ],
    } as unknown as SESEvent;

    // Act: delivered three times, twice at once
    await Promise.all([handler(event, {}), handler(event, {})]);
    await handler(event, {});

    // Assess
    await eventually(async () => ((await suite.client.emailsTo(from)).length ? true : undefined));
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));
    expect(await suite.client.ticketsOf(from)).toHaveLength(1);
    expect(await suite.client.emailsTo(from)).toHaveLength(1);
  });

  it('quarantines what it cannot read, with the reason, and keeps the raw message', async () => {
    const sent = await transport().sendMail({
      envelope: { from: 'x@example.lv', to: [`info@${suite.sandbox.smtp.inboundDomain}`] },
      raw: Buffer.from('This is not a mail message at all\r\n\r\n'),
    });
    const messageId = /queued as (\w+)/.exec(sent.response)?.[1] ?? '';
    const item = await eventually(async () => {
      const result = await suite.client.documents.send(
        new GetItemCommand({
          TableName: suite.sandbox.tableNames.tickets,
          Key: { pk: { S: `QUARANTINE#${messageId}` }, sk: { S: 'QUARANTINE' } },
        }),
      );
      return result.Item;
    });
    expect(item.reason?.S).toMatch(/^(no-sender|unparseable)$/);
    expect(item.rawKey?.S).toBe(`quarantine/${messageId}`);
    // The audit record follows the quarantine item (a second write): wait for it, then count it.
    const quarantined = await eventually(async () => {
      const records = (await suite.client.auditRecords()).filter(
        (record) => record.eventName === 'QuarantineMail' && JSON.stringify(record).includes(messageId),
      );
      return records.length ? records : undefined;
    });
    expect(quarantined).toHaveLength(1);
  });
});

describe('mail real servers send', () => {
  /** A fixture of the corpus sent through the SMTP listener as it is, from its own sender. */
  async function sendFixture(name: string): Promise<string> {
    const from = `fixture.${unique()}@pasts.example`;
    // Each from its own sender: one client's tickets would otherwise mix.
    const raw = Buffer.from(
      readFileSync(join(fixtureDirectory, name))
        .toString('latin1')
        .replace(/[a-z.]+@pasts\.example/g, from),
      'latin1',
    );
    await transport().sendMail({
      envelope: { from, to: [`info@${suite.sandbox.smtp.inboundDomain}`] },
      raw,
    });
    return from;
  }

  async function ticketOf(from: string) {
    const [ticket] = await eventually(async () => {
      const tickets = await suite.client.ticketsOf(from);
      return tickets.length ? tickets : undefined;
    });
    return ticket;
  }

  it.each(['undeclared-windows-1257.eml', 'undeclared-utf8.eml', 'us-ascii-windows-1257.eml'])(
    '%s becomes a ticket whose Latvian text reads right',
    async (name) => {
      const ticket = await ticketOf(await sendFixture(name));

      expect(ticket).toMatchObject({
        channel: 'email',
        language: 'lv',
        subject: latvianSubject,
        body: `${latvianRequest.replace(/\r\n/g, '\n')}\n`,
        client: { name: 'Ģirts Šķēle' },
      });
    },
  );

  it('content-type-invalid.eml becomes a ticket, its attachments stored with valid types', async () => {
    const ticket = await ticketOf(await sendFixture('content-type-invalid.eml'));

    // An agent of the unit it was routed to reads it as staff would.
    const token = await staffToken(suite.sandbox, `agent.${String(ticket?.competence)}`);
    const detail = (await (
      await fetch(`${suite.sandbox.urls.web}/api/staff/tickets/${String(ticket?.reference)}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { ticket: { attachments: { name: string; contentType: string }[] } };
    const { attachments } = detail.ticket;
    expect(attachments.map(({ name, contentType }) => [name, contentType])).toEqual([
      ['izzina.pdf', 'application/pdf'],
      ['a.pdf', 'application/pdf'],
      ['x', 'image/jpeg'],
      ['rēķinsfdp.exe', 'application/octet-stream'],
    ]);
    // Nothing ended in the failed events.
    expect(existsSync(join(suite.dataDir, 'failed-invocations'))).toBe(false);
  });
});
