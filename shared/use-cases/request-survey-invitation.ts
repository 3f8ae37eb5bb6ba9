/**
 * The survey invitation asked for when staff answer or close a ticket (§26). Which clients are
 * invited is decided where it is sent (send-email, `survey-invitation.ts`), against the ticket as it
 * is then, and audited there; here only how it travels is chosen, by the unit's setting:
 * - `footer`, or a client answered by post: the answer itself carries it (`invite` on the reply);
 * - `separate`: its own message, after the unit's delay on `survey-invitations` (SQS delays each
 *   message up to 900 s); with no delay on `outbound.fifo` in the ticket's group, so that it never
 *   overtakes the answer it follows.
 * A close without a reply always asks for a separate message. One outbound id per ticket: asked
 * twice, it is sent once.
 */
import type { OutboundMessage } from '../domain/intake-message.ts';
import {
  type SurveyInvitationSettings,
  surveyInvitationSettingFor,
} from '../domain/survey-invitation-settings.ts';
import { hasEmailAddress, type Ticket, type TicketStatus } from '../domain/ticket.ts';
import { logger } from '../logger.ts';
import type { DelayedQueue } from '../ports/delayed-queue.ts';
import type { MessageQueue } from '../ports/queue.ts';
import { surveyOutboundId } from './survey-invitation.ts';

export interface SurveyRequestDeps {
  readonly settings: SurveyInvitationSettings;
  readonly delayed: DelayedQueue<OutboundMessage>;
}

/** Whether a staff action that sets `to` asks for an invitation. */
export const invitesToSurvey = (to: TicketStatus) => to === 'answered' || to === 'closed';

/** Whether the reply to `ticket` carries the invitation itself (footer mode, or a reply letter). */
export function replyCarriesInvitation(surveys: SurveyRequestDeps | undefined, ticket: Ticket): boolean {
  if (!surveys) return false;
  if (!hasEmailAddress(ticket.client)) return true;
  return surveyInvitationSettingFor(surveys.settings, ticket.competence).mode === 'footer';
}

/** Where a message goes on `outbound.fifo`: the ticket's group, deduplicated by its outbound id. */
export const outboundSendOptions = (message: OutboundMessage) => ({
  groupId: message.reference,
  deduplicationId: message.outboundId,
});

/**
 * A message whose delay on `survey-invitations` ended, moved on to `outbound.fifo` rather than sent
 * from there: a standard queue may deliver a message twice, even to two invocations at once, and
 * only the FIFO path (one delivery of a ticket's group at a time, the send record read first) sends
 * at most once. In the ticket's group it also never overtakes a message to the same client. Answers
 * per message, in order, undefined when forwarded, or the error (the message is delivered again).
 */
export async function forwardDelayedMessages(
  outboundQueue: MessageQueue<OutboundMessage>,
  messages: readonly OutboundMessage[],
): Promise<(Error | undefined)[]> {
  return Promise.all(
    messages.map(async (message) => {
      try {
        await outboundQueue.send(message, outboundSendOptions(message));
        return undefined;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

/**
 * Asks for the ticket's separate invitation, after its unit's delay. Best effort: the staff
 * member's answer or close is written already and must not be reported as failed (a retried
 * status change finds the status set and would not ask again); a lost request is logged.
 */
export async function requestSeparateInvitation(
  deps: { readonly surveys?: SurveyRequestDeps; readonly outboundQueue: MessageQueue<OutboundMessage> },
  ticket: Ticket,
): Promise<void> {
  if (!deps.surveys) return;
  const outboundId = surveyOutboundId(ticket.reference);
  const message: OutboundMessage = { version: 1, kind: 'survey', outboundId, reference: ticket.reference };
  const { delaySeconds } = surveyInvitationSettingFor(deps.surveys.settings, ticket.competence);
  try {
    if (delaySeconds > 0) await deps.surveys.delayed.send(message, delaySeconds);
    else await deps.outboundQueue.send(message, outboundSendOptions(message));
  } catch (error) {
    logger.warn('Survey invitation not requested', {
      reference: ticket.reference,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  }
}
