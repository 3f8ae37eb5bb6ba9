/**
 * Re-routing (§16): a staff member moves a ticket to the unit competent for it, with a reason. The
 * ticket goes back to the new unit's queue; the legal deadline still counts from receipt, the
 * expected date is estimated anew for the new unit; the client is told, in their language, through
 * outbound.fifo (§5.8); the move is audited.
 */
import { reasonDigest } from '../domain/audit-event.ts';
import { type CompetenceId, findCompetence } from '../domain/competences.ts';
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import { accessDenied, Refused } from '../domain/refused.ts';
import { datesFor, type Reroute, type Ticket } from '../domain/ticket.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { BacklogCounters, BacklogReader } from '../ports/counters.ts';
import type { MessageQueue } from '../ports/queue.ts';
import type { TicketMoves } from '../ports/ticket-moves.ts';
import type { TicketReader } from '../ports/ticket-reader.ts';
import { storedTicket } from './staff-access.ts';
import { type StaffMember, staffAction } from './staff-audit.ts';

export interface RerouteDeps {
  readonly store: TicketReader & TicketMoves & Pick<BacklogCounters, 'adjustOpenTickets'>;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly backlog: BacklogReader;
}

/**
 * Refused: `NotFound` (404), `AccessDenied` (403, another unit's ticket), `UnknownCompetence` and
 * `ReasonRequired` (400), `SameCompetence` and `Conflict` (409, the ticket changed meanwhile).
 */
export async function rerouteTicket(
  deps: RerouteDeps,
  staff: StaffMember,
  reference: string,
  to: string,
  reason: string,
): Promise<Ticket> {
  const ticket = await storedTicket(deps, reference);
  const target = findCompetence(to);
  if (!target) throw new Refused('UnknownCompetence', 400);
  const last = ticket.reroutes?.at(-1);
  if (ticket.competence === target.id && last?.to === target.id && last.by === staff.username) {
    // A retry of a move that was stored: make sure its audit record and the client's notice exist
    // (both are idempotent: a stable event id, a stable outbound id).
    await deps.audit.append([rerouteAudit(staff, ticket, last)]);
    await notify(deps, ticket);
    return ticket;
  }
  if (!staff.competences.includes(ticket.competence)) throw accessDenied();
  if (ticket.competence === target.id) throw new Refused('SameCompetence', 409);
  const trimmed = reason.trim();
  if (!trimmed) throw new Refused('ReasonRequired', 400);

  const now = deps.clock.now();
  const reroute: Reroute = {
    from: ticket.competence,
    to: target.id,
    reason: trimmed,
    by: staff.username,
    at: now.toISOString(),
  };
  // The deadline runs from receipt whoever answers; the estimate counts from today in the new
  // unit's backlog (the ticket joins the end of its queue), and never passes the deadline.
  const estimate = datesFor(now, target.id, await deps.backlog.backlog(target.id)).expectedAnswerBy;
  const expectedAnswerBy =
    estimate.localeCompare(ticket.answerDeadline) < 0 ? estimate : ticket.answerDeadline;
  const moved = await deps.store.rerouteTicket(reference, {
    reroute,
    expectedAnswerBy,
    heldForReview: Boolean(ticket.review && ticket.status === 'new'),
    callbackPending: Boolean(ticket.callback && !ticket.callback.done),
  });
  if (!moved) throw new Refused('Conflict', 409);

  await deps.audit.append([rerouteAudit(staff, moved, reroute)]);
  await notify(deps, moved);
  try {
    await deps.store.adjustOpenTickets(
      new Map<CompetenceId, number>([
        [reroute.from, -1],
        [reroute.to, 1],
      ]),
    );
  } catch {
    // Only the estimate of later requests depends on it; see process-intake's count.
  }
  return moved;
}

function rerouteAudit(staff: StaffMember, ticket: Ticket, reroute: Reroute) {
  return staffAction(staff, {
    eventName: 'RerouteTicket',
    eventTime: reroute.at,
    reference: ticket.reference,
    requestParameters: { from: reroute.from, to: reroute.to, ...reasonDigest(reroute.reason) },
    responseElements: { expectedAnswerBy: ticket.expectedAnswerBy, answerDeadline: ticket.answerDeadline },
    eventID: stableId(ticket.reference, 'RerouteTicket', String(ticket.reroutes?.length ?? 0)),
  });
}

async function notify(deps: RerouteDeps, ticket: Ticket): Promise<void> {
  // A sender whose service was ended gets no automatic notices about new mail (§17).
  if (ticket.review && ticket.status === 'new') return;
  const outboundId = `reroute-${ticket.reference}-${ticket.reroutes?.length ?? 0}`;
  await deps.outboundQueue.send(
    { version: 1, kind: 'reroute-notice', outboundId, reference: ticket.reference },
    { groupId: ticket.reference, deduplicationId: outboundId },
  );
}
