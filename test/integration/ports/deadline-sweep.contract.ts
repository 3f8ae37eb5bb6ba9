/** The deadline sweeper's store: flags written once per deadline, a day's digest claimed and recorded once. */
import { expect, it } from 'vitest';
import { newTicket } from '../../support/tickets.ts';
import { anAudit, aTicket, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

const now = new Date('2026-12-02T05:00:00.000Z');

export function deadlineSweepContract(make: MakePorts): void {
  it('flags a ticket once for its deadline, with the record; not one answered or moved', async () => {
    const ports = make();
    const { store, sweep, worklists } = ports;
    const unit = uniqueUnit();
    const ticket = aTicket(unit, { status: 'open', answerDeadline: '2026-12-03' });
    const answered = aTicket(unit, { status: 'answered', answerDeadline: '2026-12-03' });
    await store.createTickets([ticket, answered].map(newTicket));
    const change = {
      reference: ticket.reference,
      competence: unit,
      answerDeadline: '2026-12-03',
      flag: 'due-soon' as const,
      flaggedAt: now.toISOString(),
    };
    const audit = anAudit('FlagTicketDeadline', change.flaggedAt, [ticket.reference]);
    expect(
      await sweep.flag(
        { ...change, competence: uniqueUnit() },
        anAudit('FlagTicketDeadline', change.flaggedAt),
      ),
    ).toBe(false);
    expect(
      await sweep.flag(
        { ...change, answerDeadline: '2026-12-04' },
        anAudit('FlagTicketDeadline', change.flaggedAt),
      ),
    ).toBe(false);
    expect(await sweep.flag(change, audit)).toBe(true);
    expect(await sweep.flag(change, anAudit('FlagTicketDeadline', change.flaggedAt))).toBe(false);
    expect(
      await sweep.flag(
        { ...change, reference: answered.reference },
        anAudit('FlagTicketDeadline', change.flaggedAt),
      ),
    ).toBe(false);
    expect(await ports.audited(audit)).toBe(true);
    const due = await worklists.list(
      { kind: 'due', competence: unit, from: '2026-12-03', through: '2026-12-03' },
      { limit: 5 },
    );
    expect(due.items).toMatchObject([
      { reference: ticket.reference, deadlineFlag: 'due-soon', deadlineFlaggedFor: '2026-12-03' },
    ]);

    const entry = {
      reference: ticket.reference,
      answerDeadline: '2026-12-03',
      flag: 'due-soon' as const,
      flaggedAt: change.flaggedAt,
    };
    await sweep.markReported([entry, { ...entry, reference: answered.reference }], '2026-12-02');
    expect(await store.getTicket(ticket.reference)).toMatchObject({ deadlineReportedOn: '2026-12-02' });
    expect(await store.getTicket(answered.reference)).not.toHaveProperty('deadlineReportedOn');
  });

  it('claims a day’s digest for one run, records it under that claim, then answers it as sent', async () => {
    const { sweep } = make();
    const unit = uniqueUnit();
    const until = new Date(now.getTime() + 60_000);
    const [run, other] = [unique('run'), unique('run')];
    expect(await sweep.claimDigest(unit, '2026-12-02', run, until, now)).toEqual({ state: 'claimed' });
    expect(await sweep.claimDigest(unit, '2026-12-02', other, until, now)).toEqual({ state: 'busy' });
    expect(await sweep.claimDigest(unit, '2026-12-02', run, until, now)).toEqual({ state: 'claimed' });
    const record = {
      competence: unit,
      date: '2026-12-02',
      to: 'supervisors@courtdesk.localhost',
      entries: [],
      sesMessageId: unique('ses'),
      sentAt: now.toISOString(),
    };
    expect(await sweep.recordDigest(record, other)).toBe(false);
    expect(await sweep.recordDigest(record, run)).toBe(true);
    expect(await sweep.claimDigest(unit, '2026-12-02', other, until, now)).toEqual({ state: 'sent', record });
  });

  it('lets another run claim a digest released after a failed send, or whose claim expired', async () => {
    const { sweep } = make();
    const unit = uniqueUnit();
    const [run, other, third] = [unique('run'), unique('run'), unique('run')];
    expect(await sweep.claimDigest(unit, '2026-12-02', run, new Date(now.getTime() + 60_000), now)).toEqual({
      state: 'claimed',
    });
    await sweep.releaseDigest(unit, '2026-12-02', run);
    expect(await sweep.claimDigest(unit, '2026-12-02', other, new Date(now.getTime() + 60_000), now)).toEqual(
      { state: 'claimed' },
    );
    const later = new Date(now.getTime() + 120_000);
    expect(
      await sweep.claimDigest(unit, '2026-12-02', third, new Date(later.getTime() + 60_000), later),
    ).toEqual({ state: 'claimed' });
  });
}
