/**
 * The staff desk (§16, §17, §24): what employees do with tickets through the admin page. Every
 * call checks the caller's right to the record it touches and writes an audit record — reads of a
 * client's data included — and every refusal is a typed `StaffRefused` the HTTP layer maps.
 */
import { randomUUID } from 'node:crypto';
import { templatesFor } from '../domain/answer-templates.ts';
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  reasonDigest,
  ticketResource,
} from '../domain/audit-event.ts';
import { type CompetenceId, isCompetenceId } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import {
  extensionMatches,
  isAttachmentType,
  maxAttachmentBytes,
  maxReplyAttachmentBytes,
  maxReplyAttachments,
  type ReplyAttachment,
  replyUploadKey,
  sanitizeFilename,
  uploadIdPattern,
  uploadUrlSeconds,
} from '../domain/reply-attachments.ts';
import {
  mayActOn,
  type StaffIdentity,
  type StaffRequestContext,
  type TicketAction,
} from '../domain/staff.ts';
import {
  type CallbackOutcome,
  hasEmailAddress,
  type StatusChange,
  stillToAnswer,
  type Ticket,
  type TicketStatus,
} from '../domain/ticket.ts';
import { defaultCalendar } from '../domain/working-days.ts';
import type {
  TemplatesResponse,
  TicketDetail,
  TicketSummary,
  UploadResponse,
  WorklistViewName,
} from '../http/staff-contract.ts';
import type { StaffMessageKey } from '../i18n/staff-messages.ts';
import type {
  AuditLog,
  BacklogReader,
  Clock,
  DownloadLinks,
  MessageQueue,
  StaffWrite,
  TicketDesk,
  TicketRecord,
  TicketStore,
  UploadTargets,
  Worklists,
  WorklistView,
} from '../ports/index.ts';
import { takeTicket } from './take-ticket.ts';
import { type BadgeDates, ticketDetail, ticketSummary } from './ticket-views.ts';

export interface StaffDeskDeps {
  readonly store: TicketStore;
  readonly desk: TicketDesk;
  readonly worklists: Worklists;
  readonly outboundQueue: MessageQueue<OutboundMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly backlog: BacklogReader;
  readonly downloads: DownloadLinks;
  /** Signed browser uploads of reply attachments, and what arrived. */
  readonly uploads: UploadTargets;
}

/** A staff member making a request: who, and from where. */
export type StaffCaller = StaffIdentity & StaffRequestContext;

export type StaffRefusalCode =
  | 'IdempotencyMismatch'
  | 'AccessDenied'
  | 'NotFound'
  | 'Conflict'
  | 'NotTaken'
  | 'Closed'
  | 'InvalidCursor'
  | 'AlreadyEnded'
  | 'NoEmailAddress'
  | 'NoCallback'
  | 'CallbackRecorded'
  | 'NotPostal'
  | 'AlreadyTranscribed';

export class StaffRefused extends Error {
  readonly code: StaffRefusalCode;
  constructor(code: StaffRefusalCode) {
    super(code);
    this.name = 'StaffRefused';
    this.code = code;
  }
}

/** A request the use case refuses field by field (400), with the catalogue's message for each. */
export class StaffFieldsRefused extends Error {
  readonly errors: readonly {
    readonly field: string;
    readonly key: StaffMessageKey;
    readonly values?: Record<string, string>;
  }[];
  constructor(errors: StaffFieldsRefused['errors']) {
    super('Invalid request');
    this.name = 'StaffFieldsRefused';
    this.errors = errors;
  }
}

/** Working days ahead that count as due soon, as the deadline sweeper flags them. */
const dueSoonWorkingDays = 2;

export function badgeDates(clock: Clock): BadgeDates {
  const today = localDate(clock.now());
  return { today, dueThrough: defaultCalendar.addWorkingDays(today, dueSoonWorkingDays) };
}

