/** The postal desk: registrations settled once, letters listed until their dispatch is recorded once. */

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { Refused } from '../../../shared/domain/refused.ts';
import type { LetterRecord } from '../../../shared/ports/postal.ts';
import { postRegistration } from '../../support/post-registrations.ts';
import { anAudit, type MakePorts, unique } from './ports-under-test.ts';

function letter(createdAt: string): LetterRecord {
  const reference = unique('TA');
  return {
    reference,
    letterId: `ack-${reference}`,
    kind: 'acknowledgement',
    key: `letters/${reference}/ack.pdf`,
    size: 1024,
    createdAt,
    recipientName: 'Jānis Bērziņš',
    competence: 'general',
  };
}

export function postalContract(make: MakePorts): void {
  it('stores a registration once and settles it once, while it awaits its scan', async () => {
    const ports = make();
    const { postal } = ports;
    const posted = postRegistration('2026-12-01T08:00:00.000Z');
    await postal.register(posted, anAudit('RegisterPost', posted.createdAt));
    await expect(postal.register(posted, anAudit('RegisterPost', posted.createdAt))).rejects.toThrow();
    expect(await postal.getRegistration(posted.id)).toEqual(posted);
    expect(await postal.getRegistration(randomUUID())).toBeUndefined();
    const settlement = {
      state: 'accepted' as const,
      settledAt: '2026-12-01T09:00:00.000Z',
      reference: unique('TA'),
    };
    const audit = anAudit('RegisterPost', settlement.settledAt);
    expect(await postal.settle(posted.id, settlement, audit)).toBe(true);
    expect(await postal.settle(posted.id, { ...settlement, state: 'refused' as const })).toBe(false);
    expect(await ports.audited(audit)).toBe(true);
    expect(await postal.getRegistration(posted.id)).toEqual({ ...posted, ...settlement });
  });

  it('lists registrations newest first', async () => {
    const { postal } = make();
    const created = [
      postRegistration('2999-01-01T08:00:00.000Z'),
      postRegistration('2999-01-01T09:00:00.000Z'),
    ];
    for (const posted of created) await postal.register(posted, anAudit('RegisterPost', posted.createdAt));
    const page = await postal.listRegistrations({ limit: 2 });
    expect(page.items.map((item) => item.id)).toEqual([created[1]?.id, created[0]?.id]);
  });

  it('lists pending letters oldest first until the dispatch is recorded, once', async () => {
    const ports = make();
    const { postal } = ports;
    const letters = [letter('2999-02-01T09:00:00.000Z'), letter('2999-02-01T08:00:00.000Z')];
    for (const each of letters) await ports.addLetter(each);
    const pending = async () =>
      (await postal.listLetters('pending', { limit: 100 })).items.map((item) => item.letterId);
    const [later, earlier] = letters as [LetterRecord, LetterRecord];
    expect((await pending()).filter((id) => id === later.letterId || id === earlier.letterId)).toEqual([
      earlier.letterId,
      later.letterId,
    ]);
    const dispatch = { by: 'mailroom.anna', at: '2999-02-02T08:00:00.000Z', dispatchedOn: '2999-02-02' };
    const audit = anAudit('DispatchLetter', dispatch.at, [earlier.reference]);
    expect(await postal.dispatch(earlier, dispatch, audit)).toBe(true);
    expect(await postal.dispatch(earlier, dispatch, anAudit('DispatchLetter', dispatch.at))).toBe(false);
    expect(
      await postal.dispatch(
        letter('2999-02-01T10:00:00.000Z'),
        dispatch,
        anAudit('DispatchLetter', dispatch.at),
      ),
    ).toBe(false);
    expect(await ports.audited(audit)).toBe(true);
    expect(await pending()).not.toContain(earlier.letterId);
    expect(await postal.getLetter(earlier.reference, earlier.letterId)).toEqual({ ...earlier, dispatch });
    const dispatched = await postal.listLetters('dispatched', { limit: 100 });
    expect(dispatched.items.map((item) => item.letterId)).toContain(earlier.letterId);
  });

  it('refuses a cursor of another list', async () => {
    const { postal } = make();
    for (const posted of [
      postRegistration('2998-01-01T08:00:00.000Z'),
      postRegistration('2998-01-01T09:00:00.000Z'),
    ])
      await postal.register(posted, anAudit('RegisterPost', posted.createdAt));
    const { cursor } = await postal.listRegistrations({ limit: 1 });
    expect(cursor).toBeDefined();
    const error = await postal.listLetters('pending', { limit: 1, cursor: 'not-a-cursor' }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Refused);
    expect(error).toMatchObject({ code: 'InvalidCursor', status: 400 });
  });
}
