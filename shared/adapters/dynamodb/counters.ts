/**
 * Counters on the tickets table (`STATS#…` / `STATS`), added to as events happen: a unit's open
 * tickets, its answers a day, and the spam the web form discarded a day.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { BacklogCounters, DiscardCounters } from '../../ports/counters.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

const openKey = (competence: string) => ({ pk: `STATS#open#${competence}`, sk: 'STATS' });
const answeredKey = (competence: string, day: string) => ({
  pk: `STATS#answered#${competence}#${day}`,
  sk: 'STATS',
});
const discardedKey = (reason: string, day: string) => ({ pk: `STATS#${reason}#${day}`, sk: 'STATS' });

export class DynamoCounters implements BacklogCounters, DiscardCounters {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async openTickets(competence: string): Promise<number> {
    const item = await this.#table.get(openKey(competence), { consistent: false });
    return Math.max(0, Number(item?.count ?? 0));
  }

  async answeredOn(competence: string, days: readonly string[]): Promise<number[]> {
    if (days.length === 0) return [];
    const table = this.#table.name;
    const result = await this.#table.client.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: days.map((day) => answeredKey(competence, day)) } },
      }),
    );
    const counts = new Map(
      (result.Responses?.[table] ?? []).map((item) => [String(item.pk), Number(item.count ?? 0)]),
    );
    // Unprocessed keys (throttling) count as unknown days: the estimate falls back to the plan.
    return days.map((day) => counts.get(answeredKey(competence, day).pk) ?? 0);
  }

  async countAnswered(competence: string, day: string): Promise<void> {
    await this.#table.addToCounter(answeredKey(competence, day), 'count', 1);
  }

  async adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void> {
    await Promise.all(
      [...changes].map(([competence, delta]) =>
        this.#table.addToCounter(openKey(competence), 'count', delta),
      ),
    );
  }

  async countDiscarded(reason: 'honeypot', day: string): Promise<void> {
    await this.#table.addToCounter(discardedKey(reason, day), 'count', 1);
  }

  async discardedCount(reason: 'honeypot', day: string): Promise<number> {
    const item = await this.#table.get(discardedKey(reason, day));
    return Number(item?.count ?? 0);
  }
}
