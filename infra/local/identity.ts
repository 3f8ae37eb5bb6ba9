/**
 * Cognito's part in the sandbox: a token issuer for seeded staff users. Tokens have the claims of
 * a Cognito access token (`username`, `cognito:groups`, `client_id`, `token_use`, `scope`,
 * `auth_time`, `jti`, and `origin_jti`, the sign-in's id that refreshed tokens keep), signed RS256
 * with a key kept in the data folder (so tokens survive a restart), and the gateway verifies them
 * as API Gateway's JWT authorizer does: signature, issuer, audience (`client_id`), expiry. Each
 * sign-in also gets a refresh token, renewed and revoked as Cognito's `/oauth2/token` and
 * `/oauth2/revoke` do; refresh tokens live in memory only (after a restart: sign in again).
 * Dev only: anyone who can reach the sandbox can sign in as anyone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { competences } from '../../shared/domain/competences.ts';
import { roleGroup, type StaffRole, staffFromClaims } from '../../shared/domain/staff.ts';

export const localIssuer = 'https://identity.courtdesk.localhost';
export const localClientId = 'courtdesk-admin-local';
/** Access token validity, as the Cognito app client's (see `StaffIdentity`). */
export const tokenMinutes = 60;
/** The sign-in's absolute limit: the refresh token's validity, as the app client's. */
export const sessionHours = 8;

export interface SeededUser {
  readonly username: string;
  readonly groups: readonly string[];
}

/** Staff of every role: an agent and a supervisor per unit, an agent of two units, and the others. */
export const seededUsers: readonly SeededUser[] = [
  ...competences.map((competence) => ({
    username: `agent.${competence.id}`,
    groups: [roleGroup('agent'), competence.staffGroup],
  })),
  ...competences.map((competence) => ({
    username: `supervisor.${competence.id}`,
    groups: [roleGroup('supervisor'), competence.supervisorsGroup],
  })),
  {
    username: 'agent.two-units',
    groups: [roleGroup('agent'), 'competence-e-services', 'competence-legal-aid'],
  },
  { username: 'mailroom', groups: [roleGroup('mailroom')] },
  { username: 'auditor', groups: [roleGroup('auditor')] },
  { username: 'admin', groups: [roleGroup('admin')] },
  { username: 'editor', groups: [roleGroup('editor')] },
  { username: 'dpo', groups: [roleGroup('dpo')] },
];

export interface LocalIdentity {
  readonly users: readonly {
    username: string;
    roles: readonly StaffRole[];
    competences: readonly string[];
  }[];
  /** A sign-in of a seeded user: its access and refresh tokens; undefined for an unknown name. */
  issue(username: string): Promise<LocalTokens | undefined>;
  /** A new access token of the refresh token's sign-in; undefined when it is unknown, expired or revoked. */
  refresh(refreshToken: string): Promise<string | undefined>;
  /** Revokes the refresh token: no new tokens of its sign-in (the access tokens issued stay valid). */
  revoke(refreshToken: string): void;
  /**
   * The claims of a valid token, as API Gateway's JWT authorizer passes them to the integration:
   * every value a string, arrays as `[a b]`. Undefined when the token is not valid.
   */
  verify(token: string): Promise<Record<string, string> | undefined>;
  readonly jwks: { keys: JWK[] };
}

export interface LocalTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** What a refresh token stands for. */
interface SignIn {
  readonly user: SeededUser;
  readonly originJti: string;
  /** Seconds since the epoch. */
  readonly authTime: number;
  readonly expiresAt: number;
  revoked: boolean;
}

export async function startIdentity(keyFile: string): Promise<LocalIdentity> {
  const { privateJwk, publicJwk } = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(privateJwk, 'RS256');
  // Verified against the key set (by `kid`), as the authorizer verifies against the pool's JWKS.
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  const byName = new Map(seededUsers.map((user) => [user.username, user]));
  const signIns = new Map<string, SignIn>();
  const accessToken = (signIn: SignIn): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      username: signIn.user.username,
      'cognito:groups': [...signIn.user.groups],
      client_id: localClientId,
      token_use: 'access',
      scope: 'openid profile email',
      auth_time: signIn.authTime,
      origin_jti: signIn.originJti,
    })
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? 'local', typ: 'JWT' })
      .setSubject(`local-${signIn.user.username}`)
      .setIssuer(localIssuer)
      .setIssuedAt(now)
      .setExpirationTime(now + tokenMinutes * 60)
      .setJti(randomUUID())
      .sign(privateKey);
  };

  return {
    users: seededUsers.map((user) => {
      const staff = staffFromClaims({ username: user.username, 'cognito:groups': [...user.groups] });
      return { username: user.username, roles: staff?.roles ?? [], competences: staff?.competences ?? [] };
    }),
    async issue(username) {
      const user = byName.get(username);
      if (!user) return undefined;
      const authTime = Math.floor(Date.now() / 1000);
      const signIn: SignIn = {
        user,
        originJti: randomUUID(),
        authTime,
        expiresAt: authTime + sessionHours * 3600,
        revoked: false,
      };
      const refreshToken = randomBytes(48).toString('base64url');
      signIns.set(refreshToken, signIn);
      return { accessToken: await accessToken(signIn), refreshToken };
    },
    async refresh(refreshToken) {
      const signIn = signIns.get(refreshToken);
      if (!signIn || signIn.revoked || signIn.expiresAt <= Date.now() / 1000) return undefined;
      return accessToken(signIn);
    },
    revoke(refreshToken) {
      const signIn = signIns.get(refreshToken);
      if (signIn) signIn.revoked = true;
    },
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: localIssuer,
          algorithms: ['RS256'],
          requiredClaims: ['exp', 'iat'],
        }));
      } catch {
        return undefined;
      }
      // As API Gateway: issued in the past (a minute of clock skew), `aud` when present, else `client_id`.
      if ((payload.iat ?? 0) > Math.floor(Date.now() / 1000) + 60) return undefined;
      const audience = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : undefined;
      if (audience ? !audience.includes(localClientId) : payload.client_id !== localClientId)
        return undefined;
      return Object.fromEntries(
        Object.entries(payload).map(([name, value]) => [
          name,
          Array.isArray(value)
            ? `[${value.join(' ')}]`
            : typeof value === 'object'
              ? JSON.stringify(value)
              : String(value),
        ]),
      );
    },
    jwks: { keys: [publicJwk] },
  };
}

async function loadOrCreateKey(file: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    if (saved.privateJwk && saved.publicJwk) return saved;
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const saved = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
  return saved;
}
