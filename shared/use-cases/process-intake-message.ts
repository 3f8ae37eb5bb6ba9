/**
 * Intake messages become tickets, exactly once, and their acknowledgements are enqueued.
 * A redelivered message finds its ticket already there and only re-enqueues the acknowledgement,
 * which outbound.fifo deduplicates and send-email never sends twice. Messages of different clients
 * are stored together in one write. A client's mail that continues a ticket (§7 threading: its
 * In-Reply-To/References, or its subject's reference from the ticket's own client) joins that
 * ticket instead, or starts a new ticket linked to it; `shared/domain/threading.ts` decides.
 */

import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../domain/intake-message.ts';
import { legalHoldAt } from '../domain/legal-hold.ts';
import { isErasedOrErasing } from '../domain/pseudonymise-ticket.ts';
import {
  type Candidate,
  decideThreading,
  defaultReopenWindowDays,
  type LinkRelation,
  messageIdKey,
  type ThreadingDecision,
} from '../domain/threading.ts';
import { datesFor, routeIntake, stillToAnswer, type Ticket, ticketFromIntake } from '../domain/ticket.ts';
import { logger } from '../logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { BacklogCounters, BacklogReader } from '../ports/counters.ts';
import type { NewTicket, TicketIntake } from '../ports/intake.ts';
import type { MessageQueue } from '../ports/queue.ts';
import type { ClientFollowUp, ThreadingStore } from '../ports/threading.ts';
import type { TicketReader } from '../ports/ticket-reader.ts';

export interface ProcessIntakeDeps {
  /** New tickets, the threading of follow-ups, and the units' counts of open tickets. */
  readonly store: TicketIntake & TicketReader & ThreadingStore & Pick<BacklogCounters, 'adjustOpenTickets'>;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly clock: Clock;
  readonly backlog: BacklogReader;
  /** Days after closing within which a follow-up reopens a ticket (default 30). */
  readonly reopenWindowDays?: number;
}

export interface IntakeOutcome {
  readonly reference: string;
  /** `joined`: a follow-up added to the existing ticket `reference`. */
  readonly outcome: 'created' | 'exists' | 'joined';
}

/** A new ticket that follows or quotes another, and why it did not join it. */
type Linked = Extract<ThreadingDecision, { kind: 'new-linked' }>;

const reverse: Record<'follow-up-of' | 'quotes', LinkRelation> = {
  'follow-up-of': 'has-follow-up',
  quotes: 'quoted-by',
};

/**
 * Stores the messages' tickets (or adds follow-ups to theirs); answers per message, in order, its
 * outcome or the error it failed with. Messages keep their order: a follow-up waits for the tickets
 * of the messages before it, which may be the ticket it continues.
 */
export async function processIntakeMessages(
  deps: ProcessIntakeDeps,
  messages: readonly IntakeMessage[],
): Promise<(IntakeOutcome | Error)[]> {
  const results: (IntakeOutcome | Error)[] = [];
  let pending: { message: IntakeMessage; index: number }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const outcomes = await createTickets(
      deps,
      pending.map(({ message }) => ({ message })),
    );
    pending.forEach(({ index }, i) => {
      results[index] = outcomes[i] ?? new Error('no outcome');
    });
    pending = [];
  };
  for (const [index, message] of messages.entries()) {
    if (!message.followUp) {
      pending.push({ message, index });
      continue;
    }
    await flush();
    try {
      results[index] = await processFollowUp(deps, message);
    } catch (error) {
      results[index] = error instanceof Error ? error : new Error(String(error));
    }
  }
  await flush();
  return results;
}

