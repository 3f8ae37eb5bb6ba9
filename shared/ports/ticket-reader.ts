/** One ticket by its reference: threading reads the candidates, staff verbs the ticket they change. */
import type { Ticket } from '../domain/ticket.ts';

export interface TicketReader {
  /** The ticket, with its acknowledgement once that was sent; undefined when there is none. */
  getTicket(reference: string): Promise<Ticket | undefined>;
}
