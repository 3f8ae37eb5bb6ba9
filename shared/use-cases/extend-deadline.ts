/**
 * Extending the answer deadline (§5.3, Iesniegumu likums §5): staff give a reason and a new date,
 * within the legal maximum of the ticket's unit; the client is told the new date and the reason,
 * through outbound.fifo; the change is audited.
 */
import { answerDeadlineRulesOf, findCompetence, triageCompetence } from '../domain/competences.ts';
import { DeadlineExtensionRejected, extendDeadline } from '../domain/deadlines.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { DeadlineChange, Ticket } from '../domain/ticket.ts';
import { defaultCalendar } from '../domain/working-days.ts';
import type { AuditLog, Clock, MessageQueue, TicketStore } from '../ports/index.ts';
import { staffAction } from './staff-audit.ts';
import type { StaffMember } from './take-ticket.ts';

export interface ExtendDeadlineDeps {
  readonly store: TicketStore;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export class ExtensionRefused extends Error {
  readonly code: 'NotFound' | 'AccessDenied' | 'Conflict' | 'Invalid';
  /** For `Invalid`: the rule that failed (a `DeadlineExtensionRejected`). */
  readonly rule: DeadlineExtensionRejected | undefined;
  constructor(code: ExtensionRefused['code'], rule?: DeadlineExtensionRejected) {
    super(rule?.message ?? code);
    this.name = 'ExtensionRefused';
    this.code = code;
    this.rule = rule;
  }
}

export async function extendTicketDeadline(
  deps: ExtendDeadlineDeps,
  staff: StaffMember,
  reference: string,
  newDeadline: string,
  reason: string,
): Promise<Ticket> {
  const ticket = await deps.store.getTicket(reference);
  if (!ticket) throw new ExtensionRefused('NotFound');
  if (!staff.competences.includes(ticket.competence)) throw new ExtensionRefused('AccessDenied');
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
    if (error instanceof DeadlineExtensionRejected) throw new ExtensionRefused('Invalid', error);
    throw error;
  }
  const change: DeadlineChange = {
    from: extension.previousDeadline,
    to: extension.deadline,
    reason: extension.reason,
    by: staff.username,
    at: deps.clock.now().toISOString(),
  };
  const extended = await deps.store.extendTicketDeadline(reference, change);
  if (!extended) throw new ExtensionRefused('Conflict');
  await deps.audit.append([
    staffAction(staff, {
      eventName: 'ExtendDeadline',
      eventTime: change.at,
      reference,
      requestParameters: { from: change.from, to: change.to, reason: change.reason },
      responseElements: { latestDeadline: extension.latestDeadline },
    }),
  ]);
  const outboundId = `extension-${reference}-${extended.deadlineExtensions?.length ?? 0}`;
  await deps.outboundQueue.send(
    { version: 1, kind: 'deadline-extension', outboundId, reference },
    { groupId: reference, deduplicationId: outboundId },
  );
  return extended;
}
