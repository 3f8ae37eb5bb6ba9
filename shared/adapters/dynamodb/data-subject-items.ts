/**
 * A data subject's items in the tickets table, as pure functions shared by the DynamoDB and memory
 * adapters: the data-subject index (`SUBJECT#<subject key>` / `TICKET#<reference>`, only `type` and
 * `reference`), what a ticket's partition holds of its client, and what erasure leaves of each item.
 * Erasure keeps an allow-list per item type (never a deny-list: a field added later is removed until
 * someone decides it holds no personal data).
 */
import { clientGroupId } from '../../domain/ids.ts';
import { messageIdKey, sesMessageIdKey } from '../../domain/threading.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { quarantinePrefix, rawMailPrefix } from '../../mail/keys.ts';
import type { SubjectDelivery, SubjectFile } from '../../ports/data-subjects.ts';
import type { Item } from './items.ts';
import { ticketSubjectKeys } from './subject-items.ts';

export { heldObjectItem, heldObjectKey, heldObjectsOfMessage } from './held-objects.ts';

export const subjectPartition = (subjectKey: string) => `SUBJECT#${subjectKey}`;
export const subjectTicketKey = (subjectKey: string, reference: string) => ({
  pk: subjectPartition(subjectKey),
  sk: `TICKET#${reference}`,
});
export const subjectQuestionKey = (subjectKey: string, questionId: string) => ({
  pk: subjectPartition(subjectKey),
  sk: `QUESTION#${questionId}`,
});

/** The index item of one subject key of a ticket's client (the one layout, in `./subject-items.ts`). */
export { subjectIndexItem as subjectTicketItem } from './subject-items.ts';

/** Every pseudonym of the ticket's client: its data-subject keys and its client key. */
export function clientPseudonyms(ticket: Pick<Ticket, 'client' | 'callback'>): {
  subjectKeys: string[];
  clientKey: string;
} {
  // The keys intake wrote: the client's, and a callback's phone when it differs.
  return { subjectKeys: ticketSubjectKeys(ticket), clientKey: clientGroupId(ticket.client.email) };
}

/**
 * The message-id keys that thread mail to the ticket: the client's own ids (those the ticket names,
 * and each follow-up's own that its message kept) and our sends' SES ids.
 */
export function threadKeysOf(ticket: Ticket, partition: readonly Item[]): string[] {
  const clientKey = clientGroupId(ticket.client.email);
  const followUps = partition
    .filter((item) => String(item.sk).startsWith('MESSAGE#') && item.kind === 'client')
    .map((item) => item.messageId);
  const ids = [ticket.email?.messageId, ...(ticket.email?.references ?? []), ...followUps].filter(
    (id): id is string => typeof id === 'string' && id.trim() !== '',
  );
  const sends = partition
    .filter((item) => String(item.sk).startsWith('OUTBOUND#') && typeof item.sesMessageId === 'string')
    .map((item) => sesMessageIdKey(String(item.sesMessageId)));
  const acknowledgement = ticket.acknowledgement
    ? [sesMessageIdKey(ticket.acknowledgement.sesMessageId)]
    : [];
  return [...new Set([...ids.map((id) => messageIdKey(id, clientKey)), ...sends, ...acknowledgement])];
}

/** Where a ticket, or a client's follow-up, came in: its channel, source id and idempotency record. */
interface IntakeSource {
  readonly channel: string;
  readonly id: string;
  readonly idempotencyKey?: string | undefined;
}

/** The intake sources of a ticket: its own, and each client follow-up's that recorded one. */
function intakeSourcesOf(ticket: Ticket, partition: readonly Item[]): IntakeSource[] {
  const own = { channel: ticket.channel, id: ticket.sourceId, idempotencyKey: ticket.idempotencyKey };
  const followUps = partition
    .filter((item) => String(item.sk).startsWith('MESSAGE#') && item.kind === 'client')
    .map((item) => item.source as IntakeSource | undefined)
    .filter((source): source is IntakeSource => typeof source?.id === 'string' && source.id !== '');
  return [own, ...followUps];
}

