/**
 * Open-ticket counts per unit, read at most once per `ttlMs` per unit and process: the count feeds
 * an estimate, so a few seconds' staleness costs nothing, and every web request reading the same
 * counter item would make it a hot key.
 */
import type { BacklogReader, Clock, TicketStore } from '../ports/index.ts';

export class BacklogCache implements BacklogReader {
  readonly #store: Pick<TicketStore, 'openTickets'>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { value: Promise<number>; readAt: number }>();

  constructor(store: Pick<TicketStore, 'openTickets'>, clock: Clock, ttlMs = 30_000) {
    this.#store = store;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  open(competence: string): Promise<number> {
    const now = this.#clock.now().getTime();
    const cached = this.#entries.get(competence);
    if (cached && now - cached.readAt < this.#ttlMs) return cached.value;
    const value = this.#store.openTickets(competence).catch((error: unknown) => {
      // A failed read is not cached; the next request tries again.
      this.#entries.delete(competence);
      throw error;
    });
    this.#entries.set(competence, { value, readAt: now });
    return value;
  }
}
