/**
 * Rectification (§13): staff of the ticket's unit correct the client's name, email, phone or postal
 * address. What changes is decided here, purely: the corrected client, the fields changed (compared
 * in their normalised forms, so that `Anna@Example.lv` for `anna@example.lv` is no change), and the
 * pseudonyms that move with them — the client key (`clientGroupId`, which the client index, the
 * sender and survey-cap flags and the client's own Message-ID keys are keyed by) and the data
 * subject index keys (`ticketSubjectKeysOf`: the client's, and a pending callback's phone, which
 * moves with a corrected phone). The old values are not kept: only their pseudonyms travel on, so
 * that the write can remove what pointed at the old ones.
 */
import { clientGroupId } from './ids.ts';
import type { PostalAddress } from './postal-address.ts';
import { foldForKey, normaliseEmail, normalisePhone, ticketSubjectKeysOf } from './pseudonyms.ts';
import { messageIdKey } from './threading.ts';
import type { Client, Ticket } from './ticket.ts';

export const rectifiableFields = ['name', 'email', 'phone', 'postalAddress'] as const;
export type RectifiableField = (typeof rectifiableFields)[number];

/** What staff typed: the fields to correct (absent: unchanged). */
export interface ClientCorrection {
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly postalAddress?: PostalAddress | undefined;
}

/** Keys that stop pointing at the ticket, and the keys that replace them. */
export interface KeyMove {
  readonly remove: readonly string[];
  readonly add: readonly string[];
}

export interface Rectification {
  readonly client: Client;
  readonly changed: readonly RectifiableField[];
  /** The client key before and after (equal unless the email changed). */
  readonly clientKey: { readonly from: string; readonly to: string };
  readonly subjectKeys: KeyMove;
  /** Every subject key of the corrected ticket: what its index items must be afterwards. */
  readonly subjectKeysAfter: readonly string[];
  /** The pending callback on the corrected phone, when it moved there. */
  readonly callback?: Ticket['callback'];
}

/** Whether a text looks like an email address (one `@`, a dot in the domain, no spaces). */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}

function sameAddress(a: PostalAddress | undefined, b: PostalAddress | undefined): boolean {
  if (!a || !b) return a === b;
  const fold = (text: string | undefined) => foldForKey(text ?? '');
  return (
    fold(a.addressLine) === fold(b.addressLine) &&
    fold(a.place) === fold(b.place) &&
    fold(a.postalCode).replace(/\s/g, '') === fold(b.postalCode).replace(/\s/g, '') &&
    fold(a.country) === fold(b.country)
  );
}

/** Whether the corrected value differs from the client's (normalised as the pseudonyms are). */
function differs(client: Client, field: RectifiableField, correction: ClientCorrection): boolean {
  switch (field) {
    case 'name':
      return correction.name !== undefined && foldForKey(correction.name) !== foldForKey(client.name);
    case 'email':
      return (
        correction.email !== undefined && normaliseEmail(correction.email) !== normaliseEmail(client.email)
      );
    case 'phone':
      return (
        correction.phone !== undefined &&
        (client.phone === undefined || normalisePhone(correction.phone) !== normalisePhone(client.phone))
      );
    case 'postalAddress':
      return (
        correction.postalAddress !== undefined && !sameAddress(correction.postalAddress, client.postalAddress)
      );
  }
}

/**
 * The client after the correction, the fields changed and the pseudonyms that move (the ticket's
 * `callback` given, its phone's key too). A field given with its current value is not a change; an
 * email is kept as typed (trimmed), looked up normalised.
 */
export function rectify(
  client: Client,
  correction: ClientCorrection,
  callback?: Ticket['callback'],
): Rectification {
  const changed = rectifiableFields.filter((field) => differs(client, field, correction));
  const corrected: Client = {
    ...client,
    ...(changed.includes('name') && correction.name ? { name: correction.name.trim() } : {}),
    ...(changed.includes('email') && correction.email ? { email: correction.email.trim() } : {}),
    ...(changed.includes('phone') && correction.phone ? { phone: correction.phone.trim() } : {}),
    ...(changed.includes('postalAddress') && correction.postalAddress
      ? { postalAddress: correction.postalAddress }
      : {}),
  };
  const callbackAfter = changed.includes('phone')
    ? correctedCallback({ client, callback }, corrected)
    : callback;
  const before = new Set(ticketSubjectKeysOf({ client, callback }));
  const after = new Set(ticketSubjectKeysOf({ client: corrected, callback: callbackAfter }));
  return {
    client: corrected,
    changed,
    clientKey: { from: clientGroupId(client.email), to: clientGroupId(corrected.email) },
    subjectKeys: {
      remove: [...before].filter((key) => !after.has(key)),
      add: [...after].filter((key) => !before.has(key)),
    },
    subjectKeysAfter: [...after],
    ...(callbackAfter !== callback ? { callback: callbackAfter } : {}),
  };
}

/**
 * The keys of the client's own Message-IDs the ticket knows (its latest mail's id and the ids that
 * mail referred to), under the old and the new client key. Ids of mail we sent (`ses:` keys) do
 * not depend on the client and never move. Earlier mails' ids are kept only hashed together with
 * the old client key, so only those the ticket still names can be moved.
 */
export function clientMessageIdKeys(
  ticket: Pick<Ticket, 'email'>,
  clientKey: Rectification['clientKey'],
): { readonly from: string; readonly to: string }[] {
  if (clientKey.from === clientKey.to || !ticket.email) return [];
  const ids = [...(ticket.email.messageId ? [ticket.email.messageId] : []), ...ticket.email.references];
  return [...new Set(ids)]
    .map((id) => ({ from: messageIdKey(id, clientKey.from), to: messageIdKey(id, clientKey.to) }))
    .filter((key) => key.from !== key.to);
}

/**
 * The callback the client asked for, on the corrected phone when it was on the old one and is
 * still to be made (a made callback's number is history: it goes with the erasure, not here).
 */
export function correctedCallback(
  ticket: Pick<Ticket, 'callback' | 'client'>,
  corrected: Client,
): Ticket['callback'] {
  const { callback } = ticket;
  if (!callback || callback.done || !corrected.phone || !ticket.client.phone) return callback;
  if (normalisePhone(callback.phone) !== normalisePhone(ticket.client.phone)) return callback;
  return { ...callback, phone: normalisePhone(corrected.phone) };
}