/** An audit record of a staff request; `references` are the tickets it touched or read. */
export function staffAudit(
  caller: StaffCaller,
  event: {
    readonly eventName: AuditEventName;
    readonly eventTime: string;
    readonly readOnly: boolean;
    readonly references?: readonly string[];
    readonly requestParameters?: Readonly<Record<string, unknown>> | null;
    readonly responseElements?: Readonly<Record<string, unknown>> | null;
    readonly errorCode?: string;
    readonly errorMessage?: string;
    readonly eventID?: string;
  },
): AuditRecord {
  return auditRecord({
    eventTime: event.eventTime,
    eventSource: auditEventSource,
    eventName: event.eventName,
    userIdentity: { type: 'Staff', principalId: caller.username, userName: caller.username },
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: caller.userAgent,
    requestParameters: event.requestParameters ?? null,
    responseElements: event.responseElements ?? null,
    requestID: caller.requestId,
    eventID: event.eventID ?? randomUUID(),
    readOnly: event.readOnly,
    resources: (event.references ?? []).slice(0, 100).map(ticketResource),
    ...(event.errorCode ? { errorCode: event.errorCode } : {}),
    ...(event.errorMessage ? { errorMessage: event.errorMessage } : {}),
  });
}

/** Records a refused request (403 and the like): who tried what on which ticket. */
export async function recordRefusal(
  deps: Pick<StaffDeskDeps, 'audit' | 'clock'>,
  caller: StaffCaller,
  eventName: AuditEventName,
  errorCode: string,
  reference?: string,
  readOnly = false,
): Promise<void> {
  await deps.audit.append([
    staffAudit(caller, {
      eventName,
      eventTime: deps.clock.now().toISOString(),
      readOnly,
      references: reference ? [reference] : [],
      requestParameters: reference ? { reference } : null,
      errorCode,
      errorMessage: errorCode === 'AccessDenied' ? 'Not within the caller’s competences or role' : errorCode,
    }),
  ]);
}

/** A new ticket from a sender whose service was ended (§17): only the unit's supervisors touch it. */
function heldForReview(ticket: Ticket): boolean {
  return Boolean(ticket.review) && ticket.status === 'new';
}

/** Whether the caller may see the ticket at all: in their units, and not held for someone else's review. */
export function visibleTo(caller: StaffIdentity, ticket: Ticket): boolean {
  if (!mayActOn(caller, ticket.competence, 'read')) return false;
  return !heldForReview(ticket) || mayActOn(caller, ticket.competence, 'review');
}

/** The ticket's record, if the caller may do `action` on it. */
async function recordFor(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  action: TicketAction,
): Promise<TicketRecord> {
  const record = await deps.desk.record(reference);
  if (!record) throw new StaffRefused('NotFound');
  if (!mayActOn(caller, record.ticket.competence, action) || !visibleTo(caller, record.ticket))
    throw new StaffRefused('AccessDenied');
  return record;
}

/** Refuses unless the caller may do `action` on the ticket (for use cases that read it themselves). */
export async function assertMayAct(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  action: TicketAction,
): Promise<void> {
  await recordFor(deps, caller, reference, action);
}

async function detail(deps: StaffDeskDeps, caller: StaffCaller, record: TicketRecord): Promise<TicketDetail> {
  const files = [
    ...(record.ticket.attachments ?? []),
    ...record.messages.flatMap((message) => message.attachments ?? []),
  ];
  const links = new Map(
    await Promise.all(
      files.map(async (file) => [file.key, await deps.downloads.link(file.key, file.filename)] as const),
    ),
  );
  return ticketDetail(record, caller, badgeDates(deps.clock), links);
}

/** The ticket after an action, re-read: refused if it moved out of the caller's sight meanwhile. */
async function detailOf(deps: StaffDeskDeps, caller: StaffCaller, reference: string): Promise<TicketDetail> {
  return detail(deps, caller, await recordFor(deps, caller, reference, 'read'));
}

// ---- Reading -------------------------------------------------------------------------------

export async function readTicket(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
): Promise<TicketDetail> {
  const record = await recordFor(deps, caller, reference, 'read');
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'GetTicket',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
      references: [reference],
      // The unit the ticket is in: what gives the reader the right to it (the data-subject report's "why").
      requestParameters: { reference, competence: record.ticket.competence },
    }),
  ]);
  return detail(deps, caller, record);
}

