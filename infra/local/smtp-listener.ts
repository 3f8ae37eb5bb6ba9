/**
 * SES inbound's part in the sandbox: an SMTP listener on localhost that accepts mail for any
 * address of the inbound domain (as a receipt rule for a whole domain does), stores the raw
 * message where the rule's S3 action would (`<bucket>/raw-mail/<message id>`), answers 250, and
 * then invokes ingest-email with an SES-shaped event, asynchronously, as the rule's Lambda action
 * does (retried twice on failure, like an asynchronous Lambda invocation).
 */
import { randomBytes } from 'node:crypto';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** SMTP refuses more than this outright; ingest-email quarantines anything over its own limit. */
const hardLimitBytes = 40 * 1024 * 1024;

export interface SmtpListenerOptions {
  readonly port: number;
  readonly host?: string;
  /** Mail is accepted for `<anything>@<inboundDomain>` only. */
  readonly inboundDomain: string;
  /** Stores the raw message (durably) under the key. */
  readonly store: (key: string, raw: Buffer) => Promise<void>;
  readonly rawMailPrefix: string;
  /** The receipt rule's Lambda action. */
  readonly invoke: (event: SESEvent) => Promise<void>;
  /**
   * The invocation's on-failure destination: receives the event and the last error once the
   * function failed three times (as Lambda hands a failed asynchronous event to its destination).
   */
  readonly onFailure?: (event: SESEvent, error: unknown) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

export interface SmtpListener {
  readonly port: number;
  /** Deliveries whose function invocation has not finished (incl. retries). */
  inFlight(): number;
  stop(): Promise<void>;
}

/** An id shaped like SES's (lower-case letters and digits). */
function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(40)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const domain = options.inboundDomain.toLowerCase();
  const pending = new Set<Promise<void>>();

  const server = new SMTPServer({
    name: domain,
    banner: 'courtdesk local SES inbound',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: hardLimitBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      if (recipient.endsWith(`@${domain}`)) return callback();
      const error = new Error(`Recipient not accepted here: only @${domain}`) as Error & {
        responseCode: number;
      };
      error.responseCode = 550;
      return callback(error);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      // Read the envelope now: the session is reset for the next message once this one is answered.
      const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const error = new Error('Message too large for this listener') as Error & { responseCode: number };
          error.responseCode = 552;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        const messageId = sesMessageId();
        const receivedAt = new Date();
        options
          .store(`${options.rawMailPrefix}${messageId}`, raw)
          .then(() => {
            // Accepted once stored, as SES accepts once its S3 action has written the object.
            callback(null, `Ok: queued as ${messageId}`);
            track(invokeWithRetries(sesEvent(messageId, receivedAt, mailFrom, recipients)));
          })
          .catch((error: unknown) => {
            options.onError?.(error);
            const failure = new Error('Could not store the message; try again') as Error & {
              responseCode: number;
            };
            failure.responseCode = 451;
            callback(failure);
          });
      });
    },
  });

  function track(promise: Promise<void>): void {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  }

  async function invokeWithRetries(event: SESEvent): Promise<void> {
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await options.invoke(event);
        return;
      } catch (error) {
        last = error;
        options.onError?.(error);
        if (attempt < 2) await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    }
    // As an asynchronous Lambda invocation that failed three times: the raw mail stays in the
    // bucket and the event goes to the on-failure destination, where it can be seen and replayed.
    try {
      await options.onFailure?.(event, last);
    } catch (error) {
      options.onError?.(error);
    }
  }

  function sesEvent(messageId: string, receivedAt: Date, mailFrom: string, recipients: string[]): SESEvent {
    const timestamp = receivedAt.toISOString();
    const pass = { status: 'PASS' };
    const disabled = { status: 'DISABLED' };
    return {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: {
              timestamp,
              source: mailFrom,
              messageId,
              destination: recipients,
              headersTruncated: false,
              headers: [],
              commonHeaders: {
                returnPath: mailFrom,
                from: [],
                to: recipients,
                messageId: '',
                subject: '',
                date: timestamp,
              },
            },
            receipt: {
              timestamp,
              processingTimeMillis: 0,
              recipients,
              // The sandbox does not scan: as SES with scanning disabled; SPF/DKIM/DMARC not checked.
              spamVerdict: disabled,
              virusVerdict: disabled,
              spfVerdict: pass,
              dkimVerdict: pass,
              dmarcVerdict: pass,
              action: {
                type: 'Lambda',
                functionArn: 'arn:aws:lambda:eu-north-1:000000000000:function:ingest-email',
                invocationType: 'Event',
              },
            },
          },
        },
      ],
    } as unknown as SESEvent;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => options.onError?.(error));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    inFlight: () => pending.size,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...pending]);
    },
  };
}
