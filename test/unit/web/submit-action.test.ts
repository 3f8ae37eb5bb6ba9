/**
 * Sending an action from the admin page: nothing goes twice while one is under way, problems
 * found before sending stop it at their fields, a 400's errors land at their fields (those without
 * one in the alert), other failures are said in words, a 401 says nothing (the person signs in
 * again), and what worked is confirmed. The target is a fake: the steps are plain code.
 */
import { describe, expect, it } from 'vitest';
import type { Failure, FieldError, Result } from '../../../web/src/admin/api.ts';
import { type ActionTarget, type Busy, submitAction } from '../../../web/src/admin/submit.ts';
import { type TextKey, text } from '../../../web/src/admin/texts.ts';

const t = (key: TextKey, values?: Readonly<Record<string, string>>) => text('en', key, values);

/** A target that records what the action showed; `fields` names the controls it has. */
function fakeTarget(fields: readonly string[] = ['text']) {
  let busy = false;
  const shown = {
    fieldErrors: [] as (readonly FieldError[])[],
    alerts: [] as (readonly string[])[],
    busyWhileSending: false,
  };
  const marker: Busy = {
    get busy() {
      return busy;
    },
    set(value) {
      busy = value;
    },
  };
  const target: ActionTarget = {
    busy: marker,
    fieldErrors: (errors) => {
      shown.fieldErrors.push(errors);
      return errors.filter((error) => !fields.includes(error.field));
    },
    alert: (lines) => {
      shown.alerts.push(lines);
    },
  };
  return { target, shown, marker };
}

function fakeNotify() {
  const toasts: string[] = [];
  return { notify: { t, toast: (message: string) => toasts.push(message) }, toasts };
}

const failed = (failure: Failure): Result<never> => ({ ok: false, ...failure });

describe('submitAction', () => {
  it('sends, marks the target busy meanwhile, runs done and toasts what worked', async () => {
    // Prepare
    const { target, shown, marker } = fakeTarget();
    const { notify, toasts } = fakeNotify();
    const done: string[] = [];

    // Act
    const worked = await submitAction(notify, {
      target,
      send: async () => {
        shown.busyWhileSending = marker.busy;
        return { ok: true, value: { reference: 'TA-1' } };
      },
      done: (value) => {
        done.push(value.reference);
      },
      toast: (value) => `Saved ${value.reference}`,
    });

    // Assess
    expect(worked).toBe(true);
    expect(shown.busyWhileSending).toBe(true);
    expect(marker.busy).toBe(false);
    expect(done).toEqual(['TA-1']);
    expect(toasts).toEqual(['Saved TA-1']);
    // The alert was cleared, and no field was marked.
    expect(shown.alerts).toEqual([[]]);
    expect(shown.fieldErrors).toEqual([[]]);
  });

  it('sends nothing while the target is busy', async () => {
    const { target, marker } = fakeTarget();
    const { notify, toasts } = fakeNotify();
    marker.set(true);
    let sent = 0;

    const worked = await submitAction(notify, {
      target,
      send: async () => {
        sent += 1;
        return { ok: true, value: {} };
      },
      toast: () => 'never',
    });

    expect(worked).toBe(false);
    expect(sent).toBe(0);
    expect(toasts).toEqual([]);
  });

  it('stops at problems found before sending, shown at their fields', async () => {
    const { target, shown, marker } = fakeTarget();
    const { notify } = fakeNotify();
    let sent = 0;
    const problems = [{ field: 'text', message: 'This field is required.' }];

    const worked = await submitAction(notify, {
      target,
      problems,
      send: async () => {
        sent += 1;
        return { ok: true, value: {} };
      },
    });

    expect(worked).toBe(false);
    expect(sent).toBe(0);
    expect(marker.busy).toBe(false);
    expect(shown.fieldErrors).toEqual([problems]);
  });

  it('waits for problems found by reading something first (a file)', async () => {
    const { target, shown } = fakeTarget(['file']);
    const { notify } = fakeNotify();

    const worked = await submitAction(notify, {
      target,
      problems: async () => [{ field: 'file', message: 'Not a scan.' }],
      send: async () => ({ ok: true, value: {} }),
    });

    expect(worked).toBe(false);
    expect(shown.fieldErrors).toEqual([[{ field: 'file', message: 'Not a scan.' }]]);
  });

  it("puts a 400's errors at their fields and the others in the alert", async () => {
    const { target, shown, marker } = fakeTarget(['text']);
    const { notify, toasts } = fakeNotify();
    const errors = [
      { field: 'text', message: 'The text is too long.' },
      { field: 'elsewhere', message: 'Invalid value.' },
    ];

    const worked = await submitAction(notify, {
      target,
      send: async () => failed({ kind: 'invalid', status: 400, errors }),
      toast: () => 'never',
    });

    expect(worked).toBe(false);
    expect(marker.busy).toBe(false);
    expect(shown.fieldErrors.at(-1)).toEqual(errors);
    expect(shown.alerts.at(-1)).toEqual(['Invalid value.']);
    expect(toasts).toEqual([]);
  });

  it('says a refusal in words, with its code', async () => {
    const { target, shown } = fakeTarget();
    const { notify } = fakeNotify();

    await submitAction(notify, {
      target,
      send: async () => failed({ kind: 'refused', status: 409, message: 'Take it first.', code: 'NotTaken' }),
    });

    expect(shown.alerts.at(-1)).toEqual(['Take it first.', t('error.code', { code: 'NotTaken' })]);
  });

  it('says nothing for a 401: the person is sent to sign in again', async () => {
    const { target, shown } = fakeTarget();
    const { notify } = fakeNotify();

    const worked = await submitAction(notify, {
      target,
      send: async () => failed({ kind: 'unauthorized' }),
    });

    expect(worked).toBe(false);
    expect(shown.alerts).toEqual([[]]);
  });

  it('leaves a failure the caller handles to the caller', async () => {
    const { target, shown } = fakeTarget();
    const { notify } = fakeNotify();
    const handled: string[] = [];

    const worked = await submitAction(notify, {
      target,
      send: async () => failed({ kind: 'refused', status: 409, message: 'Why?', code: 'ReasonRequired' }),
      handles: (failure) => {
        if (failure.kind !== 'refused' || failure.code !== 'ReasonRequired') return false;
        handled.push(failure.message);
        return true;
      },
    });

    expect(worked).toBe(false);
    expect(handled).toEqual(['Why?']);
    expect(shown.alerts).toEqual([[]]);
  });

  it('is no longer busy when sending throws', async () => {
    const { target, marker } = fakeTarget();
    const { notify } = fakeNotify();

    await expect(
      submitAction(notify, {
        target,
        send: async () => {
          throw new Error('network stack gone');
        },
      }),
    ).rejects.toThrow('network stack gone');
    expect(marker.busy).toBe(false);
  });
});
