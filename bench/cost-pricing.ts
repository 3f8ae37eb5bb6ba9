/**
 * Prices what the cost meter counted: usage per ticket × on-demand price (bench/prices.json) →
 * EUR per 1000 tickets, per item and in total. CloudWatch Logs bytes are not counted by the meter:
 * they are estimated per invocation from the price file's assumptions.
 */
import { readFileSync } from 'node:fs';
import type { MeterReading, Usage, UsageItem } from '../infra/local/meter.ts';
import { usageItems } from '../infra/local/meter.ts';

export type PricedItem = UsageItem | 'cloudwatch-logs-gb';

export interface ItemPrice {
  readonly label: string;
  /** USD for `per` units. */
  readonly usd: number;
  readonly per: number;
  readonly source: string;
}

export interface PriceList {
  readonly region: string;
  readonly pricesAsOf: string;
  readonly source: string;
  readonly exchange: { readonly usdPerEur: number; readonly date: string; readonly source: string };
  readonly items: Readonly<Record<PricedItem, ItemPrice>>;
  readonly assumptions: { readonly logBytesPerInvocation: number };
}

export interface ItemCost {
  readonly item: PricedItem;
  readonly label: string;
  /** Units one ticket uses. */
  readonly perTicket: number;
  readonly eurPer1000Tickets: number;
}

export interface TicketCost {
  readonly eurPer1000Tickets: number;
  /** Dearest first. */
  readonly items: readonly ItemCost[];
}

const pricedItems: readonly PricedItem[] = [...usageItems, 'cloudwatch-logs-gb'];

export function loadPrices(file = new URL('./prices.json', import.meta.url)): PriceList {
  const prices = JSON.parse(readFileSync(file, 'utf8')) as PriceList;
  if (!(prices.exchange?.usdPerEur > 0)) throw new Error(`${file}: exchange.usdPerEur must be above 0`);
  for (const item of pricedItems) {
    const price = prices.items?.[item];
    if (!price || !(price.usd >= 0) || !(price.per > 0))
      throw new Error(`${file}: items.${item} needs usd (≥ 0) and per (> 0)`);
  }
  return prices;
}

/** Everything the functions used, summed. */
export function totalUsage(reading: Pick<MeterReading, 'byFunction'>): Usage {
  const total: Usage = {};
  for (const usage of Object.values(reading.byFunction))
    for (const item of usageItems) if (usage[item]) total[item] = (total[item] ?? 0) + (usage[item] ?? 0);
  return total;
}

/** `usage` divided among `tickets`. */
export function perTicket(usage: Usage, tickets: number): Usage {
  if (!(tickets > 0)) throw new Error('perTicket needs at least one ticket');
  return Object.fromEntries(Object.entries(usage).map(([item, amount]) => [item, (amount ?? 0) / tickets]));
}

/** What 1000 tickets using `usage` each cost, per item and in total, in EUR. */
export function priceUsage(usage: Usage, prices: PriceList): TicketCost {
  const logGigabytes = ((usage['lambda-requests'] ?? 0) * prices.assumptions.logBytesPerInvocation) / 2 ** 30;
  const amounts: Record<PricedItem, number> = {
    ...(Object.fromEntries(usageItems.map((item) => [item, usage[item] ?? 0])) as Record<UsageItem, number>),
    'cloudwatch-logs-gb': logGigabytes,
  };
  const items = pricedItems
    .map((item) => {
      const price = prices.items[item];
      const usdPerTicket = (amounts[item] * price.usd) / price.per;
      return {
        item,
        label: price.label,
        perTicket: amounts[item],
        eurPer1000Tickets: (usdPerTicket * 1000) / prices.exchange.usdPerEur,
      };
    })
    .sort((a, b) => b.eurPer1000Tickets - a.eurPer1000Tickets);
  return { eurPer1000Tickets: items.reduce((total, item) => total + item.eurPer1000Tickets, 0), items };
}

/** The bench's lines: the total and the three dearest items (EUR per 1000 tickets). */
export function costLines(cost: TicketCost): string[] {
  const top = cost.items
    .slice(0, 3)
    .map((item) => `${item.label} ${item.eurPer1000Tickets.toFixed(2)}`)
    .join(', ');
  return [`cost per 1000 tickets: ${cost.eurPer1000Tickets.toFixed(2)} EUR`, `  top: ${top}`];
}
