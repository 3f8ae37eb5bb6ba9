/**
 * The requests the staff verbs take, as zod/mini schemas: the HTTP contract validates requests with
 * them (and documents them), the verbs take the types inferred from them.
 */
import * as z from 'zod/mini';
import { postalAddressSchema } from '../../domain/postal-address.ts';
import { maxReplyAttachments, uploadIdPattern } from '../../domain/reply-attachments.ts';
import { type TopicId, topicIds } from '../../domain/topics.ts';

export const calendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Free text staff write: trimmed by the server, never empty, bounded. */
export const staffText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The registered-mail (ierakstīts sūtījums) number, e.g. `RR123456789LV`. */
export const registeredMailNumber = z.optional(
  z.string().check(z.maxLength(40), z.regex(/^[A-Za-z0-9 -]{1,40}$/)),
);

/**
 * A file to upload: its name, type and size in bytes. The name is sanitized (no path, no control
 * characters).
 */
const announcedFile = z.object({
  filename: z.string().check(z.minLength(1), z.maxLength(1000)),
  contentType: z.string().check(z.minLength(1), z.maxLength(200)),
  size: z.number().check(z.int(), z.minimum(0)),
});

export const replyRequestSchema = z.object({
  text: staffText(20_000),
  /** The ticket's status after the reply; default `answered`. */
  status: z.optional(z.enum(['answered', 'waiting-on-client', 'open'])),
  /**
   * Files to send with it: upload ids of `POST …/uploads`, each uploaded already. At most
   * 5 files and 10 MB together; each is checked in the bucket (400, field `attachments`).
   */
  attachments: z.optional(
    z.array(z.string().check(z.regex(uploadIdPattern))).check(z.maxLength(maxReplyAttachments)),
  ),
});
export type ReplyRequest = z.infer<typeof replyRequestSchema>;

/**
 * `POST /api/staff/tickets/{reference}/uploads`: announce one file of a reply. The type
 * (`contentType`, one of `attachmentTypes` of shared/domain/reply-attachments.ts: PDF, images, text,
 * office and e-signed documents) must match the name's extension; over 10 MB is refused with the
 * limit named (400, field `size`). `sha256`: the file's SHA-256 (base64), which S3 holds the upload
 * to and the reply checks again (a file changed after it was attached is refused).
 */
export const uploadRequestSchema = z.object({
  ...announcedFile.shape,
  /**
   * The file's SHA-256, base64 (as S3's `x-amz-checksum-sha256`): the upload is signed with it, so
   * S3 stores only those bytes, and the reply checks the object still has them.
   */
  sha256: z.string().check(z.regex(/^[A-Za-z0-9+/]{43}=$/)),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/**
 * `POST /api/staff/post` (mailroom): register a received letter and get a 5-minute signed PUT
 * for its scan. The file: PDF, JPEG, PNG or TIFF (checked again by its content once uploaded), at
 * most the configured size (25 MB by default). `receivedOn`: the day it arrived (deadlines count
 * from it), not in the future, at most 60 days back. A Latvian postal code is `LV-1234` (`1234`
 * is accepted and normalised); abroad, name the country.
 */
export const registerPostRequestSchema = z.object({
  name: staffText(200),
  address: postalAddressSchema,
  email: z.optional(z.string().check(z.maxLength(254), z.email())),
  phone: z.optional(z.string().check(z.maxLength(30), z.regex(/^\+?\d[\d ()-]{5,25}\d$/))),
  receivedOn: calendarDate,
  registeredMailNumber,
  subject: z.optional(z.string().check(z.maxLength(200))),
  topic: z.optional(z.enum(topicIds as [TopicId, ...TopicId[]])),
  /** The language of the letter (and of what we write back); default Latvian. */
  language: z.optional(z.enum(['lv', 'en'])),
  file: announcedFile,
});
export type RegisterPostRequest = z.infer<typeof registerPostRequestSchema>;

/**
 * `POST /api/staff/calls` (agents, supervisors): a phone call logged as a ticket (channel
 * `phone`): the phone menu's digit the caller chose (§8, the topic catalogue's), the caller's
 * number, name and what they asked. Routed by the digit's topic like a web request.
 */
export const logCallRequestSchema = z.object({
  digit: z.number().check(z.int(), z.minimum(0), z.maximum(9)),
  phone: z.string().check(z.minLength(1), z.maxLength(30), z.regex(/^\+?\d[\d ()-]{5,25}\d$/)),
  name: staffText(200),
  summary: staffText(20_000),
  subject: z.optional(z.string().check(z.maxLength(200))),
  email: z.optional(z.string().check(z.maxLength(254), z.email())),
  language: z.optional(z.enum(['lv', 'en'])),
});
export type LogCallRequest = z.infer<typeof logCallRequestSchema>;
