/**
 * Cognito's part in the sandbox: a token issuer for seeded staff users. Tokens have the claims of
 * a Cognito access token (`username`, `cognito:groups`, `client_id`, `token_use`, `scope`,
 * `auth_time`, `jti`), signed RS256 with a key kept in the data folder (so tokens survive a
 * restart), and the gateway verifies them as API Gateway's JWT authorizer does: signature, issuer,
 * audience (`client_id`), expiry. Dev only: anyone who can reach the sandbox can sign in as anyone.
 */
import { randomUUID } from 'node:crypto';
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
/** The absolute session limit, as the Cognito app client's token validity. */
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
  /** A signed access token for a seeded user; undefined for an unknown name. */
  issue(username: string): Promise<string | undefined>;
  /**
   * The claims of a valid token, as API Gateway's JWT authorizer passes them to the integration:
   * every value a string, arrays as `[a b]`. Undefined when the token is not valid.
   */
  verify(token: string): Promise<Record<string, string> | undefined>;
  readonly jwks: { keys: JWK[] };
}

export async function startIdentity(keyFile: string): Promise<LocalIdentity> {
  const { privateJwk, publicJwk } = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(privateJwk, 'RS256');
  // Verified against the key set (by `kid`), as the authorizer verifies against the pool's JWKS.
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  const byName = new Map(seededUsers.map((user) => [user.username, user]));

  return {
    users: seededUsers.map((user) => {
      const staff = staffFromClaims({ username: user.username, 'cognito:groups': [...user.groups] });
      return { username: user.username, roles: staff?.roles ?? [], competences: staff?.competences ?? [] };
    }),
    async issue(username) {
      const user = byName.get(username);
      if (!user) return undefined;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        username: user.username,
        'cognito:groups': [...user.groups],
        client_id: localClientId,
        token_use: 'access',
        scope: 'openid profile email',
        auth_time: now,
      })
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? 'local', typ: 'JWT' })
        .setSubject(`local-${user.username}`)
        .setIssuer(localIssuer)
        .setIssuedAt(now)
        .setExpirationTime(now + sessionHours * 3600)
        .setJti(randomUUID())
        .sign(privateKey);
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
