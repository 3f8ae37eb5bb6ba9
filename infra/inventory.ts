/**
 * The one typed list of courtdesk's tables, queues and functions, with their triggers, routes and
 * environment. The CDK constructs read it to synthesize the cloud stack and the local sandbox reads
 * it to create tables and queues on the emulators and to wire routes and queue pollers, so the two
 * cannot drift apart.
 */

import { auditDigestPrefix } from '../shared/domain/audit-chain.ts';
import { uploadUrlSeconds } from '../shared/domain/reply-attachments.ts';
import { staffRoutes } from '../shared/http/staff-contract.ts';
import { helpPageKeyPrefixes, helpStatePrefix } from '../shared/knowledge/pages/index.ts';
import { letterFontFiles } from '../shared/letters/letter-font.ts';
import {
  attachmentsPrefix,
  exportsPrefix,
  lettersPrefix,
  quarantinePrefix,
  rawMailPrefix,
  repliesPrefix,
  scansPrefix,
} from '../shared/mail/keys.ts';

import type {
  BucketId,
  BucketSpec,
  BucketSpecOf,
  FunctionSpec,
  IndexAction,
  IndexName,
  QueueSpec,
  RouteThrottle,
  TableAction,
  TableSpec,
} from './inventory-spec.ts';

import { tables } from './inventory-tables.ts';

export * from './inventory-spec.ts';
// The tables are listed in a file of their own, to keep this one readable.
export { tables };

const letterFontPaths = [letterFontFiles.regular, letterFontFiles.bold].map(
  (file) => `node_modules/${letterFontFiles.packageDirectory}/${file}`,
);

export const buckets: readonly BucketSpec[] = [
  {
    // Raw inbound mail (as SES's S3 action stores it), the attachments taken out of it, and the
    // files staff attach to replies.
    id: 'mail',
    envName: 'MAIL_BUCKET',
    encryption: 'kms',
    prefixes: {
      rawMail: rawMailPrefix,
      attachments: attachmentsPrefix,
      replies: repliesPrefix,
      quarantine: quarantinePrefix,
      scans: scansPrefix,
      letters: lettersPrefix,
      exports: exportsPrefix,
    },
    // A scan is uploaded once and never replaced; a refused one is deleted for good (it may be a
    // program, or someone else's papers).
    createOnly: ['scans'],
    // A data-subject export is personal data in bulk: gone after 7 days with every version.
    expireAfterDays: { exports: 7 },
    cors: [
      {
        // The admin page PUTs a reply's file with a presigned URL (signed by staff-api, 5 minutes,
        // type, length and name signed). Any origin: the signature is what authorises the PUT — a
        // URL's holder could PUT without a browser — and the admin page's origin cannot be named
        // here without a cycle (its CSP names this bucket). Nothing is readable cross-origin.
        allowedMethods: ['PUT'],
        allowedOrigins: ['*'],
        // `if-none-match`: a scan's upload is signed with `If-None-Match: *`, so its URL cannot
        // replace the scan once it is there.
        allowedHeaders: ['content-type', 'if-none-match', 'x-amz-meta-filename', 'x-amz-meta-size'],
        maxAgeSeconds: uploadUrlSeconds,
      },
    ],
  },
  {
    // The audit trail's signed digests, one per sealed segment: only the sealer
    // writes them, never over an existing one, and Object Lock keeps every version for the
    // retention. SSE-S3: they hold hashes and event ids only, and must stay readable for years
    // whatever becomes of a KMS key.
    id: 'audit-digests',
    envName: 'AUDIT_DIGEST_BUCKET',
    encryption: 's3-managed',
    objectLock: 'compliance',
    prefixes: { digests: auditDigestPrefix },
  },
  {
    // The public help pages (§15, §20.2), rendered by publish-help from the published knowledge
    // base and served by CloudFront (OAC) under /palidziba/ and /en/help/. SSE-S3: public pages, no
    // personal data, and CloudFront reads them without a key policy. Derived, rebuilt at will, so
    // old versions of rewritten pages go after a week.
    id: 'help',
    envName: 'HELP_BUCKET',
    encryption: 's3-managed',
    prefixes: {
      latvianPages: helpPageKeyPrefixes.lv,
      englishPages: helpPageKeyPrefixes.en,
      state: helpStatePrefix,
    },
    noncurrentVersionDays: 7,
  },
];

