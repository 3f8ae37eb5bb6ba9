/**
 * The staff API's own answers: the session's, the errors', and the envelopes around the views the
 * staff verbs return (use-cases/views).
 */
import * as z from 'zod/mini';
import { type StaffRole, staffRoles } from '../../domain/staff.ts';
import { competenceIds, localized } from '../../use-cases/views/common.ts';
import { quarantineDetailSchema } from '../../use-cases/views/quarantine.ts';
import { ticketDetailSchema } from '../../use-cases/views/tickets.ts';

const staffRolesTuple = staffRoles as unknown as [StaffRole, ...StaffRole[]];

export const unitSummarySchema = z.object({ id: z.enum(competenceIds), name: localized });
export type UnitSummary = z.infer<typeof unitSummarySchema>;

export const meResponseSchema = z.object({
  username: z.string(),
  roles: z.array(z.enum(staffRolesTuple)),
  /** Units whose tickets the caller works (agents) or supervises. */
  competences: z.array(z.extend(unitSummarySchema, { supervisor: z.boolean() })),
  /** Every unit, for the re-route dialog. */
  units: z.array(unitSummarySchema),
  /**
   * When the sign-in ends (its refresh token; the hour-long access tokens are renewed until then),
   * ISO instant; the page signs out then at the latest.
   */
  sessionExpiresAt: z.string(),
  /** Minutes without activity after which the page signs out and the API refuses the session. */
  idleTimeoutMinutes: z.number(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/**
 * `GET /api/auth/config` (public, no token): how the admin page signs in. `local`: the sandbox's
 * dev-only sign-in page; `cognito`: the hosted sign-in with authorization code + PKCE.
 */
export const authConfigResponseSchema = z.union([
  z.object({ mode: z.literal('local'), signInUrl: z.string(), idleTimeoutMinutes: z.number() }),
  z.object({
    mode: z.literal('cognito'),
    /** e.g. `https://courtdesk-staff.auth.eu-north-1.amazoncognito.com` */
    domain: z.string(),
    clientId: z.string(),
    scopes: z.array(z.string()),
    idleTimeoutMinutes: z.number(),
  }),
]);
export type AuthConfigResponse = z.infer<typeof authConfigResponseSchema>;

export const signOutResponseSchema = z.object({ signedOut: z.literal(true) });
/** The page's report of deliberate input: the session stays active on the server. */
export const sessionActivityResponseSchema = z.object({ active: z.literal(true) });

export const errorResponseSchema = z.object({ message: z.string(), code: z.optional(z.string()) });
/** Any refusal (401, 403, 404, 409, 413, 422). */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const validationErrorResponseSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
/** 400. */
export type ValidationErrorResponse = z.infer<typeof validationErrorResponseSchema>;

export const ticketResponseSchema = z.object({ ticket: ticketDetailSchema });
/** `GET /api/staff/tickets/{reference}` and the answer of every action on a ticket. */
export type TicketResponse = z.infer<typeof ticketResponseSchema>;

/** `POST /api/staff/tickets/next`: the ticket taken, or null when nothing waits. */
export const takeNextResponseSchema = z.object({ ticket: z.nullable(ticketDetailSchema) });
export type TakeNextResponse = z.infer<typeof takeNextResponseSchema>;

/** `POST …/route`: the ticket, or null with the unit when it left the caller's units. */
export const rerouteResponseSchema = z.object({
  ticket: z.nullable(ticketDetailSchema),
  movedTo: z.optional(z.enum(competenceIds)),
});

/** `GET /api/staff/quarantine/{id}`. */
export const quarantineResponseSchema = z.object({ mail: quarantineDetailSchema });
export type QuarantineResponse = z.infer<typeof quarantineResponseSchema>;
