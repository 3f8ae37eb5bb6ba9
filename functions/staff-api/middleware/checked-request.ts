/**
 * The request as the route takes it: the JSON body parsed (its strings trimmed), then the body or
 * query checked against the route's schema in the contract; refused field by field (400) with the
 * staff catalogue's message for each.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { invalidFields, Refused } from '../../../shared/domain/refused.ts';
import { jsonBody } from '../../../shared/http/middleware/json-body.ts';
import { staffRouteOf } from '../../../shared/http/staff-contract.ts';
import type { CheckedRequestContext } from '../routes/route.ts';

/** Whether the route takes a JSON body. */
function hasBody(event: APIGatewayProxyEventV2): boolean {
  const spec = staffRouteOf(event.routeKey);
  return spec !== undefined && 'body' in spec;
}

/**
 * The largest body a staff route takes, in bytes: a knowledge base article at its limit (300 KB of
 * content, some of it escaped in JSON) with room to spare; the rest take far less. Files never come
 * in the body (they go to S3 with a presigned upload).
 */
export const staffBodyLimitBytes = 1024 * 1024;

export function checkedRequest(): MiddlewareObj<
  APIGatewayProxyEventV2,
  unknown,
  Error,
  CheckedRequestContext
>[] {
  const body = jsonBody({
    when: hasBody,
    emptyAsObject: true,
    trimStrings: true,
    limit: { bytes: staffBodyLimitBytes, error: () => new Refused('BodyTooLarge', 413) },
    malformed: () => invalidFields([{ field: 'body', key: 'staff.body.malformed' }]),
  });
  return [body, { before: check }];
}

async function check(request: Request<APIGatewayProxyEventV2, unknown, Error, CheckedRequestContext>) {
  const { event, context } = request;
  const spec = staffRouteOf(event.routeKey);
  const body = spec && 'body' in spec ? parse(spec.body, context.jsonBody) : undefined;
  const query =
    spec && 'query' in spec
      ? parse(spec.query, context.staffCall.route.queryOf?.(event) ?? event.queryStringParameters ?? {})
      : undefined;
  context.checked = { body, query };
}

function parse(schema: z.ZodMiniType, data: unknown): unknown {
  const result = z.safeParse(schema, data);
  if (result.success) return result.data;
  const given = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  throw invalidFields(
    result.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || 'body';
      // Missing at any depth (`address.place` as much as `name`), once trimmed.
      const value = issue.path.reduce<unknown>(
        (parent, step) =>
          typeof parent === 'object' && parent !== null
            ? (parent as Record<string, unknown>)[String(step)]
            : undefined,
        given,
      );
      const missing =
        issue.path.length > 0 && (value === undefined || value === null || String(value).trim() === '');
      return {
        field,
        key: missing
          ? 'staff.field.required'
          : issue.message === 'postal-code'
            ? 'staff.post.postalCode'
            : // "Too long" for a text only: a number out of range or too many items is invalid.
              issue.code === 'too_big' && issue.origin === 'string'
              ? 'staff.field.tooLong'
              : 'staff.field.invalid',
      };
    }),
  );
}
