/**
 * At the sandbox's start, before any handler runs: the pseudonym secret derived through the KMS
 * stand-in and installed in this process (every function runs here), then the kept tables re-keyed
 * to it (`migratePseudonyms`: a data folder from before the keys were keyed gets keyed client keys
 * and its data-subject index; a no-op once done).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { migratePseudonyms } from '../../shared/adapters/dynamodb/pseudonym-migration.ts';
import { derivePseudonymSecret } from '../../shared/adapters/kms/kms-pseudonym-key.ts';
import { installPseudonymKey } from '../../shared/domain/pseudonym-key.ts';
import { localCredentials, localRegion } from './emulators.ts';

export async function migrateSandboxPseudonyms(options: {
  readonly dynamoEndpoint: string;
  readonly kmsEndpoint: string;
  readonly keyArn: string;
  readonly version: number;
  readonly ticketsTable: string;
  readonly auditTable: string;
  readonly log: (line: string) => void;
}): Promise<void> {
  const settings = { region: localRegion, credentials: localCredentials };
  const kms = new KMSClient({ ...settings, endpoint: options.kmsEndpoint });
  const client = new DynamoDBClient({ ...settings, endpoint: options.dynamoEndpoint });
  try {
    const to = await derivePseudonymSecret(kms, options.keyArn, options.version);
    installPseudonymKey(to.secret, to.version);
    const documents = DynamoDBDocumentClient.from(client);
    const result = await migratePseudonyms(
      { client: documents, ticketsTable: options.ticketsTable, auditTable: options.auditTable },
      { to, audit: new DynamoAuditLog({ client: documents, auditTable: options.auditTable }) },
    );
    if (!result.skipped && (result.counts.clientKeys > 0 || result.counts.subjectItems > 0))
      options.log(`Pseudonyms keyed (key version ${to.version}): ${JSON.stringify(result.counts)}`);
  } finally {
    kms.destroy();
    client.destroy();
  }
}
