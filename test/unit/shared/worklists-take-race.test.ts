import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoWorklists } from '../../../shared/adapters/dynamodb/worklists.ts';
import { auditEventSource, auditRecord } from '../../../shared/domain/audit-event.ts';

function clientThatCancels(code: string): DynamoDBDocumentClient {
  return {
    send: async () => {
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: code }, { Code: 'None' }, { Code: 'None' }],
      });
    },
  } as unknown as DynamoDBDocumentClient;
}

const take = {
  reference: 'TA-2026-000001',
  competence: 'general',
  assignee: 'agent',
  takenAt: '2026-12-01T08:00:00.000Z',
  receivedAt: '2026-11-30T08:00:00.000Z',
  inOrder: true,
};
const audit = auditRecord({
  eventTime: take.takenAt,
  eventSource: auditEventSource,
  eventName: 'TakeTicket',
  userIdentity: { type: 'Staff' },
  sourceIPAddress: '127.0.0.1',
  userAgent: 'test',
  requestParameters: null,
  responseElements: null,
  requestID: 'r',
  eventID: 'e',
  readOnly: false,
  resources: [],
});

describe('DynamoWorklists.take', () => {
  it('treats a simultaneous take (TransactionConflict, as real DynamoDB answers) as a lost race', async () => {
    const worklists = new DynamoWorklists({
      client: clientThatCancels('TransactionConflict'),
      ticketsTable: 't',
      auditTable: 'a',
    });
    expect(await worklists.take(take, audit)).toBe(false);
  });

  it('treats a ticket taken already as a lost race, and other failures as errors', async () => {
    const taken = new DynamoWorklists({
      client: clientThatCancels('ConditionalCheckFailed'),
      ticketsTable: 't',
      auditTable: 'a',
    });
    expect(await taken.take(take, audit)).toBe(false);
    const throttled = new DynamoWorklists({
      client: clientThatCancels('ThrottlingError'),
      ticketsTable: 't',
      auditTable: 'a',
    });
    await expect(throttled.take(take, audit)).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
