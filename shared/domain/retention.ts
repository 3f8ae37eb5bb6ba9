/**
 * The retention schedule (§5.6, §13, §24) as data: for every record type, how long it is kept,
 * counted from which event, and what then happens to it — deleted, or pseudonymised (a ticket keeps
 * its unit, channel, dates and outcome for the figures; its client's data, texts and files go).
 *
 * Every period here is a **placeholder** until the administration's records schedule names the
 * real one: CDK context `courtdesk:retention` overrides any of them (days and action), passed to
 * the retention sweeper as the JSON env `RETENTION_SCHEDULE` and parsed by `parseRetentionSchedule`.
 *
 * Where a record type is kept decides how its period is applied (`retentionHomes`, not
 * configurable): `ticket` — the sweeper finds settled tickets on the retention index and
 * pseudonymises them with their messages, deliveries, survey comment and files, all at the
 * ticket's period (the attachment, scan and survey periods document it); `prefix` — objects
 * in the mail bucket listed by their prefix (by last modification) and deleted with every version;
 * `ttl` — DynamoDB items that carry `expiresAt` from their writer (readers filter expired items,
 * since TTL deletes up to two days late); `sandbox` — the local SES emulator's mailbox.
 *
 * The audit trail is not in this schedule: it keeps its own, longer retention
 * (`courtdesk:auditRetentionDays`, Object Lock) and holds no personal data.
 */
import * as z from 'zod/mini';

export const retentionRecordTypes = [
  'ticket',
  'attachment',
  'scan',
  'raw-mail',
  'quarantine-copy',
  'letter',
  'reply-upload',
  'data-subject-export',
  'idempotency-item',
  'message-id-key',
  'survey-response',
  'survey-cap',
  'assistant-question',
  'sandbox-mailbox',
] as const;
export type RetentionRecordType = (typeof retentionRecordTypes)[number];

/** The event a period is counted from. */
export type RetentionEvent =
  /** The ticket was last answered or closed (a reopening starts the count again). */
  | 'settled'
  /** The record was received or written (an object's last modification). */
  | 'received'
  /** A quarantined mail was released or refused — its copy's last modification. */
  | 'quarantined'
  /** A letter was rendered to be sent. */
  | 'sent'
  /** An export was made for the data protection officer. */
  | 'exported'
  /** A survey response was given. */
  | 'answered';

export type RetentionAction = 'delete' | 'pseudonymise';

export interface RetentionRule {
  readonly days: number;
  readonly countedFrom: RetentionEvent;
  readonly action: RetentionAction;
  /** True while the period is a placeholder, not yet the records schedule's. */
  readonly placeholder: boolean;
}

export type RetentionSchedule = { readonly [Type in RetentionRecordType]: RetentionRule };

/** Where each record type lives, which decides how the sweeper applies its period. */
export const retentionHomes = {
  ticket: 'ticket',
  attachment: 'ticket',
  scan: 'ticket',
  'raw-mail': 'prefix',
  'quarantine-copy': 'prefix',
  letter: 'prefix',
  'reply-upload': 'prefix',
  'data-subject-export': 'prefix',
  'idempotency-item': 'ttl',
  'message-id-key': 'ttl',
  'survey-response': 'ticket',
  'survey-cap': 'ttl',
  'assistant-question': 'ttl',
  'sandbox-mailbox': 'sandbox',
} as const satisfies { readonly [Type in RetentionRecordType]: 'ticket' | 'prefix' | 'ttl' | 'sandbox' };

/**
 * The mail bucket's prefixes of the `prefix` record types. `replies/` holds staff's uploads: the
 * sweeper deletes there only files no message links (an upload whose reply was never sent); a
 * linked file goes with its ticket.
 */
export const retentionPrefixes = {
  'raw-mail': 'raw-mail/',
  'quarantine-copy': 'quarantine/',
  letter: 'letters/',
  'reply-upload': 'replies/',
  'data-subject-export': 'exports/',
} as const satisfies { readonly [Type in RetentionRecordType]?: string };

export type PrefixRecordType = keyof typeof retentionPrefixes;

const placeholder = (days: number, countedFrom: RetentionEvent, action: RetentionAction): RetentionRule => ({
  days,
  countedFrom,
  action,
  placeholder: true,
});

/** The defaults: placeholders for the records schedule, each replaceable by CDK context. */
export const defaultRetentionSchedule: RetentionSchedule = {
  // Tickets kept for the figures: pseudonymised, never deleted, five years after settling.
  ticket: placeholder(1826, 'settled', 'pseudonymise'),
  attachment: placeholder(1826, 'settled', 'delete'),
  scan: placeholder(1826, 'settled', 'delete'),
  // Once intake has taken the message apart, the raw MIME copy is only for re-processing.
  'raw-mail': placeholder(90, 'received', 'delete'),
  'quarantine-copy': placeholder(30, 'quarantined', 'delete'),
  // A letter's PDF is sent by post; the ticket's message keeps what it said.
  letter: placeholder(365, 'sent', 'delete'),
  // An upload never linked to a reply; its presigned URL lived 5 minutes.
  'reply-upload': placeholder(2, 'received', 'delete'),
  'data-subject-export': placeholder(7, 'exported', 'delete'),
  // Exactly-once intake within the retry windows (SMTP retries up to 5 days, SES and SQS within
  // hours): the web and call records hold a copy of the request, so no longer than that.
  'idempotency-item': placeholder(7, 'received', 'delete'),
  'message-id-key': placeholder(1826, 'received', 'delete'),
  // The score stays on the ticket for the figures; the comment goes with the ticket's texts.
  'survey-response': placeholder(1826, 'answered', 'pseudonymise'),
  'survey-cap': placeholder(365, 'received', 'delete'),
  'assistant-question': placeholder(365, 'received', 'delete'),
  'sandbox-mailbox': placeholder(30, 'received', 'delete'),
};

