/**
 * The confirmations of _Datu subjekti_: the erasure's, which names how many tickets will be erased
 * (and how many were erased before, and the assistant questions) and lists the tickets under legal
 * hold with their reasons before asking for the legal basis; and a ticket's legal hold, set with a
 * reason or lifted with an optional one. Nothing is sent until the person confirms.
 */
import { legalHoldRequestSchema } from '../../../../shared/use-cases/views/data-subjects.ts';
import type { Result } from '../api.ts';
import { openDialog } from '../dialogs.ts';
import { h } from '../dom.ts';
import { field, textarea, validateNested } from '../forms.ts';
import type { AdminShell } from '../shell.ts';
import { dialogTarget, submitAction } from '../submit.ts';
import type { DataSubjectEraseResponse, LegalHoldResponse, SubjectTicketView } from './api.ts';
import { type ErasurePlan, erasesAnything } from './model.ts';

export interface EraseSteps {
  readonly send: (reason: string) => Promise<Result<DataSubjectEraseResponse>>;
  /** Shows the outcome (it runs before the dialog closes). */
  readonly done: (outcome: DataSubjectEraseResponse) => Promise<void>;
}

/** Opens the erasure's confirmation; with nothing to erase, a dialog that only says so. */
export function confirmErase(shell: AdminShell, plan: ErasurePlan, steps: EraseSteps): void {
  const { t } = shell;
  const count = h(
    'p',
    { id: 'erase-dialog-count' },
    t('dataSubjects.erase.count', { count: String(plan.erase.length) }),
  );
  const more = [
    plan.already.length
      ? h('p', {}, t('dataSubjects.erase.already', { count: String(plan.already.length) }))
      : undefined,
    plan.questions
      ? h('p', {}, t('dataSubjects.erase.questions', { count: String(plan.questions) }))
      : undefined,
    ...(plan.held.length
      ? [
          h('p', { class: 'warning' }, t('dataSubjects.erase.heldIntro')),
          h(
            'ul',
            { id: 'erase-dialog-held' },
            ...plan.held.map((held) =>
              h('li', {}, t('dataSubjects.erase.held', { reference: held.reference, reason: held.reason })),
            ),
          ),
        ]
      : []),
  ].flatMap((node) => (node ? [node] : []));
  if (!erasesAnything(plan)) {
    openDialog({
      id: 'erase-dialog',
      title: t('dataSubjects.erase.title'),
      description: [h('p', {}, t('dataSubjects.erase.nothing')), ...more],
      returnFocusId: 'data-subjects-erase',
      t,
    });
    return;
  }
  const reason = textarea(3);
  let erased = false;
  openDialog({
    id: 'erase-dialog',
    title: t('dataSubjects.erase.title'),
    description: [count, ...more],
    danger: true,
    fields: [
      field({
        id: 'erase-reason',
        name: 'reason',
        label: t('dataSubjects.erase.reason'),
        hint: t('dataSubjects.erase.reason.hint'),
        required: true,
        control: reason,
        t,
      }),
    ],
    submitLabel: t('dataSubjects.erase.submit'),
    returnFocusId: 'data-subjects-erase',
    t,
    // The dialog gives the focus back to its opener as it closes; after an erasure the outcome's
    // heading is where to go on (a microtask runs once that is done).
    onClose: () => {
      if (erased) queueMicrotask(() => document.getElementById('data-subjects-outcome-heading')?.focus());
    },
    onSubmit: (_form, dialog) =>
      submitAction(shell, {
        target: dialogTarget(dialog, t),
        problems: validateNested(legalHoldRequestSchema, { reason: reason.value.trim() }, t),
        send: () => steps.send(reason.value.trim()),
        done: async (outcome) => {
          await steps.done(outcome);
          erased = true;
        },
        toast: (outcome) =>
          t('dataSubjects.erased', {
            erased: String(outcome.erased.length),
            held: String(outcome.held.length),
            questions: String(outcome.questions),
          }),
      }),
  });
}

export interface HoldSteps {
  /** Sets (`lifting` false) or lifts the hold with `reason` (empty: none given, lifting only). */
  readonly send: (lifting: boolean, reason: string) => Promise<Result<LegalHoldResponse>>;
  readonly done: (answer: LegalHoldResponse) => void;
}

/** Opens the confirmation that sets `ticket`'s legal hold, or lifts the one it has. */
export function confirmHold(shell: AdminShell, ticket: SubjectTicketView, steps: HoldSteps): void {
  const { t } = shell;
  const { reference } = ticket;
  const lifting = ticket.legalHold !== null;
  const reason = textarea(3);
  openDialog({
    id: 'hold-dialog',
    title: t(lifting ? 'dataSubjects.hold.liftTitle' : 'dataSubjects.hold.setTitle', { reference }),
    description: [h('p', {}, t(lifting ? 'dataSubjects.hold.liftText' : 'dataSubjects.hold.setText'))],
    fields: [
      field({
        id: 'hold-reason',
        name: 'reason',
        label: t(lifting ? 'dataSubjects.hold.liftReason' : 'dataSubjects.hold.reason'),
        ...(lifting ? {} : { hint: t('dataSubjects.hold.reason.hint'), required: true }),
        control: reason,
        t,
      }),
    ],
    submitLabel: t(lifting ? 'dataSubjects.hold.liftSubmit' : 'dataSubjects.hold.setSubmit'),
    returnFocusId: `data-subjects-hold-${reference}`,
    t,
    onSubmit: (_form, dialog) => {
      const typed = reason.value.trim();
      return submitAction(shell, {
        target: dialogTarget(dialog, t),
        problems: lifting && typed === '' ? [] : validateNested(legalHoldRequestSchema, { reason: typed }, t),
        send: () => steps.send(lifting, typed),
        done: steps.done,
        toast: () => t(lifting ? 'dataSubjects.hold.lifted' : 'dataSubjects.hold.done', { reference }),
      });
    },
  });
}
