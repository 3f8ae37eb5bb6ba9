/** outbound.fifo → SES; survey-invitations (delayed) → outbound.fifo. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';
import { sendEmailHandler } from './send-email-handler.ts';

const dependencies = buildDependencies();

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(pseudonymKey())
  .handler(sendEmailHandler(dependencies));
