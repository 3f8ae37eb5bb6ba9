/**
 * `POST /api/survey`: the client's response, given or changed. One per ticket: a second POST
 * changes it (version + 1) within `surveyChangeDays` of the first, later it is refused. The write
 * is conditional on the version read; if another change came first it is read again and retried
 * once, then refused as `SurveyConflict`. Each refusal is audited too (`errorCode`), without the
 * comment: of a comment the trail keeps only its length.
 */
import { auditEventSource, auditRecord, ticketResource } from '../../domain/audit-event.ts';
import {
  changeableUntil,
  needsFollowUp,
  type SurveyAnswer,
  SurveyRefused,
  type SurveyResponse,
  surveyBodyField,
  surveyFieldNames,
} from '../../domain/survey.ts';
import { logger } from '../../logger.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { Ids } from '../../ports/ids.ts';
import { surveyChangeDays } from '../../ports/survey-tokens.ts';
import { type SurveyReadDeps, type SurveyView, surveyOfToken, surveyView } from './survey-view.ts';

export interface RespondToSurveyDeps extends SurveyReadDeps {
  readonly audit: AuditLog;
  readonly ids: Ids;
}

/** Where a POST came from, for its audit record. */
export interface SurveyRequestOrigin {
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly requestId: string;
}

export async function respondToSurvey(
  deps: RespondToSurveyDeps,
  token: string,
  answer: SurveyAnswer,
  origin: SurveyRequestOrigin,
): Promise<SurveyView> {
  let reference: string | undefined;
  try {
    for (let attempt = 1; ; attempt += 1) {
      const state = await surveyOfToken(deps, token, (known) => {
        reference = known;
      });
      const previous = state.response;
      const now = deps.clock.now();
      if (previous && now.toISOString() >= changeableUntil(previous.respondedAt, surveyChangeDays))
        throw new SurveyRefused('SurveyClosed');
      // The same answer again (a second click, a resent form): nothing changes, nothing is recorded.
      if (previous && sameAnswer(previous, answer)) return surveyView(state);
      const at = now.toISOString();
      const response: SurveyResponse = {
        satisfaction: answer.satisfaction,
        answered: answer.answered,
        ...(answer.comment ? { comment: answer.comment } : {}),
        respondedAt: previous?.respondedAt ?? at,
        updatedAt: at,
        version: (previous?.version ?? 0) + 1,
        // A follow-up stays with a response that no longer needs one; a changed response that
        // still does (a low score or "no") goes back on the unit's follow-up list without it.
        ...(previous?.followUp && !needsFollowUp(answer) ? { followUp: previous.followUp } : {}),
      };
      const outcome = await deps.surveys.saveResponse(
        { ticket: state.ticket, response, ...(previous ? { previous } : {}) },
        surveyAudit(deps, origin, at, state.ticket.reference, {
          requestParameters: {
            satisfaction: answer.satisfaction,
            answered: answer.answered,
            commentLength: answer.comment?.length ?? 0,
          },
          responseElements: { version: response.version },
        }),
      );
      if (outcome === 'saved')
        return surveyView({ ticket: state.ticket, response, linkExpiresAt: state.linkExpiresAt });
      if (outcome === 'not-answered') throw new SurveyRefused('NotAnswered');
      if (attempt >= 2) throw new SurveyRefused('SurveyConflict');
    }
  } catch (error) {
    if (error instanceof SurveyRefused) await recordSurveyRefusal(deps, origin, error.code, reference);
    throw error;
  }
}

/** A 400's wrong fields, for its audit record. */
export interface SurveyInvalidFields {
  readonly fields: readonly string[];
  /** Keys the body had that a response does not: only their number is kept. */
  readonly unknownKeys: number;
}

const auditedFieldNames: ReadonlySet<string> = new Set([...surveyFieldNames, surveyBodyField]);

/**
 * A refused POST, audited: the reason, the ticket when the token named a real one, never the
 * answer. Of wrong fields only the known names are kept, and of unknown keys only their number:
 * the trail is sealed, so no text the caller chose may reach it.
 */
export async function recordSurveyRefusal(
  deps: Pick<RespondToSurveyDeps, 'audit' | 'ids' | 'clock'>,
  origin: SurveyRequestOrigin,
  errorCode: string,
  reference?: string,
  invalid?: SurveyInvalidFields,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  try {
    await deps.audit.append([
      {
        ...surveyAudit(deps, origin, at, reference, {
          requestParameters: invalid
            ? {
                invalidFields: invalid.fields.filter((field) => auditedFieldNames.has(field)),
                unknownKeys: invalid.unknownKeys,
              }
            : null,
          responseElements: null,
        }),
        errorCode,
        errorMessage: errorCode,
      },
    ]);
  } catch (error) {
    // The client still gets its 4xx; the failure to audit is logged (and alarmed on).
    logger.error('Audit of a refused survey response failed', {
      requestId: origin.requestId,
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
}

function surveyAudit(
  deps: Pick<RespondToSurveyDeps, 'ids'>,
  origin: SurveyRequestOrigin,
  at: string,
  reference: string | undefined,
  detail: {
    readonly requestParameters: Record<string, unknown> | null;
    readonly responseElements: Record<string, unknown> | null;
  },
) {
  return auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName: 'RecordSurveyResponse',
    userIdentity: { type: 'Anonymous', invokedBy: 'survey-api' },
    sourceIPAddress: origin.sourceIPAddress,
    userAgent: origin.userAgent,
    ...detail,
    requestID: origin.requestId,
    eventID: deps.ids.newId(),
    readOnly: false,
    resources: reference ? [ticketResource(reference)] : [],
  });
}

function sameAnswer(previous: SurveyResponse, answer: SurveyAnswer): boolean {
  return (
    previous.satisfaction === answer.satisfaction &&
    previous.answered === answer.answered &&
    (previous.comment ?? '') === (answer.comment ?? '')
  );
}
