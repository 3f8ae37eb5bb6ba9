/**
 * Counters kept as events happen (never a scan at read time): a unit's open tickets and answers a
 * day, which feed the expected answer date, and the spam the web form discarded.
 */
import type { Backlog } from '../domain/expected-answer.ts';

export interface BacklogCounters {
  /** Tickets of `competence` received and not yet answered (eventually consistent). */
  openTickets(competence: string): Promise<number>;
  /** How many tickets `competence` answered on each of `days` (`YYYY-MM-DD`), in that order. */
  answeredOn(competence: string, days: readonly string[]): Promise<number[]>;
  /** Counts an answer of `competence` on `day` (the staff workflow calls it when a ticket is answered). */
  countAnswered(competence: string, day: string): Promise<void>;
  /** Adds each delta to its competence's count of open tickets. */
  adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void>;
}

export interface DiscardCounters {
  /** Counts a discarded spam submission for the day. */
  countDiscarded(reason: 'honeypot', day: string): Promise<void>;
  discardedCount(reason: 'honeypot', day: string): Promise<number>;
}

/** Reads a unit's backlog (open tickets, recent answers a day), for the expected answer date. */
export interface BacklogReader {
  backlog(competence: string): Promise<Backlog>;
}
