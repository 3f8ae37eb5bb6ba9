/**
 * Who a staff member is and what they may do (§16, §24): identity from the token's claims
 * (Cognito's `cognito:groups`), and the access rules every staff endpoint applies per record.
 *
 * Groups: `role-<role>` gives a role; a unit's `staffGroup` (`competence-<id>`) lets its members
 * work the unit's tickets; its `supervisorsGroup` (`competence-<id>-supervisors`) lets them
 * supervise it. Agents act only on their units' tickets, supervisors on the units they supervise;
 * the mailroom registers post and the auditors read the audit trail, but neither reads tickets.
 * Editors keep the knowledge base (with the administrators); the role alone gives no tickets.
 * The data protection officer (`dpo`) answers data subjects' requests (§24): finds, exports and
 * erases a person's data, and puts tickets under legal hold; the role alone gives no worklists.
 */
import { type CompetenceId, competences } from './competences.ts';

export const staffRoles = ['agent', 'supervisor', 'mailroom', 'auditor', 'admin', 'editor', 'dpo'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const roleGroup = (role: StaffRole) => `role-${role}`;

export interface StaffIdentity {
  readonly username: string;
  readonly roles: readonly StaffRole[];
  /** Units whose tickets the staff member works (as an agent or a supervisor). */
  readonly competences: readonly CompetenceId[];
  /** Units the staff member supervises (a subset of `competences`). */
  readonly supervises: readonly CompetenceId[];
  /** When the token ends, seconds since the epoch. */
  readonly expiresAt: number;
  /** When the token was issued (the sign-in), seconds since the epoch. */
  readonly issuedAt: number;
  /** When this very token was issued (`iat`; a refreshed token's is later than the sign-in). */
  readonly tokenIssuedAt?: number;
  /** The sign-in's id (`origin_jti`, else the token's `jti`): the session's key and audit id. */
  readonly sessionId: string;
}

/**
 * Reads the claims the JWT authorizer passes on. API Gateway hands every claim over as a string,
 * an array as `[a b c]`; the local gateway does the same, and a real array is accepted too.
 */
export function staffFromClaims(claims: Readonly<Record<string, unknown>>): StaffIdentity | undefined {
  const username = stringClaim(claims.username) ?? stringClaim(claims['cognito:username']);
  if (!username) return undefined;
  const groups = new Set(listClaim(claims['cognito:groups']));
  const roles = staffRoles.filter((role) => groups.has(roleGroup(role)));
  const works = (id: CompetenceId) => groups.has(`competence-${id}`);
  const supervises = competences
    .filter((competence) => roles.includes('supervisor') && groups.has(competence.supervisorsGroup))
    .map((competence) => competence.id);
  const member = competences
    .filter((competence) => roles.includes('agent') && works(competence.id))
    .map((competence) => competence.id);
  const expiresAt = Number(stringClaim(claims.exp) ?? 0);
  const issuedAt = Number(stringClaim(claims.auth_time) ?? stringClaim(claims.iat) ?? 0);
  const tokenIssuedAt = Number(stringClaim(claims.iat) ?? issuedAt);
  return {
    username,
    roles,
    competences: competences
      .map((competence) => competence.id)
      .filter((id) => member.includes(id) || supervises.includes(id)),
    supervises,
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0,
    issuedAt: Number.isFinite(issuedAt) ? issuedAt : 0,
    tokenIssuedAt: Number.isFinite(tokenIssuedAt) ? tokenIssuedAt : 0,
    // Cognito keeps `origin_jti` across token refreshes (one sign-in); `jti` is per token.
    sessionId: stringClaim(claims.origin_jti) ?? stringClaim(claims.jti) ?? `${username}:${expiresAt}`,
  };
}

function stringClaim(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** What may be done to a ticket; `read` includes seeing the client's data. */
export type TicketAction =
  | 'read'
  | 'take'
  | 'reply'
  | 'note'
  | 'route'
  | 'status'
  | 'deadline'
  | 'end-service'
  | 'callback'
  | 'transcribe'
  | 'review';

/** Whether `staff` may do `action` on a ticket of unit `competence`. */
export function mayActOn(staff: StaffIdentity, competence: string, action: TicketAction): boolean {
  if (action === 'review') return staff.supervises.some((id) => id === competence);
  return staff.competences.some((id) => id === competence);
}

/** Whether `staff` may edit the knowledge base: editors and administrators. */
export function editsKnowledge(staff: Pick<StaffIdentity, 'roles'>): boolean {
  return staff.roles.includes('editor') || staff.roles.includes('admin');
}

/** Whether `staff` is the data protection officer: the data-subject routes are theirs alone. */
export function protectsData(staff: Pick<StaffIdentity, 'roles'>): boolean {
  return staff.roles.includes('dpo');
}

/** Whether `staff` may use the ticket endpoints at all (read worklists, search, take). */
export function worksTickets(staff: StaffIdentity): boolean {
  return staff.competences.length > 0;
}

/** The part of a staff identity the use cases record in the audit trail. */
export interface StaffRequestContext {
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly requestId: string;
}
