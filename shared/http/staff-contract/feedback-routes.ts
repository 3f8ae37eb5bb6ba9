/**
 * The client survey's feedback to the unit (supervisors of the unit and administrators; 403 for
 * anyone else): the lists to follow up and of comments, and recording a follow-up.
 */
import {
  feedbackListResponseSchema,
  feedbackQuerySchema,
  surveyFollowUpResponseSchema,
  surveyFollowUpSchema,
} from '../../use-cases/views/feedback.ts';

export const feedbackRoutes = [
  {
    method: 'GET',
    response: feedbackListResponseSchema,
    path: '/api/staff/feedback',
    query: feedbackQuerySchema,
    summary:
      "Unit's supervisors, admins: survey responses to follow up (score 1–2 or answered no) or comments, newest first; personal data masked",
  },
  {
    method: 'POST',
    response: surveyFollowUpResponseSchema,
    path: '/api/staff/tickets/{reference}/survey/follow-up',
    body: surveyFollowUpSchema,
    summary: "Unit's supervisors, admins: the survey response was followed up (once; 409 after)",
  },
] as const;
