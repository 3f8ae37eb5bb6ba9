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
  InviteToSurvey: {
    by: ['send-email'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: {
      lv: 'Klientam nosūtīts aicinājums novērtēt apkalpošanu (vai nav sūtīts, un kāpēc)',
      en: 'Client invited to the satisfaction survey (or not, and why)',
    },
  },
  // -- survey: feedback to the unit (staff-api) --
  ListSurveyFeedback: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīts struktūrvienības aptaujas atsauksmju saraksts (izskatāmās vai komentāri)',
      en: 'A unit’s survey feedback listed (to follow up, or comments)',
    },
  },
  FollowUpSurveyFeedback: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Atzīmēts, ka klienta aptaujas atsauksme ir izskatīta (noņemta no izskatāmo saraksta)',
      en: 'A client’s survey feedback marked as followed up (off the follow-up list)',
    },
  },
  // -- figures: the analytics API (staff-api) --
  GetServiceFigures: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīti pakalpojuma kvalitātes rādītāji (pārskati)',
      en: 'Service-quality figures viewed (dashboard)',
    },
  },
  ExportServiceFigures: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'export',
    readOnly: true,
    description: {
      lv: 'Pakalpojuma kvalitātes rādītāji eksportēti (CSV)',
      en: 'Service-quality figures exported (CSV)',
    },
  },
} as const satisfies Record<string, AuditEventSpec>;
