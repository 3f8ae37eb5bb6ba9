/**
 * The mail quarantine for supervisors: inbound mail ingest-email held back (a
 * verdict, a limit, unreadable, no sender) is listed for the supervisors of its unit with the
 * reason, shown one at a time with a text-only preview, and released into a ticket — never dropped.
 * Every read and every release is audited; the release reason as its fingerprint and length.
 *
 * A release ingests first and records second. ingestEmail is idempotent by the SES message id, so
 * a retry after any failure — of the ingest, or of the conditional held → released write that
 * follows it — yields the same ticket and reference; the mail stays held (and releasable) until
 * that write succeeds, and once it has, a second release is refused.
 */
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import { type AuditRecord, type AuditResource, reasonDigest } from '../domain/audit-event.ts';
import type { CompetenceId } from '../domain/competences.ts';
import { stableId } from '../domain/ids.ts';
import { accessDenied, type RefusalStatus, Refused } from '../domain/refused.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { QuarantineDesk, QuarantinedMail, QuarantineState } from '../ports/quarantine.ts';
import type { DownloadLinks } from '../ports/uploads.ts';
import type { InboundMail, IngestEmailDeps, Verdict } from './ingest-email.ts';
import { assertOneList, type PageRequest, pageLimit, pageOf, unitsToList } from './paging.ts';
import { type StaffAuditEvent, type StaffCaller, staffAudit } from './staff-audit.ts';
import {
  type QuarantineDetail,
  type QuarantinePreview,
  type QuarantineReleaseResponse,
  type QuarantineSummary,
  quarantineReasonCodes,
} from './views/quarantine.ts';

export interface QuarantineMailDeps {
  readonly quarantine: QuarantineDesk;
  /** Short-lived links to the raw message. */
  readonly downloads: DownloadLinks;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** What a release needs to make the mail a ticket: ingest-email's own dependencies. */
  readonly ingest: IngestEmailDeps;
}

/**
 * The mail parser (mailparser with iconv-lite's charset tables: about a megabyte of code), loaded by
 * the first preview: the staff API's other requests never parse mail, so its cold start skips it.
 */
const loadMailParser = () => import('../mail/parse-mail.ts');

/** ingest-email's use case, which parses the mail it ingests: loaded by the first preview or release. */
const loadMailIngest = () => import('./ingest-email.ts');

/** A refusal about a mail, answered with the quarantine catalogue's message. */
const mailRefused = (code: 'NotFound' | 'AlreadyReleased', status: RefusalStatus): Refused =>
  new Refused(code, status, { messageKey: `quarantine.${code}` });

/** No mail of that id, or none the caller may see: `NotFound` (404). */
export const mailNotFound = (): Refused => mailRefused('NotFound', 404);

/** Released already (by whoever): `AlreadyReleased` (409). */
const alreadyReleased = (): Refused => mailRefused('AlreadyReleased', 409);

/** How much of the text the preview shows. */
const previewTextLength = 20_000;

export function mailResource(id: string): AuditResource {
  return { type: 'Courtdesk::Mail', ARN: `arn:courtdesk:mail::message/${id}` };
}

type MailAuditEvent = StaffAuditEvent & { readonly mails: readonly string[] };

/** A staff audit record about quarantined mail: the mails (and a ticket made of one) as resources. */
function quarantineAudit(caller: StaffCaller, event: MailAuditEvent): AuditRecord {
  const { mails, ...rest } = event;
  const record = staffAudit(caller, rest);
  return { ...record, resources: [...mails.slice(0, 100).map(mailResource), ...record.resources] };
}

/** Appends a record about quarantined mail, made now. */
async function recordMailEvent(
  deps: Pick<QuarantineMailDeps, 'audit' | 'clock'>,
  caller: StaffCaller,
  event: Omit<MailAuditEvent, 'eventTime'>,
): Promise<void> {
  await deps.audit.append([quarantineAudit(caller, { ...event, eventTime: deps.clock.now().toISOString() })]);
}

