/**
 * Parses a JSON object body into `context.jsonBody`, as middy's http-json-body-parser does, with the
 * checks a function asks for. The event's own `body` is left as it came (the error handler reads
 * the client's language from it). Each refusal is the caller's error, so that its own middleware
 * answers (and audits) it.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface JsonBodyOptions {
  /** Which requests carry a body to parse; default all. */
  readonly when?: (event: APIGatewayProxyEventV2) => boolean;
  /** The error for a request whose Content-Type is not JSON; the type is not checked without it. */
  readonly unsupportedType?: () => Error;
  /** The largest body in bytes and the error past it; no limit without it. */
  readonly limit?: { readonly bytes: number; readonly error: () => Error };
  /** The error for a body that is not one JSON object. */
  readonly malformed: () => Error;
  /** A request without a body has `{}`; otherwise it is malformed. */
  readonly emptyAsObject?: boolean;
  /** Trim the object's strings, so that "   " is as empty as "". */
  readonly trimStrings?: boolean;
}

export interface JsonBodyContext extends Context {
  /** The parsed body, on the requests `when` chose. */
  jsonBody?: Record<string, unknown>;
}

/** JSON only: a browser cannot send it to another site without a CORS preflight, unlike a form post. */
const jsonContentType = /^application\/json\s*(;.*)?$/i;

export function jsonBody(
  options: JsonBodyOptions,
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, JsonBodyContext> {
  const before = async (request: Request<APIGatewayProxyEventV2, unknown, Error, JsonBodyContext>) => {
    const { event } = request;
    if (options.when && !options.when(event)) return;
    if (options.unsupportedType && !jsonContentType.test(event.headers?.['content-type'] ?? ''))
      throw options.unsupportedType();
    const body = event.body ?? '';
    if (!body && options.emptyAsObject) {
      request.context.jsonBody = {};
      return;
    }
    const raw = event.isBase64Encoded ? Buffer.from(body, 'base64') : undefined;
    const bytes = raw ? raw.byteLength : Buffer.byteLength(body, 'utf8');
    if (options.limit && bytes > options.limit.bytes) throw options.limit.error();
    request.context.jsonBody = parseObject(raw ? raw.toString('utf8') : body, options);
  };
  return { before };
}

function parseObject(text: string, options: JsonBodyOptions): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw options.malformed();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw options.malformed();
  if (!options.trimStrings) return data as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  );
}
