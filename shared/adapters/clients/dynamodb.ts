/** The DynamoDB document client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_DYNAMODB`). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { made } from './made.ts';

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(made(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