/** A mail that may continue a ticket: joined to it, or a new ticket (linked when it named one). */
async function processFollowUp(
  deps: ProcessIntakeDeps,
  message: IntakeMessage,
): Promise<IntakeOutcome | Error> {
  const clues = message.followUp ?? { messageIds: [], subjectReferences: [] };
  const marker = sourceMarker(message);
  const clientKey = clientGroupId(message.client.email);
  const keyOf = (id: string) => messageIdKey(id, clientKey);
  for (let attempt = 0; ; attempt += 1) {
    const targets = await deps.store.threadTargets(
      [marker, ...clues.messageIds.map(keyOf)],
      deps.clock.now(),
    );
    const done = targets.get(marker);
    // Processed already (a redelivery). Created as its own ticket: through createTickets again, which
    // finds it and enqueues its acknowledgement once more (the first delivery may have failed there).
    if (done === message.reference) return (await createTickets(deps, [{ message }]))[0] ?? noOutcome();
    // Joined to a ticket: nothing more to do.
    if (done) return { reference: done, outcome: 'exists' };
    const byMessageId = await firstCandidate(
      deps,
      clues.messageIds.flatMap((id) => {
        const reference = targets.get(keyOf(id));
        return reference ? [{ reference, by: 'message-id' as const, matched: id }] : [];
      }),
    );
    const bySubject = byMessageId
      ? undefined
      : await firstCandidate(
          deps,
          clues.subjectReferences.map((reference) => ({
            reference,
            by: 'subject-reference' as const,
            matched: reference,
          })),
        );
    let decision = decideThreading({
      senderEmail: message.client.email,
      senderVerified: clues.senderVerified === true,
      receivedAt: message.receivedAt,
      automatic: clues.automatic === true,
      byMessageId,
      bySubject,
      reopenWindowDays: deps.reopenWindowDays ?? defaultReopenWindowDays,
    });
    // A sender whose service was ended (§17) puts nothing back to work unsupervised: a mail that
    // would reopen a ticket starts a new one, which waits for a supervisor.
    if (
      decision.kind === 'join' &&
      decision.reopenTo &&
      (await deps.store.serviceEndedSenders([clientKey])).size
    )
      decision = {
        kind: 'new-linked',
        candidate: decision.candidate,
        relation: 'follow-up-of',
        why: 'service-ended',
      };
    if (decision.kind === 'new') return (await createTickets(deps, [{ message }]))[0] ?? noOutcome();
    if (decision.kind === 'new-linked')
      return (await createTickets(deps, [{ message, linked: decision }]))[0] ?? noOutcome();
    const { ticket } = decision.candidate;
    const added = await deps.store.addClientMessage(
      ticket.reference,
      await followUpOf(deps, message, decision),
    );
    // Back among the unit's open tickets only when it had left them (answered or closed).
    if (added === 'added' && decision.reopenTo && !stillToAnswer(ticket.status))
      await countOpened(deps, [ticket.competence]);
    if (added !== 'conflict') return { reference: ticket.reference, outcome: 'joined' };
    // The ticket changed between reading and writing (a staff member answered it): decide again.
    if (attempt >= 3) return new Error(`Ticket ${ticket.reference} kept changing`);
  }
}

const noOutcome = () => new Error('no outcome');

/** Tickets listed as linked at most: a flood of quoting mail must not outgrow the ticket item. */
const maxLinks = 50;
/** Files listed on the ticket at most; later ones stay on their messages. */
const maxListedAttachments = 100;

async function firstCandidate(
  deps: ProcessIntakeDeps,
  clues: readonly { reference: string; by: Candidate['by']; matched: string }[],
): Promise<Candidate | undefined> {
  for (const clue of clues) {
    const ticket = await deps.store.getTicket(clue.reference);
    // An erased ticket (or one being erased) takes no more of the client's data: a mail quoting its
    // reference or Message-ID starts a new ticket.
    if (ticket && !isErasedOrErasing(ticket)) return { ticket, by: clue.by, matched: clue.matched };
  }
  return undefined;
}

/** The key that marks a source as processed (written with whatever it became). */
function sourceMarker(message: IntakeMessage): string {
  return `src:${message.channel}:${message.sourceId}`;
}

/** The message-id keys that thread to the ticket a message became or joined. */
function threadKeysOf(message: IntakeMessage): string[] {
  return [
    ...(message.followUp ? [sourceMarker(message)] : []),
    ...(message.email?.messageId
      ? [messageIdKey(message.email.messageId, clientGroupId(message.client.email))]
      : []),
  ];
}