export interface WorklistRequest {
  readonly view: WorklistViewName;
  readonly competence?: CompetenceId | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export async function listWorklist(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  request: WorklistRequest,
): Promise<{ items: TicketSummary[]; cursor?: string }> {
  const allowed = request.view === 'review' ? caller.supervises : caller.competences;
  if (request.competence && !allowed.includes(request.competence)) throw new StaffRefused('AccessDenied');
  if (allowed.length === 0) throw new StaffRefused('AccessDenied');
  const units = request.competence ? [request.competence] : allowed;
  const limit = Math.max(1, Math.min(100, request.limit ?? 50));
  const dates = badgeDates(deps.clock);
  const views: WorklistView[] =
    request.view === 'mine'
      ? [{ kind: 'mine', assignee: caller.username }]
      : units.map((competence) => viewOf(request.view, competence, dates));
  // A cursor pages one index partition: with several units, each gives its first page.
  if (request.cursor && views.length > 1) throw new StaffRefused('InvalidCursor');
  const pages = await Promise.all(
    views.map((view) =>
      deps.worklists.list(view, { limit, ...(request.cursor ? { cursor: request.cursor } : {}) }),
    ),
  );
  const tickets = pages
    .flatMap((page) => page.items)
    // Mine lists what is still mine to work, in the caller's units (a moved ticket is not).
    .filter((ticket) => visibleTo(caller, ticket))
    // Mine lists what is still mine to work (answered and closed ones stay on the index).
    .filter((ticket) => request.view !== 'mine' || stillToAnswer(ticket.status));
  const byDeadline = request.view === 'due' || request.view === 'overdue';
  tickets.sort((a, b) =>
    byDeadline
      ? a.answerDeadline.localeCompare(b.answerDeadline) || a.receivedAt.localeCompare(b.receivedAt)
      : a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference),
  );
  // Several units' first pages merged: at most `limit`, so that every row shown is in the record.
  const items = tickets.slice(0, limit).map((ticket) => ticketSummary(ticket, dates));
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'ListTickets',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
      references: items.map((item) => item.reference),
      requestParameters: {
        view: request.view,
        ...(request.competence ? { competence: request.competence } : {}),
      },
      responseElements: { count: items.length },
    }),
  ]);
  const cursor = views.length === 1 ? pages[0]?.cursor : undefined;
  return cursor ? { items, cursor } : { items };
}

function viewOf(view: WorklistViewName, competence: string, dates: BadgeDates): WorklistView {
  switch (view) {
    case 'queue':
      return { kind: 'queue', competence, status: 'new' };
    case 'review':
      return { kind: 'queue', competence, status: 'review' };
    case 'due':
      return { kind: 'due', competence, from: dates.today, through: dates.dueThrough };
    case 'overdue':
      return { kind: 'overdue', competence, before: dates.today };
    case 'callbacks':
      return { kind: 'callbacks', competence };
    case 'mine':
      throw new Error('mine is not per unit');
  }
}

const referenceQuery = /^TA-\d{4}-\d{6,}$/i;
/** Words are matched without case and diacritics: "sūdzība" finds "SUDZIBA". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
/** How many tickets per unit and status a text search reads at most, newest first. */
const textSearchBudget = 1000;

/** Search by reference, a client's email address, or words of the subject, message or name. */
export async function searchTickets(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  query: string,
): Promise<TicketSummary[]> {
  if (caller.competences.length === 0) throw new StaffRefused('AccessDenied');
  const q = query.trim();
  const kind = referenceQuery.test(q) ? 'reference' : q.includes('@') ? 'email' : 'text';
  let found: Ticket[];
  if (kind === 'reference') {
    const ticket = await deps.store.getTicket(q.toUpperCase());
    found = ticket ? [ticket] : [];
  } else if (kind === 'email') {
    found = await deps.desk.clientTickets(clientGroupId(q), 100);
  } else {
    found = await textSearch(deps, caller, fold(q));
  }
  const visible = found
    .filter((ticket) => visibleTo(caller, ticket))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, 50);
  const dates = badgeDates(deps.clock);
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'SearchTickets',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
      references: visible.map((ticket) => ticket.reference),
      // The query may be a client's address or name: only its kind is recorded.
      requestParameters: { queryKind: kind },
      responseElements: { count: visible.length },
    }),
  ]);
  return visible.map((ticket) => ticketSummary(ticket, dates));
}

