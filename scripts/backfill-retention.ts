/**
 * `npm run retention:backfill [-- --force] [--max-pages <n>]`: puts the tickets of a deployed
 * tickets table that were answered or closed before the retention index existed on it, so that the
 * retention sweeper reaches them (docs/retention.md). `TICKETS_TABLE` and `AUDIT_TABLE` name the
 * tables, reached with the usual AWS credentials and region (`AWS_ENDPOINT_URL_DYNAMODB` points it
 * at an emulator). Safe to stop and run again: it resumes where it stopped; a finished pass is
 * skipped unless `--force`d. It also writes the `HOLDKEY#` items of legal holds set before holds
 * protected their objects by key (`backfillHoldKeys`), the same way. With `KNOWLEDGE_TABLE` set, it also counts the assistant's questions
 * logged before the question log kept its days' counts (`backfillQuestionCounts`), the same way.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log.ts';
import { backfillHoldKeys } from '../shared/adapters/dynamodb/hold-keys-backfill.ts';
import { backfillQuestionCounts } from '../shared/adapters/dynamodb/question-counts-backfill.ts';
import { backfillRetentionKeys } from '../shared/adapters/dynamodb/retention-backfill.ts';
import { loadConfig } from '../shared/config.ts';

const { values } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    'max-pages': { type: 'string' },
  },
});
const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
  console.error('--max-pages takes a whole number from 1.');
  process.exit(2);
}
const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE']);
const report = (what: string, result: { skipped?: boolean; done: boolean; counts: object }) =>
  console.log(
    `${what}: ${
      result.skipped
        ? 'already done (a finished pass left its marker); --force to run again.'
        : `${result.done ? 'done' : 'stopped (run again to go on)'}: ${JSON.stringify(result.counts)}`
    }`,
  );
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
try {
  const result = await backfillRetentionKeys(
    { client, ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE },
    {
      audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
      force: values.force,
      ...(maxPages === undefined ? {} : { maxPages }),
    },
  );
  report('Retention keys', result);
  report(
    "Legal holds' object keys",
    await backfillHoldKeys(
      { client, ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE },
      {
        audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
        force: values.force,
        ...(maxPages === undefined ? {} : { maxPages }),
      },
    ),
  );
  const knowledgeTable = process.env.KNOWLEDGE_TABLE;
  if (!knowledgeTable)
    console.log("The assistant's day counts: not run (set KNOWLEDGE_TABLE to count its earlier questions).");
  else
    report(
      "The assistant's day counts",
      await backfillQuestionCounts(
        { client, knowledgeTable },
        {
          audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
          force: values.force,
          ...(maxPages === undefined ? {} : { maxPages }),
        },
      ),
    );
} finally {
  client.destroy();
}
