/** What the auditors' verbs return: audit records as stored, and a data subject's access report. */
import * as z from 'zod/mini';
import { localized } from './common.ts';

/** An audit record exactly as stored: the shape of a CloudTrail event record. */
export const auditRecordSchema = z.object({
  eventVersion: z.string(),
  /** ISO instant, UTC. */
  eventTime: z.string(),
  eventSource: z.string(),
  eventName: z.string(),
  eventType: z.string(),
  awsRegion: z.string(),
  userIdentity: z.object({
    type: z.enum(['Anonymous', 'Client', 'Staff', 'Service']),
    principalId: z.optional(z.string()),
    userName: z.optional(z.string()),
    invokedBy: z.optional(z.string()),
  }),
  sourceIPAddress: z.string(),
  userAgent: z.string(),
  requestParameters: z.nullable(z.record(z.string(), z.unknown())),
  responseElements: z.nullable(z.record(z.string(), z.unknown())),
  requestID: z.string(),
  eventID: z.string(),
  readOnly: z.boolean(),
  resources: z.array(z.object({ type: z.string(), ARN: z.string() })),
  errorCode: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});
export type AuditRecordView = z.infer<typeof auditRecordSchema>;

/** `GET /api/staff/audit`: a page of records, and the cursor of the next one. */
export const auditListResponseSchema = z.object({
  records: z.array(auditRecordSchema),
  cursor: z.optional(z.string()),
  /**
   * With `client`: the client has more requests than were looked at (the newest 100); the records
   * of older ones are not in the answer. Narrow by `ticket` to see one of them.
   */
  moreTickets: z.optional(z.literal(true)),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const subjectEntrySchema = z.object({
  eventTime: z.string(),
  /** The staff member's user name, the function's name, or the kind of caller. */
  user: z.string(),
  actor: z.enum(['Anonymous', 'Client', 'Staff', 'Service']),
  eventName: z.string(),
  /** What the event is, from the audit catalogue. */
  description: localized,
  readOnly: z.boolean(),
  outcome: z.enum(['success', 'failure']),
  errorCode: z.optional(z.string()),
  /**
   * Why, as far as the trail says: the kind of event, the unit acted for, a stated reason's
   * fingerprint and length (the words stay on the ticket), other plain parameters.
   */
  why: z.object({
    category: z.string(),
    competence: z.optional(z.string()),
    reasonSha256: z.optional(z.string()),
    reasonLength: z.optional(z.number()),
    details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  }),
});
export type SubjectEntryView = z.infer<typeof subjectEntrySchema>;

/**
 * `GET /api/staff/audit/subject`: per ticket of the client (oldest first), every recorded event; at
 * most 10,000 entries (1,000 a ticket) and some 4 MB, past which it says what it left out.
 */
export const subjectReportSchema = z.object({
  /**
   * The client's keyed key (`client-…`, as the tickets table has it); neither the address nor an
   * unkeyed hash of it is ever repeated (a legacy key asked with is answered by its keyed form).
   */
  clientKey: z.string(),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  generatedAt: z.string(),
  tickets: z.array(
    z.object({
      reference: z.string(),
      competence: z.string(),
      unit: localized,
      receivedAt: z.string(),
      entries: z.array(subjectEntrySchema),
      /** This ticket's entries past the report's limits were left out. */
      truncated: z.optional(z.boolean()),
    }),
  ),
  /**
   * The report is incomplete: a ticket's entries were cut, tickets were left out past its limits
   * (`ticketsLeftOut`), or the client may have tickets older than those looked at (`moreTickets`).
   */
  truncated: z.optional(z.boolean()),
  /** How many of the client's tickets looked at are not in the report (its entries or size spent). */
  ticketsLeftOut: z.optional(z.number()),
  /** The client has at least as many tickets as are looked at (the newest 100): older ones may exist. */
  moreTickets: z.optional(z.boolean()),
});
export type SubjectReportResponse = z.infer<typeof subjectReportSchema>;
