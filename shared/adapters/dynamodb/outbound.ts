/**
 * send-email's side of the tickets table: what to send (and whether it was sent), read in batches,
 * and each send recorded once on its outbound item with its audit record.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sesMessageIdKey } from '../../domain/threading.ts';
import type { CompletedSend, OutboundLookup, OutboundState, OutboundStore } from '../../ports/outbound.ts';
import type { Item } from './items.ts';
import { letterItem } from './postal-desk.ts';
import {
  doneSendStates,
  messageKey,
  outboundKey,
  threadKey,
  ticketKey,
  toThreadMessage,
  toTicket,
} from './ticket-items.ts';
import { type DynamoTables, TicketsTable, type TransactItem } from './tickets-table.ts';

const keyOf = (item: { pk: string; sk: string }) => `${item.pk}|${item.sk}`;

export class DynamoOutbound implements OutboundStore {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async getForSending(messages: readonly OutboundLookup[]): Promise<OutboundState[]> {
    const keys = new Map<string, { pk: string; sk: string }>();
    for (const { reference, outboundId, messageId } of messages) {
      for (const key of [
        ticketKey(reference),
        outboundKey(reference, outboundId),
        ...(messageId ? [messageKey(reference, messageId)] : []),
      ])
        keys.set(keyOf(key), key);
    }
    const items = new Map<string, Item>();
    for (const item of await this.#table.batchGet([...keys.values()]))
      items.set(`${item.pk}|${item.sk}`, item);
    return messages.map(({ reference, outboundId, messageId }) => {
      const ticket = items.get(keyOf(ticketKey(reference)));
      const message = messageId ? items.get(keyOf(messageKey(reference, messageId))) : undefined;
      return {
        ticket: ticket ? toTicket(ticket) : undefined,
        sent: doneSendStates.includes(String(items.get(keyOf(outboundKey(reference, outboundId)))?.state)),
        ...(message ? { message: toThreadMessage(message) } : {}),
      };
    });
  }

  /**
   * Four items per send (its record, the record's ticket index item, the audit record and the
   * Message-ID key): all in one transaction when they fit, else one by one, so that only a send
   * whose own record cannot be written is retried (and sent again).
   */
  completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]> {
    return this.#table.writeEach(entries, (entry) => this.#sentItems(entry), {
      written: true,
      exists: false,
    });
  }

  #sentItems(entry: CompletedSend): TransactItem[] {
    const table = this.#table.name;
    return [
      this.#table.newItem({
        ...outboundKey(entry.reference, entry.outboundId),
        // Withheld and printed count as done too: a redelivery must not send it after all.
        state: entry.withheld ? 'withheld' : entry.letter ? 'letter' : 'sent',
        ...(entry.withheld ? { withheld: entry.withheld } : {}),
        ...(entry.letter ? { letterId: entry.letter.letterId } : {}),
        kind: entry.kind,
        sesMessageId: entry.sesMessageId,
        sentAt: entry.sentAt,
      }),
      ...this.#table.auditPuts(entry.audit),
      ...(entry.invitationAudit ? this.#table.auditPuts(entry.invitationAudit) : []),
      // The letter the mailroom prints and posts, on its list until the dispatch is recorded.
      ...(entry.letter ? [{ Put: { TableName: table, Item: letterItem(entry.letter) } }] : []),
      // The client's answer to this mail threads back by its Message-ID (SES's id @amazonses.com).
      ...(entry.withheld || entry.letter
        ? []
        : [
            {
              Put: {
                TableName: table,
                Item: {
                  ...threadKey(sesMessageIdKey(entry.sesMessageId)),
                  type: 'msgid',
                  reference: entry.reference,
                  expiresAt: this.#table.expiryOf('message-id-key', entry.sentAt),
                },
              },
            },
          ]),
    ];
  }

  async ticketsReceivedBetween(
    clientKey: string,
    from: string,
    through: string,
    limit: number,
  ): Promise<number> {
    const result = await this.#table.client.send(
      new QueryCommand({
        TableName: this.#table.name,
        IndexName: 'client',
        KeyConditionExpression: 'clientKey = :key AND receivedKey BETWEEN :from AND :through',
        ExpressionAttributeValues: { ':key': clientKey, ':from': from, ':through': through },
        Select: 'COUNT',
        Limit: limit,
      }),
    );
    return result.Count ?? 0;
  }
}
