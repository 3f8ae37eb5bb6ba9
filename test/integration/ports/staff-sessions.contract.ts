/** Staff sessions: a session's sign-in recorded once, its last activity, its sign-out. */
import { expect, it } from 'vitest';
import { anAudit, type MakePorts, unique } from './ports-under-test.ts';

const at = Date.parse('2026-12-01T08:00:00.000Z');

export function staffSessionsContract(make: MakePorts): void {
  it('records a session’s sign-in at its first call only', async () => {
    const ports = make();
    const session = { id: unique('jti'), expiresAt: 4_102_444_800 };
    const signIn = anAudit('SignIn', '2026-12-01T08:00:00.000Z');
    expect(await ports.sessions.recordSignIn(session, at, signIn)).toBe(true);
    const again = anAudit('SignIn', '2026-12-01T08:01:00.000Z');
    expect(await ports.sessions.recordSignIn(session, at + 60_000, again)).toBe(false);
    expect(await ports.audited(signIn)).toBe(true);
    expect(await ports.audited(again)).toBe(false);
    expect(await ports.sessions.find(session.id)).toEqual({ lastActiveAt: at, revokedAt: undefined });
    expect(
      await ports.sessions.recordSignIn(
        { ...session, id: unique('jti') },
        at,
        anAudit('SignIn', signIn.eventTime),
      ),
    ).toBe(true);
  });

  it('moves the last activity only when it is older than due, and never after a sign-out', async () => {
    const ports = make();
    const session = { id: unique('jti'), expiresAt: 4_102_444_800 };
    expect(await ports.sessions.find(session.id)).toBeUndefined();
    await ports.sessions.recordSignIn(session, at, anAudit('SignIn', '2026-12-01T08:00:00.000Z'));

    // Not due: a write of a minute ago stands.
    await ports.sessions.touch(session, at + 30_000, at - 30_000);
    expect((await ports.sessions.find(session.id))?.lastActiveAt).toBe(at);
    await ports.sessions.touch(session, at + 61_000, at + 1_000);
    expect((await ports.sessions.find(session.id))?.lastActiveAt).toBe(at + 61_000);

    const signOut = anAudit('SignOut', '2026-12-01T08:02:00.000Z');
    await ports.sessions.revoke(session, at + 120_000, signOut);
    await ports.sessions.touch(session, at + 200_000, at + 140_000);
    expect(await ports.sessions.find(session.id)).toEqual({
      lastActiveAt: at + 61_000,
      revokedAt: at + 120_000,
    });
    expect(await ports.audited(signOut)).toBe(true);
  });
}
