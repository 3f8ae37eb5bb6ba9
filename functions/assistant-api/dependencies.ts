/** assistant-api's dependencies, built once per cold start; the published index is kept while warm. */
import { loadConfig } from '../../shared/config.ts';
import type { AnswerQuestionDeps } from '../../shared/use-cases/answer-question.ts';
import { PublishedIndexCache } from '../../shared/use-cases/published-index.ts';
import { awsClients, randomIds, systemClock } from '../composition-root.ts';
import { publishedKnowledge, questionLog } from '../knowledge-root.ts';

export type AssistantApiDeps = AnswerQuestionDeps;

export function buildDependencies(): AssistantApiDeps {
  const aws = awsClients();
  const config = loadConfig(['KNOWLEDGE_TABLE', 'RETENTION_SCHEDULE']);
  return {
    knowledge: new PublishedIndexCache(publishedKnowledge(aws, config), systemClock),
    questionLog: questionLog(aws, config),
    clock: systemClock,
    ids: randomIds,
  };
}
