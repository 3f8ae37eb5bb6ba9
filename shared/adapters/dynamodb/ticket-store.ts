/**
 * The whole `TicketStore` on DynamoDB, for callers that take it at once: each method is its
 * consumer port's adapter (intake, ticket reader, threading, outbound, counters, ticket moves, mail
 * quarantine), all on the same tables. Item layout: `./ticket-items.ts`.
 */
import type { DeadlineChange, Ticket } from '../../domain/ticket.ts';
import type { IdempotencyRecord, NewTicket } from '../../ports/intake.ts';
import type { CompletedSend, OutboundLookup, OutboundState } from '../../ports/outbound.ts';
import type { QuarantineRecord } from '../../ports/quarantine.ts';
import type { ClientFollowUp } from '../../ports/threading.ts';
import type { TicketMoves } from '../../ports/ticket-moves.ts';
import type { TicketStore } from '../../ports/ticket-store.ts';
import { DynamoCounters } from './counters.ts';
import { DynamoTicketIntake } from './intake.ts';
import { DynamoOutbound } from './outbound.ts';
import { DynamoMailQuarantine } from './quarantine-desk.ts';
import { DynamoThreading } from './threading.ts';
import { DynamoTicketMoves } from './ticket-moves.ts';
import { DynamoTicketReader } from './ticket-reader.ts';
import type { DynamoTables } from './tickets-table.ts';

// The item layout, still importable from here.
export { indexKeys, senderKey, toThreadMessage, toTicket, worklistKeyOf } from './ticket-items.ts';

export type DynamoTicketStoreOptions = DynamoTables;

export class DynamoTicketStore implements TicketStore {
  readonly #intake: DynamoTicketIntake;
  readonly #reader: DynamoTicketReader;
  readonly #threading: DynamoThreading;
  readonly #outbound: DynamoOutbound;
  readonly #counters: DynamoCounters;
  readonly #moves: DynamoTicketMoves;
  readonly #quarantine: DynamoMailQuarantine;

  constructor(tables: DynamoTables) {
    this.#intake = new DynamoTicketIntake(tables);
    this.#reader = new DynamoTicketReader(tables);
    this.#threading = new DynamoThreading(tables);
    this.#outbound = new DynamoOutbound(tables);
    this.#counters = new DynamoCounters(tables);
    this.#moves = new DynamoTicketMoves(tables);
    this.#quarantine = new DynamoMailQuarantine(tables);
  }

  reserveReferenceBlock(year: number, size: number): Promise<number> {
    return this.#intake.reserveReferenceBlock(year, size);
  }
  getIdempotency(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    return this.#intake.getIdempotency(key, now);
  }
  putIdempotency(record: IdempotencyRecord, expiresAt: Date, now: Date): Promise<boolean> {
    return this.#intake.putIdempotency(record, expiresAt, now);
  }
  createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]> {
    return this.#intake.createTickets(entries);
  }
  getTicket(reference: string): Promise<Ticket | undefined> {
    return this.#reader.getTicket(reference);
  }
  threadTargets(keys: readonly string[], now: Date): Promise<Map<string, string>> {
    return this.#threading.threadTargets(keys, now);
  }
  addClientMessage(reference: string, followUp: ClientFollowUp): Promise<'added' | 'duplicate' | 'conflict'> {
    return this.#threading.addClientMessage(reference, followUp);
  }
  serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>> {
    return this.#threading.serviceEndedSenders(clientKeys);
  }
  getForSending(messages: readonly OutboundLookup[]): Promise<OutboundState[]> {
    return this.#outbound.getForSending(messages);
  }
  completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]> {
    return this.#outbound.completeOutbounds(entries);
  }
  ticketsReceivedBetween(clientKey: string, from: string, through: string, limit: number): Promise<number> {
    return this.#outbound.ticketsReceivedBetween(clientKey, from, through, limit);
  }
  rerouteTicket(
    reference: string,
    change: Parameters<TicketMoves['rerouteTicket']>[1],
  ): Promise<Ticket | undefined> {
    return this.#moves.rerouteTicket(reference, change);
  }
  extendTicketDeadline(
    reference: string,
    change: DeadlineChange,
    competence?: string,
  ): Promise<Ticket | undefined> {
    return this.#moves.extendTicketDeadline(reference, change, competence);
  }
  openTickets(competence: string): Promise<number> {
    return this.#counters.openTickets(competence);
  }
  answeredOn(competence: string, days: readonly string[]): Promise<number[]> {
    return this.#counters.answeredOn(competence, days);
  }
  countAnswered(competence: string, day: string): Promise<void> {
    return this.#counters.countAnswered(competence, day);
  }
  adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void> {
    return this.#counters.adjustOpenTickets(changes);
  }
  countDiscarded(reason: 'honeypot', day: string): Promise<void> {
    return this.#counters.countDiscarded(reason, day);
  }
  discardedCount(reason: 'honeypot', day: string): Promise<number> {
    return this.#counters.discardedCount(reason, day);
  }
  quarantine(record: QuarantineRecord): Promise<boolean> {
    return this.#quarantine.quarantine(record);
  }
}
