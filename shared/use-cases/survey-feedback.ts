/**
 * Clients' survey feedback for a unit's supervisors (§26, §27): the responses that call for a
 * follow-up (a score of 1–2, or no answer to the question) and every comment, newest first, with
 * personal data masked in the comments; and recording that a response was followed up, which takes
 * it off the list. Supervisors see their units' feedback, administrators every unit's. Audited.
 */
import type { CompetenceId } from '../domain/competences.ts';
import { accessDenied, notFound, Refused } from '../domain/refused.ts';
import { callsForFollowUp, type FeedbackList } from '../domain/survey-response.ts';
import { stripPersonalData } from '../knowledge/personal-data.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { FeedbackRow, SurveyFeedback } from '../ports/survey-feedback.ts';
import { type PageRequest, pageLimit, pageOf } from './paging.ts';
import { recordRead, type StaffCaller, staffAction } from './staff-audit.ts';
import type { FeedbackListResponse, FeedbackRowView, SurveyFollowUpResponse } from './views/feedback.ts';

export interface SurveyFeedbackDeps {
  readonly feedback: SurveyFeedback;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface FeedbackRequest extends PageRequest {
  readonly competence: CompetenceId;
  readonly list?: FeedbackList | undefined;
}

/** Whether the caller may read and follow up the unit's feedback: its supervisors, and administrators. */
export function mayReadFeedback(
  caller: Pick<StaffCaller, 'roles' | 'supervises'>,
  competence?: string,
): boolean {
  if (caller.roles.includes('admin')) return true;
  if (!caller.roles.includes('supervisor')) return false;
  return competence === undefined
    ? caller.supervises.length > 0
    : caller.supervises.some((id) => id === competence);
}

/** A page of the unit's list, each comment masked, recorded as a read of the tickets it shows. */
export async function listFeedback(
  deps: SurveyFeedbackDeps,
  caller: StaffCaller,
  request: FeedbackRequest,
): Promise<FeedbackListResponse> {
  if (!mayReadFeedback(caller, request.competence)) throw accessDenied();
  const list = request.list ?? 'followup';
  const page = await deps.feedback.list(request.competence, list, {
    limit: pageLimit(request.limit),
    cursor: request.cursor,
  });
  const items = page.items.map(rowView);
  await recordRead(deps, caller, {
    eventName: 'ListSurveyFeedback',
    references: items.map((item) => item.reference),
    requestParameters: { competence: request.competence, list },
    responseElements: { count: items.length },
  });
  return pageOf(items, page.cursor);
}

/** A list's row as it leaves the API: the comment with personal data masked, never as written. */
function rowView(row: FeedbackRow): FeedbackRowView {
  return {
    reference: row.reference,
    competence: row.competence as CompetenceId,
    ...(row.satisfaction !== undefined ? { satisfaction: row.satisfaction } : {}),
    ...(row.answered ? { answered: row.answered } : {}),
    ...(row.comment ? { comment: stripPersonalData(row.comment) } : {}),
    respondedAt: row.respondedAt,
    updatedAt: row.updatedAt,
    ...(row.followUp ? { followUp: { by: row.followUp.by, at: row.followUp.at } } : {}),
  };
}

/**
 * Records that a supervisor followed up the ticket's response: `SurveyNotFound` (404) without one,
 * 403 outside the caller's units, `NoFollowUpNeeded` / `FollowedUpAlready` (409), and `Conflict`
 * (409) when the client changed it or someone else followed it up meanwhile.
 */
export async function followUpSurvey(
  deps: SurveyFeedbackDeps,
  caller: StaffCaller,
  reference: string,
  request: { readonly note?: string | undefined },
): Promise<SurveyFollowUpResponse> {
  // Refused before anything is read to whoever supervises no unit at all.
  if (!mayReadFeedback(caller)) throw accessDenied();
  const response = await deps.feedback.response(reference);
  if (!response) throw notFound('SurveyNotFound');
  if (!mayReadFeedback(caller, response.competence)) throw accessDenied();
  if (response.followUp) throw new Refused('FollowedUpAlready', 409);
  if (!callsForFollowUp(response)) throw new Refused('NoFollowUpNeeded', 409);
  const at = deps.clock.now().toISOString();
  const note = request.note?.trim();
  const followUp = { by: caller.username, at, ...(note ? { note } : {}) };
  const written = await deps.feedback.followUp(
    response,
    followUp,
    staffAction(caller, {
      eventName: 'FollowUpSurveyFeedback',
      eventTime: at,
      reference,
      // The note is the supervisor's words about a client: kept with the response, not in the trail.
      requestParameters: {
        competence: response.competence,
        version: response.version,
        satisfaction: response.satisfaction,
        answered: response.answered,
        withNote: Boolean(note),
      },
    }),
  );
  if (!written) throw new Refused('Conflict', 409);
  return { reference, followUp };
}
