/** assistant-api's dependencies, built once per cold start; the published index is kept while warm. */
import { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { loadConfig } from '../../shared/config.ts';
import type { AnswerQuestionDeps } from '../../shared/use-cases/answer-question.ts';
import { PublishedIndexCache } from '../../shared/use-cases/published-index.ts';
import { awsClients, documents, questionLog, randomIds, systemClock } from '../composition-root.ts';

export type AssistantApiDeps = AnswerQuestionDeps;

export function buildDependencies(): AssistantApiDeps {
  const aws = awsClients();
  const config = loadConfig(['KNOWLEDGE_TABLE']);
  const reader = new DynamoKnowledgeStore({ client: documents(aws), knowledgeTable: config.KNOWLEDGE_TABLE });
  return {
    knowledge: new PublishedIndexCache(reader, systemClock),
    questionLog: questionLog(aws, config),
    clock: systemClock,
    ids: randomIds,
  };
}
