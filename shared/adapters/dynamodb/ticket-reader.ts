/** One ticket read with what is recorded beside it in its partition. */
import type { Ticket } from '../../domain/ticket.ts';
import type { TicketReader } from '../../ports/ticket-reader.ts';
import { acknowledgementId, ticketPartition, toTicket } from './ticket-items.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

export class DynamoTicketReader implements TicketReader {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  /**
   * The acknowledgement's SES message id lives on the acknowledgement's outbound item, so that a
   * send never rewrites the ticket item (nor its worklist index entry).
   */
  async getTicket(reference: string): Promise<Ticket | undefined> {
    const items = await this.#table.partition(ticketPartition(reference), { consistent: true });
    const item = items.find((candidate) => candidate.sk === 'TICKET');
    if (!item) return undefined;
    const acknowledgement = items.find(
      (candidate) =>
        candidate.sk === `OUTBOUND#${acknowledgementId(reference)}` && candidate.state === 'sent',
    );
    const ticket = toTicket(item);
    return acknowledgement
      ? {
          ...ticket,
          acknowledgement: {
            sesMessageId: String(acknowledgement.sesMessageId),
            sentAt: String(acknowledgement.sentAt),
          },
        }
      : ticket;
  }
}
