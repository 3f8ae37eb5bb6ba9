/**
 * Sending what a person did (a form, a dialog, a button) to the staff API, the same way
 * everywhere: nothing is sent twice while the first is under way; problems found before sending,
 * and the server's 400s, are shown at their fields; any other failure is said in the target's
 * alert; what worked is confirmed with a toast. The DOM stays behind `ActionTarget`, so the steps
 * themselves are plain code.
 */
import type { Failure, FieldError, Result } from './api.ts';
import type { OpenDialog } from './dialogs.ts';
import { showFieldErrors } from './forms.ts';
import { describeFailure, type Translate } from './notifications.ts';
import { errorNotice } from './parts.ts';

/** The mark that an action is under way (a form's `aria-busy`, a button's `aria-disabled`). */
export interface Busy {
  readonly busy: boolean;
  set(busy: boolean): void;
}

/** Where an action's problems are shown. */
export interface ActionTarget {
  /** Absent where the caller marks it itself (a dialog does). */
  readonly busy?: Busy;
  /** Shows `errors` at their fields (none clears them); answers those that have no field here. */
  fieldErrors(errors: readonly FieldError[]): readonly FieldError[];
  /** Says an error in lines; none clears it. */
  alert(lines: readonly string[]): void;
}

export interface Action<T> {
  readonly target: ActionTarget;
  /** Problems found before sending (maybe by reading a file): shown at their fields; nothing is sent. */
  readonly problems?: readonly FieldError[] | (() => Promise<readonly FieldError[]>);
  readonly send: () => Promise<Result<T>>;
  /** A failure the caller deals with itself: answers true when it did. */
  readonly handles?: (failure: Failure) => boolean;
  /** Runs when it worked, before the toast. */
  readonly done?: (value: T) => void | Promise<void>;
  /** The confirmation to show when it worked. */
  readonly toast?: (value: T) => string;
}

export interface Notify {
  readonly t: Translate;
  toast(message: string): void;
}

/** Runs `action`; answers whether it worked. */
export async function submitAction<T>(notify: Notify, action: Action<T>): Promise<boolean> {
  const { target } = action;
  if (target.busy?.busy) return false;
  target.alert([]);
  const problems = typeof action.problems === 'function' ? await action.problems() : (action.problems ?? []);
  target.fieldErrors(problems);
  if (problems.length) return false;
  target.busy?.set(true);
  let result: Result<T>;
  try {
    result = await action.send();
  } finally {
    target.busy?.set(false);
  }
  if (!result.ok) {
    if (!action.handles?.(result)) showFailure(target, result, notify.t);
    return false;
  }
  await action.done?.(result.value);
  if (action.toast) notify.toast(action.toast(result.value));
  return true;
}

/** A failure at the target: a 400's errors at their fields (the rest in the alert), else in words. */
export function showFailure(target: ActionTarget, failure: Failure, t: Translate): void {
  if (failure.kind === 'unauthorized') return;
  if (failure.kind === 'invalid') {
    const unplaced = target.fieldErrors(failure.errors);
    if (unplaced.length) target.alert(unplaced.map((error) => error.message));
    return;
  }
  target.alert(describeFailure(failure, t));
}

/** `attribute` ("true" while busy) on `element`. */
export function busyAttribute(
  element: Element,
  attribute: 'aria-busy' | 'aria-disabled' = 'aria-busy',
): Busy {
  return {
    get busy() {
      return element.getAttribute(attribute) === 'true';
    },
    set(busy) {
      if (busy) element.setAttribute(attribute, 'true');
      else element.removeAttribute(attribute);
    },
  };
}

/** The alert region with the id `id` (a form's `role="alert"` box). */
export function regionAlert(id: string, t: Translate): (lines: readonly string[]) => void {
  return (lines) => {
    const region = document.getElementById(id);
    if (lines.length) region?.replaceChildren(errorNotice(lines, t));
    else region?.replaceChildren();
  };
}

/** A form: busy while sending, errors at its fields, other problems in `alert`. */
export function formTarget(
  form: HTMLElement,
  t: Translate,
  alert: (lines: readonly string[]) => void,
  busy: Busy = busyAttribute(form),
): ActionTarget {
  return {
    busy,
    fieldErrors: (errors) => showFieldErrors(form, errors, t),
    alert,
  };
}

/** A dialog's form: the dialog marks itself busy and shows problems inside (the page behind is inert). */
export function dialogTarget(dialog: OpenDialog, t: Translate): ActionTarget {
  return {
    fieldErrors: (errors) => showFieldErrors(dialog.form, errors, t),
    alert: (lines) => {
      if (lines.length) dialog.showError(lines);
    },
  };
}

/** No form: every problem goes to the page's alert region. */
export function pageTarget(alert: (lines: readonly string[]) => void, busy?: Busy): ActionTarget {
  return { ...(busy ? { busy } : {}), fieldErrors: (errors) => errors, alert };
}
