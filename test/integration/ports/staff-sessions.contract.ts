/** Staff sessions: a session's sign-in recorded once, with its record. */
import { expect, it } from 'vitest';
import { anAudit, type MakePorts, unique } from './ports-under-test.ts';

export function staffSessionsContract(make: MakePorts): void {
  it('records a session’s sign-in at its first call only', async () => {
    const ports = make();
    const session = { id: unique('jti'), expiresAt: 4_102_444_800 };
    const signIn = anAudit('SignIn', '2026-12-01T08:00:00.000Z');
    expect(await ports.sessions.recordSignIn(session, signIn)).toBe(true);
    const again = anAudit('SignIn', '2026-12-01T08:01:00.000Z');
    expect(await ports.sessions.recordSignIn(session, again)).toBe(false);
    expect(await ports.audited(signIn)).toBe(true);
    expect(await ports.audited(again)).toBe(false);
    expect(
      await ports.sessions.recordSignIn(
        { ...session, id: unique('jti') },
        anAudit('SignIn', signIn.eventTime),
      ),
    ).toBe(true);
  });
}