async function textSearch(deps: StaffDeskDeps, caller: StaffCaller, words: string): Promise<Ticket[]> {
  const terms = words.split(/\s+/).filter(Boolean).slice(0, 10);
  const statuses: (TicketStatus | 'review')[] = [
    'new',
    'review',
    'open',
    'waiting-on-client',
    'answered',
    'closed',
  ];
  const lists = caller.competences.flatMap((competence) =>
    statuses
      // Held-for-review tickets are the supervisors' only.
      .filter((status) => status !== 'review' || caller.supervises.includes(competence))
      .map((status) => ({ competence, status })),
  );
  const matches: Ticket[] = [];
  await Promise.all(
    lists.map(async ({ competence, status }) => {
      let cursor: string | undefined;
      let read = 0;
      do {
        const page = await deps.worklists.list(
          { kind: 'queue', competence, status },
          { limit: 100, newestFirst: true, ...(cursor ? { cursor } : {}) },
        );
        read += page.items.length;
        for (const ticket of page.items) {
          const haystack = fold(`${ticket.subject}\n${ticket.body}\n${ticket.client.name}`);
          if (terms.every((term) => haystack.includes(term))) matches.push(ticket);
        }
        cursor = page.cursor;
      } while (cursor && read < textSearchBudget);
    }),
  );
  return matches;
}

/** The client's other tickets, in the caller's units. */
export async function relatedTickets(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
): Promise<TicketSummary[]> {
  const { ticket } = await recordFor(deps, caller, reference, 'read');
  const others = (await deps.desk.clientTickets(clientGroupId(ticket.client.email), 50)).filter(
    (other) => other.reference !== reference && visibleTo(caller, other),
  );
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'ListClientTickets',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
      references: [reference, ...others.map((other) => other.reference)],
      requestParameters: { reference },
      responseElements: { count: others.length },
    }),
  ]);
  const dates = badgeDates(deps.clock);
  return others.map((other) => ticketSummary(other, dates));
}

// ---- Writing -------------------------------------------------------------------------------

function statusChange(caller: StaffCaller, ticket: Ticket, to: TicketStatus, at: string): StatusChange {
  return { from: ticket.status, to, by: caller.username, at };
}

/**
 * Keeps the units' counters (for the expected answer date) in step when a ticket stops or starts
 * waiting for its answer. Best effort: only later estimates depend on them.
 */
async function countTransition(
  deps: StaffDeskDeps,
  ticket: Ticket,
  to: TicketStatus,
  now: Date,
): Promise<void> {
  const wasOpen = stillToAnswer(ticket.status);
  const isOpen = stillToAnswer(to);
  if (wasOpen === isOpen) return;
  try {
    if (!isOpen) await deps.store.countAnswered(ticket.competence, localDate(now));
    await deps.store.adjustOpenTickets(new Map([[ticket.competence, isOpen ? 1 : -1]]));
  } catch {
    // See process-intake's count: a missed count skews only the estimate of later requests.
  }
}

async function write(
  deps: StaffDeskDeps,
  ticket: Ticket,
  change: Omit<StaffWrite, 'expect'>,
): Promise<Ticket | 'duplicate'> {
  const result = await deps.desk.write(ticket.reference, {
    expect: { status: ticket.status, competence: ticket.competence, answerDeadline: ticket.answerDeadline },
    ...change,
  });
  if (result === 'conflict') throw new StaffRefused('Conflict');
  return result;
}