/**
 * The intake records that hold a ticket's or its follow-ups' whole intake message: the keys of the
 * idempotency records (`IDEMPOTENCY#<key>`), and for mail its raw object (`raw-mail/<SES id>`) and
 * its attachments' prefix (`attachments/<SES id>/`), and the copy under `quarantine/<SES id>` a
 * mail released from quarantine leaves (absent for the rest: deleting it then changes nothing). The key is the one recorded with the source;
 * older tickets did not record it, and it is derived where intake's rule allows (email:
 * `email:<SES id>`, web form: the request's own key after `web:`).
 *
 * The gap, for what was stored before sources were recorded: a logged call's record
 * (`call:<user>:<key>`, its key not derivable from the ticket) stays until its TTL (a day); a
 * follow-up mail joined before its MESSAGE item carried `source` keeps its idempotency record
 * (`email:<SES id>`, TTL a year) and its raw mail (the retention sweeper's listing of `raw-mail/`
 * removes it at its period's end); its attachments are listed on the message and go with it.
 */
export function intakeRecordsOf(
  ticket: Ticket,
  partition: readonly Item[],
): {
  idempotencyKeys: string[];
  rawMail: string[];
  quarantineCopies: string[];
  attachmentPrefixes: string[];
} {
  const idempotencyKeys = new Set<string>();
  const rawMail = new Set<string>();
  const quarantineCopies = new Set<string>();
  const attachmentPrefixes = new Set<string>();
  for (const source of intakeSourcesOf(ticket, partition)) {
    if (source.idempotencyKey) idempotencyKeys.add(source.idempotencyKey);
    if (source.channel === 'email' && source.id) {
      idempotencyKeys.add(`email:${source.id}`);
      rawMail.add(`${rawMailPrefix}${source.id}`);
      // Mail released from quarantine leaves its held copy there (ingest-email's `quarantine`).
      quarantineCopies.add(`${quarantinePrefix}${source.id}`);
      attachmentPrefixes.add(`attachments/${source.id}/`);
    }
    if (source.channel === 'web' && source.id.startsWith('web:')) idempotencyKeys.add(source.id.slice(4));
  }
  return {
    idempotencyKeys: [...idempotencyKeys],
    rawMail: [...rawMail],
    quarantineCopies: [...quarantineCopies],
    attachmentPrefixes: [...attachmentPrefixes],
  };
}

/** The ticket's files in the mail bucket, and the prefix of its reply uploads. */
export function filesOf(ticket: Ticket, partition: readonly Item[]): SubjectFile[] {
  const files: SubjectFile[] = [];
  for (const attachment of ticket.attachments ?? [])
    files.push({
      kind: ticket.channel === 'postal' ? 'scan' : 'attachment',
      key: attachment.key,
      name: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
    });
  for (const key of intakeRecordsOf(ticket, partition).rawMail)
    files.push({ kind: 'raw-mail', key, name: key.slice('raw-mail/'.length) });
  if (ticket.postal)
    files.push({
      kind: 'scan',
      key: `scans/${ticket.postal.registrationId}`,
      name: ticket.postal.registrationId,
    });
  for (const item of partition) {
    const sk = String(item.sk);
    if (sk.startsWith('MESSAGE#') && Array.isArray(item.attachments))
      for (const attachment of item.attachments as {
        key: string;
        filename: string;
        contentType?: string;
        size?: number;
      }[])
        files.push({
          kind: item.kind === 'client' ? 'attachment' : 'reply-file',
          key: attachment.key,
          name: attachment.filename,
          ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
          ...(typeof attachment.size === 'number' ? { size: attachment.size } : {}),
        });
    if (sk.startsWith('LETTER#') && typeof item.key === 'string')
      files.push({
        kind: 'letter',
        key: item.key,
        name: item.key.split('/').at(-1) ?? item.key,
        contentType: 'application/pdf',
      });
  }
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.key) && seen.add(file.key));
}

/** The deliveries (outbound items) of a ticket's partition. */
export function deliveriesOf(partition: readonly Item[]): SubjectDelivery[] {
  return partition
    .filter((item) => String(item.sk).startsWith('OUTBOUND#'))
    .map((item) => ({
      outboundId: String(item.sk).slice('OUTBOUND#'.length),
      kind: String(item.kind ?? ''),
      ...(typeof item.sentAt === 'string' ? { at: item.sentAt } : {}),
      ...(typeof item.state === 'string' ? { sendState: item.state } : {}),
      ...(typeof item.to === 'string' ? { to: item.to } : {}),
      ...(typeof item.subject === 'string' ? { subject: item.subject } : {}),
    }));
}

const pick = (item: Item, keep: readonly string[]): Item =>
  Object.fromEntries(Object.entries(item).filter(([field]) => keep.includes(field)));

