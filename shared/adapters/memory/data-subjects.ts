/**
 * A data subject's records, their erasure and legal holds in memory, for unit tests, over the
 * memory ticket store's maps. Same contracts as `../dynamodb/data-subjects.ts` and
 * `../dynamodb/data-subject-erasure.ts`; the subject index is the tickets' own client (a fake may scan).
 */
import { clientGroupId } from '../../domain/ids.ts';
import { isErased, pseudonymiseTicket } from '../../domain/pseudonymise-ticket.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type {
  DataSubjectRecords,
  LegalHold,
  SubjectExports,
  SubjectQuestion,
  SubjectTicketRecords,
  TicketErasure,
  TicketErasureOutcome,
} from '../../ports/data-subjects.ts';
import type { LegalHolds, SetHoldOutcome } from '../../ports/legal-holds.ts';
import type { ObjectVersions } from '../../ports/object-versions.ts';
import {
  clientPseudonyms,
  erasedRegistrationItem,
  filesOf,
  heldObjectsOf,
  intakeRecordsOf,
  threadKeysOf,
} from '../dynamodb/data-subject-items.ts';
import type { MemoryPostalDesk } from './postal.ts';
import type { MemoryQuestionLog } from './question-log.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

type StoredTicket = Ticket & { legalHold?: LegalHold; erasedAt?: string; erasing?: string };

export class MemoryDataSubjects implements DataSubjectRecords, TicketErasure, LegalHolds, SubjectExports {
  readonly #store: MemoryTicketStore;
  readonly #files: ObjectVersions;
  readonly #postal: MemoryPostalDesk | undefined;
  readonly #questionLog: MemoryQuestionLog | undefined;
  /** The keys of held tickets' objects (`HOLDKEY#<key>` items); the retention guards may share the set. */
  readonly heldObjects: Set<string>;
  /** Object key → the `at` of the hold that protected it (the `HOLDKEY` item's tag). */
  readonly #holdTags: Map<string, string>;
  /** Reference → the keys of the exports that hold it (`EXPORT#<id>` items). */
  readonly exports = new Map<string, Set<string>>();

  /**
   * `postal`: the mailroom's registrations, and `questionLog`: the assistant's questions with their
   * links to subject keys (`SUBJECT#<key>` / `QUESTION#<id>`), when a test has them; `heldObjects`:
   * a set shared with `MemoryRetentionGuards`.
   */
  constructor(
    store: MemoryTicketStore,
    files: ObjectVersions,
    more: {
      readonly postal?: MemoryPostalDesk;
      readonly questionLog?: MemoryQuestionLog;
      readonly heldObjects?: Set<string>;
    } = {},
  ) {
    this.#store = store;
    this.#files = files;
    this.#postal = more.postal;
    this.#questionLog = more.questionLog;
    // The store's items: a follow-up joining a held ticket writes them too.
    if (more.heldObjects) store.heldObjects = more.heldObjects;
    this.heldObjects = store.heldObjects;
    this.#holdTags = store.holdTags;
  }

  async recordExport(
    _exportId: string,
    key: string,
    references: readonly string[],
    _expiresAt: number,
  ): Promise<void> {
    for (const reference of references)
      this.exports.set(reference, new Set([...(this.exports.get(reference) ?? []), key]));
  }

  async ticketsOf(keys: readonly string[]): Promise<string[]> {
    const wanted = new Set(keys);
    return [...this.#store.tickets.values()]
      .filter((ticket) => !isErased(ticket))
      .filter(
        (ticket) =>
          wanted.has(clientGroupId(ticket.client.email)) ||
          clientPseudonyms(ticket).subjectKeys.some((key) => wanted.has(key)),
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
    // The claim: from here on no hold can be set; a run that stopped after it is continued.
    if (!ticket.erasing) this.#store.tickets.set(reference, { ...ticket, erasing: erasure.at } as Ticket);
    const records = await this.ticketRecords(reference);
    const intake = intakeRecordsOf(
      ticket,
      (records?.messages ?? []).map((message) => ({ sk: `MESSAGE#${message.id}`, ...message })),
    );
    for (const file of records?.files ?? []) await this.#files.deleteEveryVersion(file.key);
    for (const key of this.#objectsOf(ticket)) {
      this.heldObjects.delete(key);
      this.#holdTags.delete(key);
    }
    for (const key of [...intake.quarantineCopies, ...(this.exports.get(reference) ?? [])])
      await this.#files.deleteEveryVersion(key);
    this.exports.delete(reference);
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

  async setHold(reference: string, hold: LegalHold): Promise<SetHoldOutcome> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return 'missing';
    if (ticket.legalHold) return { held: ticket.legalHold };
    if (isErased(ticket)) return 'erased';
    if (ticket.erasing) return 'erasing';
    this.#store.tickets.set(reference, { ...ticket, legalHold: hold } as Ticket);
    for (const key of this.#objectsOf(ticket)) {
      this.heldObjects.add(key);
      this.#holdTags.set(key, hold.at);
    }
    return 'set';
  }

  async liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'> {
    const ticket = this.#store.tickets.get(reference) as StoredTicket | undefined;
    if (!ticket) return 'missing';
    if (!ticket.legalHold) return 'none';
    const { legalHold, ...rest } = ticket;
    this.#store.tickets.set(reference, rest);
    // Only the lifted hold's protection, as on DynamoDB (a newer hold's is tagged with its own `at`).
    for (const key of this.#objectsOf(ticket)) {
      const tag = this.#holdTags.get(key);
      if (tag !== undefined && tag !== legalHold.at) continue;
      this.heldObjects.delete(key);
      this.#holdTags.delete(key);
    }
    return legalHold;
  }

  /** The ticket's objects a hold protects, as the DynamoDB adapter finds them in its partition. */
  #objectsOf(ticket: Ticket): string[] {
    const messages = [...this.#store.messages]
      .filter(([key]) => key.startsWith(`${ticket.reference}/`))
      .map(([, message]) => ({ sk: `MESSAGE#${message.id}`, ...message }));
    const letters = [...this.#store.letters]
      .filter(([key]) => key.startsWith(`${ticket.reference}/`))
      .map(([, letter]) => ({ sk: `LETTER#${letter.letterId}`, key: letter.key }));
    return heldObjectsOf(ticket, [...messages, ...letters]);
  }
}
