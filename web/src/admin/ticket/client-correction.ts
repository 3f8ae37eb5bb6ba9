/**
 * Correcting the client's data (rectification): a disclosure under the client's facts with the
 * fields to correct and the reason. Only filled-in fields are sent; the server decides what
 * changed (the same value again is no change) and keeps the old values nowhere.
 */

import {
  type RectifyClientResponse,
  rectifyClientResponseSchema,
} from '../../../../shared/use-cases/views/data-subjects.ts';
import type { FieldError, StaffApi } from '../api.ts';
import { h } from '../dom.ts';
import { actionForm, field, textarea, textInput } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import { formTarget, type Notify, regionAlert, submitAction } from '../submit.ts';
import type { TicketViewOptions } from './model.ts';

/** The disclosure with the form; closed until staff open it (Enter or Space on its summary). */
export function clientCorrectionSection(view: TicketViewOptions): HTMLElement {
  const { t } = view.context;
  const input = (id: string, name: string, label: string, type: 'text' | 'email' | 'tel' = 'text') =>
    field({ id: `client-correction-${id}`, name, label, control: textInput('', type), t });
  return h(
    'details',
    { class: 'client-correction', id: 'client-correction' },
    h('summary', { id: 'client-correction-summary' }, t('clientCorrection.open')),
    h('p', { class: 'field__hint' }, t('clientCorrection.intro')),
    actionForm(
      {
        name: 'client-correction',
        submit: t('clientCorrection.submit'),
        secondary: true,
        onSubmit: (form) => view.handlers.correctClient(form),
      },
      input('name', 'name', t('clientCorrection.name')),
      input('email', 'email', t('clientCorrection.email'), 'email'),
      input('phone', 'phone', t('clientCorrection.phone'), 'tel'),
      h(
        'fieldset',
        { class: 'fieldset' },
        h('legend', {}, t('clientCorrection.address')),
        h('p', {
          class: 'field__error',
          id: 'client-correction-postalAddress-error',
          attributes: { hidden: true },
        }),
        input('addressLine', 'addressLine', t('clientCorrection.addressLine')),
        input('place', 'place', t('clientCorrection.place')),
        input('postalCode', 'postalCode', t('clientCorrection.postalCode')),
      ),
      field({
        id: 'client-correction-reason',
        name: 'reason',
        label: t('clientCorrection.reason'),
        hint: t('clientCorrection.reasonHint'),
        required: true,
        control: textarea(2),
        t,
      }),
    ),
  );
}

/** What the form holds: the request's body, and the problems found before sending. */
export function correctionOf(
  values: Readonly<Record<string, string>>,
  t: Translate,
): { body: Record<string, unknown>; problems: FieldError[] } {
  const value = (name: string) => values[name]?.trim() ?? '';
  const body: Record<string, unknown> = {};
  for (const name of ['name', 'email', 'phone'] as const) if (value(name)) body[name] = value(name);
  const address = {
    addressLine: value('addressLine'),
    place: value('place'),
    postalCode: value('postalCode'),
  };
  const problems: FieldError[] = [];
  if (Object.values(address).some(Boolean)) {
    if (Object.values(address).every(Boolean)) body.postalAddress = address;
    else problems.push({ field: 'addressLine', message: t('clientCorrection.addressIncomplete') });
  }
  if (Object.keys(body).length === 0 && problems.length === 0)
    problems.push({ field: 'name', message: t('clientCorrection.nothing') });
  if (!value('reason')) problems.push({ field: 'reason', message: t('field.required') });
  else body.reason = value('reason');
  return { body, problems };
}

/** The toast for the server's answer: the fields corrected, or that nothing changed. */
export function correctionToast(answer: RectifyClientResponse, t: Translate): string {
  if (answer.changed.length === 0) return t('clientCorrection.unchanged');
  return t('clientCorrection.saved', {
    fields: answer.changed.map((name) => t(`clientCorrection.field.${name}`)).join(', '),
  });
}

/** Sends the form's correction; `done` shows the ticket again (its client's facts changed). */
export function submitClientCorrection(
  shell: Notify & { readonly api: StaffApi },
  reference: string,
  form: HTMLFormElement,
  done: () => Promise<void>,
): Promise<boolean> {
  const { t } = shell;
  const values = Object.fromEntries(
    [...new FormData(form).entries()].map(([name, entry]) => [name, typeof entry === 'string' ? entry : '']),
  );
  const { body, problems } = correctionOf(values, t);
  return submitAction(shell, {
    target: formTarget(form, t, regionAlert('client-correction-alert', t)),
    problems,
    send: () =>
      shell.api.request(
        'POST',
        `/api/staff/tickets/${encodeURIComponent(reference)}/client`,
        rectifyClientResponseSchema,
        body,
      ),
    done,
    toast: (answer) => correctionToast(answer, t),
  });
}
