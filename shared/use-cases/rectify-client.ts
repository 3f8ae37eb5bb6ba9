/**
 * Rectification (§13): staff of the ticket's unit correct the client's name, email, phone or
 * postal address, with a reason. The old values are kept nowhere in clear: the ticket holds the
 * corrected client and which fields were corrected (with the reason, by whom, when); the audit
 * record names the fields and the keyed pseudonyms that moved, and a digest of the reason (it may
 * quote the data). Every change moves the data-subject index items (email, phone — a pending
 * callback's with it —, name with address): none derived from an old value is left for the ticket,
 * and every one of the corrected ticket is written. An email change also moves the client index, the
 * client's own Message-ID keys (those the ticket names, and each follow-up's own) and the flags
 * kept by client key, so that a
 * follow-up from the corrected address threads to the ticket and one from the old address is
 * treated as anyone else's.
 */
import { reasonDigest } from '../domain/audit-event.ts';
import { clientGroupId } from '../domain/ids.ts';
import { isErased } from '../domain/pseudonymise-ticket.ts';
import { normaliseEmail, normalisePhone } from '../domain/pseudonyms.ts';
import {
  type ClientCorrection,
  clientMessageIdKeys,
  looksLikeEmail,
  type RectifiableField,
  rectify,
} from '../domain/rectification.ts';
import { type FieldRefusal, invalidFields, Refused } from '../domain/refused.ts';
import { messageIdKey } from '../domain/threading.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { ClientRectification } from '../ports/client-rectification.ts';
import type { Clock } from '../ports/clock.ts';
import type { ThreadingStore } from '../ports/threading.ts';
import type { TicketDesk } from '../ports/ticket-desk.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';

export interface RectifyClientDeps {
  readonly desk: TicketDesk;
  readonly threads: Pick<ThreadingStore, 'threadTargets'>;
  readonly rectification: ClientRectification;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface RectifyClientRequest extends ClientCorrection {
  readonly reason: string;
}

export interface RectifyClientResult {
  readonly reference: string;
  readonly changed: RectifiableField[];
}

/** Corrects the client's data on the ticket; `Conflict` (409) when someone corrected it meanwhile. */
export async function rectifyClient(
  deps: RectifyClientDeps,
  caller: StaffCaller,
  reference: string,
  request: RectifyClientRequest,
): Promise<RectifyClientResult> {
  const correction = checked(request);
  const { ticket, messages } = await recordFor(deps, caller, reference, 'reply');
  // A pseudonymised ticket has no client left to correct.
  if (isErased(ticket)) throw new Refused('Erased', 409);
  const change = rectify(ticket.client, correction, ticket.callback);
  // Every client message of the thread came from the ticket's client (threading joins no other
  // sender): their author is the client's address, corrected with it — also on a retry whose
  // first attempt corrected the ticket but not yet every message.
  const clientMessages = messages.filter(
    (message) =>
      message.kind === 'client' && normaliseEmail(message.author) !== normaliseEmail(change.client.email),
  );
  const clientMessageIds = clientMessages.map((message) => message.id);
  const at = deps.clock.now().toISOString();
  const reason = request.reason.trim();
  const audit = staffAction(caller, {
    eventName: 'RectifyClientData',
    eventTime: at,
    reference,
    requestParameters: { fields: change.changed, ...reasonDigest(reason) },
    responseElements: {
      changed: change.changed,
      ...(change.clientKey.from !== change.clientKey.to ? { clientKey: change.clientKey } : {}),
      ...(change.subjectKeys.remove.length || change.subjectKeys.add.length
        ? { subjectKeys: change.subjectKeys }
        : {}),
    },
  });
  if (change.changed.length === 0 && clientMessageIds.length === 0) {
    await deps.audit.append([audit]);
    return { reference, changed: [] };
  }
  const moved = clientMessageIdKeys(ticket, change.clientKey);
  // Each follow-up's own Message-ID key, under the client key of its author (the address it came
  // from, until corrected with it): moved with its author. One the ticket's latest mail names
  // already moves with the ticket.
  const movedWithTicket = new Set(moved.map((key) => key.from));
  const followUpKeys = clientMessages.flatMap((message) => {
    if (!message.messageId) return [];
    const key = {
      from: messageIdKey(message.messageId, clientGroupId(message.author)),
      to: messageIdKey(message.messageId, change.clientKey.to),
    };
    return key.from === key.to || movedWithTicket.has(key.from) ? [] : [{ id: message.id, key }];
  });
  // An expired key (TTL not yet run) threads no more: it is left to expire, not moved.
  const targets = await deps.threads.threadTargets(
    [...moved, ...followUpKeys.map(({ key }) => key)].map((key) => key.from),
    new Date(at),
  );
  const outcome = await deps.rectification.rectify(reference, {
    expect: ticket.client,
    client: change.client,
    ...(change.callback ? { callback: change.callback } : {}),
    clientKey: change.clientKey,
    // Every key of the corrected ticket written, not only the new ones: an index item missing
    // (a crash, an older writer) is restored, and none derived from the new values is left out.
    subjectKeys: { remove: change.subjectKeys.remove, add: change.subjectKeysAfter },
    threadKeys: moved.filter((key) => targets.get(key.from) === reference),
    moveFlags: change.clientKey.from !== change.clientKey.to,
    clientMessageIds,
    messageThreadKeys: Object.fromEntries(
      followUpKeys.filter(({ key }) => targets.get(key.from) === reference).map(({ id, key }) => [id, key]),
    ),
    correction:
      change.changed.length > 0 ? { fields: change.changed, reason, by: caller.username, at } : undefined,
    audit,
  });
  if (outcome === 'conflict') throw new Refused('Conflict', 409);
  return { reference, changed: [...change.changed] };
}

/** The correction as typed, or `ValidationError` naming the fields that cannot be an email or phone. */
function checked(request: RectifyClientRequest): ClientCorrection {
  const faults: FieldRefusal[] = [];
  if (request.email !== undefined && !looksLikeEmail(request.email))
    faults.push({ field: 'email', key: 'staff.field.invalid' });
  if (request.phone !== undefined && !/^\+\d{7,15}$/.test(normalisePhone(request.phone)))
    faults.push({ field: 'phone', key: 'staff.field.invalid' });
  if (
    request.name === undefined &&
    request.email === undefined &&
    request.phone === undefined &&
    request.postalAddress === undefined
  )
    faults.push({ field: 'name', key: 'staff.field.required' });
  if (faults.length) throw invalidFields(faults);
  return {
    name: request.name,
    email: request.email,
    phone: request.phone,
    postalAddress: request.postalAddress,
  };
}
