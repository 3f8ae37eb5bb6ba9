/**
 * Signing staff in and out. The tokens live in `sessionStorage` only: they are gone when the tab
 * closes; the access token is sent only in the `Authorization` header of our own API, the refresh
 * token only to the identity provider's token and revoke endpoints (Cognito's `/oauth2/token` and
 * `/oauth2/revoke`; the sandbox's `/local/oauth2/…`). Access tokens live an hour at most: the page
 * renews one when the API finds it expired, until the sign-in ends; signing out revokes the
 * refresh token, and the API refuses the session's access tokens from then on.
 *
 * - `local` (the sandbox): the dev sign-in page sends the browser back to `/admin/#token=<jwt>`.
 * - `cognito`: the hosted sign-in with the authorization code flow and PKCE (RFC 7636); the code
 *   comes back as `/admin/?code=…&state=…` and is exchanged at the token endpoint.
 *
 * Where the person was (a ticket, a worklist) is kept across the round trip, so a deep link
 * survives signing in.
 */
import type { AuthConfigResponse } from '../../../shared/http/staff-contract.ts';

export const tokenKey = 'courtdesk.staff.token';
const refreshKey = 'courtdesk.staff.refresh';
const returnKey = 'courtdesk.staff.return';
const pkceKey = 'courtdesk.staff.pkce';
const signedOutKey = 'courtdesk.staff.signedOut';
const lastRedirectKey = 'courtdesk.staff.lastSignInRedirect';
export const adminPath = '/admin/';

/** Why the page signed the person out by itself, shown once after the next sign-in. */
export type SignOutReason = 'idle' | 'expired';

/** The staff API's codes of a session it ended (401). */
export type SessionEnd = 'SessionIdle' | 'SessionRevoked';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function read(key: string): string | undefined {
  try {
    return storage()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Storage switched off: the person signs in again on each load.
  }
}

export function storedToken(): string | undefined {
  return read(tokenKey);
}

/** Forgets both tokens (the refresh token is revoked first where it matters: `revokeSignIn`). */
export function forgetToken(): void {
  write(tokenKey, undefined);
  write(refreshKey, undefined);
}

/** Where the identity provider renews and revokes tokens: Cognito's domain, or the sandbox's issuer. */
function oauthEndpoint(config: AuthConfigResponse, name: 'token' | 'revoke'): URL {
  return config.mode === 'cognito'
    ? new URL(`/oauth2/${name}`, config.domain)
    : new URL(`/local/oauth2/${name}`, window.location.origin);
}

function oauthForm(config: AuthConfigResponse, fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(config.mode === 'cognito' ? { ...fields, client_id: config.clientId } : fields);
}

let refreshing: Promise<boolean> | undefined;

/**
 * Renews the access token with the refresh token (one request however many calls ask at once);
 * false when there is none or the provider refuses it (expired, revoked).
 */
