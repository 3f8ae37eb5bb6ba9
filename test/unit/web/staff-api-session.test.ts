/**
 * The admin page's API client and the session: a plain 401 (the authorizer's, an expired access
 * token) is cured once by a renewed token; a 401 with the API's code (the session ended) is not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaffApi } from '../../../web/src/admin/api.ts';

const me = {
  username: 'agent.court-fees',
  roles: ['agent'],
  competences: [],
  units: [],
  sessionExpiresAt: '2026-12-08T16:00:00.000Z',
  idleTimeoutMinutes: 15,
};

function answers(...bodies: { status: number; body: unknown }[]) {
  const seen: (string | undefined)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_path: string, init: RequestInit) => {
      seen.push((init.headers as Record<string, string>).Authorization);
      const next = bodies.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(next.body), {
        status: next.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return seen;
}

function api(refreshed: boolean) {
  let token = 'old';
  const unauthorized: (string | undefined)[] = [];
  const refresh = vi.fn(async () => {
    if (refreshed) token = 'new';
    return refreshed;
  });
  const client = new StaffApi({
    token: () => token,
    language: () => 'lv',
    onUnauthorized: (code) => unauthorized.push(code),
    refresh,
  });
  return { client, refresh, unauthorized };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('StaffApi and an ended token', () => {
  it('renews an expired access token once and repeats the call with it', async () => {
    const seen = answers({ status: 401, body: { message: 'Unauthorized' } }, { status: 200, body: me });
    const { client, refresh, unauthorized } = api(true);

    const result = await client.me();

    expect(result).toEqual({ ok: true, value: me });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(unauthorized).toEqual([]);
  });

  it('sends the person to sign in when no token can be renewed', async () => {
    answers({ status: 401, body: { message: 'Unauthorized' } });
    const { client, unauthorized } = api(false);

    expect(await client.me()).toEqual({ ok: false, kind: 'unauthorized' });
    expect(unauthorized).toEqual([undefined]);
  });

  it('does not renew a session the API ended, and passes on why', async () => {
    const seen = answers({ status: 401, body: { message: 'Izrakstījies', code: 'SessionRevoked' } });
    const { client, refresh, unauthorized } = api(true);

    expect(await client.me()).toEqual({ ok: false, kind: 'unauthorized', code: 'SessionRevoked' });
    expect(seen).toHaveLength(1);
    expect(refresh).not.toHaveBeenCalled();
    expect(unauthorized).toEqual(['SessionRevoked']);
  });
});
