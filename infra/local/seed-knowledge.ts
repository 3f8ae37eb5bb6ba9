/**
 * The sandbox's knowledge base starts with the sample content published (as the administration's
 * would after installing), so that the help pages and the assistant have something to show. Only a
 * knowledge base whose seed is not done yet is seeded (`seedKnowledgeBase`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { seedKnowledgeBase } from '../../shared/use-cases/seed-knowledge.ts';
import { localCredentials, localRegion } from './emulators.ts';

/** Seeds the sandbox's knowledge table (named as in `names`, by inventory id) when it is new. */
export async function seedSandboxKnowledge(
  endpoint: string,
  names: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<void> {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  try {
    const store = new DynamoKnowledgeStore({
      client: documents,
      knowledgeTable: names.knowledge ?? 'knowledge',
      auditTable: names.audit ?? 'audit',
    });
    const published = await seedKnowledgeBase(store, { now: () => new Date() });
    if (published > 0) log(`Knowledge base: ${published} sample articles and terms published`);
  } finally {
    documents.destroy();
  }
}
