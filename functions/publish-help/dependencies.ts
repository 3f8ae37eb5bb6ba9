/** publish-help's dependencies, built once per cold start. */
import { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { S3HelpSite } from '../../shared/adapters/s3/help-site.ts';
import { loadConfig } from '../../shared/config.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import { awsClients, buckets, documents, systemClock } from '../composition-root.ts';

export interface PublishHelpDependencies {
  readonly store: DynamoKnowledgeStore;
  readonly site: S3HelpSite;
  readonly clock: Clock;
}

export function buildDependencies(): PublishHelpDependencies {
  const config = loadConfig(['KNOWLEDGE_TABLE', 'HELP_BUCKET']);
  const aws = awsClients();
  return {
    store: new DynamoKnowledgeStore({
      client: documents(aws),
      knowledgeTable: config.KNOWLEDGE_TABLE,
      // Never written: the seed and the reads make no audit record (the store writes one only with
      // a staff member's change), and the function has no grant on the audit table.
      auditTable: '',
    }),
    site: new S3HelpSite({ client: buckets(aws), bucket: config.HELP_BUCKET }),
    clock: systemClock,
  };
}
