/**
 * SES receipt rule → ingest-email: the raw message is in the mail bucket (the rule's S3 action
 * ran first); parse it and enqueue it on intake.fifo, or quarantine it. The sandbox's SMTP
 * listener invokes this with the same event shape. A thrown error makes Lambda retry the event.
 */
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { type InboundMail, ingestEmail, type Verdict } from '../../shared/use-cases/ingest-email.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();

const verdict = (value: { status?: string } | undefined): Verdict =>
  (['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'] as const).find(
    (known) => known === value?.status,
  ) ?? 'PROCESSING_FAILED';

/** The receipt of one SES event record, as the use case reads it. */
export function inboundMailOf(record: SESEvent['Records'][number]): InboundMail {
  const { mail, receipt } = record.ses;
  const policy = (receipt as { dmarcPolicy?: string }).dmarcPolicy?.toLowerCase();
  return {
    messageId: mail.messageId,
    receivedAt: new Date(receipt.timestamp ?? mail.timestamp).toISOString(),
    recipients: receipt.recipients,
    verdicts: {
      spam: verdict(receipt.spamVerdict),
      virus: verdict(receipt.virusVerdict),
      spf: verdict(receipt.spfVerdict),
      dkim: verdict(receipt.dkimVerdict),
      dmarc: verdict(receipt.dmarcVerdict),
    },
    ...(policy === 'none' || policy === 'quarantine' || policy === 'reject' ? { dmarcPolicy: policy } : {}),
  };
}

export const handler = middy<SESEvent, void>()
  .use(pseudonymKey())
  .handler(async (event) => {
    for (const record of event.Records) {
      const mail = inboundMailOf(record);
      const result = await ingestEmail(dependencies, mail);
      // The SES message id and the outcome only: never addresses or subjects.
      logger.info('Inbound mail', { messageId: mail.messageId, ...result });
    }
  });
