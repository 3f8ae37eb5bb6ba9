/**
 * The inventory's tables (re-exported by `inventory.ts`, which CDK and the sandbox read): keys,
 * indexes with their projections, TTL and streams.
 */
import { retentionIndexAttributes } from '../shared/adapters/dynamodb/retention-keys.ts';
import { deadlineFlagAttributes } from '../shared/ports/deadline-sweep.ts';
import { listedTicketAttributes } from '../shared/ports/worklists.ts';
import type { TableSpec } from './inventory-spec.ts';

export const tables: readonly TableSpec[] = [
  {
    id: 'tickets',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [
      // Worklists: a competence and status's tickets over `listShards` partitions, sorted by receipt
      // time (oldest first). Rows only: a reader of bodies (text search) reads the tickets by key,
      // and the mailroom's and quarantine's lists (on this index too) read their items by key.
      {
        name: 'worklist',
        partitionKey: 'worklistKey',
        sortKey: 'receivedKey',
        include: listedTicketAttributes,
      },
      // Assigned to me: sparse (only assigned tickets), oldest first; one partition per staff member.
      { name: 'assigned', partitionKey: 'assignee', sortKey: 'receivedKey', include: listedTicketAttributes },
      // Due soon and overdue: sparse (only tickets still to be answered), a unit's over
      // `listShards` partitions, by deadline; with the sweeper's flags, which it reads from here.
      {
        name: 'deadlines',
        partitionKey: 'dueKey',
        sortKey: 'dueSortKey',
        include: [...listedTicketAttributes, ...deadlineFlagAttributes],
      },
      // A client's tickets (staff search by email, "other tickets of this client"), oldest first:
      // read as summaries (and counted for the acknowledgement limit), so without bodies.
      {
        name: 'client',
        partitionKey: 'clientKey',
        sortKey: 'receivedKey',
        include: listedTicketAttributes,
      },
      // Callbacks to make (§19.1), a unit's over `listShards` partitions, oldest first: sparse (only
      // while a callback is due).
      {
        name: 'callbacks',
        partitionKey: 'callbackKey',
        sortKey: 'receivedKey',
        include: listedTicketAttributes,
      },
      // Settled tickets by when they settled, for the retention sweeper (sparse: only answered or
      // closed tickets), over `listShards` partitions; keys, reference and status only.
      {
        name: 'retention',
        partitionKey: 'retainKey',
        sortKey: 'retainSortKey',
        include: retentionIndexAttributes,
      },
    ],
    timeToLiveAttribute: 'expiresAt',
    envName: 'TICKETS_TABLE',
    // The service-quality figures are kept from its changes (aggregate-figures).
    stream: 'new-and-old-images',
  },
  {
    id: 'audit',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [
      // An auditor's lookup by staff member, oldest first: sparse (only staff members' records
      // carry `auditUser`; service records would make hot partitions). By ticket, the records'
      // ticket index items (`AUDIT-TICKET#<reference>` items of this table) serve instead.
      { name: 'user', partitionKey: 'auditUser', sortKey: 'sk' },
    ],
    envName: 'AUDIT_TABLE',
  },
  {
    // The knowledge base: articles and glossary terms with their versions, the published set the
    // public reads (one partition), and the assistant's question log (kept a year, by TTL).
    id: 'knowledge',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [
      // The question log by day, for the supervisors' and editors' figures (§26): sparse (only
      // the log's questions and page loads carry `logDay`).
      { name: 'byDay', partitionKey: 'logDay', sortKey: 'loggedAt' },
    ],
    timeToLiveAttribute: 'expiresAt',
    envName: 'KNOWLEDGE_TABLE',
  },
  {
    // The service-quality figures (§26, §27): counters and histograms per period, unit and channel
    // (shared/domain/figures/layout.ts), kept by aggregate-figures from the tickets table's stream,
    // with its own bookkeeping (`SRC#`, `META#` items); read by the staff API's analytics. Read by
    // key only: no index.
    id: 'figures',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [],
    envName: 'FIGURES_TABLE',
  },
];
