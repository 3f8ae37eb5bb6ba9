/** deadline-sweeper's report: a unit's failure is logged and thrown without the error's text. */
import { describe, expect, it } from 'vitest';
import { reportSweep } from '../../../functions/deadline-sweeper/handler.ts';
import { DeadlineSweepIncomplete, type SweepResult } from '../../../shared/use-cases/sweep-deadlines.ts';
import { logLinesOf } from '../../support/log-lines.ts';

/** An SES refusal as the SDK throws it, quoting the supervisors' address and carrying request data. */
const refusal = Object.assign(
  new Error('Email address is not verified: competence-civil-supervisors@courtdesk.example.lv'),
  {
    name: 'MessageRejected',
    $metadata: { httpStatusCode: 400, requestId: 'R1' },
    Destination: { ToAddresses: ['competence-civil-supervisors@courtdesk.example.lv'] },
  },
);

const result = {
  date: '2026-11-02',
  workingDay: true,
  dueFrom: '2026-11-02',
  dueThrough: '2026-11-04',
  units: [
    {
      competence: 'civil',
      overdue: 2,
      dueSoon: 1,
      flagged: 3,
      digest: 'failed',
      reported: 0,
      error: refusal,
    },
    { competence: 'court-fees', overdue: 0, dueSoon: 0, flagged: 0, digest: 'nothing-new', reported: 0 },
  ],
} as unknown as SweepResult;

describe('deadline-sweeper reportSweep', () => {
  it('logs the failed unit by name, status and category, and no address anywhere', async () => {
    // Act
    let thrown: unknown;
    const lines = await logLinesOf(() => {
      try {
        reportSweep(result, 'event-1');
      } catch (error) {
        thrown = error;
      }
    });
    // Assess: the unit's line
    const failedLine = lines.find((line) => line.includes('Deadline sweep of a unit failed'));
    expect(failedLine, `no failure line among ${lines.length}`).toBeDefined();
    expect(JSON.parse(failedLine as string)).toMatchObject({
      competence: 'civil',
      digest: 'failed',
      errorName: 'MessageRejected',
      httpStatusCode: 400,
      errorCategory: 'invalid-request',
    });
    expect(lines.join('\n')).not.toContain('@');
    // … and the error Lambda logs when the invocation fails, with its enumerable attributes.
    expect(thrown).toBeInstanceOf(DeadlineSweepIncomplete);
    const asLambdaLogsIt = JSON.stringify({ ...(thrown as Error), message: (thrown as Error).message });
    expect(asLambdaLogsIt).toContain('civil (digest failed)');
    expect(asLambdaLogsIt).not.toContain('@');
    expect((thrown as Error).stack).not.toContain('@courtdesk');
  });

  it('returns the result and throws nothing when every unit was swept', async () => {
    const clean = { ...result, units: result.units.slice(1) };
    const lines = await logLinesOf(() => expect(reportSweep(clean, 'event-2')).toBe(clean));
    expect(lines.some((line) => line.includes('"message":"Deadline sweep"'))).toBe(true);
  });
});
