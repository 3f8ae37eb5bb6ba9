/**
 * The DynamoDB knowledge store against a scripted client: what DynamoDB Local cannot be made to do
 * on cue (a publish between two reads, a transaction conflict on every attempt).
 */

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  conflictAttempts,
  conflictBackoff,
  DynamoKnowledgeStore,
} from '../../../shared/adapters/dynamodb/knowledge-store.ts';
import { FixedClock } from '../../../shared/adapters/memory/index.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { seedArticles } from '../../../shared/knowledge/content/index.ts';
import { KnowledgeStoreBusy } from '../../../shared/ports/knowledge-base.ts';
import { createArticle } from '../../../shared/use-cases/knowledge/edit-knowledge.ts';
import { articleContentOf } from '../../../shared/use-cases/seed-knowledge.ts';
import { knowledgeRequests } from '../../../shared/use-cases/views/knowledge.ts';

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

/** A client on which every transaction meets a concurrent one; answers the times of the attempts. */
function conflictingStore() {
  const attempts: number[] = [];
  const store = storeOn(async (command) => {
    if (command instanceof GetCommand) return {};
    attempts.push(performance.now());
    throw new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
  });
  return { store, attempts };
}

const seed = seedArticles[0];
if (!seed) throw new Error('No seed articles');
const content = { ...articleContentOf(seed), slug: 'jauns-raksts', sample: false };

describe('DynamoKnowledgeStore changes that meet concurrent ones', () => {
  it('waits longer and longer, with jitter, between attempts', () => {
    expect(conflictBackoff(2, 0)).toBe(0);
    expect(conflictBackoff(2, 0.999)).toBe(24);
    expect(conflictBackoff(4, 0.999)).toBe(99);
    expect(conflictBackoff(30, 0.999)).toBe(999);
    expect(conflictBackoff(3, 0.5)).toBe(25);
  });

  it('tries a few times, backing off, then rejects with KnowledgeStoreBusy (nothing written)', async () => {
    const { store, attempts } = conflictingStore();
    const failure = await store.articles.create('jauns-raksts', content, { author: 'eva', at: 'now' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(KnowledgeStoreBusy);
    expect(attempts).toHaveLength(conflictAttempts);
  });

  it('is answered to the editor as a 409 to retry, never a fault', async () => {
    const { store } = conflictingStore();
    const caller = {
      username: 'editor.eva',
      roles: ['editor' as const],
      competences: [],
      supervises: [],
      expiresAt: 2_000_000_000,
      issuedAt: 1_900_000_000,
      sessionId: 's',
      sourceIPAddress: '192.0.2.9',
      userAgent: 'test',
      requestId: 'r',
    };
    const deps = { knowledge: store, clock: new FixedClock('2026-12-10T08:00:00Z') };
    const refusal = await createArticle(deps, caller, z.parse(knowledgeRequests.createArticle, content)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Refused);
    expect(refusal).toMatchObject({ code: 'KnowledgeBusy', status: 409 });
  });
});

describe('DynamoKnowledgeStore.createPublished (the seed)', () => {
  it('takes a batch that met a concurrent transaction entry by entry, rather than failing the seed', async () => {
    let transactions = 0;
    const heads = new Map<string, unknown>();
    const store = storeOn(async (command) => {
      if (command instanceof GetCommand) return { Item: heads.get(String(command.input.Key?.pk)) };
      if (!(command instanceof TransactWriteCommand)) throw new Error('unexpected command');
      transactions += 1;
      if (transactions === 1)
        throw new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
        });
      for (const { Put } of command.input.TransactItems ?? [])
        if (Put?.Item?.sk === 'HEAD') heads.set(String(Put.Item.pk), Put.Item);
      return {};
    });
    const entries = ['raksts-a', 'raksts-b'].map((slug) => ({ id: slug, content: { ...content, slug } }));
    expect(await store.articles.createPublished(entries, { author: 'seed', at: 'now' })).toBe(2);
    // The batch, then a create and a publish for each entry.
    expect(transactions).toBe(5);
  });
});
