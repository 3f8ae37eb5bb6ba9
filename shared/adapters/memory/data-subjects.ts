/**
 * A data subject's records, their erasure and legal holds in memory, for unit tests, over the
 * memory ticket store's maps. Same contracts as `../dynamodb/data-subjects.ts` and
 * `../dynamodb/data-subject-erasure.ts`; the subject index is the tickets' own client (a fake may scan).
 */
import { clientGroupId } from '../../domain/ids.ts';
import { isErased, pseudonymiseTicket } from '../../domain/pseudonymise-ticket.ts';
import { subjectKeysOf } from '../../domain/pseudonyms.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type {
  DataSubjectRecords,
  LegalHold,
  SubjectQuestion,
  SubjectTicketRecords,
  TicketErasure,
  TicketErasureOutcome,
} from '../../ports/data-subjects.ts';
import type { LegalHolds } from '../../ports/legal-holds.ts';
import type { ObjectVersions } from '../../ports/object-versions.ts';
import {
  clientPseudonyms,
  erasedRegistrationItem,
  filesOf,
  intakeRecordsOf,
  threadKeysOf,
} from '../dynamodb/data-subject-items.ts';
import type { MemoryPostalDesk } from './postal.ts';
import type { MemoryQuestionLog } from './question-log.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

type StoredTicket = Ticket & { legalHold?: LegalHold; erasedAt?: string };

export class MemoryDataSubjects implements DataSubjectRecords, TicketErasure, LegalHolds {
  readonly #store: MemoryTicketStore;
  readonly #files: ObjectVersions;
  readonly #postal: MemoryPostalDesk | undefined;
  readonly #questionLog: MemoryQuestionLog | undefined;

  /**
   * `postal`: the mailroom's registrations, and `questionLog`: the assistant's questions with their
   * links to subject keys (`SUBJECT#<key>` / `QUESTION#<id>`), when a test has them.
   */
  constructor(
    store: MemoryTicketStore,
    files: ObjectVersions,
    more: { readonly postal?: MemoryPostalDesk; readonly questionLog?: MemoryQuestionLog } = {},
  ) {
    this.#store = store;
    this.#files = files;
    this.#postal = more.postal;
    this.#questionLog = more.questionLog;
  }

