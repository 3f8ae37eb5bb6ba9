/**
 * The acknowledgement budget's counter, on the memory fake and on DynamoDB Local: claims pass up
 * to the budget and not beyond, each hour counts on its own, and on DynamoDB concurrent claims at
 * the last place left never both pass; an acknowledgement delivered again is counted once; the
 * hour's item expires two days after its hour (TTL).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgementBudgetKey,
  DynamoAcknowledgementBudget,
} from '../../shared/adapters/dynamodb/acknowledgement-budget.ts';
import { MemoryAcknowledgementBudget } from '../../shared/adapters/memory/acknowledgement-budget.ts';
import type { AcknowledgementBudget } from '../../shared/ports/acknowledgement-budget.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
}, 60_000);
afterAll(async () => {
  await dynamo?.stop();
});

const dynamoBudget = () =>
  new DynamoAcknowledgementBudget({
    client: dynamo.documents,
    ticketsTable: dynamo.tables.tickets,
    auditTable: dynamo.tables.audit,
  });

let claims = 0;
/** An acknowledgement's outbound id of its own. */
const claimId = () => `ack-TA-2026-${String(++claims).padStart(6, '0')}`;

let hours = 0;
/** An hour no other test counted in (of 24: enough for these tests). */
const freshHour = () => `2026-11-01T${String(hours++).padStart(2, '0')}`;

describe.each([
  ['memory', (): AcknowledgementBudget => new MemoryAcknowledgementBudget()],
  ['DynamoDB', dynamoBudget],
])('the acknowledgement budget (%s)', (_name, make) => {
  it('passes claims up to the budget and refuses the rest of the hour', async () => {
    const budget = make();
    const hour = freshHour();
    const claims = [];
    for (let i = 0; i < 4; i += 1) claims.push(await budget.claim(hour, 3, claimId()));
    expect(claims).toEqual([true, true, true, false]);
  });

  it('counts each hour on its own', async () => {
    const budget = make();
    const [first, second] = [freshHour(), freshHour()];
    expect(await budget.claim(first, 1, claimId())).toBe(true);
    expect(await budget.claim(first, 1, claimId())).toBe(false);
    expect(await budget.claim(second, 1, claimId())).toBe(true);
  });

  it('passes nothing with a budget of none', async () => {
    expect(await make().claim(freshHour(), 0, claimId())).toBe(false);
  });

  it('counts a redelivered acknowledgement once, in its hour or a later one, and lets it go again', async () => {
    // Prepare: a budget of two; one acknowledgement claimed
    const budget = make();
    const [hour, next] = [freshHour(), freshHour()];
    const redelivered = claimId();
    expect(await budget.claim(hour, 2, redelivered)).toBe(true);

    // Act: the queue delivers it again, in the same hour and in the next
    const again = await budget.claim(hour, 2, redelivered);
    const later = await budget.claim(next, 2, redelivered);

    // Assess: passed each time, counted once: the hour still has a place for another
    expect([again, later]).toEqual([true, true]);
    expect(await budget.claim(hour, 2, claimId())).toBe(true);
    expect(await budget.claim(hour, 2, claimId())).toBe(false);
    // The next hour counted nothing of it: its two places are left.
    expect(await budget.claim(next, 2, claimId())).toBe(true);
    expect(await budget.claim(next, 2, claimId())).toBe(true);
  });

  it('counts nothing for an acknowledgement refused, so its redelivery is judged again', async () => {
    const budget = make();
    const [hour, next] = [freshHour(), freshHour()];
    expect(await budget.claim(hour, 1, claimId())).toBe(true);
    const refused = claimId();
    expect(await budget.claim(hour, 1, refused)).toBe(false);
    expect(await budget.claim(next, 1, refused)).toBe(true);
  });
});

describe('the acknowledgement budget on DynamoDB', () => {
  it('lets exactly one of two concurrent claims take the last place', async () => {
    // Prepare: the hour one short of its budget of five
    const budget = dynamoBudget();
    const hour = '2026-12-01T08';
    for (let i = 0; i < 4; i += 1) expect(await budget.claim(hour, 5, claimId())).toBe(true);

    // Act: two senders claim at once, through clients of their own
    const [a, b] = await Promise.all([
      budget.claim(hour, 5, claimId()),
      dynamoBudget().claim(hour, 5, claimId()),
    ]);

    // Assess
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const item = await dynamo.documents.send(
      new GetCommand({ TableName: dynamo.tables.tickets, Key: acknowledgementBudgetKey(hour) }),
    );
    expect(item.Item?.count).toBe(5);
    // Kept two days after the hour, then removed by TTL.
    expect(item.Item?.expiresAt).toBe(Date.parse('2026-12-03T08:00:00Z') / 1000);
  });

  it('many concurrent claims never pass the budget', async () => {
    const hour = '2026-12-01T09';
    const results = await Promise.all(
      Array.from({ length: 20 }, () => dynamoBudget().claim(hour, 7, claimId())),
    );
    expect(results.filter(Boolean)).toHaveLength(7);
  });

  it('throws when the table cannot be written: the caller must not send unchecked', async () => {
    const broken = new DynamoAcknowledgementBudget({
      client: dynamo.documents,
      ticketsTable: 'no-such-table',
      auditTable: dynamo.tables.audit,
    });
    await expect(broken.claim('2026-12-01T10', 5, claimId())).rejects.toThrow();
  });
});
