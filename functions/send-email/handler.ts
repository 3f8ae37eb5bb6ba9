/** outbound.fifo → SES; survey-invitations (delayed) → outbound.fifo. */

import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildDependencies } from './dependencies.ts';
import { sendEmailHandler } from './send-email-handler.ts';

const dependencies = buildDependencies();

export const handler = middy<SQSEvent, SQSBatchResponse>().handler(sendEmailHandler(dependencies));
