/**
 * The audited events of client surveys and the service-quality figures (§26, §27), part of the
 * audit catalogue (`audit-catalogue.ts`). Each section is kept by the part of the code that writes it.
 */
import type { AuditEventSpec } from './audit-event-spec.ts';

export const qualityAuditEvents = {
  // -- survey: the client's response (survey-api) --
  // -- survey: invitations (send-email) --
  // -- survey: feedback to the unit (staff-api) --
  // -- figures: the analytics API (staff-api) --
} as const satisfies Record<string, AuditEventSpec>;
