/**
 * Inbound mail in the sandbox, as SES receives it in the cloud: the SMTP listener stores each
 * accepted message under the mail bucket's raw-mail prefix (SES's S3 action) and invokes ingest-email
 * with SES's event. An event that fails three times is kept in the data folder, one file per event,
 * as the cloud's on-failure queue keeps it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SESEvent } from 'aws-lambda';
import { bucketSpec } from '../inventory.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';
import type { LocalBucket } from './local-bucket.ts';
import type { MailFunction } from './sandbox-triggers.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

export async function startInboundMail(options: {
  readonly dataDir: string;
  /** 0 or absent picks a free one. */
  readonly port?: number;
  readonly inboundDomain: string;
  readonly mailBucket: LocalBucket;
  /** The functions with an email trigger; the first is invoked. */
  readonly mailFunctions: readonly MailFunction[];
  readonly log: (line: string) => void;
  readonly onError: (error: unknown) => void;
}): Promise<SmtpListener> {
  const { dataDir, mailBucket, log } = options;
  const ingestEmail = options.mailFunctions[0];
  if (!ingestEmail) throw new Error('No function has an email trigger');
  return startSmtpListener({
    port: options.port ?? 0,
    inboundDomain: options.inboundDomain,
    rawMailPrefix: bucketSpec('mail').prefixes.rawMail,
    store: (key, raw) => mailBucket.put(key, raw),
    invoke: async (event) => {
      const handler = ingestEmail.handler as LambdaHandler<SESEvent, unknown>;
      await handler(event, lambdaContext(ingestEmail.spec, event.Records[0]?.ses.mail.messageId ?? 'smtp'));
    },
    onFailure: async (event, error) => {
      const folder = join(dataDir, 'failed-invocations', ingestEmail.spec.name);
      await mkdir(folder, { recursive: true });
      const id = event.Records[0]?.ses.mail.messageId ?? String(Date.now());
      await writeFile(
        join(folder, `${id}.json`),
        JSON.stringify(
          {
            requestPayload: event,
            responseContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
            responsePayload: { errorType: error instanceof Error ? error.name : typeof error },
          },
          null,
          2,
        ),
      );
      log(`ingest-email failed 3 times for ${id}; event kept in ${folder}`);
    },
    onError: options.onError,
  });
}
