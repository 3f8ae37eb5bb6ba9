import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functions } from '../../../infra/inventory.ts';
import { openApiFile, renderOpenApi, staffOpenApi } from '../../../scripts/openapi.ts';

describe('the staff API OpenAPI document', () => {
  it('is up to date with the contract (run `npm run openapi` after changing it)', () => {
    expect(readFileSync(openApiFile, 'utf8')).toBe(renderOpenApi());
  });

  it('documents every staff route of the inventory, with its request and answer schemas', () => {
    const paths = staffOpenApi().paths as Record<string, Record<string, Record<string, unknown>>>;
    const routes = functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'http' && (trigger.auth === 'staff' || trigger.path.startsWith('/api/auth/'))
          ? [trigger]
          : [],
      ),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation?.responses).toHaveProperty('200.content.application/json.schema');
      // The session's two calls carry no body: who and when is all they say.
      const bodiless = route.path.endsWith('sign-out') || route.path.endsWith('session/activity');
      if (route.method === 'POST' && route.auth === 'staff' && !bodiless)
        expect(operation?.requestBody, `${route.method} ${route.path}`).toBeDefined();
    }
    // The reply body says what is required and how long it may be.
    const reply = paths['/api/staff/tickets/{reference}/replies']?.post as {
      requestBody: {
        content: {
          'application/json': {
            schema: { required: string[]; properties: Record<string, { maxLength?: number }> };
          };
        };
      };
    };
    const schema = reply.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['text']);
    expect(schema.properties.text?.maxLength).toBe(20_000);
  });
});
