/**
 * The staff API's OpenAPI 3.1 document, generated from the contract's zod schemas
 * (`shared/http/staff-contract.ts`), so the documentation cannot drift from what the function checks.
 * `npm run openapi` writes it to `docs/openapi.json`; a test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import {
  authConfigResponseSchema,
  errorResponseSchema,
  quarantineIdPattern,
  referencePattern,
  staffRoutes,
  validationErrorResponseSchema,
} from '../shared/http/staff-contract.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorContent = (ref: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});

export function staffOpenApi(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {
    '/api/auth/config': {
      get: {
        operationId: 'getAuthConfig',
        summary: 'How the admin page signs in (public, no token)',
        security: [],
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(authConfigResponseSchema, 'output') } },
          },
        },
      },
    },
  };
  for (const route of staffRoutes) {
    const parameters: unknown[] = [];
    if (route.path.includes('{reference}')) {
      parameters.push({
        name: 'reference',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: referencePattern.source },
        example: 'TA-2026-000123',
      });
    }
    if (route.path.includes('{id}')) {
      parameters.push({
        name: 'id',
        in: 'path',
        required: true,
        description: "The quarantined mail's SES message id",
        schema: { type: 'string', pattern: quarantineIdPattern.source },
      });
    }
    if ('query' in route) {
      const query = jsonSchema(route.query, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    const operation: Record<string, unknown> = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      ...(parameters.length ? { parameters } : {}),
      ...('body' in route
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { schema: jsonSchema(route.response, 'output') },
            ...('csv' in route && route.csv
              ? {
                  'text/csv': {
                    schema: { type: 'string' },
                    description:
                      'With format=csv or Accept: text/csv: a UTF-8 CSV file (Content-Disposition: attachment), a header row first; cells a spreadsheet would take for a formula start with an apostrophe. A longer export ends early with the X-Courtdesk-Cursor header: ask again with that cursor for the rest.',
                  },
                }
              : {}),
          },
        },
        ...('body' in route || 'query' in route
          ? { '400': errorContent('ValidationError', 'Invalid request: field-level messages in lv or en') }
          : {}),
        '401': errorContent('Error', 'No valid staff token (the JWT authorizer answers)'),
        ...(route.path === '/api/staff/me' || route.path === '/api/staff/sign-out'
          ? {}
          : {
              '403': errorContent('Error', 'Not within the caller’s units or role; audited as AccessDenied'),
            }),
        ...(route.path.includes('{reference}')
          ? {
              '404': errorContent('Error', 'No ticket with this reference'),
              '409': errorContent('Error', 'Conflict: changed meanwhile, not taken, closed, reason required'),
            }
          : {}),
        ...(route.path.startsWith('/api/staff/knowledge/')
          ? {
              ...(route.path.includes('{id}')
                ? { '404': errorContent('Error', 'No such article or term') }
                : {}),
              ...(route.method === 'GET'
                ? {}
                : {
                    '409': errorContent(
                      'Error',
                      'Changed meanwhile (expectedVersion), slug or id taken, archived, already published or not published',
                    ),
                  }),
            }
          : route.path.includes('{id}')
            ? {
                '404': errorContent('Error', 'No such mail in quarantine'),
                ...(route.method === 'POST'
                  ? { '409': errorContent('Error', 'Released already (once only)') }
                  : {}),
              }
            : {}),
        ...(route.path.endsWith('/deadline')
          ? { '422': errorContent('Error', 'The new deadline breaks a rule') }
          : {}),
      },
    };
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'courtdesk staff API',
      version: '1',
      description:
        'The API behind the admin page. Every /api/staff route needs a staff access token (Cognito; the local ' +
        'issuer in the sandbox). Messages are in Latvian unless Accept-Language starts with "en". POST ' +
        'replies and notes accept an Idempotency-Key header (8–128 of A–Z a–z 0–9 - _): a retry adds nothing.',
    },
    servers: [{ url: '/' }],
    security: [{ staffToken: [] }],
    components: {
      securitySchemes: { staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: jsonSchema(errorResponseSchema, 'output'),
        ValidationError: jsonSchema(validationErrorResponseSchema, 'output'),
      },
    },
    paths,
  };
}

function operationId(method: string, path: string): string {
  const words = path
    .replace('/api/staff/', '')
    .split(/[/{}-]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

export const openApiFile = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/openapi.json');

export function renderOpenApi(): string {
  return `${JSON.stringify(staffOpenApi(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(openApiFile, renderOpenApi());
  console.log(`openapi: ${Object.keys(staffOpenApi().paths as object).length} paths → ${openApiFile}`);
}
