/**
 * Every consumer port of the tickets table at once, as one object (the DynamoDB and memory ticket
 * stores implement it). New code takes only the ports it uses; this whole is for callers that have
 * not been narrowed yet.
 */
import type { BacklogCounters, DiscardCounters } from './counters.ts';
import type { IdempotencyStore, ReferenceBlocks, TicketIntake } from './intake.ts';
import type { OutboundStore } from './outbound.ts';
import type { MailQuarantine } from './quarantine.ts';
import type { ThreadingStore } from './threading.ts';
import type { TicketMoves } from './ticket-moves.ts';
import type { TicketReader } from './ticket-reader.ts';

export interface TicketStore
  extends ReferenceBlocks,
    IdempotencyStore,
    TicketIntake,
    TicketReader,
    ThreadingStore,
    OutboundStore,
    TicketMoves,
    BacklogCounters,
    DiscardCounters,
    MailQuarantine {}