/** The write that adds a follow-up to its ticket: the message, the ticket's changes, the audit record. */
async function followUpOf(
  deps: ProcessIntakeDeps,
  message: IntakeMessage,
  decision: Extract<ThreadingDecision, { kind: 'join' }>,
): Promise<ClientFollowUp> {
  const { ticket, by, matched } = decision.candidate;
  const now = deps.clock.now().toISOString();
  const id = `client-${stableId(message.channel, message.sourceId)}`;
  let reopen: ClientFollowUp['reopen'];
  if (decision.reopenTo) {
    // A follow-up is written to the court again: its answer is due as from its own receipt when
    // that is later than the ticket's dates.
    const dates = datesFor(
      new Date(message.receivedAt),
      ticket.competence,
      await deps.backlog.backlog(ticket.competence),
    );
    const later = (a: string, b: string) => (a > b ? a : b);
    reopen = {
      statusChange: { from: ticket.status, to: decision.reopenTo, by: 'client', at: now },
      competence: ticket.competence,
      answerDeadline: later(ticket.answerDeadline, dates.answerDeadline),
      firstResponseDue: later(ticket.firstResponseDue, dates.firstResponseDue),
      expectedAnswerBy: later(ticket.expectedAnswerBy, dates.expectedAnswerBy),
    };
  }
  const automatic = message.followUp?.automatic === true;
  const room = maxListedAttachments - (ticket.attachments?.length ?? 0);
  const held = legalHoldAt(ticket);
  return {
    expect: {
      status: ticket.status,
      competence: ticket.competence,
      answerDeadline: ticket.answerDeadline,
      review: Boolean(ticket.review),
      ...(held ? { legalHold: held } : {}),
    },
    message: {
      id,
      kind: 'client',
      at: message.receivedAt,
      author: message.client.email,
      text: message.body,
      subject: message.subject,
      ...(message.html ? { html: message.html } : {}),
      threading: {
        by,
        matched: matched.slice(0, 998),
        ...(decision.reopenTo ? { reopened: decision.reopenTo } : {}),
        ...(automatic ? { automatic: true } : {}),
      },
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      ...(message.email?.messageId ? { messageId: message.email.messageId } : {}),
      source: {
        channel: message.channel,
        id: message.sourceId,
        ...(message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}),
      },
    },
    // Our next answer threads under the client's latest own mail (not an auto-reply, nor a mail
    // without a Message-ID).
    ...(message.email?.messageId && !automatic ? { email: message.email } : {}),
    ...(message.attachments?.length && room > 0 ? { attachments: message.attachments.slice(0, room) } : {}),
    ...(reopen ? { reopen } : {}),
    threadKeys: threadKeysOf(message),
    audit: auditRecord({
      eventTime: now,
      eventSource: auditEventSource,
      eventName: 'AddClientMessage',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'process-intake' },
      sourceIPAddress: message.origin.sourceIPAddress,
      userAgent: message.origin.userAgent,
      requestParameters: { channel: message.channel, receivedAt: message.receivedAt, matchedBy: by },
      responseElements: {
        reference: ticket.reference,
        messageId: id,
        ...(decision.reopenTo ? { reopenedTo: decision.reopenTo } : {}),
      },
      requestID: message.origin.requestId,
      eventID: stableId(message.channel, message.sourceId, 'AddClientMessage'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    }),
  };
}

/** Stores new tickets and enqueues their acknowledgements; answers per entry its outcome or error. */
async function createTickets(
  deps: ProcessIntakeDeps,
  batch: readonly { message: IntakeMessage; linked?: Linked }[],
): Promise<(IntakeOutcome | Error)[]> {
  const messages = batch.map(({ message }) => message);
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
  const entries = batch.map(({ message, linked }): NewTicket => {
    const routed = withLink(
      ticketFromIntake(message, storedAt, (competence) => backlogs.get(competence) ?? 0),
      linked,
    );
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
        ...(ticket.threading
          ? { linkedTo: ticket.threading.linkedTo, linkReason: ticket.threading.why }
          : {}),
      },
      requestID: message.origin.requestId,
      eventID: stableId(ticket.reference, 'CreateTicket'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    });
    const threadKeys = threadKeysOf(message);
    return {
      ticket,
      audit,
      ...(threadKeys.length ? { threadKeys } : {}),
      ...(linked && (linked.candidate.ticket.links?.length ?? 0) < maxLinks
        ? {
            linkBack: {
              reference: linked.candidate.ticket.reference,
              link: { reference: ticket.reference, relation: reverse[linked.relation], at: ticket.storedAt },
            },
          }
        : {}),
    };
  });
  const outcomes = await deps.store.createTickets(entries);
  const stored = entries
    .map((entry, i) => ({ ...entry, acknowledge: messages[i]?.acknowledge !== false }))
    .filter((_, i) => !(outcomes[i] instanceof Error));
  // The count and the acknowledgements do not depend on each other: one round trip, not two.
  const [, enqueueFailure] = await Promise.all([
    countOpened(
      deps,
      entries.filter((_, i) => outcomes[i] === 'created').map(({ ticket }) => ticket.competence),
    ),
    enqueueAcknowledgements(deps, stored),
  ]);
  return entries.map(({ ticket }, i) => {
    const outcome = outcomes[i];
    if (outcome instanceof Error) return outcome;
    if (enqueueFailure) return enqueueFailure;
    return { reference: ticket.reference, outcome: outcome ?? 'exists' };
  });
}

/**
 * Enqueues the acknowledgements of stored tickets; answers the error when that failed (the tickets
 * are stored: their redelivery finds them and enqueues the acknowledgements again).
 */
async function enqueueAcknowledgements(
  deps: ProcessIntakeDeps,
  stored: readonly (NewTicket & { acknowledge: boolean })[],
): Promise<Error | undefined> {
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
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The ticket with its link to the ticket the mail named, and why it did not join that one. */
function withLink(ticket: Ticket, linked: Linked | undefined): Ticket {
  if (!linked) return ticket;
  const { candidate } = linked;
  return {
    ...ticket,
    links: [{ reference: candidate.ticket.reference, relation: linked.relation, at: ticket.storedAt }],
    threading: { linkedTo: candidate.ticket.reference, by: candidate.by, why: linked.why },
  };
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
