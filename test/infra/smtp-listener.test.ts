/** The sandbox's SMTP listener on its own: stores, invokes, retries, and hands a failed event on. */
import type { SESEvent } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpListener, startSmtpListener } from '../../infra/local/smtp-listener.ts';
import { eventually } from '../support/eventually.ts';

let listener: SmtpListener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

describe('the SMTP listener', () => {
  it('invokes three times, then hands the event to the on-failure destination (nothing dropped)', async () => {
    const stored = new Map<string, Buffer>();
    const invocations: string[] = [];
    const failed: { event: SESEvent; error: unknown }[] = [];
    listener = await startSmtpListener({
      port: 0,
      inboundDomain: 'courtdesk.localhost',
      rawMailPrefix: 'raw-mail/',
      store: async (key, raw) => {
        stored.set(key, raw);
      },
      invoke: async (event) => {
        invocations.push(event.Records[0]?.ses.mail.messageId ?? '');
        throw new Error('ingest-email is down');
      },
      onFailure: async (event, error) => {
        failed.push({ event, error });
      },
    });

    const sent = await nodemailer
      .createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true })
      .sendMail({ from: 'a@example.lv', to: 'info@courtdesk.localhost', subject: 'S', text: 'T' });
    const messageId = /queued as (\w+)/.exec(sent.response)?.[1] ?? '';

    await eventually(async () => (failed.length ? true : undefined), 10_000);
    expect(invocations).toEqual([messageId, messageId, messageId]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.event.Records[0]?.ses.receipt.recipients).toEqual(['info@courtdesk.localhost']);
    expect(failed[0]?.error).toEqual(new Error('ingest-email is down'));
    expect(stored.has(`raw-mail/${messageId}`)).toBe(true);
    expect(listener.inFlight()).toBe(0);
  }, 20_000);
});
