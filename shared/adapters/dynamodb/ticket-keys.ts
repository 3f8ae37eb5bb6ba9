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