/**
 * What erasure does with one item of the ticket's partition other than the ticket: `keep` (nothing
 * personal), `delete`, or the item to put instead (allow-listed fields only). A rewritten item is
 * marked `erased`, so that doing it again changes nothing.
 */
export function erasedPartitionItem(item: Item): 'keep' | 'delete' | Item {
  const sk = String(item.sk);
  if (item.erased === true) return 'keep';
  if (sk.startsWith('MESSAGE#'))
    return {
      // The source stays (ids only): a run that stops before the ticket is done finds its records again.
      ...pick(item, ['pk', 'sk', 'type', 'id', 'kind', 'at', 'outboundId', 'source']),
      author: item.kind === 'client' ? '' : String(item.author ?? ''),
      text: '',
      erased: true,
    };
  if (sk.startsWith('OUTBOUND#'))
    return {
      ...pick(item, ['pk', 'sk', 'type', 'kind', 'state', 'sentAt', 'sesMessageId', 'createdAt']),
      erased: true,
    };
  if (sk.startsWith('LETTER#'))
    return {
      ...pick(item, [
        'pk',
        'sk',
        'type',
        'reference',
        'letterId',
        'kind',
        'size',
        'createdAt',
        'competence',
        'dispatch',
      ]),
      key: '',
      recipientName: '',
      erased: true,
    };
  if (sk.startsWith('DELIVERY#'))
    return { ...pick(item, ['pk', 'sk', 'type', 'undeliverable', 'at', 'kind', 'outboundId']), erased: true };
  if (sk === 'SURVEY#COMMENT') return 'delete';
  // Its export's object is deleted first (`exportKeysOf`); the record goes with it.
  if (sk.startsWith(exportSortPrefix)) return 'delete';
  if (sk === 'SURVEY') {
    const { comment: _comment, ...rest } = item;
    return { ...rest, erased: true };
  }
  // The ticket itself (pseudonymised apart), take records, invitations: nothing personal.
  return 'keep';
}

/** The postal registration of a ticket's letter (`POSTREG#<id>`), by the id its postal receipt holds. */
export const registrationKey = (registrationId: string) => ({
  pk: `POSTREG#${registrationId}`,
  sk: 'POSTREG',
});

/**
 * The mailroom's registration of a letter, erased: it stays in the mailroom's list (when, by whom,
 * what became of it: the state, the ticket, the scan's kind and pages, the refusal), without the
 * sender, the subject, the file's name, the registered-mail number or the request's fingerprint.
 * No figure reads registrations; the list keeps its rows so that the mailroom's history adds up.
 */
export function erasedRegistrationItem(item: Item): Item {
  const file = (item.file ?? {}) as { contentType?: unknown; size?: unknown };
  return {
    ...pick(item, [
      'pk',
      'sk',
      'type',
      'id',
      'state',
      'createdAt',
      'registeredBy',
      'receivedOn',
      'topic',
      'language',
      'reference',
      'scan',
      'refusal',
      'settledAt',
      'worklistKey',
      'receivedKey',
    ]),
    sender: { name: '', postalAddress: { addressLine: '', place: '', postalCode: '' } },
    file: { filename: '', contentType: String(file.contentType ?? ''), size: Number(file.size ?? 0) },
    erased: true,
  };
}

const exportSortPrefix = 'EXPORT#';

/**
 * That a data-subject export holds the ticket: an item in the ticket's partition with the ZIP's
 * key (no personal data), gone by TTL with the ZIP, so that erasing the ticket deletes the ZIP.
 */
export function exportItem(reference: string, exportId: string, key: string, expiresAt: number): Item {
  return {
    pk: `TICKET#${reference}`,
    sk: `${exportSortPrefix}${exportId}`,
    type: 'subject-export',
    key,
    expiresAt,
  };
}

/** The keys of the exports that hold the ticket, from its partition (expired records included: harmless). */
export function exportKeysOf(partition: readonly Item[]): string[] {
  return partition
    .filter((item) => String(item.sk).startsWith(exportSortPrefix) && typeof item.key === 'string')
    .map((item) => String(item.key));
}

/**
 * Every object of the ticket's in the mail bucket a hold must keep: its files (raw mail of the
 * ticket and its follow-ups, attachments, scan, letters, reply files) and its quarantine copies.
 */
export function heldObjectsOf(ticket: Ticket, partition: readonly Item[]): string[] {
  return [
    ...new Set([
      ...filesOf(ticket, partition).map((file) => file.key),
      ...intakeRecordsOf(ticket, partition).quarantineCopies,
    ]),
  ];
}
