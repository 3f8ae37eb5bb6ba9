/** DynamoDB Local in memory with the inventory's tables, for adapter integration tests. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables, localCredentials, localRegion, startDynamo } from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';

export interface TestDynamo {
  readonly endpoint: string;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: {
    readonly tickets: string;
    readonly audit: string;
    readonly knowledge: string;
    readonly figures: string;
  };
  stop(): Promise<void>;
}

export async function startTestDynamo(): Promise<TestDynamo> {
  const dynamo = await startDynamo(await freePort(), undefined);
  const tables = { tickets: 'tickets', audit: 'audit', knowledge: 'knowledge', figures: 'figures' };
  await createTables(dynamo.endpoint, tables);
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return {
    endpoint: dynamo.endpoint,
    documents,
    tables,
    async stop() {
      documents.destroy();
      await dynamo.stop();
    },
  };
}
