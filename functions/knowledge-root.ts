/**
 * The knowledge table's adapters, apart from the composition root: a function that does not use
 * them (or loads them only when a rare path needs them) keeps them out of its cold start.
 */
import { DynamoKnowledgeStore } from '../shared/adapters/dynamodb/knowledge-store.ts';
import { DynamoQuestionLog } from '../shared/adapters/dynamodb/question-log.ts';
import type { Config } from '../shared/config.ts';
import { scheduleFromEnv } from '../shared/domain/retention.ts';
import type { PublishedKnowledgeReader } from '../shared/ports/knowledge-base.ts';
import { type AwsClients, documents, type RetentionConfig } from './composition-root.ts';

/** The knowledge base: editing, and the published set the public reads. */
export function knowledgeStore(
  aws: AwsClients,
  config: Config<'KNOWLEDGE_TABLE' | 'AUDIT_TABLE'>,
): DynamoKnowledgeStore {
  return new DynamoKnowledgeStore({
    client: documents(aws),
    knowledgeTable: config.KNOWLEDGE_TABLE,
    auditTable: config.AUDIT_TABLE,
  });
}

/** The assistant's question log, on the knowledge table. */
export function questionLog(
  aws: AwsClients,
  config: Config<'KNOWLEDGE_TABLE'> & RetentionConfig,
): DynamoQuestionLog {
  return new DynamoQuestionLog({
    client: documents(aws),
    knowledgeTable: config.KNOWLEDGE_TABLE,
    retention: scheduleFromEnv(config.RETENTION_SCHEDULE),
  });
}

/**
 * The published set alone, for functions that only read it (the assistant): they write no audit
 * record and are granted no audit table, so the store is given none.
 */
export function publishedKnowledge(
  aws: AwsClients,
  config: Config<'KNOWLEDGE_TABLE'>,
): PublishedKnowledgeReader {
  return new DynamoKnowledgeStore({
    client: documents(aws),
    knowledgeTable: config.KNOWLEDGE_TABLE,
    auditTable: '',
  });
}
