/** EventBridge schedule → deadline flags and one digest per unit to its supervisors. */

import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { loggedError } from '../../shared/logged-error.ts';
import { logger } from '../../shared/logger.ts';
import {
  DeadlineSweepIncomplete,
  type SweepDeadlinesDeps,
  type SweepResult,
  sweepDeadlines,
} from '../../shared/use-cases/sweep-deadlines.ts';
import { buildDependencies } from './dependencies.ts';

let dependencies: SweepDeadlinesDeps | undefined;

/**
 * Logs each unit's outcome and the sweep's, and throws {@link DeadlineSweepIncomplete} when a unit
 * failed. A unit's error is logged by name, code and category ({@link loggedError}), never whole.
 */
export function reportSweep(result: SweepResult, scheduledEventId: string): SweepResult {
  const failed = result.units.filter((unit) => unit.error);
  for (const unit of result.units) {
    const { error, ...outcome } = unit;
    if (error) logger.error('Deadline sweep of a unit failed', { ...outcome, ...loggedError(error) });
    else logger.info('Deadline sweep of a unit', outcome);
  }
  logger.info('Deadline sweep', {
    scheduledEvent: scheduledEventId,
    date: result.date,
    workingDay: result.workingDay,
    dueThrough: result.dueThrough,
  });
  if (failed.length) throw new DeadlineSweepIncomplete(failed);
  return result;
}

export const handler = middy<ScheduledEvent, SweepResult>().handler(
  async (event: ScheduledEvent, context: Context) => {
    dependencies ??= buildDependencies();
    // Today is the Riga date now, not the event's: a retry after midnight sweeps the new day.
    const result = await sweepDeadlines({ ...dependencies, runId: context.awsRequestId });
    return reportSweep(result, event.id);
  },
);
