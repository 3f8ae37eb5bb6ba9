/**
 * The inventory's mail functions (re-exported in order by `inventory.ts`): what turns inbound mail,
 * letters and web requests into tickets, what sends messages to clients, and what records SES's
 * bounces and complaints.
 */
import { letterFontFiles } from '../shared/letters/letter-font.ts';
import type { FunctionSpec } from './inventory-spec.ts';

const letterFontPaths = [letterFontFiles.regular, letterFontFiles.bold].map(
  (file) => `node_modules/${letterFontFiles.packageDirectory}/${file}`,
);

export const processIntake: FunctionSpec = {
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
};

export const sendEmail: FunctionSpec = {
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
  // The court's hourly acknowledgement budget: one TransactWriteItems of a conditional UpdateItem ADD
  // on the hour's counter and a conditional PutItem of the acknowledgement's claim (counted once).
  tables: {
    tickets: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
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
};

export const ingestEmail: FunctionSpec = {
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
};

export const ingestPostal: FunctionSpec = {
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
};

export const mailEvents: FunctionSpec = {
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
};
