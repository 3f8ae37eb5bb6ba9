/**
 * The ticket's actions that ask first, each in a dialog: refer to another unit, extend the
 * deadline, end the service, and the reason for taking a ticket out of the queue's order.
 */
import type { CompetenceId } from '../../../../shared/domain/competences.ts';
import { schemas, type TicketDetail } from '../../../../shared/http/staff-contract.ts';
import type { TicketActionPath } from '../api.ts';
import { openDialog } from '../dialogs.ts';
import { h } from '../dom.ts';
import { formatLongDate, todayInRiga } from '../format.ts';
import { field, select, textarea, validate } from '../forms.ts';
import type { AdminShell } from '../shell.ts';
import { type ActionTarget, dialogTarget } from '../submit.ts';

/** Sends an action on the ticket shown; `toast` words what it did. Answers whether it worked. */
export type DialogAction = (
  action: TicketActionPath,
  body: Record<string, string>,
  target: ActionTarget,
  toast: (ticket: TicketDetail | null) => string,
) => Promise<boolean>;

/** A dialog with a reason to give (and maybe more fields) that sends one action on the ticket. */
function actionDialog(
  shell: AdminShell,
  options: {
    readonly id: string;
    readonly title: string;
    readonly description: readonly (HTMLElement | undefined)[];
    readonly fields?: readonly HTMLElement[];
    readonly submitLabel: string;
    readonly danger?: boolean;
    readonly returnFocusId: string;
    readonly onSubmit: (reason: string, target: ActionTarget) => Promise<boolean>;
  },
): void {
  const { t } = shell;
  const reason = textarea(3);
  openDialog({
    id: options.id,
    title: options.title,
    description: options.description,
    fields: [
      ...(options.fields ?? []),
      field({
        id: `${options.id.replace(/-dialog$/, '')}-reason`,
        name: 'reason',
        label: t('field.reason'),
        required: true,
        control: reason,
        t,
      }),
    ],
    submitLabel: options.submitLabel,
    ...(options.danger ? { danger: true } : {}),
    returnFocusId: options.returnFocusId,
    t,
    onSubmit: (_form, dialog) => options.onSubmit(reason.value.trim(), dialogTarget(dialog, t)),
  });
}

export function openRouteDialog(shell: AdminShell, ticket: TicketDetail, act: DialogAction): void {
  const { t, language, context } = shell;
  const units = context.me.units.filter((unit) => unit.id !== ticket.competence);
  const unit = select([
    { value: '', label: t('route.choose') },
    ...units.map((candidate) => ({ value: candidate.id, label: candidate.name[language] })),
  ]);
  actionDialog(shell, {
    id: 'route-dialog',
    title: t('route.dialog.title'),
    description: [h('p', {}, t('route.dialog.text'))],
    fields: [
      field({
        id: 'route-competence',
        name: 'competence',
        label: t('route.unit'),
        required: true,
        control: unit,
        t,
      }),
    ],
    submitLabel: t('route.submit'),
    returnFocusId: 'action-route',
    onSubmit: (reason, target) =>
      checkedAct(shell, act, 'route', schemas.route, { competence: unit.value, reason }, target, () =>
        t('route.done', { unit: context.unitName(unit.value as CompetenceId) }),
      ),
  });
}

export function openDeadlineDialog(shell: AdminShell, ticket: TicketDetail, act: DialogAction): void {
  const { t, language } = shell;
  const date = h('input', { class: 'input input--medium', attributes: { type: 'date', min: todayInRiga() } });
  actionDialog(shell, {
    id: 'deadline-dialog',
    title: t('deadline.dialog.title'),
    description: [
      h('p', {}, t('deadline.dialog.text')),
      h('p', {}, t('deadline.current', { date: formatLongDate(ticket.answerDeadline, language) })),
    ],
    fields: [
      field({
        id: 'deadline-date',
        name: 'deadline',
        label: t('deadline.date'),
        required: true,
        control: date,
        t,
      }),
    ],
    submitLabel: t('deadline.submit'),
    returnFocusId: 'action-deadline',
    onSubmit: (reason, target) =>
      checkedAct(
        shell,
        act,
        'deadline',
        schemas.deadline,
        { deadline: date.value, reason },
        target,
        (updated) =>
          t('deadline.done', { date: formatLongDate(updated?.answerDeadline ?? date.value, language) }),
      ),
  });
}

export function openEndServiceDialog(shell: AdminShell, act: DialogAction): void {
  const { t } = shell;
  actionDialog(shell, {
    id: 'end-service-dialog',
    title: t('endService.dialog.title'),
    description: [h('p', { class: 'warning' }, h('strong', {}, t('endService.warning')))],
    submitLabel: t('endService.submit'),
    danger: true,
    returnFocusId: 'view-heading',
    onSubmit: (reason, target) =>
      checkedAct(shell, act, 'end-service', schemas.endService, { reason }, target, () =>
        t('endService.done'),
      ),
  });
}

/** Asks why a ticket is taken out of the queue's order (the server asked), then takes it. */
export function openTakeReasonDialog(
  shell: AdminShell,
  serverMessage: string,
  take: (reason: string, target: ActionTarget) => Promise<boolean>,
): void {
  const { t } = shell;
  actionDialog(shell, {
    id: 'take-dialog',
    title: t('take.dialog.title'),
    description: [
      h('p', {}, t('take.dialog.text')),
      serverMessage ? h('p', { class: 'muted' }, serverMessage) : undefined,
    ],
    submitLabel: t('take.dialog.submit'),
    returnFocusId: 'view-heading',
    onSubmit: async (reason, target) => {
      // The contract makes the reason optional (only out of order needs one); here it is needed.
      const errors =
        reason === ''
          ? [{ field: 'reason', message: t('error.required') }]
          : validate(schemas.take, { reason }, t);
      if (errors.length) {
        target.fieldErrors(errors);
        return false;
      }
      return take(reason, target);
    },
  });
}

/** The body checked against the contract first (problems at the dialog's fields), then sent. */
function checkedAct(
  shell: AdminShell,
  act: DialogAction,
  action: TicketActionPath,
  schema: Parameters<typeof validate>[0],
  body: Record<string, string>,
  target: ActionTarget,
  toast: (ticket: TicketDetail | null) => string,
): Promise<boolean> {
  const errors = validate(schema, body, shell.t);
  if (errors.length) {
    target.fieldErrors(errors);
    return Promise.resolve(false);
  }
  return act(action, body, target, toast);
}
