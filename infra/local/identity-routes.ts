/**
 * The sandbox-only `/local/*` endpoints of the local token issuer: the dev sign-in page, for
 * scripts and tests `GET /local/users` and `POST /local/token {"username"}`, and Cognito's
 * `/oauth2/token` (refresh grant) and `/oauth2/revoke` as `/local/oauth2/…`, with their forms and
 * answers. The sign-in page and `/local/token` do not exist in the cloud, where Cognito's hosted
 * sign-in (with MFA) issues the tokens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalIdentity } from './identity.ts';
import { writeJson } from './json-response.ts';

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Only a path of this site: no scheme, no `//host`, no backslash tricks. */
function safeReturn(value: string | null | undefined): string {
  return value && /^\/(?![/\\])[\w\-./]*$/.test(value) ? value : '/admin/';
}

function signInPage(identity: LocalIdentity, returnTo: string): string {
  const rows = identity.users
    .map(
      (user) =>
        `<li><button type="submit" name="username" value="${escapeHtml(user.username)}">${escapeHtml(user.username)}</button> <span>${escapeHtml(user.roles.join(', '))}${user.competences.length ? ` — ${escapeHtml(user.competences.join(', '))}` : ''}</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Darbinieku pieslēgšanās (izstrādei) / Staff sign-in (development)</title>
<link rel="stylesheet" href="/base.css">
<link rel="stylesheet" href="/styles.css">
</head>
<body>
<main>
<h1>Darbinieku pieslēgšanās <span lang="en">/ Staff sign-in</span></h1>
<p>Tikai lokālai izstrādes videi: izvēlieties lietotāju. Mākonī pieslēgšanās notiek ar Cognito un divfaktoru autentifikāciju.</p>
<p lang="en">Local sandbox only: choose a user. In the cloud, staff sign in through Cognito with multi-factor authentication.</p>
<form method="post" action="/local/sign-in">
<input type="hidden" name="return" value="${escapeHtml(returnTo)}">
<ul>
${rows}
</ul>
</form>
</main>
</body>
</html>`;
}

/** Handles a `/local/*` request; false when the path is not one of them. */
export async function handleLocalRequest(
  identity: LocalIdentity,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  // Against DNS rebinding: another site's page resolving its name to 127.0.0.1 must not mint tokens.
  if (!/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(request.headers.host ?? '')) {
    writeJson(response, 403, { message: 'The local sign-in answers only on localhost' });
    return true;
  }
  switch (route) {
    case 'GET /local/users':
      writeJson(response, 200, identity.users);
      return true;
    case 'GET /local/identity/.well-known/jwks.json':
      writeJson(response, 200, identity.jwks);
      return true;
    case 'POST /local/token': {
      let username: unknown;
      try {
        username = (JSON.parse(body.toString('utf8')) as { username?: unknown }).username;
      } catch {
        writeJson(response, 400, { message: 'Body must be JSON: {"username": "..."}' });
        return true;
      }
      const tokens = typeof username === 'string' ? await identity.issue(username) : undefined;
      if (!tokens) writeJson(response, 404, { message: 'No such seeded user; see GET /local/users' });
      else writeJson(response, 200, { token: tokens.accessToken, refreshToken: tokens.refreshToken });
      return true;
    }
    case 'POST /local/oauth2/token': {
      // Cognito's refresh grant: a new access token, the refresh token unchanged (no rotation).
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('grant_type') !== 'refresh_token') {
        writeJson(response, 400, { error: 'unsupported_grant_type' });
        return true;
      }
      const accessToken = await identity.refresh(form.get('refresh_token') ?? '');
      if (!accessToken) writeJson(response, 400, { error: 'invalid_grant' });
      else writeJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
      return true;
    }
    case 'POST /local/oauth2/revoke': {
      // As Cognito (RFC 7009): 200 for any refresh token, known or not; 400 without one.
      const token = new URLSearchParams(body.toString('utf8')).get('token');
      if (!token) {
        writeJson(response, 400, { error: 'invalid_request' });
        return true;
      }
      identity.revoke(token);
      response.writeHead(200, { 'cache-control': 'no-store', 'content-length': '0' });
      response.end();
      return true;
    }
    case 'GET /local/sign-in': {
      const html = signInPage(identity, safeReturn(url.searchParams.get('return')));
      response.writeHead(200, { ...pageHeaders, 'content-length': String(Buffer.byteLength(html)) });
      response.end(html);
      return true;
    }
    case 'POST /local/sign-in': {
      const form = new URLSearchParams(body.toString('utf8'));
      const tokens = await identity.issue(form.get('username') ?? '');
      if (!tokens) {
        response.writeHead(303, { location: '/local/sign-in', 'cache-control': 'no-store' });
        response.end();
        return true;
      }
      // In the fragment: never sent to a server, never in a log; the page moves it to sessionStorage.
      response.writeHead(303, {
        location: `${safeReturn(form.get('return'))}#${new URLSearchParams({ token: tokens.accessToken, refresh_token: tokens.refreshToken })}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      response.end();
      return true;
    }
    default:
      if (url.pathname.startsWith('/local/')) {
        writeJson(response, 404, { message: 'Not Found' });
        return true;
      }
      return false;
  }
}
