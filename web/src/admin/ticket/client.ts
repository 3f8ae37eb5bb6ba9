/**
 * Who the client is and how to reach them.
 */
import { addressBlock, type PostalAddress } from '../../../../shared/domain/postal-address.ts';
import type { TicketDetail } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { fact, panel } from '../parts.ts';
import type { TicketViewOptions } from './model.ts';

export function clientSection(view: TicketViewOptions): HTMLElement {
  const { ticket } = view;
  const { t } = view.context;
  const { client } = ticket;
  const postalAddress = postalAddressOf(client);
  return panel(
    { id: 'client', heading: t('client.heading') },
    h(
      'dl',
      { class: 'facts' },
      fact(t('client.name'), client.name),
      realEmail(client.email)
        ? fact(t('client.email'), h('span', { class: 'break' }, client.email))
        : undefined,
      client.phone ? fact(t('client.phone'), client.phone) : undefined,
      postalAddress
        ? fact(t('client.postalAddress'), addressElement(addressBlock(client.name, postalAddress).slice(1)))
        : undefined,
    ),
  );
}

/** The client's postal address (`client.postalAddress`), with an empty country left out. */
export function postalAddressOf(client: TicketDetail['client']): PostalAddress | undefined {
  const address = client.postalAddress;
  if (!address) return undefined;
  const { country, ...rest } = address;
  return country?.trim() ? { ...rest, country } : rest;
}

/**
 * Whether `email` is a client's address rather than the placeholder of the reserved `.invalid`
 * domain a client without one gets (the rule of `hasEmailAddress` in shared/domain/ticket.ts, which
 * is not imported: it would bring routing and deadlines into the page).
 */
function realEmail(email: string): boolean {
  return email.trim() !== '' && !/(^|[@.])invalid$/i.test(email.trim());
}

/** An address block, a line each, as printed on an envelope. */
export function addressElement(lines: readonly string[]): HTMLElement {
  return h(
    'p',
    { class: 'address-block' },
    ...lines.map((line) => h('span', { class: 'address-block__line' }, line)),
  );
}
