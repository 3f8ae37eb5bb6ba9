/** survey-api's dependencies, built once per cold start. */
import { kmsClient } from '../../shared/adapters/clients/kms.ts';
import { DynamoSurveys } from '../../shared/adapters/dynamodb/surveys.ts';
import { KmsSurveyTokens } from '../../shared/adapters/kms/kms-survey-tokens.ts';
import { loadConfig } from '../../shared/config.ts';
import type { RespondToSurveyDeps } from '../../shared/use-cases/survey/respond-to-survey.ts';
import { auditLog, awsClients, dynamoTables, randomIds, systemClock } from '../composition-root.ts';

export type SurveyApiDeps = RespondToSurveyDeps;

export function buildDependencies(): SurveyApiDeps {
  const aws = awsClients();
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'SURVEY_MAC_KEY']);
  return {
    tokens: new KmsSurveyTokens({ client: kmsClient(), keyId: config.SURVEY_MAC_KEY }),
    surveys: new DynamoSurveys(dynamoTables(aws, config)),
    audit: auditLog(aws, config),
    clock: systemClock,
    ids: randomIds,
  };
}
