/**
 * The question-count backfill on DynamoDB Local: questions and pages the log held before it kept
 * its days' counts are counted once, with a page's request as it stands; what the log counted when
 * written is not counted again; a bounded run stops and the next resumes; a finished pass is
 * skipped and, forced, counts nothing twice; a request marked on an uncounted page is counted by
 * the pass, not twice.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillQuestionCounts } from '../../shared/adapters/dynamodb/question-counts-backfill.ts';
import { DynamoPageMarks } from '../../shared/adapters/dynamodb/question-days.ts';
import { DynamoQuestionLog, pageKey, questionKey } from '../../shared/adapters/dynamodb/question-log.ts';
import { MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.stop();
});

const day = '2031-03-04';

/** A question as the log wrote it before it kept counts: no `counted`. */
const oldQuestion = (id: string, pageId: string, answered: boolean) => ({
  ...questionKey(id),
  type: 'question',
  questionId: id,
  pageId,
  language: 'lv',
  text: 'Kā samaksāt nodevu?',
  normalised: 'maks nodev',
  answers: answered ? [{ articleId: 'fee', topic: 'court-fees', score: 3 }] : [],
  loggedAt: `${day}T08:00:00.000Z`,
  logDay: day,
  expiresAt: 4_000_000_000,
});

const oldPage = (pageId: string, fields: Record<string, unknown> = {}) => ({
  ...pageKey(pageId),
  type: 'page',
  pageId,
  logDay: day,
  loggedAt: `${day}T08:00:00.000Z`,
  questions: 1,
  expiresAt: 4_000_000_000,
  ...fields,
});

describe('the question-count backfill', () => {
  const log = () => new DynamoQuestionLog({ client: dynamo.documents, knowledgeTable: 'knowledge' });
  const table = () => ({ client: dynamo.documents, knowledgeTable: 'knowledge' });

  beforeAll(async () => {
    const items = [
      oldQuestion('q-old-1', 'page-old-1', true),
      oldQuestion('q-old-2', 'page-old-2', false),
      oldQuestion('q-old-3', 'page-old-3', true),
      oldPage('page-old-1', { requestSubmittedAt: `${day}T09:00:00.000Z` }),
      oldPage('page-old-2'),
      oldPage('page-old-3', { source: 'help' }),
    ];
    for (const item of items)
      await dynamo.documents.send(new PutCommand({ TableName: 'knowledge', Item: item }));
    // One question the log counted as it wrote it.
    await log().recordQuestion({
      questionId: 'q-new-1',
      pageId: 'page-new-1',
      source: 'form',
      language: 'lv',
      text: 'Kur iesniegt prasību?',
      normalised: 'iesnieg prasīb',
      answers: [],
      loggedAt: `${day}T10:00:00.000Z`,
      logDay: day,
    });
  });

  it('counts what older code logged once, resuming a bounded run, and not again when forced', async () => {
    expect(await log().dayCounts(day, day)).toEqual({
      asked: 1,
      unanswered: 1,
      formPages: 1,
      formPagesWithRequest: 0,
    });
    // A request from an uncounted page, before the pass: left to the pass.
    expect(await log().markRequestSubmitted('page-old-2', `${day}T11:00:00.000Z`)).toBe(true);
    const audit = new MemoryAuditLog();

    const first = await backfillQuestionCounts(table(), { audit, pageSize: 1, maxPages: 2 });
    expect(first.done).toBe(false);
    const rest = await backfillQuestionCounts(table(), { audit, pageSize: 2 });
    expect(rest.done).toBe(true);
    expect(rest.counts).toEqual({ items: 8, counted: 6 });

    const expected = { asked: 4, unanswered: 2, formPages: 3, formPagesWithRequest: 2 };
    expect(await log().dayCounts(day, day)).toEqual(expected);
    expect((await backfillQuestionCounts(table(), { audit })).skipped).toBe(true);
    const forced = await backfillQuestionCounts(table(), { audit, force: true });
    expect(forced.counts.counted).toBe(0);
    expect(await log().dayCounts(day, day)).toEqual(expected);
    // A request on a page the pass counted is counted as it is marked.
    await log().markRequestSubmitted('page-new-1', `${day}T12:00:00.000Z`);
    expect(await log().dayCounts(day, day)).toEqual({ ...expected, formPagesWithRequest: 3 });
    expect(audit.records.map((record) => record.eventName)).toEqual([
      'BackfillQuestionCounts',
      'BackfillQuestionCounts',
    ]);
    expect(JSON.stringify(audit.records)).not.toContain('nodev');
  });
});