export async function replyToClient(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  request: {
    text: string;
    status?: 'answered' | 'waiting-on-client' | 'open' | undefined;
    /** Upload ids (`createReplyUpload`) of the files to send with it. */
    attachments?: readonly string[] | undefined;
  },
  idempotencyKey?: string,
): Promise<TicketDetail> {
  const { ticket, messages } = await recordFor(deps, caller, reference, 'reply');
  const id = idempotencyKey ? stableId(reference, 'reply', caller.username, idempotencyKey) : randomUUID();
  const outboundId = `reply-${id}`;
  const outbound: OutboundMessage = { version: 1, kind: 'reply', outboundId, reference, messageId: id };
  const enqueue = () =>
    deps.outboundQueue.send(outbound, { groupId: reference, deduplicationId: outboundId });
  if (sameRequestStored(messages, id, 'reply', request.text)) {
    // A retried request (same Idempotency-Key): enqueue again — the queue deduplicates and
    // send-email never sends an outbound id twice — and answer as the first time.
    await enqueue();
    return detailOf(deps, caller, reference);
  }
  if (ticket.status === 'new') throw new StaffRefused('NotTaken');
  if (ticket.status === 'closed') throw new StaffRefused('Closed');
  // No email address: printed as a letter when the postal address is known (send-email does it);
  // with neither (a released mail whose sender could not be read), refused.
  if (!hasEmailAddress(ticket.client) && !ticket.client.postalAddress)
    throw new StaffRefused('NoEmailAddress');
  const attachments = await uploadedAttachments(deps, reference, request.attachments ?? []);
  const now = deps.clock.now();
  const at = now.toISOString();
  const to = request.status ?? 'answered';
  const result = await write(deps, ticket, {
    message: {
      id,
      kind: 'reply',
      at,
      author: caller.username,
      text: request.text.trim(),
      outboundId,
      ...(attachments.length ? { attachments } : {}),
    },
    ...(to !== ticket.status ? { statusChange: statusChange(caller, ticket, to, at) } : {}),
    audit: staffAudit(caller, {
      eventName: 'ReplyToClient',
      eventTime: at,
      readOnly: false,
      references: [reference],
      requestParameters: {
        reference,
        status: to,
        ...(attachments.length ? { attachments: attachments.map((file) => file.key) } : {}),
      },
      responseElements: { messageId: id, outboundId },
      eventID: stableId(id, 'ReplyToClient'),
    }),
  });
  if (result === 'duplicate') return replyToClient(deps, caller, reference, request, idempotencyKey);
  await enqueue();
  await countTransition(deps, ticket, to, now);
  return detailOf(deps, caller, reference);
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * A signed upload of one file for a reply (issue 5, item 6): the browser PUTs the file straight
 * to `replies/<reference>/<uploadId>` within five minutes, with the returned headers, which are
 * signed — so the object's type, length and name are the ones checked here. Allowed to whoever
 * may reply now (the ticket taken and not closed).
 */
export async function createReplyUpload(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  file: { filename: string; contentType: string; size: number },
): Promise<UploadResponse> {
  const { ticket } = await recordFor(deps, caller, reference, 'reply');
  if (ticket.status === 'new') throw new StaffRefused('NotTaken');
  if (ticket.status === 'closed') throw new StaffRefused('Closed');
  const filename = sanitizeFilename(file.filename);
  const errors: StaffFieldsRefused['errors'][number][] = [];
  const contentType = file.contentType.trim().toLowerCase();
  if (!isAttachmentType(contentType)) errors.push({ field: 'contentType', key: 'staff.upload.type' });
  if (!filename) errors.push({ field: 'filename', key: 'staff.upload.filename' });
  else if (isAttachmentType(contentType) && !extensionMatches(filename, contentType))
    errors.push({ field: 'filename', key: 'staff.upload.extension' });
  if (file.size < 1) errors.push({ field: 'size', key: 'staff.upload.empty' });
  else if (file.size > maxAttachmentBytes)
    errors.push({
      field: 'size',
      key: 'staff.upload.tooLarge',
      values: { limit: megabytes(maxAttachmentBytes) },
    });
  if (errors.length) throw new StaffFieldsRefused(errors);

  const uploadId = randomUUID();
  const key = replyUploadKey(reference, uploadId);
  const now = deps.clock.now();
  const { url, headers } = await deps.uploads.signPut(
    key,
    // Metadata values travel as ASCII headers: the name percent-encoded (UTF-8).
    {
      contentType,
      size: file.size,
      metadata: { filename: encodeURIComponent(filename), size: String(file.size) },
    },
    uploadUrlSeconds,
  );
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'CreateReplyUpload',
      eventTime: now.toISOString(),
      readOnly: false,
      references: [reference],
      // The name may be personal data: only the type and size are recorded.
      requestParameters: { reference, contentType, size: file.size },
      responseElements: { uploadId, key },
    }),
  ]);
  return {
    uploadId,
    filename,
    url,
    headers,
    expiresAt: new Date(now.getTime() + uploadUrlSeconds * 1000).toISOString(),
  };
}

/**
 * The reply's uploads as they are in the bucket: each must be this ticket's, exist, and be what its
 * upload was signed for (a PUT outside the signature, as an emulator would accept, is caught here),
 * within the limits of one reply.
 */
