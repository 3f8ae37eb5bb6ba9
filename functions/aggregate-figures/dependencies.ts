/** aggregate-figures' dependencies, built once per cold start. */
import { DynamoFiguresStore } from '../../shared/adapters/dynamodb/figures-store.ts';
import { loadConfig } from '../../shared/config.ts';
import type { ApplyChangesDeps } from '../../shared/use-cases/figures/apply-changes.ts';
import { awsClients, documents } from '../composition-root.ts';

export function buildDependencies(): ApplyChangesDeps {
  const config = loadConfig(['FIGURES_TABLE']);
  return {
    figures: new DynamoFiguresStore({ client: documents(awsClients()), figuresTable: config.FIGURES_TABLE }),
  };
}
