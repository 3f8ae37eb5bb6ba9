/**
 * What send-email needs of the tickets table: what to send (and whether it was sent), the sends
 * recorded with their audit records, and how many tickets a client opened lately (the hourly limit).
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { LetterRecord } from './postal.ts';
import type { ThreadMessage } from './thread-message.ts';

/**
 * Not sent, on purpose: the address had its hour's acknowledgements already (`rate-limit`), the
 * court's hourly acknowledgement budget was spent (`ack-budget`), the client has no email address
 * (a placeholder of the `.invalid` domain), or the ticket was pseudonymised.
 */
export type WithheldReason = 'rate-limit' | 'ack-budget' | 'no-address' | 'erased';

export interface CompletedSend {
  readonly reference: string;
  readonly outboundId: string;
  readonly kind: OutboundMessage['kind'];
  readonly sesMessageId: string;
  readonly sentAt: string;
  readonly withheld?: WithheldReason;
  /** Printed instead of sent (no email address, a postal address): the letter for the mailroom. */
  readonly letter?: LetterRecord;
  readonly audit: AuditRecord;
  /** The survey invitation it carried (`InviteToSurvey`), recorded with the send. */
  readonly invitationAudit?: AuditRecord;
}

/** One outbound message to look up: its ticket, its id, and for a reply the thread message sent. */
export interface OutboundLookup {
  readonly reference: string;
  readonly outboundId: string;
  readonly messageId?: string | undefined;
}

export interface OutboundState {
  readonly ticket: Ticket | undefined;
  /** Sent (or withheld, or printed) and recorded already. */
  readonly sent: boolean;
  readonly message?: ThreadMessage | undefined;
}

export interface OutboundStore {
  /**
   * For each outbound message: its ticket, whether it was sent (and recorded) already, and for a
   * reply the thread message whose text is sent.
   */
  getForSending(messages: readonly OutboundLookup[]): Promise<OutboundState[]>;
  /**
   * Records completed sends (SES message id, time) on their outbound items in the tickets'
   * partitions, with their audit records; `getTicket` shows an acknowledgement's as the ticket's
   * `acknowledgement`. Answers per entry `true` when recorded now, `false` when recorded already,
   * or the error that entry failed with.
   */
  completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]>;
  /**
   * How many tickets of the client key were received from `from` up to and including `through`
   * (`receivedAt#reference` keys), counting at most `limit`.
   */
  ticketsReceivedBetween(clientKey: string, from: string, through: string, limit: number): Promise<number>;
}
