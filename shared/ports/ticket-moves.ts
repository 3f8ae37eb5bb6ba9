/** Staff moving a ticket to another unit or to a later deadline, each a conditional write. */
import type { DeadlineChange, Reroute, Ticket } from '../domain/ticket.ts';

export interface TicketMoves {
  /**
   * Moves a ticket from `change.from` to `change.to`, back to the new unit's queue (unassigned),
   * with its new expected date and the reroute appended; undefined when the ticket is not in
   * `change.from` (any more) or is answered or closed.
   */
  rerouteTicket(
    reference: string,
    change: {
      readonly reroute: Reroute;
      readonly expectedAnswerBy: string;
      /** A new ticket held for a supervisor (§17) stays held in the new unit. */
      readonly heldForReview?: boolean;
      /** A callback is still to be made: the ticket moves to the new unit's callback list too. */
      readonly callbackPending?: boolean;
    },
  ): Promise<Ticket | undefined>;
  /**
   * Moves the answer deadline from `change.from` to `change.to` and appends the change; undefined
   * when the deadline is not `change.from` (any more) or the ticket is answered or closed.
   */
  extendTicketDeadline(
    reference: string,
    change: DeadlineChange,
    /** When given, the ticket must (still) be in this unit. */
    competence?: string,
  ): Promise<Ticket | undefined>;
}