// Built when first parsed: a function that only applies a schedule keeps it out of its cold start.
const overrideSchemaOf = () =>
  z.partialRecord(
    z.enum(retentionRecordTypes),
    z.object({
      days: z.optional(z.number().check(z.int(), z.positive(), z.lte(36_500))),
      action: z.optional(z.enum(['delete', 'pseudonymise'])),
    }),
  );

export type RetentionOverrides = z.infer<ReturnType<typeof overrideSchemaOf>>;

/**
 * The schedule from the defaults and `overrides` (CDK context, or the sweeper's env JSON): an
 * overridden value is the records schedule's, no longer a placeholder. Throws naming the wrong
 * field; an unknown record type is an error (a typo would otherwise keep data forever).
 */
export function parseRetentionSchedule(overrides: unknown = {}): RetentionSchedule {
  const unknownTypes = Object.keys(overrides ?? {}).filter(
    (type) => !(retentionRecordTypes as readonly string[]).includes(type),
  );
  if (unknownTypes.length) {
    throw new Error(`Invalid retention schedule: unknown record type ${unknownTypes.join(', ')}`);
  }
  const parsed = overrideSchemaOf().safeParse(overrides);
  if (!parsed.success) {
    throw new Error(`Invalid retention schedule: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  }
  const schedule = { ...defaultRetentionSchedule } as Record<RetentionRecordType, RetentionRule>;
  for (const [type, override] of Object.entries(parsed.data) as [
    RetentionRecordType,
    RetentionOverrides[RetentionRecordType],
  ][]) {
    if (!override) continue;
    const base = schedule[type];
    // The action follows from where the record lives: a ticket is pseudonymised (the figures keep
    // it), the rest deleted. An override may restate it, not change it.
    if (override.action && override.action !== base.action) {
      throw new Error(`Invalid retention schedule: ${type}'s action is ${base.action}`);
    }
    schedule[type] = {
      ...base,
      ...(override.days !== undefined ? { days: override.days } : {}),
      ...(override.action ? { action: override.action } : {}),
      placeholder: false,
    };
  }
  return schedule;
}

function describeIssue(issue: { readonly path: readonly PropertyKey[]; readonly message: string }): string {
  return `${issue.path.map(String).join('.')}: ${issue.message}`;
}

/** The instant before which a record of `rule` counted from its event is due at `now`. */
export function retentionCutoff(rule: RetentionRule, now: Date): Date {
  return new Date(now.getTime() - rule.days * 86_400_000);
}

/** The `expiresAt` (epoch seconds, DynamoDB TTL) of a record of `rule` whose event is at `at`. */
export function retentionExpiry(rule: RetentionRule, at: Date): number {
  return Math.floor((at.getTime() + rule.days * 86_400_000) / 1000);
}

/**
 * Whether an item with TTL `expiresAt` (epoch seconds) is past it at `now`: TTL deletes it up to
 * two days late, so its readers treat it as gone from this instant.
 */
export function expiredAt(expiresAt: unknown, now: Date): boolean {
  return typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime();
}

/**
 * The schedule a function's env `RETENTION_SCHEDULE` (the CDK context's overrides as JSON) gives,
 * the defaults when it is absent. A wrong value throws, so that a cold start fails naming it.
 */
export function scheduleFromEnv(json: string | undefined): RetentionSchedule {
  const overrides: unknown = json ? JSON.parse(json) : {};
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new Error('Invalid retention schedule: not an object');
  // Checked in full at synthesis (`parseRetentionSchedule`); here without the schema, which would
  // weigh on every writer's cold start: the days are what a writer applies.
  const schedule = { ...defaultRetentionSchedule } as Record<RetentionRecordType, RetentionRule>;
  for (const [type, override] of Object.entries(overrides)) {
    const base = (defaultRetentionSchedule as Record<string, RetentionRule | undefined>)[type];
    const days: unknown = (override as { days?: unknown } | null)?.days;
    if (!base) throw new Error(`Invalid retention schedule: unknown record type ${type}`);
    if (days !== undefined && !(Number.isInteger(days) && (days as number) > 0 && (days as number) <= 36_500))
      throw new Error(`Invalid retention schedule: ${type}.days`);
    schedule[type as RetentionRecordType] = {
      ...base,
      ...(days !== undefined ? { days: days as number } : {}),
      placeholder: false,
    };
  }
  return schedule;
}

/** The instant a `ttl` record of `type` written for an event at `at` expires, by `schedule` (the defaults when absent). */
export function ttlExpiry(
  schedule: RetentionSchedule | undefined,
  type: RetentionRecordType,
  at: Date,
): Date {
  return new Date(retentionExpiry((schedule ?? defaultRetentionSchedule)[type], at) * 1000);
}
