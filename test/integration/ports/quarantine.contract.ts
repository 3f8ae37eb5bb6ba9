/** The mail quarantine: kept once, listed per unit and state, released once. */
import { expect, it } from 'vitest';
import { Refused } from '../../../shared/domain/refused.ts';
import type { QuarantineRecord } from '../../../shared/ports/quarantine.ts';
import { anAudit, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

function held(competence: string | undefined, receivedAt: string): QuarantineRecord {
  const id = unique('ses');
  return {
    id,
    rawKey: `raw-mail/${id}`,
    reason: 'virus',
    detail: 'SES virus verdict FAIL',
    receivedAt,
    recipients: ['info@courtdesk.localhost'],
    ...(competence ? { competence } : {}),
  };
}

export function quarantineContract(make: MakePorts): void {
  it('keeps a mail once and lists a unit’s held mail oldest first, page by page', async () => {
    const { store, quarantine } = make();
    const unit = uniqueUnit();
    const mails = ['10:00', '08:00', '09:00'].map((time) => held(unit, `2026-12-01T${time}:00.000Z`));
    for (const mail of mails) expect(await store.quarantine(mail)).toBe(true);
    expect(await store.quarantine(mails[0] as QuarantineRecord)).toBe(false);
    const first = await quarantine.list(unit, 'held', { limit: 2 });
    expect(first.items.map((mail) => mail.receivedAt.slice(11, 16))).toEqual(['08:00', '09:00']);
    expect(first.items[0]).toEqual({ ...mails[1], state: 'held' });
    const second = await quarantine.list(unit, 'held', { limit: 2, cursor: first.cursor as string });
    expect(second.items.map((mail) => mail.receivedAt.slice(11, 16))).toEqual(['10:00']);
    expect(second.cursor).toBeUndefined();
    expect(await quarantine.get((mails[0] as QuarantineRecord).id)).toMatchObject({
      state: 'held',
      competence: unit,
    });
    expect(await quarantine.get(unique('ses'))).toBeUndefined();
  });

  it('does not list or find a mail kept without a unit', async () => {
    const { store, quarantine } = make();
    const mail = held(undefined, '2026-12-01T08:00:00.000Z');
    expect(await store.quarantine(mail)).toBe(true);
    expect(await quarantine.get(mail.id)).toBeUndefined();
  });

  it('releases a held mail once, in its unit only, with the record', async () => {
    const ports = make();
    const { store, quarantine } = ports;
    const unit = uniqueUnit();
    const mail = held(unit, '2026-12-01T08:00:00.000Z');
    await store.quarantine(mail);
    const release = {
      by: 'supervisor.ilze',
      at: '2026-12-02T09:00:00.000Z',
      reason: 'Nav vīrusa',
      reference: unique('TA'),
    };
    const audit = anAudit('ReleaseQuarantinedMail', release.at);
    expect(await quarantine.release({ id: mail.id, competence: uniqueUnit() }, release, audit)).toBe(false);
    expect(await quarantine.release({ id: mail.id, competence: unit }, release, audit)).toBe(true);
    expect(
      await quarantine.release(
        { id: mail.id, competence: unit },
        release,
        anAudit('ReleaseQuarantinedMail', release.at),
      ),
    ).toBe(false);
    expect(await ports.audited(audit)).toBe(true);
    expect(await quarantine.get(mail.id)).toEqual({ ...mail, state: 'released', release });
    expect((await quarantine.list(unit, 'held', { limit: 5 })).items).toEqual([]);
    expect((await quarantine.list(unit, 'released', { limit: 5 })).items.map((item) => item.id)).toEqual([
      mail.id,
    ]);
  });

  it('refuses a cursor it did not hand out', async () => {
    const { quarantine } = make();
    const error = await quarantine.list(uniqueUnit(), 'held', { limit: 5, cursor: 'bm9wZQ' }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Refused);
    expect(error).toMatchObject({ code: 'InvalidCursor', status: 400 });
  });
}
