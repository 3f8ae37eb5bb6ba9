/**
 * The DynamoDB knowledge store against a scripted client: what DynamoDB Local cannot be made to do
 * on cue (a publish between two reads, a transaction conflict on every attempt).
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoKnowledgeStore } from '../../../shared/adapters/dynamodb/knowledge-store.ts';

type Send = (command: unknown) => Promise<unknown>;

function storeOn(send: Send): DynamoKnowledgeStore {
  const client = { send } as unknown as DynamoDBDocumentClient;
  return new DynamoKnowledgeStore({ client, knowledgeTable: 'k', auditTable: 'a' });
}

describe('DynamoKnowledgeStore.published', () => {
  it('answers the generation read before the entries, not one a publish moved on while they were read', async () => {
    const calls: string[] = [];
    let generation = 4;
    const store = storeOn(async (command) => {
      if (command instanceof GetCommand) {
        calls.push('get');
        return { Item: { pk: 'PUBLISHED', sk: 'META', generation } };
      }
      if (command instanceof QueryCommand) {
        calls.push('query');
        // A publish lands between the generation's read and the entries' Query.
        generation = 5;
        return {
          Items: [
            { pk: 'PUBLISHED', sk: 'ARTICLE#a', id: 'a', version: 2 },
            { pk: 'PUBLISHED', sk: 'META', generation },
          ],
        };
      }
      throw new Error('unexpected command');
    });
    const published = await store.published();
    expect(calls).toEqual(['get', 'query']);
    expect(published.generation).toBe(4);
    expect(published.articles.map((article) => article.id)).toEqual(['a']);
    // Read again, the set is newer than what was answered: a reader caching it reloads.
    expect(await store.publishedGeneration()).toBe(5);
  });
});
