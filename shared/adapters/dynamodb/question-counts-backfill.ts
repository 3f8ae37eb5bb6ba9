/**
 * Counts the question log's items written before its days' counts existed (docs/retention.md):
 * each question and page without `counted`, and each form page whose request has no
 * `requestCounted` (marked by older code while a deploy ran), is added to its day's counts and
 * marked, in one transaction conditioned on the mark's absence, so that a crash, a rerun or a
 * concurrent write counts nothing twice. A page is counted with its request as read; the write
 * requires the page to be as read (with or without `requestSubmittedAt`), and the page mark
 * (`markRequestSubmitted`) marks an uncounted page only while it stays uncounted, so a request is
 * counted by exactly one of them.
 *
 * One resumable pass over the knowledge table (`./migration-pass.ts`, progress item
 * `MIGRATION#question-counts`), recorded once when finished, `BackfillQuestionCounts` with counts.
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { Item } from './items.ts';
import { type MigrationPassResult, runMigrationPass } from './migration-pass.ts';
import { cancelled, countsAdd, pause, writeAttempts } from './question-days.ts';

export interface QuestionCountsBackfillCounts {
  /** Questions and pages read. */
  readonly items: number;
  /** Of them, those counted now. */
  readonly counted: number;
}

export interface QuestionCountsBackfillOptions {
  readonly audit: AuditLog;
  readonly pageSize?: number;
  readonly maxPages?: number;
  readonly force?: boolean;
}

const projection = 'pk, sk, #type, #source, logDay, answers, counted, requestSubmittedAt, requestCounted';
const projectionNames = { '#source': 'source' };

export function backfillQuestionCounts(
  table: { readonly client: DynamoDBDocumentClient; readonly knowledgeTable: string },
  options: QuestionCountsBackfillOptions,
): Promise<MigrationPassResult<QuestionCountsBackfillCounts>> {
  return runMigrationPass(
    // The pass keeps its progress item in the table it reads; it writes no audit table itself.
    { client: table.client, ticketsTable: table.knowledgeTable, auditTable: '' },
    {
      name: 'question-counts',
      empty: { items: 0, counted: 0 },
      itemTypes: ['question', 'page'],
      projection: { expression: projection, names: projectionNames },
      migrate: async (item) => ({ items: 1, counted: (await countItem(table, item)) ? 1 : 0 }),
      add: (a, b) => ({ items: a.items + (b.items ?? 0), counted: a.counted + (b.counted ?? 0) }),
      record: {
        eventName: 'BackfillQuestionCounts',
        userIdentity: { type: 'Service', invokedBy: 'retention:backfill' },
        userAgent: 'courtdesk/backfill-question-counts',
        requestParameters: {},
      },
    },
    options,
  );
}

/** What one item still needs counted (and the mark that says so), or undefined. */
function stepOf(item: Item) {
  if (typeof item.logDay !== 'string') return undefined;
  const requested = item.requestSubmittedAt !== undefined;
  if (item.type === 'question')
    return item.counted === true
      ? undefined
      : {
          counts: { asked: 1, unanswered: Array.isArray(item.answers) && item.answers.length > 0 ? 0 : 1 },
          set: 'SET counted = :true',
          condition: 'attribute_not_exists(counted)',
        };
  const form = item.source !== 'help';
  if (item.counted !== true)
    // The page, with its request as read: the write requires the page as read.
    return {
      counts: { formPages: form ? 1 : 0, formPagesWithRequest: form && requested ? 1 : 0 },
      set: form && requested ? 'SET counted = :true, requestCounted = :true' : 'SET counted = :true',
      condition: `attribute_not_exists(counted) AND ${
        requested ? 'attribute_exists(requestSubmittedAt)' : 'attribute_not_exists(requestSubmittedAt)'
      }`,
    };
  // A counted page whose request older code marked without counting it (during a deploy).
  if (form && requested && item.requestCounted !== true)
    return {
      counts: { formPagesWithRequest: 1 },
      set: 'SET requestCounted = :true',
      condition: 'attribute_exists(requestSubmittedAt) AND attribute_not_exists(requestCounted)',
    };
  return undefined;
}

/** Counts what one question or page still needs counted; whether it did. */
async function countItem(
  { client, knowledgeTable }: { readonly client: DynamoDBDocumentClient; readonly knowledgeTable: string },
  read: Item,
): Promise<boolean> {
  let item: Item | undefined = read;
  for (let attempt = 1; attempt <= writeAttempts; attempt += 1) {
    const step = item ? stepOf(item) : undefined;
    if (!item || !step) return false;
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: knowledgeTable,
                Key: { pk: read.pk, sk: read.sk },
                UpdateExpression: step.set,
                ConditionExpression: `attribute_exists(pk) AND ${step.condition}`,
                ExpressionAttributeValues: { ':true': true },
              },
            },
            countsAdd(knowledgeTable, String(item.logDay), step.counts),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelled(error, 'TransactionConflict')) await pause(attempt);
      else if (!cancelled(error, 'ConditionalCheckFailed', 0)) throw error;
    }
    // Counted, deleted or changed meanwhile: judged afresh.
    item = (
      await client.send(
        new GetCommand({
          TableName: knowledgeTable,
          Key: { pk: read.pk, sk: read.sk },
          ConsistentRead: true,
          ProjectionExpression: projection,
          ExpressionAttributeNames: { ...projectionNames, '#type': 'type' },
        }),
      )
    ).Item;
  }
  throw new Error(`Question log item ${String(read.pk)} kept changing: run the backfill again`);
}
