/**
 * The keys of a ticket's items and of what points at it (see `./ticket-items.ts` for the layout).
 * Free of domain imports, so that an adapter needing only a key stays small in its bundle.
 */
export const ticketKey = (reference: string) => ({ pk: `TICKET#${reference}`, sk: 'TICKET' });
export const ticketPartition = (reference: string) => `TICKET#${reference}`;
export const threadKey = (key: string) => ({ pk: `MSGID#${key}`, sk: 'MSGID' });
export const senderKey = (clientKey: string) => ({ pk: `SENDER#${clientKey}`, sk: 'SENDER' });
export const messageKey = (reference: string, id: string) => ({
  pk: ticketPartition(reference),
  sk: `MESSAGE#${id}`,
});
export const outboundKey = (reference: string, outboundId: string) => ({
  pk: ticketPartition(reference),
  sk: `OUTBOUND#${outboundId}`,
});

/** The outbound id of a ticket's acknowledgement. */
export const acknowledgementId = (reference: string) => `ack-${reference}`;

/**
 * The shards of a unit's lists (worklist, deadlines, callbacks). One index partition takes about
 * 1,000 writes a second; a unit's new tickets all land on its worklist and deadline lists, so each
 * list is spread over eight partitions (about 8,000 writes a second per unit) and read back by
 * merging them. Eight keeps a page at eight small parallel queries; more would cost every page
 * more requests for headroom no court needs.
 */
export const listShards = 8;

/** The shard of a ticket's list entries: stable, from its reference alone (FNV-1a). */
export function shardOf(reference: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < reference.length; i += 1) {
    hash ^= reference.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % listShards;
}

/** A list's partition key for a ticket: the list, then the ticket's shard. */
export const shardedKey = (list: string, reference: string) => `${list}#${shardOf(reference)}`;

/** Every shard's partition key of a list. */
export const shardKeysOf = (list: string) =>
  Array.from({ length: listShards }, (_, shard) => `${list}#${shard}`);

/** The list a sharded partition key belongs to, or the key itself when it carries no shard (written before). */
export const listOfKey = (key: string) => key.replace(/#\d+$/, '');
