/** What the mailroom's verbs return: registrations of received letters, and letters to post. */
import * as z from 'zod/mini';
import { page, postalAddressView, uploadTargetShape } from './common.ts';

export const postRegistrationSchema = z.object({
  id: z.string(),
  /** `awaiting-scan` until the upload arrives and is checked; then `accepted` or `refused`. */
  state: z.enum(['awaiting-scan', 'accepted', 'refused']),
  createdAt: z.string(),
  registeredBy: z.string(),
  sender: z.object({
    name: z.string(),
    postalAddress: postalAddressView,
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
  receivedOn: z.string(),
  registeredMailNumber: z.optional(z.string()),
  subject: z.optional(z.string()),
  topic: z.optional(z.string()),
  language: z.enum(['lv', 'en']),
  file: z.object({ filename: z.string(), contentType: z.string(), size: z.number() }),
  /** Accepted: the ticket's reference (the ticket itself appears once intake has stored it). */
  reference: z.optional(z.string()),
  scan: z.optional(
    z.object({
      kind: z.string(),
      pages: z.number(),
      needsTranscription: z.boolean(),
      ocr: z.optional(z.boolean()),
    }),
  ),
  /** Refused: the reason's code, what the file was, and the explanation in the caller's language. */
  refusal: z.optional(
    z.object({ reason: z.string(), detected: z.optional(z.string()), message: z.string() }),
  ),
  settledAt: z.optional(z.string()),
});
export type PostRegistrationView = z.infer<typeof postRegistrationSchema>;

/** `POST /api/staff/post` (with `upload`) and `GET /api/staff/post/{id}`. */
export const postRegistrationResponseSchema = z.object({
  registration: postRegistrationSchema,
  /** Only when registering: PUT the scan's bytes to `url` with exactly `headers` before `expiresAt`. */
  upload: z.optional(z.object(uploadTargetShape)),
});
export type PostRegistrationResponse = z.infer<typeof postRegistrationResponseSchema>;

export const postRegistrationListResponseSchema = page(postRegistrationSchema);
export type PostRegistrationListResponse = z.infer<typeof postRegistrationListResponseSchema>;

export const letterSchema = z.object({
  reference: z.string(),
  letterId: z.string(),
  /** What it is: `acknowledgement`, `reply`, `reroute-notice`, `deadline-extension`, `end-service`. */
  kind: z.string(),
  createdAt: z.string(),
  recipientName: z.string(),
  competence: z.string(),
  size: z.number(),
  /** Files a reply carried, to print and enclose. */
  enclosures: z.number(),
  dispatch: z.optional(
    z.object({
      by: z.string(),
      at: z.string(),
      dispatchedOn: z.string(),
      registeredMailNumber: z.optional(z.string()),
    }),
  ),
});
export type LetterView = z.infer<typeof letterSchema>;

export const letterListResponseSchema = page(letterSchema);
export type LetterListResponse = z.infer<typeof letterListResponseSchema>;

/** One letter with short-lived download links (the PDF, then each enclosure). */
export const letterResponseSchema = z.object({
  letter: z.extend(letterSchema, {
    downloadUrl: z.string(),
    enclosureLinks: z.array(z.object({ filename: z.string(), url: z.string() })),
  }),
});
export type LetterResponse = z.infer<typeof letterResponseSchema>;
