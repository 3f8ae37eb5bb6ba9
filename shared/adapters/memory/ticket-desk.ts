/**
 * TicketDesk in memory, over a MemoryTicketStore: the partition read from the store's maps, and
 * every staff write applied under the same conditions as `../dynamodb/ticket-desk.ts`.
 */
import { clientGroupId } from '../../domain/ids.ts';
import { isErasedOrErasing } from '../../domain/pseudonymise-ticket.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { StaffWrite, TicketDesk, TicketRecord } from '../../ports/ticket-desk.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

export class MemoryTicketDesk implements TicketDesk {
  readonly #store: MemoryTicketStore;

  constructor(store: MemoryTicketStore) {
    this.#store = store;
  }

  async record(reference: string): Promise<TicketRecord | undefined> {
    const ticket = this.#store.tickets.get(reference);
    if (!ticket) return undefined;
    const survey = this.#store.surveys.get(reference);
    const ofTicket = <T>(entries: Map<string, T>) =>
      [...entries].filter(([key]) => key.startsWith(`${reference}/`)).map(([, value]) => value);
    return {
      ticket,
      messages: ofTicket(this.#store.messages).sort(
        (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
      ),
      sent: ofTicket(this.#store.outbound),
      deliveryProblems: [],
      ...(survey ? { survey } : {}),
    };
  }

  async write(reference: string, change: StaffWrite): Promise<Ticket | 'conflict' | 'duplicate'> {
    const ticket = this.#store.tickets.get(reference);
    if (change.message && this.#store.messages.has(`${reference}/${change.message.id}`)) return 'duplicate';
    const { expect } = change;
    if (
      !ticket ||
      isErasedOrErasing(ticket) ||
      ticket.status !== expect.status ||
      ticket.competence !== expect.competence ||
      ticket.answerDeadline !== expect.answerDeadline ||
      // A callback is recorded once; a transcription typed in once.
      (change.callbackDone && (!ticket.callback || ticket.callback.done)) ||
      (change.transcription && ticket.transcription)
    )
      return 'conflict';
    const { statusChange, endService, callbackDone, transcription } = change;
    const updated: Ticket = {
      ...ticket,
      ...(statusChange
        ? { status: statusChange.to, statusChanges: [...(ticket.statusChanges ?? []), statusChange] }
        : {}),
      ...(endService
        ? { serviceEnded: { reason: endService.reason, by: endService.by, at: endService.at } }
        : {}),
      ...(callbackDone && ticket.callback ? { callback: { ...ticket.callback, done: callbackDone } } : {}),
      ...(transcription ? { transcription } : {}),
      ...(change.message?.kind === 'reply' && !ticket.firstResponseAt
        ? { firstResponseAt: change.message.at }
        : {}),
    };
    if (change.message) this.#store.messages.set(`${reference}/${change.message.id}`, change.message);
    if (endService) this.#store.serviceEnded.add(endService.clientKey);
    this.#store.tickets.set(reference, updated);
    this.#store.audit.push(change.audit);
    return updated;
  }

  async clientTickets(clientKey: string, limit: number): Promise<Ticket[]> {
    const receivedKey = (ticket: Ticket) => `${ticket.receivedAt}#${ticket.reference}`;
    return [...this.#store.tickets.values()]
      .filter((ticket) => clientGroupId(ticket.client.email) === clientKey)
      .sort((a, b) => receivedKey(b).localeCompare(receivedKey(a)))
      .slice(0, Math.max(1, Math.min(100, limit)));
  }
}
