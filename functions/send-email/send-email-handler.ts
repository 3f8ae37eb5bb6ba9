/**
 * send-email's queue handler, built on its dependencies (`handler.ts` gives it the real ones,
 * tests the memory adapters). It reads two queues: `outbound.fifo`, whose messages it sends, and
 * the delayed standard queue `survey-invitations`, whose messages it only moves on to
 * `outbound.fifo` (`forwardDelayedMessages`): a standard queue may deliver a message twice at once,
 * the FIFO path sends it at most once. A record without a message group came from the standard queue.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type OutboundMessage, outboundMessageSchema } from '../../shared/domain/intake-message.ts';
import { logger } from '../../shared/logger.ts';
import type { MessageQueue } from '../../shared/ports/queue.ts';
import { fifoBatchHandler } from '../../shared/queue-handler.ts';
import { forwardDelayedMessages } from '../../shared/use-cases/request-survey-invitation.ts';
import { type SendOutboundDeps, sendOutboundMessages } from '../../shared/use-cases/send-outbound-message.ts';

export interface SendEmailDeps extends SendOutboundDeps {
  /** `outbound.fifo`, where delayed messages are moved on to. */
  readonly outboundQueue: MessageQueue<OutboundMessage>;
}

export function sendEmailHandler(deps: SendEmailDeps) {
  const send = fifoBatchHandler(outboundMessageSchema, async (messages) => {
    const outcomes = await sendOutboundMessages(deps, messages);
    return outcomes.map((outcome, i) => {
      const { reference, outboundId } = messages[i] ?? {};
      if (outcome instanceof Error) return outcome;
      logger.info('Outbound processed', { reference, outboundId, outcome });
      return undefined;
    });
  });
  const forward = fifoBatchHandler(outboundMessageSchema, async (messages) => {
    const outcomes = await forwardDelayedMessages(deps.outboundQueue, messages);
    messages.forEach(({ reference, outboundId }, i) => {
      if (!outcomes[i]) logger.info('Delayed message moved to outbound.fifo', { reference, outboundId });
    });
    return outcomes;
  });

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const delayed = event.Records.filter((record) => !record.attributes.MessageGroupId);
    const ordered = event.Records.filter((record) => record.attributes.MessageGroupId);
    const answers = await Promise.all([
      ordered.length ? send({ Records: ordered }, context) : { batchItemFailures: [] },
      delayed.length ? forward({ Records: delayed }, context) : { batchItemFailures: [] },
    ]);
    return { batchItemFailures: answers.flatMap((answer) => answer.batchItemFailures) };
  };
}
