/**
 * `npm run pseudonyms:migrate [-- --from <version>…] [--force] [--max-pages <n>]`: re-keys a
 * deployed tickets table to the pseudonym key the functions use (`PSEUDONYM_KEY` at
 * `PSEUDONYM_KEY_VERSION`, its secret derived through KMS as they derive it): the legacy unkeyed
 * client keys always, and the keys of each older version named by `--from` during a rotation
 * (docs/pseudonyms.md). `TICKETS_TABLE` and `AUDIT_TABLE` name the tables, reached with the usual
 * AWS credentials and region (`AWS_ENDPOINT_URL_*` point it at emulators). Safe to stop and run
 * again: it resumes where it stopped; a finished pass is skipped unless `--force`d.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log.ts';
import { migratePseudonyms } from '../shared/adapters/dynamodb/pseudonym-migration.ts';
import { derivePseudonymSecret } from '../shared/adapters/kms/kms-pseudonym-key.ts';
import { loadConfig } from '../shared/config.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string', multiple: true, default: [] },
    force: { type: 'boolean', default: false },
    'max-pages': { type: 'string' },
  },
});
const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'PSEUDONYM_KEY', 'PSEUDONYM_KEY_VERSION']);
const fromVersions = values.from.map(Number);
if (
  fromVersions.some(
    (version) => !Number.isInteger(version) || version < 1 || version === config.PSEUDONYM_KEY_VERSION,
  )
) {
  console.error('--from takes older key versions (whole numbers from 1, not the current one).');
  process.exit(2);
}
const kms = new KMSClient({});
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
try {
  const to = await derivePseudonymSecret(kms, config.PSEUDONYM_KEY, config.PSEUDONYM_KEY_VERSION);
  const from = await Promise.all(
    fromVersions.map((version) => derivePseudonymSecret(kms, config.PSEUDONYM_KEY, version)),
  );
  const result = await migratePseudonyms(
    { client, ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE },
    {
      to,
      from,
      audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
      force: values.force,
      ...(values['max-pages'] ? { maxPages: Number(values['max-pages']) } : {}),
    },
  );
  console.log(
    result.skipped
      ? `Already done for key version ${to.version}; --force to run again.`
      : `${result.done ? 'Done' : 'Stopped (run again to go on)'}: ${JSON.stringify(result.counts)}`,
  );
} finally {
  client.destroy();
  kms.destroy();
}
