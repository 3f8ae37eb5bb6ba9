/**
 * The survey invitation store's contract, on memory and on DynamoDB Local: one invitation per
 * ticket, one address gap per 30 days, a redelivery claims again without writing twice, and the
 * ticket's bounces read from its partition.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSurveyInvitations, surveyCapKey } from '../../shared/adapters/dynamodb/survey-invitations.ts';
import { senderKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { MemorySurveyInvitations } from '../../shared/adapters/memory/survey-invitations.ts';
import {
  defaultRetentionSchedule,
  parseRetentionSchedule,
  type RetentionSchedule,
  retentionExpiry,
} from '../../shared/domain/retention.ts';
import type { SurveyInvitationItem, SurveyInvitations } from '../../shared/ports/survey-invitations.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
}, 60_000);
afterAll(async () => dynamo?.stop());

const invitation = (reference: string, outboundId = `survey-${reference}`): SurveyInvitationItem => ({
  reference,
  competence: 'court-fees',
  channel: 'web',
  invitedAt: '2026-11-27T10:00:00.000Z',
  via: 'email',
  outboundId,
});
const cap = (clientKey: string, reference: string) => ({
  clientKey,
  reference,
  until: '2026-12-27T10:00:00.000Z',
});
const now = '2026-11-27T10:00:00.000Z';

const adapters: [string, (retention?: RetentionSchedule) => SurveyInvitations][] = [
  ['memory', (retention) => new MemorySurveyInvitations(retention ? { retention } : {})],
  [
    'DynamoDB',
    (retention) =>
      new DynamoSurveyInvitations({
        client: dynamo.documents,
        ticketsTable: dynamo.tables.tickets,
        auditTable: dynamo.tables.audit,
        ...(retention ? { retention } : {}),
      }),
  ],
];

/** The gap item's `expiresAt` (epoch seconds) as stored. */
async function capExpiryOf(store: SurveyInvitations, clientKey: string): Promise<unknown> {
  if (store instanceof MemorySurveyInvitations) return store.capExpiry.get(clientKey);
  const { Item } = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tables.tickets, Key: surveyCapKey(clientKey) }),
  );
  return Item?.expiresAt;
}

describe.each(adapters)('SurveyInvitations on %s', (name, make) => {
  const unique = (n: number) => `TA-2026-${name === 'memory' ? 1 : 2}${String(n).padStart(5, '0')}`;

  it("keeps the address gap's item for the schedule's survey-cap period, never less than the gap", async () => {
    // Prepare
    const byDefault = make();
    const shorter = make(parseRetentionSchedule({ 'survey-cap': { days: 10 } }));
    const [first, second] = [unique(31), unique(32)];
    // Act
    await byDefault.claim(invitation(first), cap(`${name}-kept`, first), now);
    await shorter.claim(invitation(second), cap(`${name}-short`, second), now);
    // Assess: a year from the invitation by default; the gap's end when the period is shorter.
    expect(await capExpiryOf(byDefault, `${name}-kept`)).toBe(
      retentionExpiry(defaultRetentionSchedule['survey-cap'], new Date(now)),
    );
    expect(await capExpiryOf(shorter, `${name}-short`)).toBe(Date.parse('2026-12-27T10:00:00.000Z') / 1000);
  });

  it('claims once per ticket; the same outbound message claims again', async () => {
    const store = make();
    const reference = unique(1);
    expect(await store.claim(invitation(reference), cap(`${name}-a`, reference), now)).toBe('claimed');
    expect(await store.claim(invitation(reference), cap(`${name}-a`, reference), now)).toBe('claimed');
    expect(await store.claim(invitation(reference, 'reply-2'), cap(`${name}-a`, reference), now)).toBe(
      'already-invited',
    );
    expect(await store.state(reference)).toEqual({
      invitation: { outboundId: `survey-${reference}`, via: 'email' },
      deliveryProblems: [],
      senderServiceEnded: false,
    });
  });

  it('reads the sender’s service-ended flag (§17) when given the client key', async () => {
    const store = make();
    const reference = unique(5);
    const clientKey = `client-${name}-ended`;
    if (store instanceof MemorySurveyInvitations) store.endedSenders.add(clientKey);
    else
      await dynamo.documents.send(
        new PutCommand({
          TableName: dynamo.tables.tickets,
          Item: { ...senderKey(clientKey), type: 'sender', reason: 'x' },
        }),
      );
    expect((await store.state(reference, clientKey)).senderServiceEnded).toBe(true);
    expect((await store.state(reference, `client-${name}-other`)).senderServiceEnded).toBe(false);
    expect((await store.state(reference)).senderServiceEnded).toBe(false);
  });

  it("holds an address for 30 days against another ticket's invitation, and writes neither", async () => {
    const store = make();
    const [first, second] = [unique(2), unique(3)];
    expect(await store.claim(invitation(first), cap(`${name}-b`, first), now)).toBe('claimed');
    expect(await store.claim(invitation(second), cap(`${name}-b`, second), now)).toBe('address-cap');
    expect((await store.state(second)).invitation).toBeUndefined();
    expect(await store.claim(invitation(second), cap(`${name}-b`, second), '2026-12-27T10:00:01.000Z')).toBe(
      'claimed',
    );
  });

  it('reads the bounces and complaints recorded on the ticket', async () => {
    const store = make();
    const reference = unique(4);
    if (store instanceof MemorySurveyInvitations) store.problems.set(reference, [{ undeliverable: true }]);
    else
      await dynamo.documents.send(
        new PutCommand({
          TableName: dynamo.tables.tickets,
          Item: { pk: `TICKET#${reference}`, sk: 'DELIVERY#f1', type: 'delivery', undeliverable: true },
        }),
      );
    expect((await store.state(reference)).deliveryProblems).toEqual([{ undeliverable: true }]);
  });
});

describe('SurveyInvitations on DynamoDB: the items', () => {
  it('writes the contract items: SURVEY#INVITATION and SURVEYCAP with its expiry', async () => {
    const store = new DynamoSurveyInvitations({
      client: dynamo.documents,
      ticketsTable: dynamo.tables.tickets,
      auditTable: dynamo.tables.audit,
    });
    const reference = 'TA-2026-300001';
    await store.claim(invitation(reference), cap('items', reference), now);
    const item = await dynamo.documents.send(
      new GetCommand({ TableName: 'tickets', Key: { pk: `TICKET#${reference}`, sk: 'SURVEY#INVITATION' } }),
    );
    expect(item.Item).toEqual({
      pk: `TICKET#${reference}`,
      sk: 'SURVEY#INVITATION',
      type: 'survey-invitation',
      ...invitation(reference),
    });
    const gap = await dynamo.documents.send(
      new GetCommand({ TableName: 'tickets', Key: surveyCapKey('items') }),
    );
    expect(gap.Item).toMatchObject({
      pk: 'SURVEYCAP#items',
      sk: 'SURVEYCAP',
      until: '2026-12-27T10:00:00.000Z',
      // Kept for the schedule's survey-cap period from the invitation (a year), past the 30-day gap.
      expiresAt: retentionExpiry(defaultRetentionSchedule['survey-cap'], new Date(now)),
    });
  });
});
