import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** On every API answer: JSON never cached, never framed, never sniffed, HTTPS only. */
const securityHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...securityHeaders, ...headers }, body: JSON.stringify(body) };
}

/**
 * A CSV file to download (`Content-Disposition: attachment`), with the same security headers; the
 * file name is ASCII from the server, never from the request.
 */
export function csvFile(
  filename: string,
  text: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      ...securityHeaders,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      ...headers,
    },
    body: text,
  };
}
