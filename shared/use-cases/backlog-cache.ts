/**
 * Units' backlogs — open tickets and answers a day over the last ten working days — read at most
 * once per `ttlMs` per unit and process: they feed an estimate, so a few seconds' staleness costs
 * nothing, and every web request reading the same counter items would make them hot keys.
 */
import { localDate } from '../domain/deadlines.ts';
import type { Backlog } from '../domain/expected-answer.ts';
import { defaultCalendar } from '../domain/working-days.ts';
import type { Clock } from '../ports/clock.ts';
import type { BacklogCounters, BacklogReader } from '../ports/counters.ts';

/** Working days of answers that make "recent throughput". */
export const throughputWindowDays = 10;

export class BacklogCache implements BacklogReader {
  readonly #store: Pick<BacklogCounters, 'openTickets' | 'answeredOn'>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { value: Promise<Backlog>; readAt: number }>();

  constructor(store: Pick<BacklogCounters, 'openTickets' | 'answeredOn'>, clock: Clock, ttlMs = 30_000) {
    this.#store = store;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  backlog(competence: string): Promise<Backlog> {
    const now = this.#clock.now();
    const cached = this.#entries.get(competence);
    if (cached && now.getTime() - cached.readAt < this.#ttlMs) return cached.value;
    const value = this.#read(competence, now).catch((error: unknown) => {
      // A failed read is not cached; the next request tries again.
      this.#entries.delete(competence);
      throw error;
    });
    this.#entries.set(competence, { value, readAt: now.getTime() });
    return value;
  }

  async #read(competence: string, now: Date): Promise<Backlog> {
    const days = recentWorkingDays(localDate(now), throughputWindowDays);
    const [open, answered] = await Promise.all([
      this.#store.openTickets(competence),
      this.#store.answeredOn(competence, days),
    ]);
    const total = answered.reduce((sum, count) => sum + count, 0);
    return total > 0 ? { open, dailyAnswers: total / days.length } : { open };
  }
}

/** The `count` working days before `today`, most recent first. */
export function recentWorkingDays(today: string, count: number): string[] {
  const days: string[] = [];
  let day = today;
  while (days.length < count) {
    day = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (defaultCalendar.isWorkingDay(day)) days.push(day);
  }
  return days;
}