async function uploadedAttachments(
  deps: StaffDeskDeps,
  reference: string,
  uploadIds: readonly string[],
): Promise<ReplyAttachment[]> {
  if (uploadIds.length === 0) return [];
  const refuse = (key: StaffMessageKey, values?: Record<string, string>): never => {
    throw new StaffFieldsRefused([{ field: 'attachments', key, ...(values ? { values } : {}) }]);
  };
  if (uploadIds.length > maxReplyAttachments)
    refuse('staff.attachments.tooMany', { count: String(maxReplyAttachments) });
  if (new Set(uploadIds).size !== uploadIds.length || !uploadIds.every((id) => uploadIdPattern.test(id)))
    refuse('staff.attachments.invalid');
  const files = await Promise.all(
    uploadIds.map(async (uploadId): Promise<ReplyAttachment> => {
      const key = replyUploadKey(reference, uploadId);
      const object = await deps.uploads.describe(key);
      if (!object) return refuse('staff.attachments.missing');
      const filename = decodedFilename(object.metadata.filename);
      const contentType = object.contentType.toLowerCase();
      const valid =
        filename !== undefined &&
        isAttachmentType(contentType) &&
        extensionMatches(filename, contentType) &&
        object.size >= 1 &&
        String(object.size) === object.metadata.size;
      if (!valid) return refuse('staff.attachments.invalid');
      if (object.size > maxAttachmentBytes)
        refuse('staff.upload.tooLarge', { limit: megabytes(maxAttachmentBytes) });
      return { key, filename, contentType, size: object.size };
    }),
  );
  if (files.reduce((total, file) => total + file.size, 0) > maxReplyAttachmentBytes)
    refuse('staff.attachments.tooLarge', { limit: megabytes(maxReplyAttachmentBytes) });
  return files;
}

/** The name an upload was signed with, if it is still a sanitized one. */
function decodedFilename(encoded: string | undefined): string | undefined {
  if (!encoded) return undefined;
  try {
    const filename = decodeURIComponent(encoded);
    return filename && sanitizeFilename(filename) === filename ? filename : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the message of this idempotency key is stored already, for the same request; a key
 * reused for a different text is refused rather than silently answered with the first one.
 */
function sameRequestStored(
  messages: TicketRecord['messages'],
  id: string,
  kind: 'reply' | 'note',
  text: string,
): boolean {
  const stored = messages.find((message) => message.id === id);
  if (!stored) return false;
  if (stored.kind !== kind || stored.text !== text.trim()) throw new StaffRefused('IdempotencyMismatch');
  return true;
}

export async function addNote(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  text: string,
  idempotencyKey?: string,
): Promise<TicketDetail> {
  const { ticket, messages } = await recordFor(deps, caller, reference, 'note');
  const id = idempotencyKey ? stableId(reference, 'note', caller.username, idempotencyKey) : randomUUID();
  if (sameRequestStored(messages, id, 'note', text)) return detailOf(deps, caller, reference);
  const at = deps.clock.now().toISOString();
  const result = await write(deps, ticket, {
    message: { id, kind: 'note', at, author: caller.username, text: text.trim() },
    audit: staffAudit(caller, {
      eventName: 'AddNote',
      eventTime: at,
      readOnly: false,
      references: [reference],
      requestParameters: { reference },
      responseElements: { messageId: id },
      eventID: stableId(id, 'AddNote'),
    }),
  });
  if (result === 'duplicate') return addNote(deps, caller, reference, text, idempotencyKey);
  return detailOf(deps, caller, reference);
}

export async function changeStatus(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  to: Exclude<TicketStatus, 'new'>,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'status');
  if (ticket.status === to) return readTicket(deps, caller, reference);
  // An untaken ticket is taken (and so assigned, in queue order) before it is worked; it may only
  // be closed — and a ticket closed untaken cannot be reopened past the queue: it is taken anew.
  if (ticket.status === 'new' && to !== 'closed') throw new StaffRefused('NotTaken');
  if (!ticket.assignee && stillToAnswer(to)) throw new StaffRefused('NotTaken');
  const now = deps.clock.now();
  const at = now.toISOString();
  await write(deps, ticket, {
    statusChange: statusChange(caller, ticket, to, at),
    audit: staffAudit(caller, {
      eventName: 'ChangeTicketStatus',
      eventTime: at,
      readOnly: false,
      references: [reference],
      requestParameters: { reference, from: ticket.status, to },
    }),
  });
  await countTransition(deps, ticket, to, now);
  return detailOf(deps, caller, reference);
}

/**
 * Records the callback the client asked for (§19.1): reached, or not reached — then the answer
 * goes in writing. The ticket leaves the unit's callback list; a note, when given, joins the thread.
 */
export async function recordCallback(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  request: { outcome: CallbackOutcome; note?: string | undefined },
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'callback');
  if (!ticket.callback) throw new StaffRefused('NoCallback');
  if (ticket.callback.done) throw new StaffRefused('CallbackRecorded');
  if (ticket.status === 'closed') throw new StaffRefused('Closed');
  const at = deps.clock.now().toISOString();
  const note = request.note?.trim();
  await write(deps, ticket, {
    callbackDone: { by: caller.username, at, outcome: request.outcome },
    ...(note ? { message: { id: randomUUID(), kind: 'note', at, author: caller.username, text: note } } : {}),
    audit: staffAudit(caller, {
      eventName: 'RecordCallback',
      eventTime: at,
      readOnly: false,
      references: [reference],
      requestParameters: { reference, outcome: request.outcome, competence: ticket.competence },
    }),
  });
  return detailOf(deps, caller, reference);
}

