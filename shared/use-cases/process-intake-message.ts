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
    .map((entry, i) => ({
      ...entry,
      acknowledge: messages[i]?.acknowledge !== false,
      created: outcomes[i] === 'created',
    }))
    .filter((_, i) => !(outcomes[i] instanceof Error));
  const overLimit = await sendersOverLimit(
    deps,
    stored
      .filter(({ ticket, acknowledge, created }) => created && acknowledge && !ticket.review)
      .map(({ ticket }) => ticket),
  );
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
        // Nor more than a few an hour to one address: an acknowledgement goes to an address nobody
        // verified, so a flood of requests must not become a flood of mail from the court.
        .filter(
          ({ ticket, acknowledge }) => !ticket.review && acknowledge && !overLimit.has(ticket.reference),
        )
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

/** Acknowledgements one address may receive in an hour (by its client key). */
export const acknowledgementsPerSenderPerHour = 5;

/**
 * The references of new tickets whose sender has had their hour's acknowledgements already. The
 * count is best effort: if it cannot be read, the acknowledgement is sent.
 */
async function sendersOverLimit(deps: ProcessIntakeDeps, tickets: readonly Ticket[]): Promise<Set<string>> {
  if (tickets.length === 0) return new Set();
  try {
    const hour = deps.clock.now().toISOString().slice(0, 13);
    const counts = await deps.store.countAcknowledgements(
      tickets.map((ticket) => ({ clientKey: clientGroupId(ticket.client.email), hour })),
    );
    const over = tickets.filter((_, i) => (counts[i] ?? 0) > acknowledgementsPerSenderPerHour);
    for (const ticket of over)
      logger.info('Acknowledgement withheld: hourly limit for the address', { reference: ticket.reference });
    return new Set(over.map((ticket) => ticket.reference));
  } catch (error) {
    logger.warn('Acknowledgement count not updated', {
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return new Set();
  }
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
