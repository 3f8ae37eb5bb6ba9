/**
 * Intake messages become tickets, exactly once, and their acknowledgements are enqueued.
 * A redelivered message finds its ticket already there and only re-enqueues the acknowledgement,
 * which outbound.fifo deduplicates and send-email never sends twice. Messages of different clients
 * are stored together in one write.
 */
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../domain/intake-message.ts';
import { routeIntake, type Ticket, ticketFromIntake } from '../domain/ticket.ts';
import { logger } from '../logger.ts';
import type { BacklogReader, Clock, MessageQueue, TicketStore } from '../ports/index.ts';

export interface ProcessIntakeDeps {
  readonly store: TicketStore;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly clock: Clock;
  readonly backlog: BacklogReader;
}

export interface IntakeOutcome {
  readonly reference: string;
  readonly outcome: 'created' | 'exists';
}

/** Stores the messages' tickets; answers per message, in order, its outcome or the error it failed with. */
export async function processIntakeMessages(
  deps: ProcessIntakeDeps,
  messages: readonly IntakeMessage[],
): Promise<(IntakeOutcome | Error)[]> {
  const storedAt = deps.clock.now();
  // Messages that arrive without dates (not from the web form) are dated with their unit's backlog.
  const undated = messages
    .filter((message) => !message.dates)
    .map((message) => (message.routing ?? routeIntake(message)).competence);
  const backlogs = new Map(
    await Promise.all(
      [...new Set(undated)].map(
        async (competence) => [competence, await deps.backlog.backlog(competence)] as const,
      ),
    ),
  );
  // Senders whose service was ended (§17): their new tickets wait for a supervisor, unacknowledged.
  const flagged = await deps.store.serviceEndedSenders(
    messages.map((message) => clientGroupId(message.client.email)),
  );
  const entries = messages.map((message) => {
    const routed = ticketFromIntake(message, storedAt, (competence) => backlogs.get(competence) ?? 0);
    const ticket: Ticket = flagged.has(clientGroupId(message.client.email))
      ? { ...routed, review: { reason: 'service-ended', since: routed.storedAt } }
      : routed;
    const audit = auditRecord({
      // When it happened here (a redriven message is recorded in the hour it was processed, not in an
      // hour the audit sealer may have closed); the client's submission time is a parameter.
      eventTime: ticket.storedAt,
      eventSource: auditEventSource,
      eventName: 'CreateTicket',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'process-intake' },
      sourceIPAddress: message.origin.sourceIPAddress,
      userAgent: message.origin.userAgent,
      requestParameters: { channel: ticket.channel, topic: ticket.topic, receivedAt: ticket.receivedAt },
      responseElements: {
        reference: ticket.reference,
        competence: ticket.competence,
        routingRule: ticket.routing.ruleId,
        rulesVersion: ticket.routing.rulesVersion,
        answerDeadline: ticket.answerDeadline,
        expectedAnswerBy: ticket.expectedAnswerBy,
        ...(ticket.review ? { review: ticket.review.reason } : {}),
      },
      requestID: message.origin.requestId,
      eventID: stableId(ticket.reference, 'CreateTicket'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    });
    return { ticket, audit };
  });
  const outcomes = await deps.store.createTickets(entries);
  const stored = entries
    .map((entry, i) => ({ ...entry, acknowledge: messages[i]?.acknowledge !== false }))
    .filter((_, i) => !(outcomes[i] instanceof Error));
  await countOpened(
    deps,
    entries.filter((_, i) => outcomes[i] === 'created').map(({ ticket }) => ticket.competence),
  );
  let enqueueFailure: Error | undefined;
  try {
    await deps.outboundQueue.sendBatch(
      stored
        // No automatic acknowledgement to automatic mail or spam (RFC 3834), nor to a sender whose
        // service was ended (§17).
        .filter(({ ticket, acknowledge }) => !ticket.review && acknowledge)
        .map(({ ticket }) => {
          const outboundId = `ack-${ticket.reference}`;
          return {
            message: {
              version: 1,
              kind: 'acknowledgement',
              outboundId,
              reference: ticket.reference,
            } as const,
            // Every message to a client about one ticket is in the ticket's group: in order, never in parallel.
            options: { groupId: ticket.reference, deduplicationId: outboundId },
          };
        }),
    );
  } catch (error) {
    // The tickets are stored; their redelivery finds them and enqueues the acknowledgements again.
    enqueueFailure = error instanceof Error ? error : new Error(String(error));
  }
  return entries.map(({ ticket }, i) => {
    const outcome = outcomes[i];
    if (outcome instanceof Error) return outcome;
    if (enqueueFailure) return enqueueFailure;
    return { reference: ticket.reference, outcome: outcome ?? 'exists' };
  });
}

/**
 * Adds the new tickets to their units' open counts. The count feeds only the estimate of the
 * expected answer date: if this write fails after the tickets were stored, the count runs a little
 * low rather than the messages failing (a redelivery would find the tickets and not count them).
 */
async function countOpened(deps: ProcessIntakeDeps, competences: readonly string[]): Promise<void> {
  if (competences.length === 0) return;
  const changes = new Map<string, number>();
  for (const competence of competences) changes.set(competence, (changes.get(competence) ?? 0) + 1);
  try {
    await deps.store.adjustOpenTickets(changes);
  } catch (error) {
    logger.warn('Open-ticket count not updated', {
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
}

export async function processIntakeMessage(
  deps: ProcessIntakeDeps,
  message: IntakeMessage,
): Promise<IntakeOutcome> {
  const [outcome] = await processIntakeMessages(deps, [message]);
  return outcome as IntakeOutcome;
}