/** Records a refused quarantine request: who tried what, on which mail if a well-formed id was given. */
export async function recordQuarantineRefusal(
  deps: Pick<QuarantineMailDeps, 'audit' | 'clock'>,
  caller: StaffCaller,
  eventName: AuditEventName,
  errorCode: string,
  id: string | undefined,
  readOnly: boolean,
): Promise<void> {
  await recordMailEvent(deps, caller, {
    eventName,
    readOnly,
    mails: id ? [id] : [],
    requestParameters: id ? { id } : null,
    errorCode,
    errorMessage: errorCode === 'AccessDenied' ? 'Not a supervisor of the mail’s unit' : errorCode,
  });
}

/** The mail, if the caller supervises its unit. */
async function mailFor(deps: QuarantineMailDeps, caller: StaffCaller, id: string): Promise<QuarantinedMail> {
  // Agents and the other roles never see quarantined mail, whether or not the id exists.
  if (caller.supervises.length === 0) throw accessDenied();
  const mail = await deps.quarantine.get(id);
  if (!mail) throw mailNotFound();
  if (!caller.supervises.some((unit) => unit === mail.competence)) throw accessDenied();
  return mail;
}

export interface QuarantineListRequest extends PageRequest {
  readonly competence?: CompetenceId | undefined;
  readonly state?: QuarantineState | undefined;
}

/**
 * The quarantined mail of the units the caller supervises (or of one of them), oldest first: the
 * order it was received in, as the worklists keep (§21).
 */
export async function listQuarantine(
  deps: QuarantineMailDeps,
  caller: StaffCaller,
  request: QuarantineListRequest,
): Promise<{ items: QuarantineSummary[]; cursor?: string }> {
  const units = unitsToList(caller.supervises, request.competence);
  assertOneList(request.cursor, units.length);
  const state = request.state ?? 'held';
  const limit = pageLimit(request.limit);
  const pages = await Promise.all(
    units.map((unit) =>
      deps.quarantine.list(unit, state, { limit, ...(request.cursor ? { cursor: request.cursor } : {}) }),
    ),
  );
  const items = pages
    .flatMap((page) => page.items)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(summaryOf);
  await recordMailEvent(deps, caller, {
    eventName: 'ListQuarantine',
    readOnly: true,
    mails: items.map((item) => item.id),
    requestParameters: { state, ...(request.competence ? { competence: request.competence } : {}) },
    responseElements: { count: items.length },
  });
  return pageOf(items, units.length === 1 ? pages[0]?.cursor : undefined);
}

