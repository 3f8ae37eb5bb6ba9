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
import type { SubjectDelivery, SubjectFile } from '../../ports/data-subjects.ts';
import type { Item } from './items.ts';
import { ticketSubjectKeys } from './subject-items.ts';

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

/** The message-id keys that thread mail to the ticket: the client's own ids and our sends' SES ids. */
export function threadKeysOf(ticket: Ticket, partition: readonly Item[]): string[] {
  const clientKey = clientGroupId(ticket.client.email);
  const ids = [ticket.email?.messageId, ...(ticket.email?.references ?? [])].filter(
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
  if (ticket.channel === 'email' && ticket.sourceId)
    files.push({ kind: 'raw-mail', key: `raw-mail/${ticket.sourceId}`, name: ticket.sourceId });
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
      ...pick(item, ['pk', 'sk', 'type', 'id', 'kind', 'at', 'outboundId']),
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
  if (sk === 'SURVEY') {
    const { comment: _comment, ...rest } = item;
    return { ...rest, erased: true };
  }
  // The ticket itself (pseudonymised apart), take records, invitations: nothing personal.
  return 'keep';
}
