/** What the quarantine verbs return: held inbound mail, for the units' supervisors. */
import * as z from 'zod/mini';
import { competenceIds, page } from './common.ts';

export const quarantineReasonCodes = [
  'virus',
  'dmarc',
  'too-large',
  'too-many-parts',
  'too-deep',
  'too-many-attachments',
  'attachment-too-large',
  'unparseable',
  'no-sender',
  // Read, but a service refused what was made of it (a value S3 would not store, a message the
  // queue would not take): every retry would fail alike.
  'ingest-failed',
] as const;

export const quarantineSummarySchema = z.object({
  /** The SES message id. */
  id: z.string(),
  competence: z.enum(competenceIds),
  reason: z.enum(quarantineReasonCodes),
  /** A short technical explanation, without personal data. */
  detail: z.string(),
  receivedAt: z.string(),
  /** The envelope recipients (our addresses). */
  recipients: z.array(z.string()),
  state: z.enum(['held', 'released']),
  /** Who released it, when, why, and the ticket it became. */
  release: z.optional(
    z.object({ by: z.string(), at: z.string(), reason: z.string(), reference: z.string() }),
  ),
});
export type QuarantineSummary = z.infer<typeof quarantineSummarySchema>;

/** `GET /api/staff/quarantine`. */
export const quarantineListResponseSchema = page(quarantineSummarySchema);
export type QuarantineListResponse = z.infer<typeof quarantineListResponseSchema>;

/** What could be read of the raw mail, as plain text only: its HTML is never shown. */
export const quarantinePreviewSchema = z.object({
  from: z.optional(z.object({ name: z.string(), address: z.string() })),
  to: z.array(z.string()),
  subject: z.string(),
  date: z.optional(z.string()),
  text: z.string(),
  /** The text was cut to its first part. */
  truncated: z.boolean(),
  /** The mail has an HTML version too (not shown here; download the original to inspect it). */
  hasHtml: z.boolean(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number() })),
});
export type QuarantinePreview = z.infer<typeof quarantinePreviewSchema>;

export const quarantineDetailSchema = z.extend(quarantineSummarySchema, {
  /** The raw message's size in bytes, when it is in the bucket. */
  size: z.optional(z.number()),
  preview: z.optional(quarantinePreviewSchema),
  /** Why there is no preview: unreadable even within SES's own limits, too large, or missing. */
  previewUnavailable: z.optional(z.enum(['unreadable', 'too-large', 'missing'])),
  /** A 5-minute link that downloads the original (`.eml`), never shown inline. */
  downloadUrl: z.optional(z.string()),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(['release'])),
});
export type QuarantineDetail = z.infer<typeof quarantineDetailSchema>;

/** `POST /api/staff/quarantine/{id}/release`: the mail as released, and its ticket's reference. */
export const quarantineReleaseResponseSchema = z.object({
  mail: quarantineSummarySchema,
  reference: z.string(),
});
export type QuarantineReleaseResponse = z.infer<typeof quarantineReleaseResponseSchema>;