/**
 * Types in the text of a scanned letter that had none (issue 7): kept beside the scan, once; it
 * is what the staff member read, so search and the reply can use it.
 */
export async function transcribeScan(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  text: string,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'transcribe');
  if (!ticket.postal) throw new StaffRefused('NotPostal');
  // A scan with text (its own or OCR's) is not typed in again; a typed text is not replaced.
  if (ticket.transcription || !ticket.postal.needsTranscription) throw new StaffRefused('AlreadyTranscribed');
  const at = deps.clock.now().toISOString();
  await write(deps, ticket, {
    transcription: { text: text.trim(), by: caller.username, at },
    audit: staffAudit(caller, {
      eventName: 'TranscribeScan',
      eventTime: at,
      readOnly: false,
      references: [reference],
      // The text stays on the ticket; the trail has its length.
      requestParameters: { reference, length: text.trim().length },
    }),
  });
  return detailOf(deps, caller, reference);
}

/**
 * Ends service (§17): the ticket is closed with the reason recorded, the client gets the polite
 * standard notice, and the sender is flagged so that their next messages go to a supervisor and
 * are not acknowledged automatically.
 */
export async function endService(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  reason: string,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'end-service');
  const outboundId = `end-service-${reference}`;
  const notify = () =>
    deps.outboundQueue.send(
      { version: 1, kind: 'end-service', outboundId, reference },
      { groupId: reference, deduplicationId: outboundId },
    );
  if (ticket.serviceEnded) {
    // The same person retrying (the notice may not have been queued): queue it again, idempotently.
    if (ticket.serviceEnded.by !== caller.username || ticket.serviceEnded.reason !== reason.trim())
      throw new StaffRefused('AlreadyEnded');
    await notify();
    return detailOf(deps, caller, reference);
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  await write(deps, ticket, {
    ...(ticket.status !== 'closed' ? { statusChange: statusChange(caller, ticket, 'closed', at) } : {}),
    endService: {
      reason: reason.trim(),
      by: caller.username,
      at,
      clientKey: clientGroupId(ticket.client.email),
    },
    audit: staffAudit(caller, {
      eventName: 'EndService',
      eventTime: at,
      readOnly: false,
      references: [reference],
      requestParameters: { reference, ...reasonDigest(reason.trim()) },
      responseElements: { senderFlagged: true },
    }),
  });
  await notify();
  await countTransition(deps, ticket, 'closed', now);
  return detailOf(deps, caller, reference);
}

/**
 * Takes a particular ticket: in queue order, or out of it with a reason (see take-ticket.ts). A
 * ticket held for review (§17) is taken by a supervisor only, outside the queue.
 */
export async function takeOne(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  reason: string | undefined,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'take');
  await takeTicket(deps, caller, ticket, reason);
  return detailOf(deps, caller, reference);
}

/** The saved answer templates of the caller's units. */
export async function listTemplates(deps: StaffDeskDeps, caller: StaffCaller): Promise<TemplatesResponse> {
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'ListTemplates',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
    }),
  ]);
  return {
    templates: templatesFor(caller.competences).map((template) => ({
      id: `${template.competence}/${template.id}/${template.language}`,
      competence: template.competence,
      language: template.language,
      title: template.title,
      text: template.text,
    })),
  };
}

/** The detail of a ticket after an action done by another use case (take, re-route, extend). */
export async function ticketAfterAction(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
): Promise<TicketDetail> {
  return detailOf(deps, caller, reference);
}

/** Units named in a request must be real ones. */
export function unitOrUndefined(id: string | undefined): CompetenceId | undefined {
  return id && isCompetenceId(id) ? id : undefined;
}
