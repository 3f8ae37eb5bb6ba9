/**
 * Staff routes: every route of the staff API, called on the real sandbox, writes
 * its audit record — when it is refused as much as when it answers — with a catalogued event name
 * and no client text. The route list is the contract's, so a new route is covered the day it exists.
 */
import { describe, expect, it } from 'vitest';
import { auditCatalogue } from '../../shared/domain/audit-catalogue.ts';
import { staffRoutes } from '../../shared/http/staff-contract.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-audit-', { quiet: true, buildWeb: false, schedules: false });

/** A path of the route with its parameters filled in (a well-formed reference, a well-formed mail id). */
const pathOf = (path: string) =>
  path.replace('{reference}', 'TA-2026-000001').replace('{id}', 'a'.repeat(40));

/** Audit records by event id, to see which ones a call added. */
async function recordIds(): Promise<Set<string>> {
  return new Set((await suite.client.auditRecords()).map((record) => String(record.eventID)));
}

describe('every staff route writes its audit record', () => {
  // `mailroom` may use no ticket or quarantine route (403), `agent.court-fees` no quarantine route;
  // the ticket TA-2026-000001 does not exist (404). Either way each call is a recorded event.
  for (const user of ['mailroom', 'agent.court-fees']) {
    it.each(staffRoutes.map((route) => [route.method, route.path] as const))(
      `${user}: %s %s`,
      async (method, path) => {
        const token = await staffToken(suite.sandbox, user);
        // The first call of a token also records the sign-in: make it before counting.
        await fetch(`${suite.sandbox.urls.web}/api/staff/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const before = await recordIds();

        const response = await fetch(`${suite.sandbox.urls.web}${pathOf(path)}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(method === 'POST'
              ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }
              : {}),
          },
          ...(method === 'POST' ? { body: JSON.stringify({ text: 'Konfidenciāls teksts 123' }) } : {}),
        });
        expect(response.status).toBeLessThan(500);

        const added = (await suite.client.auditRecords()).filter(
          (record) => !before.has(String(record.eventID)),
        );
        expect(added.length, `${method} ${path} → ${response.status}`).toBeGreaterThanOrEqual(1);
        for (const record of added) {
          expect(Object.keys(auditCatalogue)).toContain(record.eventName);
          expect(record.userIdentity).toMatchObject({ type: 'Staff', userName: user });
          // What the request carried never reaches the trail.
          expect(JSON.stringify(record)).not.toContain('Konfidenciāls');
          if (response.status >= 400) expect(record.errorCode).toEqual(expect.any(String));
        }
      },
    );
  }
});
