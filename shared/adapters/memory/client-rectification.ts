/**
 * ClientRectification in memory, over a MemoryTicketStore (tickets, messages, Message-ID keys,
 * ended senders) and, when given, the data-subject index and the survey's address gaps: the same
 * outcome as `../dynamodb/client-rectification.ts`, for unit tests.
 */
import { clientGroupId } from '../../domain/ids.ts';
import { isErased } from '../../domain/pseudonymise-ticket.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { ClientRectification, ClientRectificationWrite } from '../../ports/client-rectification.ts';
import type { SurveyAddressCap } from '../../ports/survey-invitations.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

export class MemoryClientRectification implements ClientRectification {
  readonly #store: MemoryTicketStore;
  /** The data-subject index: subject key → references. */
  readonly subjects: Map<string, Set<string>>;
  /** The survey's 30-day address gaps, by client key. */
  readonly caps: Map<string, SurveyAddressCap>;

  constructor(
    store: MemoryTicketStore,
    shared: { subjects?: Map<string, Set<string>>; caps?: Map<string, SurveyAddressCap> } = {},
  ) {
    this.#store = store;
    this.subjects = shared.subjects ?? new Map();
    this.caps = shared.caps ?? new Map();
  }

  async rectify(reference: string, write: ClientRectificationWrite): Promise<'rectified' | 'conflict'> {
    const store = this.#store;
    const ticket = store.tickets.get(reference);
    if (!ticket || isErased(ticket) || JSON.stringify(ticket.client) !== JSON.stringify(write.expect))
      return 'conflict';
    const updated: Ticket = {
      ...ticket,
      client: write.client,
      ...(write.callback ? { callback: write.callback } : {}),
      ...(write.correction
        ? { clientCorrections: [...(ticket.clientCorrections ?? []), write.correction] }
        : {}),
    };
    store.tickets.set(reference, updated);
    for (const key of write.subjectKeys.remove) this.subjects.get(key)?.delete(reference);
    for (const key of write.subjectKeys.add) {
      const references = this.subjects.get(key) ?? new Set<string>();
      this.subjects.set(key, references.add(reference));
    }
    for (const key of [...write.threadKeys, ...Object.values(write.messageThreadKeys ?? {})]) {
      if (store.threads.get(key.from) === reference) store.threads.delete(key.from);
      store.pointThread(key.to, reference, write.audit.eventTime);
    }
    if (write.moveFlags) this.#moveFlags(ticket, write);
    for (const id of write.clientMessageIds) {
      const message = store.messages.get(`${reference}/${id}`);
      if (message?.kind === 'client')
        store.messages.set(`${reference}/${id}`, { ...message, author: write.client.email });
    }
    store.audit.push(write.audit);
    return 'rectified';
  }

  #moveFlags(ticket: Ticket, write: ClientRectificationWrite): void {
    const { from, to } = write.clientKey;
    const store = this.#store;
    if (ticket.serviceEnded && store.serviceEnded.has(from)) {
      store.serviceEnded.add(to);
      // Kept while another of the old address's tickets ended service too.
      const others = [...store.tickets.values()].some(
        (other) =>
          other.reference !== ticket.reference &&
          other.serviceEnded &&
          clientGroupId(other.client.email) === from,
      );
      if (!others) store.serviceEnded.delete(from);
    }
    const cap = this.caps.get(from);
    if (cap?.reference === ticket.reference) {
      this.caps.delete(from);
      if (!this.caps.has(to)) this.caps.set(to, { ...cap, clientKey: to });
    }
  }
}
