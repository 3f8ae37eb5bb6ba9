/**
 * How the staff verbs change a ticket: one conditional write of the change with its audit record,
 * refused when the ticket changed meanwhile; a retried request recognised by its message id; and
 * the units' open-ticket counters kept in step with the status.
 */
import { randomUUID } from 'node:crypto';
import { localDate } from '../domain/deadlines.ts';
import { stableId } from '../domain/ids.ts';
import { Refused } from '../domain/refused.ts';
import { type StatusChange, stillToAnswer, type Ticket, type TicketStatus } from '../domain/ticket.ts';
import type { StaffWrite, TicketRecord } from '../ports/ticket-desk.ts';
import { recordFor } from './staff-access.ts';
import type { StaffCaller, StaffMember } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';

/**
 * Writes the change if the ticket is still as it was read (status, unit, deadline): `Conflict`
 * (409) if not; `duplicate` when the change's message is stored already.
 */
export async function write(
  deps: Pick<StaffDeskDeps, 'desk'>,
  ticket: Ticket,
  change: Omit<StaffWrite, 'expect'>,
): Promise<Ticket | 'duplicate'> {
  const result = await deps.desk.write(ticket.reference, {
    expect: { status: ticket.status, competence: ticket.competence, answerDeadline: ticket.answerDeadline },
    ...change,
  });
  if (result === 'conflict') throw new Refused('Conflict', 409);
  return result;
}

export function statusChange(staff: StaffMember, ticket: Ticket, to: TicketStatus, at: string): StatusChange {
  return { from: ticket.status, to, by: staff.username, at };
}

/**
 * Keeps the units' counters (for the expected answer date) in step when a ticket stops or starts
 * waiting for its answer. Best effort: only later estimates depend on them.
 */
export async function countTransition(
  deps: Pick<StaffDeskDeps, 'store'>,
  ticket: Ticket,
  to: TicketStatus,
  now: Date,
): Promise<void> {
  const wasOpen = stillToAnswer(ticket.status);
  const isOpen = stillToAnswer(to);
  if (wasOpen === isOpen) return;
  try {
    if (!isOpen) await deps.store.countAnswered(ticket.competence, localDate(now));
    await deps.store.adjustOpenTickets(new Map([[ticket.competence, isOpen ? 1 : -1]]));
  } catch {
    // See process-intake's count: a missed count skews only the estimate of later requests.
  }
}

/**
 * The ticket a reply or note joins, if the caller may add one, and the message's id: stable for an
 * idempotency key, so that a retried request finds its message `stored` already.
 */
export async function messageTarget(
  deps: Pick<StaffDeskDeps, 'desk'>,
  caller: StaffCaller,
  reference: string,
  message: { readonly kind: 'reply' | 'note'; readonly text: string; readonly idempotencyKey?: string },
): Promise<{ ticket: Ticket; id: string; stored: boolean }> {
  const { kind, text, idempotencyKey } = message;
  const { ticket, messages } = await recordFor(deps, caller, reference, kind);
  const id = idempotencyKey ? stableId(reference, kind, caller.username, idempotencyKey) : randomUUID();
  return { ticket, id, stored: sameRequestStored(messages, id, kind, text) };
}

/**
 * Whether the message of this idempotency key is stored already, for the same request; a key
 * reused for a different text is refused (`IdempotencyMismatch`, 422) rather than silently
 * answered with the first one.
 */
function sameRequestStored(
  messages: TicketRecord['messages'],
  id: string,
  kind: 'reply' | 'note',
  text: string,
): boolean {
  const stored = messages.find((message) => message.id === id);
  if (!stored) return false;
  if (stored.kind !== kind || stored.text !== text.trim()) throw new Refused('IdempotencyMismatch', 422);
  return true;
}
