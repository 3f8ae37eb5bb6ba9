/** What logging a phone call returns. */
import * as z from 'zod/mini';
import { competenceIds, localized } from './common.ts';

/** `POST /api/staff/calls`: the new ticket's reference, unit and dates (it is stored within seconds). */
export const logCallResponseSchema = z.object({
  reference: z.string(),
  competence: z.enum(competenceIds),
  unit: localized,
  answerDeadline: z.string(),
  expectedAnswerBy: z.string(),
});
export type LogCallResponse = z.infer<typeof logCallResponseSchema>;
