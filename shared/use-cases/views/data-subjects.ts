/**
 * The data protection officer's views (§5.6, §13, §24; role `dpo`, 403 for every other role): a
 * data subject's records found by email, phone, name and postal address, or ticket references;
 * their erasure (tickets pseudonymised, texts, files and keys deleted, statistics kept); their
 * export (a ZIP behind a short-lived link); legal holds on tickets; and the rectification of a
 * client's data by staff of the ticket's unit. Personal data travels in bodies, never in URLs.
 */
import * as z from 'zod/mini';
import { postalAddressSchema } from '../../domain/postal-address.ts';
import { controlCharacters, formatCharacters, lineBreaks } from '../../domain/text-characters.ts';
import { competenceIds, postalAddressView } from './common.ts';

/** One line of plain text: no control (Cc, line breaks too), bidi or other format (Cf) character. */
const plainLine = z.refine<string>(
  (value) => !controlCharacters.test(value) && !lineBreaks.test(value) && !formatCharacters.test(value),
  { message: 'characters' },
);
const channel = z.enum(['web', 'email', 'postal', 'phone']);
const reference = z.string().check(z.regex(/^[A-Z]{2}-\d{4}-\d{6}$/));
const email = z.string().check(z.trim(), z.minLength(3), z.maxLength(254), plainLine);
const phone = z.string().check(z.trim(), z.minLength(3), z.maxLength(40), plainLine);
const name = z.string().check(z.trim(), z.minLength(2), z.maxLength(200), plainLine);
/** A reason or legal basis: required, plain text. */
const reason = z.string().check(z.trim(), z.minLength(3), z.maxLength(500), plainLine);

/**
 * Who the data subject is: any of the email, phone, name with postal address (a name alone finds too
 * many), or ticket references. At least one is required (a 400 names the fields otherwise).
 */
export const dataSubjectQueryShape = {
  email: z.optional(email),
  phone: z.optional(phone),
  name: z.optional(name),
  postalAddress: z.optional(postalAddressSchema),
  references: z.optional(z.array(reference).check(z.minLength(1), z.maxLength(100))),
};

/** `POST /api/staff/data-subjects/search`. `reference` (one) is accepted beside `references`. */
export const dataSubjectSearchSchema = z.object({
  ...dataSubjectQueryShape,
  reference: z.optional(reference),
});
export type DataSubjectSearchRequest = z.infer<typeof dataSubjectSearchSchema>;

/** A legal hold on a ticket: retention and erasure stop for it until lifted. */
export const legalHoldSchema = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type LegalHoldView = z.infer<typeof legalHoldSchema>;

/** A file of the subject's: an attachment, a scan, a reply's file, a printed letter, a raw mail. */
export const subjectFileSchema = z.object({
  kind: z.enum(['attachment', 'scan', 'reply-file', 'letter', 'raw-mail']),
  name: z.string(),
  contentType: z.optional(z.string()),
  size: z.optional(z.number()),
});

export const subjectTicketSchema = z.object({
  reference: z.string(),
  competence: z.enum(competenceIds),
  channel,
  receivedAt: z.string(),
  status: z.string(),
  /** `null` when the ticket is not under legal hold. */
  legalHold: z.nullable(legalHoldSchema),
  /** When the ticket was pseudonymised (erasure or retention): its personal data is gone. */
  erasedAt: z.optional(z.string()),
  /**
   * When an erasure claimed the ticket, while it is not finished (a run that stopped): no hold can
   * be set, and erasing the ticket again finishes it.
   */
  erasing: z.optional(z.string()),
  /** What the ticket holds of the client (absent once erased). */
  client: z.optional(
    z.object({
      name: z.string(),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      postalAddress: z.optional(postalAddressView),
    }),
  ),
  subject: z.optional(z.string()),
  /** The thread: the client's messages, replies, notes and messages sent to the client. */
  messages: z.array(z.object({ id: z.string(), kind: z.string(), at: z.string() })),
  files: z.array(subjectFileSchema),
  /** The client's survey response, when they gave one. */
  survey: z.nullable(
    z.object({ satisfaction: z.number(), answered: z.string(), comment: z.optional(z.string()) }),
  ),
});
export type SubjectTicketView = z.infer<typeof subjectTicketSchema>;

/** An assistant question in whose text the subject's email or phone was found (and masked). */
export const subjectQuestionSchema = z.object({ id: z.string(), askedAt: z.string(), text: z.string() });

export const dataSubjectSearchResponseSchema = z.object({
  tickets: z.array(subjectTicketSchema),
  questions: z.array(subjectQuestionSchema),
  /** By what the records were found: `email`, `phone`, `name-address`, `reference`. */
  matchedBy: z.array(z.string()),
});
export type DataSubjectSearchResponse = z.infer<typeof dataSubjectSearchResponseSchema>;

/** `POST /api/staff/data-subjects/erase`: the legal basis as the reason. */
export const dataSubjectEraseSchema = z.object({ ...dataSubjectQueryShape, reason });
export type DataSubjectEraseRequest = z.infer<typeof dataSubjectEraseSchema>;

export const dataSubjectEraseResponseSchema = z.object({
  /** Pseudonymised now, or already before (erasing again changes nothing). */
  erased: z.array(z.string()),
  /** Refused: under legal hold, with the hold's reason. */
  held: z.array(z.object({ reference: z.string(), reason: z.string() })),
  /** Assistant questions deleted. */
  questions: z.number(),
});
export type DataSubjectEraseResponse = z.infer<typeof dataSubjectEraseResponseSchema>;

/** `POST /api/staff/data-subjects/export`: the summary's language, Latvian unless `en`. */
export const dataSubjectExportSchema = z.object({
  ...dataSubjectQueryShape,
  language: z.optional(z.enum(['lv', 'en'])),
});
export type DataSubjectExportRequest = z.infer<typeof dataSubjectExportSchema>;

export const dataSubjectExportResponseSchema = z.object({
  /** A download link valid for 5 minutes; the ZIP itself is deleted after 7 days. */
  url: z.string(),
  expiresAt: z.string(),
  tickets: z.number(),
});
export type DataSubjectExportResponse = z.infer<typeof dataSubjectExportResponseSchema>;

/** `POST /api/staff/tickets/{reference}/legal-hold`. */
export const legalHoldRequestSchema = z.object({ reason });
/** `DELETE /api/staff/tickets/{reference}/legal-hold`: why it is lifted (optional). */
export const legalHoldLiftSchema = z.object({ reason: z.optional(reason) });
export const legalHoldResponseSchema = z.object({
  reference: z.string(),
  legalHold: z.nullable(legalHoldSchema),
});
export type LegalHoldResponse = z.infer<typeof legalHoldResponseSchema>;

/**
 * `POST /api/staff/tickets/{reference}/client`: staff of the ticket's unit correct the client's
 * data with a reason; fields left out stay as they are, at least one is required.
 */
export const rectifyClientSchema = z.object({
  name: z.optional(name),
  email: z.optional(email),
  phone: z.optional(phone),
  postalAddress: z.optional(postalAddressSchema),
  reason,
});
export type RectifyClientRequest = z.infer<typeof rectifyClientSchema>;

export const rectifyClientResponseSchema = z.object({
  reference: z.string(),
  /** The fields changed (a field given with its current value is not a change). */
  changed: z.array(z.enum(['name', 'email', 'phone', 'postalAddress'])),
});
export type RectifyClientResponse = z.infer<typeof rectifyClientResponseSchema>;
