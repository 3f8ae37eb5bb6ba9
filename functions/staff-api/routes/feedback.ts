/** Clients' survey feedback to the unit: the supervisors' lists, and recording a follow-up. */
import { pageOf, type RouteModule } from './route.ts';

/** Loaded by the first call that needs it, with the masking of personal data (see dependencies.ts for the adapter). */
const surveyFeedback = () => import('../../../shared/use-cases/survey-feedback.ts');

export const feedbackRoutes = {
  'GET /api/staff/feedback': {
    eventName: 'ListSurveyFeedback',
    run: async ({ deps, caller, query }) =>
      (await surveyFeedback()).listFeedback(await deps.surveyFeedback(), caller, {
        competence: query.competence,
        list: query.list,
        ...pageOf(query),
      }),
  },
  'POST /api/staff/tickets/{reference}/survey/follow-up': {
    eventName: 'FollowUpSurveyFeedback',
    run: async ({ deps, caller, reference, body }) =>
      (await surveyFeedback()).followUpSurvey(await deps.surveyFeedback(), caller, reference, body),
  },
} satisfies RouteModule;
