/**
 * `npx tsx scripts/reshard-lists.ts [--force]`: puts the tickets of a deployed tickets table that
 * were written before the unit lists were sharded onto their shards, so that they show on the
 * worklist, deadline and callback lists again. Run it once the deploy that shards the lists has
 * finished (`--force` runs it again after a pass already left its marker, e.g. when older code was
 * still writing during the first pass). The table is `TICKETS_TABLE`, reached with the usual AWS
 * credentials and region (`AWS_ENDPOINT_URL_DYNAMODB` points it at an emulator). Safe to stop and
 * run again: a ticket already on its shard is left alone.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reshardLists } from '../shared/adapters/dynamodb/reshard-lists.ts';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
const ticketsTable = process.env.TICKETS_TABLE;
if (!ticketsTable) {
  console.error('Set TICKETS_TABLE to the tickets table to re-key.');
  process.exit(2);
}
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
try {
  const result = await reshardLists({ client, ticketsTable, auditTable: '' }, { force: values.force });
  console.log(
    result.skipped
      ? 'Already done (a finished pass left its marker); --force to run again.'
      : `Re-keyed ${result.rekeyed} of ${result.scanned} tickets.`,
  );
} finally {
  client.destroy();
}
