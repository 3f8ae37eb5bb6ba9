/**
 * Review s12, defect: two sign-outs of one session that were both admitted (double click, two
 * tabs, a retried request) each write a SignOut record on DynamoDB: the revoke Update is
 * unconditional and the SignOut record's key carries its own eventTime, so the record's
 * `attribute_not_exists(pk)` never meets the first one. (The memory audit log dedupes by eventID
 * and hides this.)
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoStaffSessions } from '../../shared/adapters/dynamodb/staff-sessions.ts';
import { FixedClock } from '../../shared/adapters/memory/index.ts';
import { sessionRules } from '../../shared/domain/staff-session-rules.ts';
import type { StaffCaller } from '../../shared/use-cases/staff-audit.ts';
import { admitSession, type StaffSessionDeps } from '../../shared/use-cases/staff-session.ts';
import { signOut } from '../../shared/use-cases/staff-sign-out.ts';
import { startTestDynamo, type TestDynamo } from '../../test/support/dynamo.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

const start = '2026-12-08T08:00:00.000Z';
const signedIn = Date.parse(start) / 1000;
const caller: StaffCaller = {
  username: 'agent.court-fees',
  roles: ['agent'],
  competences: ['court-fees'],
  supervises: [],
  expiresAt: signedIn + 3600,
  issuedAt: signedIn,
  tokenIssuedAt: signedIn,
  sessionId: 'origin-double-sign-out',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'vitest',
  requestId: 'request-1',
};

it('writes one SignOut record when two sign-outs of the session were both admitted', async () => {
  const tables = { client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' };
  const audit = new DynamoAuditLog({ client: dynamo.documents, auditTable: 'audit' });
  const clock = new FixedClock(start);
  const deps: StaffSessionDeps = {
    sessions: new DynamoStaffSessions(tables),
    audit,
    clock,
    rules: sessionRules(15),
    sessionHours: 8,
  };
  expect(await admitSession(deps, caller)).toBeUndefined(); // first call: sign-in
  clock.advance(5_000);
  // Two sign-out requests, both admitted before either wrote (double click / two tabs).
  expect(await admitSession(deps, caller)).toBeUndefined();
  expect(await admitSession(deps, caller)).toBeUndefined();
  await signOut(deps, caller);
  clock.advance(3);
  await signOut(deps, caller);

  const items = [];
  for (let shard = 0; shard < 64; shard += 1) {
    const page = await dynamo.documents.send(
      new QueryCommand({
        TableName: 'audit',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#2026-12-08T08#${shard}` },
      }),
    );
    items.push(...(page.Items ?? []));
  }
  expect(items.filter((item) => item.eventName === 'SignOut')).toHaveLength(1);
});
