/**
 * The inventory's scheduled functions (re-exported in order by `inventory.ts`): the sweepers of
 * deadlines and retention, the audit trail's sealer and watch, the help pages' publisher and the
 * analytics export.
 */
import type { FunctionSpec } from './inventory-spec.ts';

export const deadlineSweeper: FunctionSpec = {
  name: 'deadline-sweeper',
  description: "Flags tickets due soon or overdue and mails each unit's supervisors one digest a day",
  // 05:00 UTC is 07:00 or 08:00 in Riga. Every day, not MON-FRI: the use case skips days that are
  // not working days by the Latvian calendar, and Saturdays worked in place of a transferred day
  // off are working days.
  triggers: [{ kind: 'schedule', expression: 'cron(0 5 * * ? *)' }],
  // Flags: conditional UpdateItem on tickets. Digest record: conditional PutItem (claim), GetItem
  // (who holds it), UpdateItem (recorded, released). Audit: conditional PutItem.
  tables: { tickets: ['GetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
  // Due soon and overdue, per unit: queries on the deadlines index.
  indexes: { deadlines: ['Query'] },
  sendsTo: [],
  sendsEmail: true,
  timeoutSeconds: 60,
  memoryMb: 512,
};

export const retentionSweeper: FunctionSpec = {
  name: 'retention-sweeper',
  pseudonyms: true,
  description:
    'Applies the retention schedule: pseudonymises settled tickets past their period, deletes aged objects with every version',
  // Hourly at :30: the day's run (per UTC day) starts at 00:30 and a run that stops on its time
  // budget resumes the next hour, not the next day. Once the day is done, an invocation is one
  // consistent GetItem of its progress item (RETENTION#<day>) and nothing else: no audit record.
  triggers: [{ kind: 'schedule', expression: 'cron(30 * * * ? *)' }],
  // Its day's progress (GetItem, PutItem), a ticket off the retention index (UpdateItem); before
  // acting, a ticket's status and hold, intake's idempotency record of a raw mail (its reference)
  // and a quarantined mail's state (GetItem). A due ticket's erasure: its partition (Query), its items rewritten without personal data (PutItem,
  // UpdateItem) or deleted with its keys and index items (DeleteItem). Audit: ApplyRetention.
  tables: { tickets: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], audit: ['PutItem'] },
  // Settled tickets by when they settled.
  indexes: { retention: ['Query'] },
  // A due ticket's files, every version; the prefix types' version grants and lifecycle rules are
  // infra/constructs/retention.ts's.
  buckets: { mail: { eraseVersions: ['rawMail', 'attachments', 'replies', 'scans', 'letters'] } },
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 900,
  memoryMb: 512,
};

export const auditSealer: FunctionSpec = {
  name: 'audit-sealer',
  description:
    "Seals the audit trail: each segment's record hashes in a signed digest chained to the previous one",
  // 20 past the hour: the hour before ended, and its grace (AUDIT_SEAL_GRACE_SECONDS, 15 minutes)
  // has passed. In the sandbox every 20 s, with minute segments (AUDIT_SEAL_MINUTES=1).
  triggers: [{ kind: 'schedule', expression: 'cron(20 * * * ? *)', localIntervalSeconds: 20 }],
  // Reads the hours' partitions (Query); appends its own run record (conditional PutItem, like
  // every function). Never UpdateItem or DeleteItem: the trail is append-only.
  tables: { audit: ['Query', 'PutItem'] },
  indexes: {},
  // Lists digests/ (the latest digest; whether a segment is sealed), reads one back when another
  // run stored it first, writes new ones (never over an existing key). Signs with the KMS key
  // (kms:Sign on that key only, wired in infra/constructs/audit-sealing.ts).
  buckets: { 'audit-digests': { read: ['digests'], write: ['digests'], list: ['digests'] } },
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 120,
  memoryMb: 512,
};

export const auditWatch: FunctionSpec = {
  name: 'audit-watch',
  description:
    'Reviews the audit trail hourly: accounts reading far more than usual, attempts outside competence',
  // 10 past the hour: the hour before has ended and its records are written.
  triggers: [{ kind: 'schedule', expression: 'cron(10 * * * ? *)' }],
  // Reads the hour and its comparable hours (Query on the hour's partitions); its own record
  // (PutItem, conditional). Nothing else: the figures leave as EMF lines in its log.
  tables: { audit: ['Query', 'PutItem'] },
  indexes: {},
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 60,
  memoryMb: 512,
};

export const publishHelp: FunctionSpec = {
  name: 'publish-help',
  description:
    'Renders the public help pages when the published knowledge base changed; seeds a new knowledge base',
  // Every minute; with the pages' one-minute cache life, a publication is public within minutes.
  // In the sandbox every 3 s, so a publication shows at once.
  triggers: [{ kind: 'schedule', expression: 'rate(1 minute)', localIntervalSeconds: 3 }],
  // The published set: its generation (GetItem) and the set (one Query of its partition).
  // Seeding a new knowledge base (until its done-marker, GetItem, is there): conditional puts of
  // the entries, their versions and published items, and the generation step (UpdateItem), in
  // transactions; an interrupted seed reads an entry's head (GetItem); the marker (PutItem). No
  // audit record: the seed is no staff member's change.
  tables: { knowledge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  indexes: {},
  // Reads the generation the pages were rendered from (listed first: a missing key is a 404 only
  // with ListBucket); lists the pages (what changed, what is stale); writes pages and the
  // generation; deletes the pages of what is no longer published.
  buckets: {
    help: {
      read: ['state'],
      write: ['latvianPages', 'englishPages', 'state'],
      list: ['latvianPages', 'englishPages', 'state'],
      delete: ['latvianPages', 'englishPages'],
    },
  },
  sendsTo: [],
  sendsEmail: false,
  timeoutSeconds: 60,
  memoryMb: 512,
};

export const exportAnalytics: FunctionSpec = {
  name: 'export-analytics',
  description:
    'Exports the tickets table to S3 (full, then incremental) and writes rows without personal data for Athena',
  // 40 past the hour: one run starts an export, a later one turns it into rows.
  triggers: [{ kind: 'schedule', expression: 'cron(40 * * * ? *)' }],
  // Its export and bucket grants are infra/constructs/analytics.ts's.
  tables: {},
  indexes: {},
  sendsTo: [],
  sendsEmail: false,
  // A day's export read back and written as rows.
  timeoutSeconds: 900,
  memoryMb: 1024,
  // DynamoDB Local has no exports to S3.
  cloudOnly: true,
};
