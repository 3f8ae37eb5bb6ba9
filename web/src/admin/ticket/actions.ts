/**
 * What staff may do to the ticket now besides replying: change its status, refer it to another
 * unit, extend its deadline, end the service.
 */
import { settableStatuses } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { actionForm, field, select } from '../forms.ts';
import { panel } from '../parts.ts';
import { can, type TicketViewOptions } from './model.ts';

export function actionsSection(view: TicketViewOptions): HTMLElement | undefined {
  const { t } = view.context;
  const buttons: HTMLElement[] = [];
  const button = (id: string, label: string, onClick: () => void, danger = false) =>
    h(
      'button',
      {
        id,
        class: danger ? 'button button--danger-secondary' : 'button button--secondary',
        attributes: { type: 'button' },
        on: { click: onClick },
      },
      label,
    );
  if (can(view, 'route'))
    buttons.push(button('action-route', t('route.button'), () => view.handlers.route()));
  if (can(view, 'deadline'))
    buttons.push(button('action-deadline', t('deadline.button'), () => view.handlers.deadline()));
  if (can(view, 'end-service'))
    buttons.push(
      button('action-end-service', t('endService.button'), () => view.handlers.endService(), true),
    );
  const statusForm = can(view, 'status') ? statusChange(view) : undefined;
  if (!statusForm && buttons.length === 0) return undefined;
  return panel(
    { id: 'actions', heading: t('actions.heading') },
    statusForm,
    buttons.length
      ? h('ul', { class: 'action-list' }, ...buttons.map((item) => h('li', {}, item)))
      : undefined,
  );
}

function statusChange(view: TicketViewOptions): HTMLFormElement {
  const { ticket } = view;
  const { t } = view.context;
  const choice = select(
    settableStatuses.map((status) => ({ value: status, label: t(`status.${status}`) })),
    settableStatuses.find((status) => status === ticket.status) ?? 'open',
  );
  return actionForm(
    {
      name: 'status',
      class: 'inline-form',
      submit: t('statusChange.submit'),
      secondary: true,
      onSubmit: (form) => view.handlers.status(form),
    },
    field({ id: 'status-select', name: 'status', label: t('statusChange.label'), control: choice, t }),
  );
}