export function refreshAccessToken(config: AuthConfigResponse | undefined): Promise<boolean> {
  const refreshToken = read(refreshKey);
  if (!config || !refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const response = await fetch(oauthEndpoint(config, 'token'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: oauthForm(config, { grant_type: 'refresh_token', refresh_token: refreshToken }),
        credentials: 'omit',
        signal: AbortSignal.timeout(30_000),
      });
      const accessToken = response.ok ? accessTokenOf(await response.json()) : undefined;
      if (!accessToken) return false;
      write(tokenKey, accessToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/**
 * Revokes the refresh token at the identity provider, so that no new token of the sign-in can be
 * had, and forgets both tokens. `keepalive`: the request outlives the page leaving for the sign-in.
 */
export function revokeSignIn(config: AuthConfigResponse | undefined): void {
  const refreshToken = read(refreshKey);
  forgetToken();
  if (!config || !refreshToken) return;
  void fetch(oauthEndpoint(config, 'revoke'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: oauthForm(config, { token: refreshToken }),
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}

function accessTokenOf(tokens: unknown): string | undefined {
  const token =
    typeof tokens === 'object' && tokens !== null && 'access_token' in tokens
      ? tokens.access_token
      : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * A token handed over in the address (`#token=…`, local mode): stored, and the address cleaned at
 * once so that the token stays out of the history, bookmarks and the Referer of later requests.
 */
export function takeTokenFromAddress(): boolean {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const token = hash.get('token');
  if (!token) return false;
  write(tokenKey, token);
  write(refreshKey, hash.get('refresh_token') ?? undefined);
  restoreReturnAddress();
  return true;
}

function restoreReturnAddress(): void {
  const back = read(returnKey);
  write(returnKey, undefined);
  // Only a path of this page: the stored value must not become an open redirect.
  const target = back?.startsWith(adminPath) && !back.startsWith('//') ? back : adminPath;
  window.history.replaceState(null, '', target);
}

function rememberReturnAddress(): void {
  const { pathname, search } = window.location;
  if (pathname.startsWith(adminPath)) write(returnKey, `${pathname}${search}`);
}

/**
 * Whether the page sent the person to sign in moments ago: a token refused right after signing in
 * would otherwise bounce between the two pages for ever.
 */
export function justRedirectedToSignIn(now = Date.now()): boolean {
  const last = Number(read(lastRedirectKey) ?? 0);
  return now - last < 15_000;
}

/** The token was accepted: a later refusal is an expiry, not a sign-in that keeps failing. */
export function signInSucceeded(): void {
  write(lastRedirectKey, undefined);
}

/** Sends the browser to sign in; returns a promise that never settles (the page is leaving). */
export async function startSignIn(config: AuthConfigResponse): Promise<never> {
  forgetToken();
  rememberReturnAddress();
  write(lastRedirectKey, String(Date.now()));
  if (config.mode === 'local') {
    const target = new URL(config.signInUrl, window.location.origin);
    target.searchParams.set('return', adminPath);
    window.location.assign(target.href);
  } else {
    const verifier = randomString(64);
    const state = randomString(32);
    write(pkceKey, JSON.stringify({ verifier, state }));
    const authorize = new URL('/oauth2/authorize', config.domain);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri(),
      scope: config.scopes.join(' '),
      code_challenge: await challengeFor(verifier),
      code_challenge_method: 'S256',
      state,
    }).toString();
    window.location.assign(authorize.href);
  }
  return new Promise<never>(() => {});
}

/** The outcome of coming back from the hosted sign-in. */
export type CodeExchange = 'none' | 'signed-in' | 'failed';

/**
 * Cognito mode: if the address carries `?code=…&state=…` from the hosted sign-in, exchanges the
 * code for tokens and keeps the access token. The address is cleaned either way.
 */
export async function completeCodeSignIn(config: AuthConfigResponse): Promise<CodeExchange> {
  const query = new URLSearchParams(window.location.search);
  const code = query.get('code');
  const state = query.get('state');
  if (config.mode !== 'cognito' || (!code && !query.has('error'))) return 'none';
  const saved = parsePkce(read(pkceKey));
  write(pkceKey, undefined);
  restoreReturnAddress();
  if (!code || !saved || saved.state !== state) return 'failed';
  try {
    const response = await fetch(new URL('/oauth2/token', config.domain), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code,
        redirect_uri: redirectUri(),
        code_verifier: saved.verifier,
      }),
      credentials: 'omit',
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return 'failed';
    const tokens: unknown = await response.json();
    const accessToken = accessTokenOf(tokens);
    if (!accessToken) return 'failed';
    write(tokenKey, accessToken);
    const refreshToken =
      typeof tokens === 'object' && tokens !== null && 'refresh_token' in tokens
        ? tokens.refresh_token
        : undefined;
    write(refreshKey, typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : undefined);
    return 'signed-in';
  } catch {
    return 'failed';
  }
}

/**
 * After the API recorded the sign-out: revokes the refresh token, clears what this tab keeps and
 * leaves for the sign-in page (local) or the hosted sign-out, which ends the Cognito session too.
 */
export function finishSignOut(config: AuthConfigResponse | undefined, reason?: SignOutReason): void {
  revokeSignIn(config);
  for (const key of [tokenKey, returnKey, pkceKey, lastRedirectKey]) write(key, undefined);
  if (reason) write(signedOutKey, reason);
  if (!config) {
    window.location.assign(adminPath);
  } else if (config.mode === 'local') {
    const target = new URL(config.signInUrl, window.location.origin);
    target.searchParams.set('return', adminPath);
    window.location.assign(target.href);
  } else {
    const logout = new URL('/logout', config.domain);
    logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() }).toString();
    window.location.assign(logout.href);
  }
}

/** Why the last session was ended by the page, once. */
export function takeSignOutReason(): SignOutReason | undefined {
  const reason = read(signedOutKey);
  write(signedOutKey, undefined);
  return reason === 'idle' || reason === 'expired' ? reason : undefined;
}

function redirectUri(): string {
  return `${window.location.origin}${adminPath}`;
}

function parsePkce(value: string | undefined): { verifier: string; state: string } | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'verifier' in parsed &&
      'state' in parsed &&
      typeof parsed.verifier === 'string' &&
      typeof parsed.state === 'string'
    ) {
      return { verifier: parsed.verifier, state: parsed.state };
    }
  } catch {
    // A damaged value is treated as none.
  }
  return undefined;
}

/**
 * `length` characters from the browser's CSPRNG, in 64 characters of the PKCE alphabet (RFC 7636
 * §4.1): 256 is a multiple of 64, so taking each byte modulo 64 keeps every character equally likely.
 */
function randomString(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let result = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(length))) result += alphabet[byte % 64];
  return result;
}

/** BASE64URL(SHA-256(verifier)), RFC 7636 §4.2. */
async function challengeFor(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
