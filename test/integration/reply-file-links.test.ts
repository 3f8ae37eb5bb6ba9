/**
 * Which staff uploads a reply names, on DynamoDB Local: the retention sweeper deletes only the
 * uploads of `replies/<reference>/` that no message of the ticket lists among its attachments.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoReplyFileLinks } from '../../shared/adapters/dynamodb/reply-file-links.ts';
import { messageKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';

let dynamo: TestDynamo;
let links: DynamoReplyFileLinks;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  links = new DynamoReplyFileLinks({
    client: dynamo.documents,
    ticketsTable: 'tickets',
    auditTable: 'audit',
  });
  const message = (reference: string, id: string, keys: string[]) =>
    dynamo.documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: {
          ...messageKey(reference, id),
          type: 'message',
          kind: 'reply',
          attachments: keys.map((key) => ({
            key,
            filename: 'lēmums.pdf',
            contentType: 'application/pdf',
            size: 10,
          })),
        },
      }),
    );
  await message('TA-2026-000101', 'm1', ['replies/TA-2026-000101/u-sent']);
  await message('TA-2026-000101', 'm2', []);
  // Many messages: the one naming the file is past the first page of the query.
  for (let index = 0; index < 40; index++)
    await message('TA-2026-000102', `m${String(index).padStart(2, '0')}`, [
      `replies/TA-2026-000102/u-${index}`,
      ...(index === 39 ? ['replies/TA-2026-000102/u-last'] : []),
    ]);
});

afterAll(async () => {
  await dynamo?.stop();
});

describe('a reply upload’s link', () => {
  it('is found when a message of its ticket names it, also among many', async () => {
    expect(await links.isLinked('replies/TA-2026-000101/u-sent')).toBe(true);
    expect(await links.isLinked('replies/TA-2026-000102/u-last')).toBe(true);
  });

  it('is not found for an upload no reply names, another ticket’s folder, or a key outside replies/', async () => {
    expect(await links.isLinked('replies/TA-2026-000101/u-abandoned')).toBe(false);
    expect(await links.isLinked('replies/TA-2026-000103/u-sent')).toBe(false);
    expect(await links.isLinked('replies/TA-2026-000102/u-sent')).toBe(false);
    expect(await links.isLinked('raw-mail/TA-2026-000101/u-sent')).toBe(false);
    expect(await links.isLinked('replies/')).toBe(false);
  });
});
