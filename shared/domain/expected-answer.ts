/**
 * The dates a client is told when a request arrives (§5.8): the legal answer deadline of the
 * competent unit, the first-response target, and an expected answer date estimated from the unit's
 * backlog and its answering capacity, never later than the deadline.
 */
import { answerDeadlineRulesOf, type Competence, type CompetenceId } from './competences.ts';
import { answerDeadline, type CalendarDate, firstResponseDue, workingDaysFrom } from './deadlines.ts';
import { defaultCalendar, type WorkingDayCalendar } from './working-days.ts';

/**
 * Requests a unit answers on a working day, until measured throughput replaces it. A planning
 * figure of the administration, kept with the code so that a change is reviewed like one.
 */
export const plannedDailyAnswers: Readonly<Record<CompetenceId, number>> = {
  'court-fees': 25,
  'e-services': 30,
  'legal-aid': 15,
  'maintenance-fund': 20,
  insolvency: 10,
  'certificates-archive': 20,
  'data-protection': 5,
  general: 40,
};

export interface Backlog {
  /** Tickets of the unit received and not yet answered. */
  readonly open: number;
  /** Requests the unit answered per working day recently; absent until there is a record of it. */
  readonly dailyAnswers?: number;
}

export interface AnswerDates {
  readonly answerDeadline: CalendarDate;
  readonly firstResponseDue: CalendarDate;
  readonly expectedAnswerBy: CalendarDate;
}

/**
 * The dates for a request received at `receivedAt` by `competence`. With `open` tickets ahead of
 * it and `dailyAnswers` a day (measured recently, else the planned figure), the unit reaches it
 * after ceil((open + 1) / dailyAnswers) working days, but not sooner than its first-response target;
 * the estimate never passes the deadline.
 */
export function answerDates(
  receivedAt: Date,
  competence: Competence & { readonly id: CompetenceId },
  backlog: Backlog | number,
  calendar: WorkingDayCalendar = defaultCalendar,
): AnswerDates {
  const { open, dailyAnswers: measured } =
    typeof backlog === 'number' ? { open: backlog, dailyAnswers: undefined } : backlog;
  const deadline = answerDeadline(receivedAt, calendar, answerDeadlineRulesOf(competence));
  const dailyAnswers = Math.max(1, measured && measured > 0 ? measured : plannedDailyAnswers[competence.id]);
  const daysToReach = Math.ceil((Math.max(0, open) + 1) / dailyAnswers);
  const estimate = workingDaysFrom(
    receivedAt,
    Math.max(competence.firstResponseWorkingDays, daysToReach),
    calendar,
  );
  return {
    answerDeadline: deadline,
    firstResponseDue: firstResponseDue(receivedAt, competence.firstResponseWorkingDays, calendar),
    expectedAnswerBy: estimate.localeCompare(deadline) < 0 ? estimate : deadline,
  };
}
