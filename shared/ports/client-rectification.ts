/**
 * The write of a rectification (staff-api): the corrected client on the ticket, and every key that
 * pointed at the ticket by the client's old pseudonyms moved to the new ones, in one transaction
 * with the audit record. Adapters: `../adapters/dynamodb/client-rectification.ts` and, for unit
 * tests, `../adapters/memory/client-rectification.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { KeyMove } from '../domain/rectification.ts';
import type { Client, ClientCorrectionRecord, Ticket } from '../domain/ticket.ts';

/** One key moved from the old pseudonym to the new one. */
export interface MovedKey {
  readonly from: string;
  readonly to: string;
}

export interface ClientRectificationWrite {
  /** The client as the staff member saw it: a correction made meanwhile means reading again. */
  readonly expect: Client;
  readonly client: Client;
  /** The pending callback, when it moves to the corrected phone. */
  readonly callback?: Ticket['callback'];
  /** The ticket's client key (the client index): moved when the email changed. */
  readonly clientKey: MovedKey;
  /** The data-subject index items (`SUBJECT#<key>` / `TICKET#<reference>`). */
  readonly subjectKeys: KeyMove;
  /**
   * The client's own Message-ID keys (`MSGID#`) that point at this ticket: re-pointed under the new
   * client key (never taken over from another ticket), the old ones deleted.
   */
  readonly threadKeys: readonly MovedKey[];
  /**
   * Flags kept under the client key that this ticket holds — the sender's ended service (§17,
   * `SENDER#`) and the survey's 30-day address gap (`SURVEYCAP#`): moved to the new key.
   */
  readonly moveFlags: boolean;
  /** The client's messages in the thread, whose author (the sender's address) is corrected too. */
  readonly clientMessageIds: readonly string[];
  /**
   * By message id (of `clientMessageIds`): the key of that mail's own Message-ID, when it points at
   * this ticket, moved in the same transaction as the message's author — so that a retry after a
   * crash finds the messages not yet done by their author and moves their keys then.
   */
  readonly messageThreadKeys?: Readonly<Record<string, MovedKey>>;
  /** Appended to the ticket's `clientCorrections` (absent when only messages are repaired). */
  readonly correction?: ClientCorrectionRecord | undefined;
  readonly audit: AuditRecord;
}

export interface ClientRectification {
  /** Applies the write: `conflict` when the ticket's client is no longer as expected. */
  rectify(reference: string, write: ClientRectificationWrite): Promise<'rectified' | 'conflict'>;
}