export const queues: readonly QueueSpec[] = [
  {
    id: 'intake',
    name: 'intake.fifo',
    deadLetterName: 'intake-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'INTAKE_QUEUE_URL',
  },
  {
    id: 'outbound',
    name: 'outbound.fifo',
    deadLetterName: 'outbound-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'OUTBOUND_QUEUE_URL',
  },
  // Survey invitations sent a while after the answer (the unit's delay, ≤ 900 s per message): a
  // standard queue, as FIFO queues delay only whole queues. send-email moves each on to
  // outbound.fifo when its delay ends (group: the ticket, deduplication: the outbound id).
  {
    id: 'survey-invitations',
    name: 'survey-invitations',
    deadLetterName: 'survey-invitations-dlq',
    type: 'standard',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'SURVEY_INVITATIONS_QUEUE_URL',
  },
];

/**
 * The assistant's routes: the page asks as the client types (debounced), so more often than the
 * form submits, yet far below the stage's limit, which the form and the staff API share.
 */
export const assistantThrottle: RouteThrottle = { rateLimit: 25, burstLimit: 50 };

/**
 * The survey's routes: a client opens one link and answers once or twice, so a low limit; a
 * flood of forged links is answered 429 before any KMS call is made.
 */
export const surveyThrottle: RouteThrottle = { rateLimit: 10, burstLimit: 20 };

