/**
 * "Take next" (§19.4, §21): a staff member works one ticket at a time, and takes the oldest waiting
 * ticket of their units. Two staff taking at the same moment never get the same ticket: the take
 * is a conditional write, and the loser moves on to the next oldest. Taking a ticket out of order
 * needs a reason, and both kinds of take are kept for the FIFO fairness report.
 */
import { reasonDigest } from '../domain/audit-event.ts';
import type { CompetenceId } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { accessDenied, Refused } from '../domain/refused.ts';
import type { Clock } from '../ports/clock.ts';
import type { ListedTicket, TakeRecord, Worklists } from '../ports/worklists.ts';
import { ticketAfterAction } from './read-ticket.ts';
import { recordFor } from './staff-access.ts';
import { recordRead, type StaffCaller, type StaffMember, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import type { TicketDetail } from './views/tickets.ts';

export interface TakeDeps {
  readonly worklists: Worklists;
  readonly clock: Clock;
}

/**
 * The waiting tickets looked at per unit and round. A round lost whole means others took all of
 * them, so the queue moved on by as many: enough rounds let a taker outlast a crowd of takers on a
 * short queue instead of giving up while tickets still wait.
 */
const candidatesPerUnit = 5;
const rounds = 20;

/** Takes the oldest new, unassigned ticket of the staff member's units; undefined when none waits. */
export async function takeNextTicket(deps: TakeDeps, staff: StaffMember): Promise<ListedTicket | undefined> {
  for (let round = 0; round < rounds; round += 1) {
    const candidates = await oldestWaiting(deps, staff.competences, candidatesPerUnit);
    if (candidates.length === 0) return undefined;
    for (const candidate of candidates) {
      if (await take(deps, staff, candidate, { inOrder: true })) return taken(candidate, staff, deps);
    }
    // Every candidate went to someone faster: look again.
  }
  return undefined;
}

/**
 * "Take next" as a staff request: the oldest waiting ticket of the caller's units (or of the one
 * asked for, `AccessDenied` outside them), as the caller then sees it; `null` when none waits.
 * Taking writes its own record (`TakeTicket`); asking when nothing waits is recorded too.
 */
export async function takeNext(
  deps: Pick<StaffDeskDeps, 'desk' | 'worklists' | 'downloads' | 'audit' | 'clock'>,
  caller: StaffCaller,
  competence: CompetenceId | undefined,
): Promise<{ ticket: TicketDetail | null }> {
  const units = competence ? caller.competences.filter((id) => id === competence) : caller.competences;
  if (competence && units.length === 0) throw accessDenied();
  const next = await takeNextTicket(deps, { ...caller, competences: units });
  if (next) return { ticket: await ticketAfterAction(deps, caller, next.reference) };
  await recordRead(deps, caller, {
    eventName: 'TakeNextTicket',
    requestParameters: competence ? { competence } : null,
    responseElements: { ticket: null },
  });
  return { ticket: null };
}

/**
 * Takes a particular waiting ticket. When an older one waits in the same unit, this jumps the
 * queue: a reason is required (`ReasonRequired`, 409) and the passed-over ticket is recorded.
 * Taken meanwhile by someone else: `NotWaiting` (409).
 */
export async function takeTicket<T extends ListedTicket>(
  deps: TakeDeps,
  staff: StaffMember,
  ticket: T,
  reason: string | undefined,
): Promise<T> {
  if (!staff.competences.includes(ticket.competence)) throw accessDenied();
  // A ticket held for a supervisor's review (§17) is not in the unit's queue: taking it jumps nothing.
  const [oldest] = ticket.review ? [] : await oldestWaiting(deps, [ticket.competence], 1);
  const inOrder = oldest === undefined || oldest.reference === ticket.reference;
  const trimmed = reason?.trim();
  if (!inOrder && !trimmed) throw new Refused('ReasonRequired', 409);
  const ok = await take(deps, staff, ticket, {
    inOrder,
    ...(inOrder ? {} : { reason: trimmed, passedOver: oldest?.reference }),
  });
  if (!ok) throw new Refused('NotWaiting', 409);
  return taken(ticket, staff, deps);
}

/**
 * A staff member takes the ticket they opened: in queue order, or out of it with a reason. A ticket
 * held for review (§17) is taken by a supervisor only, outside the queue.
 */
export async function takeOne(
  deps: Pick<StaffDeskDeps, 'desk' | 'worklists' | 'downloads' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  reason: string | undefined,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'take');
  await takeTicket(deps, caller, ticket, reason);
  return ticketAfterAction(deps, caller, reference);
}

async function oldestWaiting(
  deps: TakeDeps,
  competences: readonly string[],
  perUnit: number,
): Promise<ListedTicket[]> {
  const pages = await Promise.all(
    competences.map((competence) =>
      deps.worklists.list({ kind: 'queue', competence, status: 'new' }, { limit: perUnit }),
    ),
  );
  return (
    pages
      .flatMap((page) => page.items)
      // A ticket held for a supervisor's review (§17) is never handed out by take-next.
      .filter((ticket) => ticket.assignee === undefined && !ticket.review)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference))
  );
}

async function take(
  deps: TakeDeps,
  staff: StaffMember,
  ticket: ListedTicket,
  how: { inOrder: boolean; reason?: string | undefined; passedOver?: string | undefined },
): Promise<boolean> {
  const takenAt = deps.clock.now().toISOString();
  const record: TakeRecord = {
    reference: ticket.reference,
    competence: ticket.competence,
    assignee: staff.username,
    takenAt,
    receivedAt: ticket.receivedAt,
    inOrder: how.inOrder,
    ...(how.reason ? { reason: how.reason } : {}),
    ...(how.passedOver ? { passedOver: how.passedOver } : {}),
  };
  return deps.worklists.take(
    record,
    staffAction(staff, {
      eventName: how.inOrder ? 'TakeTicket' : 'TakeTicketOutOfOrder',
      eventTime: takenAt,
      reference: ticket.reference,
      requestParameters: {
        ...(how.reason ? reasonDigest(how.reason) : {}),
        ...(how.passedOver ? { passedOver: how.passedOver } : {}),
      },
      responseElements: { assignee: staff.username },
    }),
  );
}

function taken<T extends ListedTicket>(ticket: T, staff: StaffMember, deps: TakeDeps): T {
  return { ...ticket, status: 'open', assignee: staff.username, takenAt: deps.clock.now().toISOString() };
}

export interface FairnessReport {
  readonly competence: string;
  readonly month: string;
  readonly taken: number;
  readonly inOrder: number;
  /** Share of takes in arrival order, 0–1 (1 when nothing was taken). */
  readonly inOrderShare: number;
  readonly exceptions: readonly TakeRecord[];
}

/** How fairly a unit took its tickets in a month: the share taken in arrival order, and every exception. */
export async function fairnessReport(
  deps: TakeDeps,
  competence: string,
  month?: string,
): Promise<FairnessReport> {
  const period = month ?? localDate(deps.clock.now()).slice(0, 7);
  const takes = await deps.worklists.takes(competence, period);
  const inOrder = takes.filter((record) => record.inOrder).length;
  return {
    competence,
    month: period,
    taken: takes.length,
    inOrder,
    inOrderShare: takes.length ? inOrder / takes.length : 1,
    exceptions: takes.filter((record) => !record.inOrder),
  };
}
