/**
 * The inventory's staff functions (re-exported in order by `inventory.ts`): the staff API behind the
 * admin page, and the service-quality figures it reads, kept from the tickets table's stream.
 */
import { staffRoutes } from '../shared/http/staff-contract.ts';
import type { FunctionSpec } from './inventory-spec.ts';

export const staffApi: FunctionSpec = {
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
};

export const aggregateFigures: FunctionSpec = {
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
};