export const functions: readonly FunctionSpec[] = [
  {
    name: 'list-topics',
    description: 'Public topic catalogue for the web form',
    triggers: [{ kind: 'http', method: 'GET', path: '/api/topics' }],
    tables: {},
    indexes: {},
    sendsTo: [],
    sendsEmail: false,
    timeoutSeconds: 5,
    memoryMb: 256,
  },
  {
    name: 'ingest-web',
    pseudonyms: true,
    description: 'Validates a web-form request, allocates its reference and enqueues it on intake.fifo',
    triggers: [{ kind: 'http', method: 'POST', path: '/api/requests' }],
    // Idempotency record (get, conditional put); reference and honeypot counters (ADD); refused
    // and spam submissions audited by conditional put.
    // BatchGetItem: answers a day over recent days (STATS items) for the expected date.
    // Knowledge: the assistant's page the request came from marked (conditional UpdateItem).
    tables: {
      tickets: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
      audit: ['PutItem'],
      knowledge: ['UpdateItem'],
    },
    indexes: {},
    sendsTo: ['intake'],
    sendsEmail: false,
    timeoutSeconds: 10,
    memoryMb: 512,
    // The web form's answer waits on this function's cold start: half the others' budget.
    coldStartBudgetKb: 150,
  },
  {
    name: 'assistant-api',
    pseudonyms: true,
    description:
      "The virtual assistant: answers clients' questions with published articles, records feedback",
    triggers: [
      { kind: 'http', method: 'GET', path: '/api/assistant/answers', throttle: assistantThrottle },
      { kind: 'http', method: 'POST', path: '/api/assistant/feedback', throttle: assistantThrottle },
    ],
    // The published set: its generation (GetItem of PUBLISHED/META) every 30 s at most, the set
    // itself (one Query of the PUBLISHED partition) when it moved. The question log: the question
    // (conditional PutItem), its page and the feedback (UpdateItem; a refused feedback's question
    // read back with GetItem, to tell an unknown question from an article not shown). Nothing by
    // day: the figures are the staff API's. A question naming an email or phone is put with its
    // data-subject links (`SUBJECT#<key>`, PutItem) in one TransactWriteItems.
    tables: { knowledge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
    indexes: {},
    sendsTo: [],
    sendsEmail: false,
    timeoutSeconds: 10,
    memoryMb: 512,
    // Answers while the client types: as small a cold start as the web form's.
    coldStartBudgetKb: 150,
  },
  {
    name: 'survey-api',
    description: "The client survey (§26): shows a ticket's survey by its signed link, records the response",
    triggers: [
      { kind: 'http', method: 'GET', path: '/api/survey', throttle: surveyThrottle },
      { kind: 'http', method: 'POST', path: '/api/survey', throttle: surveyThrottle },
    ],
    // The ticket (GetItem, projected: status, unit, channel, language, status changes) and its
    // SURVEY item (GetItem). A response: one TransactWriteItems of the SURVEY item (conditional
    // PutItem on the version read), its SURVEY#COMMENT item (PutItem), a ConditionCheckItem that the
    // ticket is still answered or closed, and the audit record (PutItem); a refusal's audit record
    // alone (PutItem). The link is checked with kms:VerifyMac on the survey key only (wired in
    // infra/constructs/survey-tokens.ts).
    tables: { tickets: ['GetItem', 'ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
    indexes: {},
    sendsTo: [],
    sendsEmail: false,
    timeoutSeconds: 10,
    memoryMb: 512,
    // The survey page waits on this function's cold start: as small as the web form's.
    coldStartBudgetKb: 150,
  },
  {
    name: 'process-intake',
    pseudonyms: true,
    description: 'Turns intake messages into tickets, idempotently, and enqueues the acknowledgement',
    triggers: [{ kind: 'queue', queue: 'intake', batchSize: 10 }],
    // Ticket and its audit record: conditional puts in one TransactWriteItems.
    // GetItem and UpdateItem: the units' open-ticket counts (STATS items), for the expected date.
    // Threading (§7): BatchGetItem finds the tickets a mail's message ids thread to (MSGID items),
    // Query reads a candidate ticket's partition; a follow-up is a conditional put of the message
    // with an update of the ticket (status, links) in one TransactWriteItems.
    tables: { tickets: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
    indexes: {},
    sendsTo: ['outbound'],
    sendsEmail: false,
    timeoutSeconds: 30,
    memoryMb: 512,
  },
  {
    name: 'send-email',
    pseudonyms: true,
    description: 'Renders and sends messages to clients through SES, at most once per outbound message',
    triggers: [
      { kind: 'queue', queue: 'outbound', batchSize: 10 },
      { kind: 'queue', queue: 'survey-invitations', batchSize: 10 },
    ],
    // Ticket and outbound item read together (BatchGetItem); the send record and its audit record
    // put in one TransactWriteItems.
    // Survey invitations: the ticket's invitation item (GetItem) and its bounces (Query of its
    // partition), then the invitation and the address's 30-day gap in one conditional
    // TransactWriteItems (PutItem; ConditionCheckItem when a redelivery finds its own invitation);
    // skipped invitations audited (audit PutItem).
    // The published knowledge base, for the articles an acknowledgement names: its generation
    // (GetItem), the published set (Query).
    tables: {
      tickets: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem'],
      audit: ['PutItem'],
      knowledge: ['GetItem', 'Query'],
    },
    // The address's tickets of the last hour (a COUNT query), for the acknowledgement limit.
    indexes: { client: ['Query'] },
    // The files staff attached to a reply, read to send them; a letter's PDF, written for a client
    // without an email address (its LETTER item goes in the send record's transaction: PutItem).
    buckets: { mail: { read: ['replies'], write: ['letters'] } },
    // Delayed survey invitations are moved from the standard queue on to outbound.fifo (their
    // ticket's group) and sent from there: the FIFO path sends at most once, a standard queue may
    // deliver twice at the same time.
    sendsTo: ['outbound'],
    sendsEmail: true,
    timeoutSeconds: 30,
    memoryMb: 512,
    // The letters' fonts (DejaVu: Latvian letters), read by shared/letters/letter-font.ts.
    bundledFiles: letterFontPaths,
  },
  {
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
  },
  {
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
  },
  {
    name: 'ingest-email',
    pseudonyms: true,
    description:
      'Parses inbound mail (SES receipt rule → S3) and enqueues it on intake.fifo, or quarantines it',
    triggers: [{ kind: 'email', bucket: 'mail' }],
    // Idempotency record per SES message id (get, conditional put), the reference counter (ADD),
    // quarantine records (conditional put). Audit: refused mail.
    tables: { tickets: ['GetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
    indexes: {},
    // Reads the raw mail SES stored; writes the attachments taken out of it, and a copy of held mail
    // under `quarantine/` (all the staff API may read of raw mail).
    buckets: { mail: { read: ['rawMail'], write: ['attachments', 'quarantine'] } },
    sendsTo: ['intake'],
    sendsEmail: false,
    timeoutSeconds: 60,
    memoryMb: 1024,
  },
  {
    name: 'ingest-postal',
    pseudonyms: true,
    description:
      "Checks a letter's scan (content, not name), reads its text and enqueues it on intake.fifo, or refuses it",
    triggers: [{ kind: 'object-created', bucket: 'mail', prefix: 'scans' }],
    // The mailroom's registration: GetItem, settled by a conditional UpdateItem (with the refusal's
    // audit record, PutItem, in one transaction); the reference counter (UpdateItem ADD).
    tables: { tickets: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
    indexes: {},
    // Reads the scan; deletes a refused one (and any object under scans/ that no registration owns).
    buckets: { mail: { read: ['scans'], delete: ['scans'] } },
    sendsTo: ['intake'],
    sendsEmail: false,
    // pdf.js reads up to 200 pages of a 25 MB scan.
    timeoutSeconds: 120,
    memoryMb: 1536,
  },
  {
    name: 'mail-events',
    description:
      "Marks the client's address undeliverable on the ticket when SES reports a bounce or complaint",
    triggers: [{ kind: 'mail-events', events: ['bounce', 'complaint'] }],
    // One TransactWriteItems: ConditionCheckItem (the ticket exists) and a conditional PutItem (the
    // bounce or complaint, once per feedback id) on tickets; its audit record. It reads nothing.
    tables: { tickets: ['ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
    indexes: {},
    sendsTo: [],
    sendsEmail: false,
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    name: 'staff-api',
    pseudonyms: true,
    description: 'The staff API behind the admin page: worklists, tickets, replies, notes, routing, status',
    triggers: [
      // Public: how the admin page signs in (no data).
      { kind: 'http', method: 'GET', path: '/api/auth/config' },
      ...staffRoutes.map(
        (route) => ({ kind: 'http', method: route.method, path: route.path, auth: 'staff' }) as const,
      ),
    ],
    // Tickets, their thread items and sender flags: GetItem/Query (the ticket's partition),
    // BatchGetItem (backlog counters for re-routing); PutItem (messages, notes, take records),
    // UpdateItem (status, assignment, reroute, deadline, counters); ConditionCheckItem in the
    // reply/note transactions; the session mark of a sign-in (conditional PutItem). Audit: PutItem
    // (records, ticket index items); for auditors, Query (hour partitions, a ticket's index items)
    // and BatchGetItem (the records the index items point to) — never UpdateItem or DeleteItem.
    tables: {
      // DeleteItem: a rectification removes the keys of the client's old pseudonyms (SUBJECT#,
      // MSGID#, SENDER#, SURVEYCAP#) in its transaction; erasure deletes a data subject's message-id
      // keys, index items and survey comment.
      tickets: [
        'GetItem',
        'BatchGetItem',
        'Query',
        'ConditionCheckItem',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
      ],
      audit: ['PutItem', 'Query', 'BatchGetItem'],
      // The knowledge base's editing: a head (GetItem), an entry's versions and the entry ids
      // (Query), the heads of a list (BatchGetItem); a change is one transaction of conditional
      // puts (head, version, slug, public entry) and updates (the generation, a slug given up).
      // The reply editor's search reads the published set: its generation (GetItem), the set (Query).
      // Erasure of the assistant questions linked to a data subject: the question's text emptied
      // (UpdateItem), its links deleted (DeleteItem).
      knowledge: ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      // The service-quality figures (analytics): buckets by key (GetItem, BatchGetItem) and a
      // period's units (Query). Never a write: only aggregate-figures keeps them.
      figures: ['GetItem', 'BatchGetItem', 'Query'],
    },
    // Quarantined mail: the item (GetItem), its unit's list (the worklist index), the
    // release (UpdateItem with its audit record); a release ingests the mail as ingest-email does:
    // idempotency record (GetItem, conditional PutItem) and the reference counter (UpdateItem ADD),
    // all within the grants above. Auditors: the `user` index of the audit table.
    indexes: {
      worklist: ['Query'],
      assigned: ['Query'],
      deadlines: ['Query'],
      client: ['Query'],
      callbacks: ['Query'],
      user: ['Query'],
      // The assistant's question log by day, for the figures.
      byDay: ['Query'],
    },
    // Read: presigned download links to a ticket's files and to a quarantined raw mail (the link is
    // signed with this grant), and held mail (its copy under `quarantine/` only, never the rest of
    // the inbound mail) for the quarantine preview and a release.
    // Write: the attachments a released mail carries (and an unreadable one's original.eml).
    // Replies' files: the presigned PUT of an upload is signed with the PutObject grant; the reply
    // checks what arrived with HeadObject (authorised by GetObject) and links it for download.
    // Post: the mailroom's scan upload (presigned PUT under `scans/`), a ticket's scan and
    // the letters to print (download links).
    buckets: {
      mail: {
        read: ['quarantine', 'attachments', 'replies', 'scans', 'letters', 'exports'],
        write: ['attachments', 'replies', 'scans', 'exports'],
        // Erasure (role dpo): every version of a data subject's files.
        eraseVersions: ['rawMail', 'attachments', 'replies', 'scans', 'letters'],
      },
    },
    // outbound: replies and notices; intake: a released quarantined mail, as ingest-email sends it;
    // survey-invitations: an answer's invitation after the unit's delay.
    sendsTo: ['outbound', 'intake', 'survey-invitations'],
    sendsEmail: false,
    // Below the HTTP API's 30-second limit, and ingest-email's memory: a release parses and stores a
    // mail of up to SES's 40 MB within the request.
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    name: 'aggregate-figures',
    description: "Keeps the service-quality figures from the tickets table's stream: idempotent, replay-safe",
    triggers: [
      {
        kind: 'table-stream',
        table: 'tickets',
        batchSize: 100,
        maxBatchingWindowSeconds: 5,
        // Then the on-failure queue; `npm run figures:rebuild` puts the figures right.
        retryAttempts: 10,
        maxRecordAgeSeconds: 24 * 3600,
        // Tickets, takes, survey responses and invitations (by key: removals pass too).
        filters: [
          { key: 'sk', anyOf: ['TICKET', 'SURVEY', 'SURVEY#INVITATION'] },
          { key: 'pk', prefix: 'TAKES#' },
        ],
      },
    ],
    // Buckets and its bookkeeping (read; a change's contributions in one transaction with a
    // conditional put of its bookkeeping item). No ticket item: the stream's images only.
    tables: { figures: ['GetItem', 'PutItem', 'UpdateItem'] },
    indexes: {},
    sendsTo: [],
    sendsEmail: false,
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
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
  },
];

/** Environment variables every function receives besides its tables and queues. */
export const commonEnvironment = {
  /** The address acknowledgements and replies are sent from (an SES identity). */
  senderEnvName: 'SENDER_ADDRESS',
  /** Maximum accepted size of a public request body in bytes. */
  bodyLimitEnvName: 'REQUEST_BODY_LIMIT_BYTES',
  /** The mail domain inbound mail is accepted for (`courtdesk.localhost` in the sandbox). */
  inboundDomainEnvName: 'INBOUND_MAIL_DOMAIN',
} as const;

export const defaultRequestBodyLimitBytes = 256 * 1024;

export function tableSpec(id: TableSpec['id']): TableSpec {
  const spec = tables.find((table) => table.id === id);
  if (!spec) throw new Error(`No table ${id} in the inventory`);
  return spec;
}

/** What a function is granted on one table and its indexes. */
export interface TableAccess {
  readonly table: TableSpec;
  readonly actions: readonly TableAction[];
  readonly indexes: readonly { readonly name: IndexName; readonly actions: readonly IndexAction[] }[];
}

/** Every table a function uses, directly or through an index, with what it is granted there. */
export function tableAccessOf(spec: FunctionSpec): TableAccess[] {
  const indexes = Object.entries(spec.indexes) as [IndexName, readonly IndexAction[] | undefined][];
  for (const [name] of indexes) {
    if (!tables.some((table) => table.globalIndexes.some((index) => index.name === name)))
      throw new Error(`Function ${spec.name}: no table has the index ${name}`);
  }
  return tables.flatMap((table) => {
    const ownIndexes = indexes.flatMap(([name, actions]) =>
      actions && table.globalIndexes.some((index) => index.name === name) ? [{ name, actions }] : [],
    );
    const actions = spec.tables[table.id];
    return actions || ownIndexes.length > 0 ? [{ table, actions: actions ?? [], indexes: ownIndexes }] : [];
  });
}

export function bucketSpec<Id extends BucketId>(id: Id): BucketSpecOf<Id> {
  const spec = buckets.find((bucket) => bucket.id === id) as BucketSpecOf<Id> | undefined;
  if (!spec) throw new Error(`No bucket ${id} in the inventory`);
  return spec;
}

export function queueSpec(id: QueueSpec['id']): QueueSpec {
  const spec = queues.find((queue) => queue.id === id);
  if (!spec) throw new Error(`No queue ${id} in the inventory`);
  return spec;
}
