/**
 * The audited events of client surveys and the service-quality figures (§26, §27), part of the
 * audit catalogue (`audit-catalogue.ts`). Each section is kept by the part of the code that writes it.
 */
import type { AuditEventSpec } from './audit-event-spec.ts';

export const qualityAuditEvents = {
  // -- survey: the client's response (survey-api) --
  // A response given or changed (the score and the choice; of a comment only its length), or a
  // POST refused (`errorCode`: ValidationFailed, SurveyNotFound, SurveyExpired, SurveyClosed,
  // NotAnswered, SurveyConflict). Opening the link (GET) records nothing: mail scanners open links.
  RecordSurveyResponse: {
    by: ['survey-api'],
    actor: 'Anonymous',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Klients atbildējis uz aptauju vai mainījis atbildi (vai atbilde atteikta)',
      en: 'Client answered the survey or changed the response (or the response was refused)',
    },
  },
  // -- survey: invitations (send-email) --
  // -- survey: feedback to the unit (staff-api) --
  // -- figures: the analytics API (staff-api) --
} as const satisfies Record<string, AuditEventSpec>;