  async ticketsOf(keys: readonly string[]): Promise<string[]> {
    const wanted = new Set(keys);
    return [...this.#store.tickets.values()]
      .filter((ticket) => !isErased(ticket))
      .filter(
        (ticket) =>
          wanted.has(clientGroupId(ticket.client.email)) ||
          subjectKeysOf(ticket.client).some((key) => wanted.has(key)),
      )
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
      .map((ticket) => ticket.reference);
  }

  async ticketRecords(reference: string): Promise<SubjectTicketRecords | undefined> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return undefined;
    const messages = [...this.#store.messages]
      .filter(([key]) => key.startsWith(`${reference}/`))
      .map(([, message]) => message);
    const survey = this.#store.surveys.get(reference);
    return {
      ticket,
      messages,
      deliveries: [...this.#store.outbound]
        .filter(([key]) => key.startsWith(`${reference}/`))
        .map(([, sent]) => ({ outboundId: sent.outboundId, kind: sent.kind, at: sent.sentAt })),
      files: filesOf(
        ticket,
        messages.map((message) => ({ sk: `MESSAGE#${message.id}`, ...message })),
      ),
      ...(survey
        ? {
            survey: {
              satisfaction: survey.satisfaction,
              answered: survey.answered,
              ...(survey.comment ? { comment: survey.comment } : {}),
            },
          }
        : {}),
    };
  }

  async questionsOf(keys: readonly string[], now: Date): Promise<SubjectQuestion[]> {
    const log = this.#questionLog;
    if (!log) return [];
    return [...log.subjects]
      .filter(([, linked]) => linked.some((key) => keys.includes(key)))
      .flatMap(([id]) => {
        const question = log.questions.get(id);
        return question && !log.expired(question, now)
          ? [{ id, askedAt: question.loggedAt, text: question.text }]
          : [];
      })
      .sort((a, b) => (a.askedAt < b.askedAt ? -1 : a.askedAt > b.askedAt ? 1 : 0));
  }

  async eraseTicket(
    reference: string,
    erasure: { readonly basis: string; readonly by: string; readonly at: string },
  ): Promise<TicketErasureOutcome> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return { outcome: 'missing' };
    if (ticket.legalHold) return { outcome: 'held', hold: ticket.legalHold };
    if (isErased(ticket)) return { outcome: 'already' };
    const records = await this.ticketRecords(reference);
    const intake = intakeRecordsOf(
      ticket,
      (records?.messages ?? []).map((message) => ({ sk: `MESSAGE#${message.id}`, ...message })),
    );
    for (const file of records?.files ?? []) await this.#files.deleteEveryVersion(file.key);
    for (const prefix of intake.attachmentPrefixes) await this.#files.deleteEveryVersionUnder(prefix);
    await this.#files.deleteEveryVersionUnder(`replies/${reference}/`);
    for (const key of intake.idempotencyKeys) this.#store.idempotency.delete(key);
    const registration = ticket.postal && this.#postal?.registrations.get(ticket.postal.registrationId);
    if (registration)
      this.#postal?.registrations.set(
        registration.id,
        erasedRegistrationItem(
          registration as unknown as Record<string, unknown>,
        ) as unknown as typeof registration,
      );
    for (const key of threadKeysOf(ticket, [])) this.#store.threads.delete(key);
    for (const [key, target] of this.#store.threads)
      if (target === reference) this.#store.threads.delete(key);
    if (erasure.basis !== 'retention') this.#store.serviceEnded.delete(clientPseudonyms(ticket).clientKey);
    for (const [key, message] of this.#store.messages)
      if (key.startsWith(`${reference}/`))
        this.#store.messages.set(key, {
          id: message.id,
          kind: message.kind,
          at: message.at,
          author: message.kind === 'client' ? '' : message.author,
          text: '',
          ...(message.outboundId ? { outboundId: message.outboundId } : {}),
          ...(message.source ? { source: message.source } : {}),
        });
    const survey = this.#store.surveys.get(reference);
    if (survey) {
      const { comment: _comment, ...kept } = survey;
      this.#store.surveys.set(reference, kept as typeof survey);
    }
    for (const [key, letter] of this.#store.letters)
      if (key.startsWith(`${reference}/`))
        this.#store.letters.set(key, { ...letter, key: '', recipientName: '' });
    this.#store.tickets.set(
      reference,
      pseudonymiseTicket(ticket, {
        basis: erasure.basis === 'retention' ? 'retention' : 'request',
        at: erasure.at,
      }),
    );
    return { outcome: 'erased' };
  }

  /** Deletes the questions linked to any of `keys`; how many. */
  async deleteQuestionsOf(keys: readonly string[]): Promise<number> {
    const log = this.#questionLog;
    if (!log) return 0;
    const linked = [...log.subjects].filter(([, subjects]) => subjects.some((key) => keys.includes(key)));
    for (const [id] of linked) {
      const question = log.questions.get(id);
      if (question) log.questions.set(id, { ...question, text: '', normalised: '', erased: true });
      log.subjects.delete(id);
    }
    return linked.length;
  }

  async setHold(
    reference: string,
    hold: LegalHold,
  ): Promise<'set' | 'missing' | { readonly held: LegalHold }> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return 'missing';
    if (ticket.legalHold) return { held: ticket.legalHold };
    this.#store.tickets.set(reference, { ...ticket, legalHold: hold } as Ticket);
    return 'set';
  }

  async liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return 'missing';
    if (!ticket.legalHold) return 'none';
    const { legalHold, ...rest } = ticket;
    this.#store.tickets.set(reference, rest);
    return legalHold;
  }
}
