/**
 * Extending the answer deadline (§5.3, Iesniegumu likums §5): staff give a reason and a new date,
 * within the legal maximum of the ticket's unit; the client is told the new date and the reason,
 * through outbound.fifo; the change is audited.
 */
import { reasonDigest } from '../domain/audit-event.ts';
import { answerDeadlineRulesOf, findCompetence, triageCompetence } from '../domain/competences.ts';
import {
  DeadlineExtensionRejected,
  ExtensionBeyondLegalMaximum,
  ExtensionDateInvalid,
  ExtensionNotLater,
  ExtensionNotOnWorkingDay,
  extendDeadline,
  localDate,
} from '../domain/deadlines.ts';
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import { accessDenied, type RefusalDetails, Refused } from '../domain/refused.ts';
import type { DeadlineChange, Ticket } from '../domain/ticket.ts';
import { defaultCalendar } from '../domain/working-days.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { MessageQueue } from '../ports/queue.ts';
import type { TicketMoves } from '../ports/ticket-moves.ts';
import type { TicketReader } from '../ports/ticket-reader.ts';
import { storedTicket } from './staff-access.ts';
import { type StaffMember, staffAction } from './staff-audit.ts';

export interface ExtendDeadlineDeps {
  readonly store: TicketReader & TicketMoves;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** The new answer deadline (a calendar date) and why. */
export interface DeadlineExtension {
  readonly deadline: string;
  readonly reason: string;
}

/**
 * Refused: `NotFound` (404), `AccessDenied` (403, another unit's ticket), `Invalid` (422, a rule of
 * the law: see `invalidExtension`), `DeadlinePassed` and `Conflict` (409).
 */
export async function extendTicketDeadline(
  deps: ExtendDeadlineDeps,
  staff: StaffMember,
  reference: string,
  { deadline: newDeadline, reason }: DeadlineExtension,
): Promise<Ticket> {
  const ticket = await storedTicket(deps, reference);
  if (!staff.competences.includes(ticket.competence)) throw accessDenied();
  const last = ticket.deadlineExtensions?.at(-1);
  if (last && last.to === newDeadline && last.by === staff.username && last.reason === reason.trim()) {
    // A retry of an extension that was stored: make sure its audit record and notice exist.
    await recordAndNotify(deps, staff, ticket, last);
    return ticket;
  }
  // An extension must reach the client before the deadline runs out (GDPR art. 12(3), Iesniegumu
  // likums §5): once it has passed, the breach stands and is not papered over by a later date.
  if (localDate(deps.clock.now()) > ticket.answerDeadline) throw new Refused('DeadlinePassed', 409);
  let extension: ReturnType<typeof extendDeadline>;
  try {
    extension = extendDeadline(
      {
        receivedAt: new Date(ticket.receivedAt),
        currentDeadline: ticket.answerDeadline,
        newDeadline,
        reason,
      },
      defaultCalendar,
      answerDeadlineRulesOf(findCompetence(ticket.competence) ?? triageCompetence),
    );
  } catch (error) {
    if (error instanceof DeadlineExtensionRejected) throw invalidExtension(error);
    throw error;
  }
  const change: DeadlineChange = {
    from: extension.previousDeadline,
    to: extension.deadline,
    reason: extension.reason,
    by: staff.username,
    at: deps.clock.now().toISOString(),
  };
  const extended = await deps.store.extendTicketDeadline(reference, change, ticket.competence);
  if (!extended) throw new Refused('Conflict', 409);
  await recordAndNotify(deps, staff, extended, change);
  return extended;
}

/** The audit record and the client's notice of an extension; both idempotent, so a retry may repeat them. */
async function recordAndNotify(
  deps: ExtendDeadlineDeps,
  staff: StaffMember,
  ticket: Ticket,
  change: DeadlineChange,
): Promise<void> {
  const count = String(ticket.deadlineExtensions?.length ?? 0);
  await deps.audit.append([
    staffAction(staff, {
      eventName: 'ExtendDeadline',
      eventTime: change.at,
      reference: ticket.reference,
      requestParameters: { from: change.from, to: change.to, ...reasonDigest(change.reason) },
      responseElements: null,
      eventID: stableId(ticket.reference, 'ExtendDeadline', count),
    }),
  ]);
  const outboundId = `extension-${ticket.reference}-${count}`;
  await deps.outboundQueue.send(
    { version: 1, kind: 'deadline-extension', outboundId, reference: ticket.reference },
    { groupId: ticket.reference, deduplicationId: outboundId },
  );
}

/** An extension the law does not allow (422): which rule, with the date that would work. */
function invalidExtension(rule: DeadlineExtensionRejected): Refused {
  const refused = new Refused('Invalid', 422, ruleMessage(rule));
  // The rule that failed, for whoever looks into the refusal.
  refused.cause = rule;
  return refused;
}

function ruleMessage(rule: DeadlineExtensionRejected): RefusalDetails {
  if (rule instanceof ExtensionNotLater)
    return { messageKey: 'staff.deadline.notLater', values: { date: rule.currentDeadline } };
  if (rule instanceof ExtensionNotOnWorkingDay)
    return { messageKey: 'staff.deadline.notWorkingDay', values: { date: rule.nextWorkingDay } };
  if (rule instanceof ExtensionBeyondLegalMaximum)
    return { messageKey: 'staff.deadline.beyondMaximum', values: { date: rule.latestDeadline } };
  if (rule instanceof ExtensionDateInvalid) return { messageKey: 'staff.deadline.dateInvalid' };
  return { messageKey: 'staff.Invalid' };
}
