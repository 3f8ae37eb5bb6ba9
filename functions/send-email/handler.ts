/** outbound.fifo → SES. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { documentClient, s3Client, sesClient } from '../../shared/adapters/clients.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { S3BlobStore } from '../../shared/adapters/s3/blob-store.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { loadConfig } from '../../shared/config.ts';
import { outboundMessageSchema } from '../../shared/domain/intake-message.ts';
import { type LetterContent, renderLetter } from '../../shared/letters/letter-pdf.ts';
import { logger } from '../../shared/logger.ts';
import { lettersPrefix } from '../../shared/mail/keys.ts';
import { fifoBatchHandler } from '../../shared/queue-handler.ts';
import { sendOutboundMessages } from '../../shared/use-cases/send-outbound-message.ts';

const config = loadConfig([
  'TICKETS_TABLE',
  'AUDIT_TABLE',
  'SENDER_ADDRESS',
  'SES_CONFIGURATION_SET',
  'MAIL_BUCKET',
]);
const dependencies = {
  store: new DynamoTicketStore({
    client: documentClient(),
    ticketsTable: config.TICKETS_TABLE,
    auditTable: config.AUDIT_TABLE,
  }),
  mailer: new SesMailer({
    client: sesClient(),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  }),
  clock: { now: () => new Date() },
  senderAddress: config.SENDER_ADDRESS,
  // Replies' files (GetObject under replies/ only, by the function's grant).
  replyFiles: new S3BlobStore({ client: s3Client(), bucket: config.MAIL_BUCKET }),
  // Letters for clients without an email address (PutObject under letters/ only).
  letters: {
    render: (content: LetterContent) => renderLetter(content),
    files: new S3BlobStore({ client: s3Client(), bucket: config.MAIL_BUCKET }),
    prefix: lettersPrefix,
  },
};

export const handler = middy<SQSEvent, SQSBatchResponse>().handler(
  fifoBatchHandler(outboundMessageSchema, async (messages) => {
    const outcomes = await sendOutboundMessages(dependencies, messages);
    return outcomes.map((outcome, i) => {
      const { reference, outboundId } = messages[i] ?? {};
      if (outcome instanceof Error) return outcome;
      logger.info('Outbound processed', { reference, outboundId, outcome });
      return undefined;
    });
  }),
);
