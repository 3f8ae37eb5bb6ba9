/**
 * What the survey page is shown (GET and POST answer alike), and the token's check shared by both:
 * the ticket's reference, unit and answer time, and the response so far. Nothing personal.
 */
import { findCompetence } from '../../domain/competences.ts';
import type { LocalizedText } from '../../domain/language.ts';
import {
  type Answered,
  changeableUntil,
  type Satisfaction,
  SurveyRefused,
  type SurveyResponse,
  surveyable,
} from '../../domain/survey.ts';
import type { Clock } from '../../ports/clock.ts';
import { type SurveyTokens, surveyChangeDays } from '../../ports/survey-tokens.ts';
import type { SurveyState, Surveys } from '../../ports/surveys.ts';

export interface SurveyView {
  readonly reference: string;
  readonly unit: { readonly id: string; readonly name: LocalizedText };
  /** When the ticket was answered or closed (ISO); null if the ticket does not say. */
  readonly answeredAt: string | null;
  readonly response: null | {
    readonly satisfaction: Satisfaction;
    readonly answered: Answered;
    readonly comment?: string;
    readonly respondedAt: string;
    /**
     * Until when (ISO) the response may be changed: 14 days after it was first given, but never
     * past the link's own expiry (after which the link no longer opens).
     */
    readonly changeableUntil: string;
  };
}

export interface SurveyReadDeps {
  readonly tokens: SurveyTokens;
  readonly surveys: Surveys;
  readonly clock: Clock;
}

/** A ticket's survey as a valid link reached it, with the link's expiry (ISO). */
export interface LinkedSurvey extends SurveyState {
  readonly linkExpiresAt: string;
}

export function surveyView(state: LinkedSurvey): SurveyView {
  const { ticket, response, linkExpiresAt } = state;
  return {
    reference: ticket.reference,
    unit: {
      id: ticket.competence,
      name: findCompetence(ticket.competence)?.name ?? { lv: ticket.competence, en: ticket.competence },
    },
    answeredAt: ticket.answeredAt ?? null,
    response: response ? responseView(response, linkExpiresAt) : null,
  };
}

/** The earlier of the 14-day window's end and the link's expiry. */
export function responseChangeableUntil(respondedAt: string, linkExpiresAt: string): string {
  const window = changeableUntil(respondedAt, surveyChangeDays);
  return Date.parse(linkExpiresAt) < Date.parse(window) ? new Date(linkExpiresAt).toISOString() : window;
}

function responseView(response: SurveyResponse, linkExpiresAt: string): NonNullable<SurveyView['response']> {
  return {
    satisfaction: response.satisfaction,
    answered: response.answered,
    ...(response.comment ? { comment: response.comment } : {}),
    respondedAt: response.respondedAt,
    changeableUntil: responseChangeableUntil(response.respondedAt, linkExpiresAt),
  };
}

/**
 * The ticket a token names, with its response: refused as `SurveyNotFound` for a forged token and
 * for an unknown ticket alike (nothing tells one from the other), `SurveyExpired` past the token's
 * expiry, `NotAnswered` while the ticket is not answered or closed (reopened after the invitation).
 * `reference` is passed on once known, for a refusal's audit record.
 */
export async function surveyOfToken(
  deps: SurveyReadDeps,
  token: string,
  known?: (reference: string) => void,
): Promise<LinkedSurvey> {
  const check = await deps.tokens.verify(token, deps.clock.now());
  if (check === 'forged') throw new SurveyRefused('SurveyNotFound');
  if (check === 'expired') throw new SurveyRefused('SurveyExpired');
  const state = await deps.surveys.surveyOf(check.reference);
  if (!state) throw new SurveyRefused('SurveyNotFound');
  known?.(check.reference);
  if (!surveyable(state.ticket.status)) throw new SurveyRefused('NotAnswered');
  return { ...state, linkExpiresAt: check.expiresAt };
}
