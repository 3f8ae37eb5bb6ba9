/**
 * `POST /api/survey/view` `{ t }` (the page's) and `GET /api/survey?t=`: what the page shows. It records nothing — no write, no audit record —
 * because mail scanners open every link in a message; only the client's POST records.
 */
import { type SurveyReadDeps, type SurveyView, surveyOfToken, surveyView } from './survey-view.ts';

export async function readSurvey(deps: SurveyReadDeps, token: string): Promise<SurveyView> {
  return surveyView(await surveyOfToken(deps, token));
}
