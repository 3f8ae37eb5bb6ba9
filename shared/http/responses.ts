import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const securityHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...securityHeaders, ...headers }, body: JSON.stringify(body) };
}