const raceDay = '2031-05-06';

// A page older code logged, marked by the web form while the backfill runs between the mark's read
// and its write: the request is counted once, by one of them (found in review).
it('counts the request of an old page whose backfill ran between the mark read and write', async () => {
  await dynamo.documents.send(
    new PutCommand({
      TableName: 'knowledge',
      Item: {
        ...pageKey('old-page'),
        type: 'page',
        pageId: 'old-page',
        source: 'form',
        logDay: raceDay,
        loggedAt: `${raceDay}T08:00:00.000Z`,
        questions: 1,
        expiresAt: 4_000_000_000,
      },
    }),
  );
  let injected = false;
  const racing = {
    send: async (command: { constructor: { name: string }; input: { Key?: { pk?: string } } }) => {
      const out = await dynamo.documents.send(command as never);
      if (
        !injected &&
        command.constructor.name === GetCommand.name &&
        command.input.Key?.pk === 'PAGE#old-page'
      ) {
        injected = true;
        // The backfill runs (e.g. `npm run retention:backfill`) while the web form marks the page.
        await backfillQuestionCounts(
          { client: dynamo.documents, knowledgeTable: 'knowledge' },
          { audit: new MemoryAuditLog(), force: true },
        );
      }
      return out;
    },
  } as unknown as DynamoDBDocumentClient;
  const marks = new DynamoPageMarks({ client: racing, knowledgeTable: 'knowledge' });
  expect(await marks.markRequestSubmitted('old-page', `${raceDay}T09:00:00.000Z`)).toBe(true);
  expect(injected).toBe(true);
  const log = new DynamoQuestionLog({ client: dynamo.documents, knowledgeTable: 'knowledge' });
  // The page is counted and marked: its request must be counted too.
  expect(await log.dayCounts(raceDay, raceDay)).toEqual({
    asked: 0,
    unanswered: 0,
    formPages: 1,
    formPagesWithRequest: 1,
  });
});

it('counts a request that older code marked on a page the new code counted, when the backfill is forced', async () => {
  const rolloutDay = '2031-06-07';
  const log = new DynamoQuestionLog({ client: dynamo.documents, knowledgeTable: 'knowledge' });
  await log.recordQuestion({
    questionId: 'q-rollout',
    pageId: 'page-rollout',
    source: 'form',
    language: 'lv',
    text: 'Kur iesniegt prasību?',
    normalised: 'iesnieg prasīb',
    answers: [],
    loggedAt: `${rolloutDay}T10:00:00.000Z`,
    logDay: rolloutDay,
  });
  // The previous ingest-web's mark: a plain update, no count.
  await dynamo.documents.send(
    new UpdateCommand({
      TableName: 'knowledge',
      Key: pageKey('page-rollout'),
      UpdateExpression: 'SET requestSubmittedAt = if_not_exists(requestSubmittedAt, :at)',
      ExpressionAttributeValues: { ':at': `${rolloutDay}T11:00:00.000Z` },
    }),
  );
  expect((await log.dayCounts(rolloutDay, rolloutDay)).formPagesWithRequest).toBe(0);
  await backfillQuestionCounts(
    { client: dynamo.documents, knowledgeTable: 'knowledge' },
    { audit: new MemoryAuditLog(), force: true },
  );
  expect(await log.dayCounts(rolloutDay, rolloutDay)).toEqual({
    asked: 1,
    unanswered: 1,
    formPages: 1,
    formPagesWithRequest: 1,
  });
});
