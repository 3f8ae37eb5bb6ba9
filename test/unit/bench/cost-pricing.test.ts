/** Pricing what the cost meter counted: the arithmetic, the bench's lines and the price file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  costLines,
  loadPrices,
  type PriceList,
  perTicket,
  priceUsage,
  totalUsage,
} from '../../../bench/cost-pricing.ts';
import { usageItems } from '../../../infra/local/meter.ts';

/** Every item at $1 per `per` units, 2 USD to the euro, 1 GiB of logs per invocation. */
function prices(per = 1_000_000): PriceList {
  const items = Object.fromEntries(
    [...usageItems, 'cloudwatch-logs-gb'].map((item) => [item, { label: item, usd: 1, per, source: 'test' }]),
  );
  return {
    region: 'eu-west-1',
    pricesAsOf: '2025',
    source: 'test',
    exchange: { usdPerEur: 2, date: '2025-02-28', source: 'test' },
    items: items as PriceList['items'],
    assumptions: { logBytesPerInvocation: 2 ** 30 },
  };
}

describe('pricing a ticket', () => {
  it('prices each unit a ticket uses, per 1000 tickets, in EUR', () => {
    // 4 write units at $1 a million, at 2 USD to the euro: 4 µ$ a ticket, 2 m€ per 1000 tickets.
    const cost = priceUsage({ 'dynamodb-write-units': 4 }, prices());

    expect(cost.items[0]).toEqual({
      item: 'dynamodb-write-units',
      label: 'dynamodb-write-units',
      perTicket: 4,
      eurPer1000Tickets: 0.002,
    });
    expect(cost.eurPer1000Tickets).toBeCloseTo(0.002, 12);
  });

  it('orders the items dearest first and adds them up', () => {
    const cost = priceUsage({ 'sqs-requests': 1, 'ses-messages': 3, 'lambda-gb-seconds': 2 }, prices(1000));

    expect(cost.items.slice(0, 3).map((item) => item.item)).toEqual([
      'ses-messages',
      'lambda-gb-seconds',
      'sqs-requests',
    ]);
    expect(cost.eurPer1000Tickets).toBeCloseTo(3, 12);
  });

  it('estimates the log bytes from the invocations', () => {
    const cost = priceUsage({ 'lambda-requests': 3 }, prices(1));
    const logs = cost.items.find((item) => item.item === 'cloudwatch-logs-gb');

    expect(logs?.perTicket).toBe(3);
    expect(logs?.eurPer1000Tickets).toBe(1500);
  });

  it('prints the total and the three dearest items with two decimals', () => {
    const cost = priceUsage(
      { 'ses-messages': 2000, 'dynamodb-write-units': 1000, 'sqs-requests': 500 },
      prices(),
    );

    expect(costLines(cost)).toEqual([
      'cost per 1000 tickets: 1.75 EUR',
      '  top: ses-messages 1.00, dynamodb-write-units 0.50, sqs-requests 0.25',
    ]);
  });

  it("adds the functions' usage and divides it among the tickets", () => {
    const total = totalUsage({
      byFunction: {
        'ingest-web': { 'dynamodb-write-units': 2, 'lambda-requests': 1 },
        'process-intake': { 'dynamodb-write-units': 10, 'lambda-requests': 1 },
      },
    });

    expect(total).toEqual({ 'dynamodb-write-units': 12, 'lambda-requests': 2 });
    expect(perTicket(total, 4)).toEqual({ 'dynamodb-write-units': 3, 'lambda-requests': 0.5 });
    expect(() => perTicket(total, 0)).toThrow();
  });
});

describe('the price file', () => {
  it('prices every metered item, dated and with its source, and names the exchange rate', () => {
    const list = loadPrices();

    expect(list.region).toBe('eu-west-1');
    expect(list.pricesAsOf).toMatch(/\d{4}/);
    expect(list.exchange.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.exchange.source).toMatch(/ECB/);
    for (const item of [...usageItems, 'cloudwatch-logs-gb'] as const) {
      expect(list.items[item].usd).toBeGreaterThan(0);
      expect(list.items[item].source.length).toBeGreaterThan(10);
    }
  });

  it('refuses a file that leaves an item unpriced', () => {
    const folder = mkdtempSync(join(tmpdir(), 'courtdesk-prices-'));
    try {
      const list = prices();
      const { 'sqs-requests': _left, ...items } = list.items;
      const file = join(folder, 'prices.json');
      writeFileSync(file, JSON.stringify({ ...list, items }));

      expect(() => loadPrices(pathToFileURL(file))).toThrow(/items\.sqs-requests/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
