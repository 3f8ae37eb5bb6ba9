/**
 * All ports under their old single address, for importers not yet moved to the port files
 * themselves (one file per consumer: `./intake.ts`, `./threading.ts`, `./outbound.ts`, …).
 * Nothing new should import this file.
 */
export type { AccessMetrics } from './access-metrics.ts';
export type { AuditLog } from './audit-log.ts';
export type { BlobStore } from './blob-store.ts';
export type { Clock } from './clock.ts';
export type { BacklogCounters, BacklogReader, DiscardCounters } from './counters.ts';
export type { Ids } from './ids.ts';
export type {
  IdempotencyRecord,
  IdempotencyStore,
  NewTicket,
  ReferenceBlocks,
  TicketIntake,
} from './intake.ts';
export type { EmailAttachment, Mailer, OutgoingEmail } from './mailer.ts';
export type {
  CompletedSend,
  OutboundLookup,
  OutboundState,
  OutboundStore,
  WithheldReason,
} from './outbound.ts';
export type { MailQuarantine, QuarantineRecord } from './quarantine.ts';
export type { MessageQueue, SendOptions } from './queue.ts';
export type { ThreadMessage } from './thread-message.ts';
export type { ClientFollowUp, ThreadingStore } from './threading.ts';
export type { SentRecord, StaffWrite, TicketDesk, TicketRecord } from './ticket-desk.ts';
export type { TicketMoves } from './ticket-moves.ts';
export type { TicketReader } from './ticket-reader.ts';
export type { TicketStore } from './ticket-store.ts';
export type { DownloadLinks, UploadedObject, UploadTargets } from './uploads.ts';
export type { TakeRecord, WorklistPage, Worklists, WorklistView } from './worklists.ts';