/** One quarantined mail with what can safely be shown of it: plain text, never its HTML. */
export async function readQuarantinedMail(
  deps: QuarantineMailDeps,
  caller: StaffCaller,
  id: string,
): Promise<QuarantineDetail> {
  const mail = await mailFor(deps, caller, id);
  await recordMailEvent(deps, caller, {
    eventName: 'GetQuarantinedMail',
    readOnly: true,
    mails: [id],
    requestParameters: { id },
  });
  const raw = await deps.ingest.blobs.get(mail.rawKey);
  const detail: QuarantineDetail = {
    ...summaryOf(mail),
    actions: mail.state === 'held' ? ['release'] : [],
  };
  if (!raw) return { ...detail, previewUnavailable: 'missing' };
  const downloadUrl = await deps.downloads.link(mail.rawKey, `${mail.id}.eml`);
  const withRaw = { ...detail, size: raw.length, downloadUrl };
  const [{ parseMail }, { releaseLimits }] = await Promise.all([loadMailParser(), loadMailIngest()]);
  // SES accepts nothing larger; whatever is, is not parsed inside a staff request.
  if (raw.length > releaseLimits.maxBytes) return { ...withRaw, previewUnavailable: 'too-large' };
  // A preview must answer within the staff request; a mail slower to read shows no preview.
  const parsed = await parseMail(raw, releaseLimits, 8_000);
  if (!parsed.ok) return { ...withRaw, previewUnavailable: 'unreadable' };
  const { from, to, subject, date, text, html, attachments } = parsed.mail;
  const preview: QuarantinePreview = {
    ...(from ? { from: { name: from.name, address: from.address } } : {}),
    to: to.slice(0, 50).map((address) => address.address),
    subject,
    ...(date ? { date } : {}),
    text: text.slice(0, previewTextLength),
    truncated: text.length > previewTextLength,
    hasHtml: html !== undefined && html !== '',
    attachments: attachments.slice(0, 100).map((attachment) => ({
      name: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
  };
  return { ...withRaw, preview };
}

/**
 * Releases a held mail: it is ingested as a ticket (past its verdict, within SES's own limits, an
 * unreadable one with the original attached), then marked released with who, when, why and the
 * ticket's reference, together with the audit record. Released already: `AlreadyReleased`.
 */
export async function releaseQuarantinedMail(
  deps: QuarantineMailDeps,
  caller: StaffCaller,
  id: string,
  reason: string,
): Promise<QuarantineReleaseResponse> {
  const mail = await mailFor(deps, caller, id);
  if (mail.state !== 'held') throw alreadyReleased();
  const digest = reasonDigest(reason.trim());
  let reference: string;
  try {
    const { ingestEmail } = await loadMailIngest();
    const outcome = await ingestEmail(deps.ingest, inboundMailOf(mail), {
      by: caller.username,
      rawKey: mail.rawKey,
      // No acknowledgement to a sender held for a virus or DMARC; spam keeps its verdict.
      acknowledge: mail.reason !== 'virus' && mail.reason !== 'dmarc',
    });
    if (outcome.outcome === 'quarantined') throw new Error(`Released mail ${id} was quarantined again`);
    reference = outcome.reference;
  } catch (error) {
    // The mail stays held: the supervisor may try again, and the trail shows the attempt.
    await recordMailEvent(deps, caller, {
      eventName: 'ReleaseQuarantinedMail',
      readOnly: false,
      mails: [id],
      requestParameters: { id, ...digest },
      errorCode: 'IngestFailed',
      errorMessage: 'The mail could not be ingested; it stays in quarantine',
    });
    throw error;
  }
  const at = deps.clock.now().toISOString();
  const release = { by: caller.username, at, reason: reason.trim(), reference };
  const released = await deps.quarantine.release(
    mail,
    release,
    quarantineAudit(caller, {
      eventName: 'ReleaseQuarantinedMail',
      eventTime: at,
      readOnly: false,
      mails: [id],
      references: [reference],
      requestParameters: { id, ...digest },
      responseElements: { reference },
      eventID: stableId(id, 'ReleaseQuarantinedMail'),
    }),
  );
  // Someone released it meanwhile: the ticket is the same one (ingestion is idempotent).
  if (!released) throw alreadyReleased();
  return { mail: summaryOf({ ...mail, state: 'released', release }), reference };
}

/**
 * The receipt ingest-email is given again on release, with the verdicts SES gave it: they no longer
 * hold the mail back, and a spam verdict still withholds the acknowledgement.
 */
function inboundMailOf(mail: QuarantinedMail): InboundMail {
  const verdict = (value: string | undefined): Verdict =>
    (['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'] as const).find((known) => known === value) ??
    'PROCESSING_FAILED';
  const stored = mail.verdicts;
  return {
    messageId: mail.id,
    receivedAt: mail.receivedAt,
    // Already our units' addresses (no inbound-domain setting needed here); older records: as received.
    recipients: [...(mail.routedTo ?? mail.recipients)],
    verdicts: {
      spam: verdict(stored?.spam),
      virus: verdict(stored?.virus),
      spf: verdict(stored?.spf),
      dkim: verdict(stored?.dkim),
      dmarc: verdict(stored?.dmarc),
    },
  };
}

function summaryOf(mail: QuarantinedMail): QuarantineSummary {
  // Every reason ingest-email writes is a code of the contract; anything else reads as unparseable.
  const reason = quarantineReasonCodes.find((code) => code === mail.reason) ?? 'unparseable';
  return {
    id: mail.id,
    competence: mail.competence as CompetenceId,
    reason,
    detail: mail.detail,
    receivedAt: mail.receivedAt,
    recipients: [...mail.recipients],
    state: mail.state,
    ...(mail.release
      ? {
          release: {
            by: mail.release.by,
            at: mail.release.at,
            reason: mail.release.reason,
            reference: mail.release.reference,
          },
        }
      : {}),
  };
}
