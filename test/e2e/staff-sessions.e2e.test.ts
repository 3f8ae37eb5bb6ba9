/**
 * Staff sessions on the sandbox, as the staff API enforces them whatever the page does: a token is
 * refused at once after its session signed out (and so is every token refreshed from the same
 * sign-in, which the identity provider no longer renews once revoked); a session idle longer than
 * the idle timeout is refused by the server's clock; last activity is written at most once a minute.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { sessionKey } from '../../shared/adapters/dynamodb/staff-sessions.ts';
import { staffMessage } from '../../shared/i18n/staff-messages.ts';
import { useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-sessions-', { quiet: true, buildWeb: false, schedules: false });

interface SignIn {
  readonly token: string;
  readonly refreshToken: string;
}

async function signIn(username: string): Promise<SignIn> {
  const response = await fetch(`${suite.sandbox.urls.web}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SignIn;
}

async function call(token: string, method: 'GET' | 'POST', path: string, language = 'lv') {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** As the page renews its access token: Cognito's refresh grant, at the sandbox's issuer. */
async function refresh(refreshToken: string) {
  const response = await fetch(`${suite.sandbox.urls.web}/local/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { access_token?: string; error?: string },
  };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function sessionItem(token: string) {
  const key = sessionKey(String(claimsOf(token).origin_jti));
  const { Item } = await suite.client.documents.send(
    new GetCommand({ TableName: suite.sandbox.tableNames.tickets, Key: key }),
  );
  return Item;
}

describe('staff sessions', () => {
  it('issues hour-long tokens that carry the sign-in (origin_jti) and their own id (jti)', async () => {
    const { token, refreshToken } = await signIn('agent.court-fees');
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      token_use: 'access',
      origin_jti: expect.any(String),
      jti: expect.any(String),
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    const renewed = await refresh(refreshToken);
    expect(renewed.status).toBe(200);
    const again = claimsOf(String(renewed.body.access_token));
    expect(again.origin_jti).toBe(claims.origin_jti);
    expect(again.jti).not.toBe(claims.jti);
  });

  it('refuses the same token at once after sign-out, and every token of the sign-in, in lv and en', async () => {
    // Prepare: signed in, a call made, a second token refreshed from the same sign-in
    const { token, refreshToken } = await signIn('agent.general');
    expect((await call(token, 'GET', '/api/staff/me')).status).toBe(200);
    const renewed = String((await refresh(refreshToken)).body.access_token);
    expect((await call(renewed, 'GET', '/api/staff/me')).status).toBe(200);

    // Act: the page signs out at the API, then revokes the refresh token at the issuer
    expect((await call(token, 'POST', '/api/staff/sign-out')).status).toBe(200);
    const revoke = await fetch(`${suite.sandbox.urls.web}/local/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken }),
    });

    // Assess: both tokens refused, though unexpired; no new token to be had
    expect(revoke.status).toBe(200);
    expect(await call(token, 'GET', '/api/staff/tickets?view=queue')).toEqual({
      status: 401,
      body: { message: staffMessage('lv', 'staff.SessionRevoked'), code: 'SessionRevoked' },
    });
    expect(await call(renewed, 'GET', '/api/staff/me', 'en')).toEqual({
      status: 401,
      body: { message: staffMessage('en', 'staff.SessionRevoked'), code: 'SessionRevoked' },
    });
    expect(await call(token, 'POST', '/api/staff/sign-out')).toMatchObject({ status: 401 });
    expect(await refresh(refreshToken)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    // Another sign-in of the same person is a session of its own.
    expect((await call((await signIn('agent.general')).token, 'GET', '/api/staff/me')).status).toBe(200);
    const signOuts = (await suite.client.auditRecords()).filter(
      (record) =>
        record.eventName === 'SignOut' &&
        (record.userIdentity as { userName?: string }).userName === 'agent.general',
    );
    expect(signOuts).toHaveLength(1);
  });

  it('refuses a session idle longer than the idle timeout by the server’s clock', async () => {
    // Prepare: a session whose last call was 16 minutes ago (the timeout is 15)
    const { token } = await signIn('agent.insolvency');
    expect((await call(token, 'GET', '/api/staff/me')).status).toBe(200);
    const key = sessionKey(String(claimsOf(token).origin_jti));
    await suite.client.documents.send(
      new UpdateCommand({
        TableName: suite.sandbox.tableNames.tickets,
        Key: key,
        UpdateExpression: 'SET lastActiveAt = :then',
        ExpressionAttributeValues: { ':then': Date.now() - 16 * 60_000 },
      }),
    );

    // Act
    const answer = await call(token, 'GET', '/api/staff/me');

    // Assess
    expect(answer).toEqual({
      status: 401,
      body: { message: staffMessage('lv', 'staff.SessionIdle'), code: 'SessionIdle' },
    });
    // The page's own idle sign-out comes after the server's limit: it is still let through and
    // recorded, once (found in review); nothing else is.
    expect(await call(token, 'POST', '/api/staff/sign-out')).toEqual({
      status: 200,
      body: { signedOut: true },
    });
    expect(await call(token, 'POST', '/api/staff/sign-out')).toMatchObject({
      status: 401,
      body: { code: 'SessionRevoked' },
    });
    expect((await call(token, 'GET', '/api/staff/me')).body).toMatchObject({ code: 'SessionRevoked' });
    expect((await sessionItem(token))?.revokedAt).toEqual(expect.any(Number));
  });

  it("keeps a session active on the page's report of deliberate input (typing, no other call)", async () => {
    // Prepare: 14 minutes since the last call, someone typing a reply
    const { token } = await signIn('agent.legal-aid');
    expect((await call(token, 'GET', '/api/staff/me')).status).toBe(200);
    await suite.client.documents.send(
      new UpdateCommand({
        TableName: suite.sandbox.tableNames.tickets,
        Key: sessionKey(String(claimsOf(token).origin_jti)),
        UpdateExpression: 'SET lastActiveAt = :then',
        ExpressionAttributeValues: { ':then': Date.now() - 14 * 60_000 },
      }),
    );

    // Act: the page's report, then the Send two minutes later (here: at once)
    const report = await call(token, 'POST', '/api/staff/session/activity');

    // Assess: the activity is the report's, so the session is not idle at 16 minutes
    expect(report).toEqual({ status: 200, body: { active: true } });
    expect(Number((await sessionItem(token))?.lastActiveAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await call(token, 'GET', '/api/staff/me')).status).toBe(200);
  });

  it('writes the last activity at most once a minute, and keeps the record as long as the sign-in', async () => {
    const { token } = await signIn('agent.legal-aid');
    expect((await call(token, 'GET', '/api/staff/me')).status).toBe(200);
    const first = await sessionItem(token);
    for (let calls = 0; calls < 3; calls += 1)
      expect((await call(token, 'GET', '/api/staff/tickets?view=queue')).status).toBe(200);
    const later = await sessionItem(token);
    expect(later?.lastActiveAt).toBe(first?.lastActiveAt);
    // TTL: no token of the sign-in can be used after 8 hours of refreshing plus an hour-long token.
    const authTime = Number(claimsOf(token).auth_time);
    expect(later?.expiresAt).toBe(authTime + 9 * 3600);
    expect(JSON.stringify(later)).not.toContain(String(claimsOf(token).origin_jti));
  });
});
