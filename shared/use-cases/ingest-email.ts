/**
 * Inbound email (§7): a message SES received (raw bytes stored by its S3 action) becomes an
 * intake message on intake.fifo — or is quarantined with the reason, never dropped. Exactly once:
 * the SES message id keys an idempotency record holding the intake message, so a redelivered
 * event enqueues the same message (same reference) again, which the queue and process-intake
 * deduplicate.
 */
import { auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { replyDomain } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { IntakeMessage } from '../domain/intake-message.ts';
import type { Language } from '../domain/language.ts';
import { quarantineCompetence } from '../domain/quarantine.ts';
import type { ReferenceAllocator } from '../domain/reference.ts';
import { type RetentionSchedule, ttlExpiry } from '../domain/retention.ts';
import { messageIdClues, subjectReferences } from '../domain/threading.ts';
import { quarantinePrefix } from '../mail/keys.ts';
import { parseMail } from '../mail/parse-mail.ts';
import type { MailLimits, ParsedMail } from '../mail/parsed-mail.ts';
import { safeContentType, safeFilename, safeHeaderValue } from '../mail/safe-values.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdempotencyStore } from '../ports/intake.ts';
import type { MailQuarantine } from '../ports/quarantine.ts';
import type { MessageQueue } from '../ports/queue.ts';

export interface IngestEmailDeps {
  /** Idempotency records (a release replays the mail's earlier outcome) and the quarantine. */
  readonly store: IdempotencyStore & MailQuarantine;
  readonly blobs: BlobStore;
  readonly intakeQueue: MessageQueue<IntakeMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly references: ReferenceAllocator;
  readonly rawMailPrefix: string;
  readonly attachmentsPrefix: string;
  /** Where held mail is copied (default `quarantine/`): all the staff API may read of raw mail. */
  readonly quarantinePrefix?: string;
  /** Our inbound mail domain; its addresses are read as the units' addresses for routing. */
  readonly inboundDomain: string;
  readonly limits?: Partial<MailLimits>;
  /** How long the mail's idempotency record is kept (`idempotency-item`); the defaults when absent. */
  readonly schedule?: RetentionSchedule;
  /**
   * Whether a service's failure is worth retrying as it is (`isRetryable`: throttling, a 5xx, the
   * network). A failure that is not, after the mail was read, quarantines the mail. Absent: every
   * failure is thrown for the event to be retried.
   */
  readonly isRetryable?: (error: unknown) => boolean;
}

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** What SES tells about a received message (the receipt of its event). */
export interface InboundMail {
  readonly messageId: string;
  readonly receivedAt: string;
  readonly recipients: readonly string[];
  readonly verdicts: {
    readonly spam: Verdict;
    readonly virus: Verdict;
    readonly spf: Verdict;
    readonly dkim: Verdict;
    readonly dmarc: Verdict;
  };
  /** The sender domain's DMARC policy, when SES reports one. */
  readonly dmarcPolicy?: 'none' | 'quarantine' | 'reject';
}

/**
 * A supervisor's release of a quarantined mail: the verdicts no longer hold it back, the limits are
 * those of SES itself, and a mail that still cannot be read becomes a ticket with the original
 * attached (`original.eml`) for staff to read, rather than staying in quarantine.
 */
export interface ReleaseOptions {
  /** Who released it (a staff username), for the ticket's origin. */
  readonly by: string;
  /** Where the held copy of the raw mail is (its quarantine record's `rawKey`). */
  readonly rawKey?: string;
  /**
   * Whether the sender gets an acknowledgement (default: as for any mail). A mail held for a virus
   * or for failing DMARC gets none: its sender is not trusted to be who the From says.
   */
  readonly acknowledge?: boolean;
}

/** The limits a released mail is read with: only what SES itself accepts (40 MB). */
export const releaseLimits: MailLimits = {
  maxBytes: 40 * 1024 * 1024,
  maxParts: 2000,
  maxDepth: 50,
  maxAttachments: 500,
  maxAttachmentBytes: 40 * 1024 * 1024,
};

/** How long a release may spend reading the mail. */
export const releaseParseTimeoutMs = 12_000;

/** The client of a released mail whose sender could not be read (never acknowledged). */
export function unknownSender(messageId: string) {
  // One address per mail: unrelated unreadable mails must not share a client (nor thread together).
  return {
    name: 'Nezināms sūtītājs (unknown sender)',
    address: `unknown-sender+${messageId.slice(0, 64)}@invalid`,
  };
}

export type IngestOutcome =
  | { readonly outcome: 'enqueued'; readonly reference: string }
  | { readonly outcome: 'duplicate'; readonly reference: string }
  | { readonly outcome: 'quarantined'; readonly reason: string };

/** Names, bodies and subjects are bounded as the intake message requires. */
const maxBody = 100_000;
const maxHtml = 50_000;

export async function ingestEmail(
  deps: IngestEmailDeps,
  mail: InboundMail,
  release?: ReleaseOptions,
): Promise<IngestOutcome> {
  const key = `email:${mail.messageId}`;
  const known = await deps.store.getIdempotency(key, deps.clock.now());
  if (known) {
    try {
      await enqueue(deps, known.message);
    } catch (error) {
      if (release || !deps.isRetryable || deps.isRetryable(error)) throw error;
      // A message the queue refuses whatever the attempt: set aside with the raw mail, as below.
      const stored = await deps.blobs.get(`${deps.rawMailPrefix}${mail.messageId}`);
      if (!stored) throw error;
      return quarantine(deps, mail, stored, 'ingest-failed', failureDetail(error));
    }
    return { outcome: 'duplicate', reference: known.message.reference };
  }
  const rawKey = release?.rawKey ?? `${deps.rawMailPrefix}${mail.messageId}`;
  const raw = await deps.blobs.get(rawKey);
  // Not there (yet): fail, so that the event is retried, and dead-lettered if it never appears.
  if (!raw) throw new RawMailMissing(mail.messageId);

  let parsed: ParsedMail;
  let unreadable: string | undefined;
  if (release) {
    // A release runs inside a staff request (29 s): a mail that takes longer to read is attached as
    // it is instead, so that it can always be released.
    const outcome = await parseMail(raw, releaseLimits, releaseParseTimeoutMs);
    parsed = outcome.ok ? outcome.mail : emptyMail;
    unreadable = outcome.ok ? undefined : outcome.detail;
  } else {
    if (mail.verdicts.virus === 'FAIL') return quarantine(deps, mail, raw, 'virus', 'SES virus scan failed');
    if (
      mail.verdicts.dmarc === 'FAIL' &&
      (mail.dmarcPolicy === 'reject' || mail.dmarcPolicy === 'quarantine')
    )
      return quarantine(deps, mail, raw, 'dmarc', `DMARC failed under a ${mail.dmarcPolicy} policy`);
    const outcome = await parseMail(raw, deps.limits);
    if (!outcome.ok) return quarantine(deps, mail, raw, outcome.reason, outcome.detail);
    parsed = outcome.mail;
    if (!parsed.from) return quarantine(deps, mail, raw, 'no-sender', 'No sender address');
  }
  const sender = parsed.from ?? unknownSender(mail.messageId);

  const reference = await deps.references.next(Number(localDate(new Date(mail.receivedAt)).slice(0, 4)));
  try {
    return await admit(deps, mail, { raw, parsed, sender, reference, unreadable }, release);
  } catch (error) {
    // A busy or failing service: thrown, so that the event is retried. Anything else would fail
    // the same way on every retry (S3 refusing a value, the queue a message): the mail is set
    // aside with the reason, for a supervisor to release, instead of ending in the failed events.
    // A release reports the failure to the supervisor, and the mail stays held.
    if (release || !deps.isRetryable || deps.isRetryable(error)) throw error;
    return quarantine(deps, mail, raw, 'ingest-failed', failureDetail(error));
  }
}

/** What ingestion read of a mail: the raw bytes, what the parser made of them, its reference. */
interface ReadMail {
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  readonly sender: { readonly name: string; readonly address: string };
  readonly reference: string;
  /** Why a released mail could not be read, if it could not. */
  readonly unreadable: string | undefined;
}

/** Stores the mail's attachments, records its intake message once and enqueues it. */
async function admit(
  deps: IngestEmailDeps,
  mail: InboundMail,
  { raw, parsed, sender, reference, unreadable }: ReadMail,
  release: ReleaseOptions | undefined,
): Promise<IngestOutcome> {
  const key = `email:${mail.messageId}`;
  const attachments = await storeAttachments(deps, mail.messageId, parsed);
  // A released mail that still cannot be read keeps its original beside the ticket for staff.
  if (unreadable !== undefined || !parsed.from) {
    const key = `${deps.attachmentsPrefix}${mail.messageId}/original.eml`;
    await deps.blobs.put(key, raw, 'message/rfc822');
    attachments.push({
      key,
      filename: 'original.eml',
      contentType: 'message/rfc822',
      size: raw.length,
      inline: false,
    });
  }
  const spam = mail.verdicts.spam === 'FAIL';
  // What may make it a follow-up of a ticket; process-intake decides, in the client's order.
  const followUp = {
    messageIds: messageIdClues(parsed.inReplyTo, parsed.references),
    subjectReferences: subjectReferences(parsed.subject),
    ...(parsed.automatic ? { automatic: true } : {}),
    ...(mail.verdicts.dmarc === 'PASS' ? { senderVerified: true } : {}),
  };
  const message: IntakeMessage = {
    version: 1,
    kind: 'new-request',
    sourceId: mail.messageId,
    idempotencyKey: key,
    channel: 'email',
    reference,
    receivedAt: mail.receivedAt,
    language: languageOf(parsed),
    client: { name: safeHeaderValue(sender.name || sender.address, 500), email: sender.address },
    topic: 'general',
    subject: safeHeaderValue(parsed.subject, 1000),
    body: (unreadable === undefined ? parsed.text : unreadableNotice(unreadable)).slice(0, maxBody),
    ...(parsed.html && parsed.html.length <= maxHtml ? { html: parsed.html } : {}),
    email: {
      ...(parsed.messageId ? { messageId: safeHeaderValue(parsed.messageId, 998) } : {}),
      // The newest 20: what our answers' References carry (threadingHeaders), and a bounded ticket item.
      references: parsed.references.map((reference) => safeHeaderValue(reference, 998)).slice(-20),
    },
    ...(followUp.messageIds.length || followUp.subjectReferences.length ? { followUp } : {}),
    recipients: mail.recipients
      .map((recipient) => routingAddress(recipient, deps.inboundDomain))
      .slice(0, 50),
    ...(parsed.automatic || spam || !parsed.from || release?.acknowledge === false
      ? { acknowledge: false }
      : {}),
    ...(parsed.automatic || spam
      ? { screening: { ...(parsed.automatic ? { automatic: true } : {}), ...(spam ? { spam: true } : {}) } }
      : {}),
    ...(attachments.length ? { attachments } : {}),
    origin: {
      sourceIPAddress: 'ses.amazonaws.com',
      userAgent: release
        ? `courtdesk/release-quarantine (${release.by})`.slice(0, 200)
        : 'courtdesk/ingest-email',
      requestId: mail.messageId,
    },
  };
  const now = deps.clock.now();
  const stored = await deps.store.putIdempotency(
    { key, fingerprint: mail.messageId, message },
    // Counted from the mail's receipt, or from its release out of the quarantine if later (it may have
    // waited there longer than the period: a retried release must still find this record).
    ttlExpiry(
      deps.schedule,
      'idempotency-item',
      new Date(Math.max(Date.parse(mail.receivedAt) || 0, release ? now.getTime() : 0)),
    ),
    now,
  );
  if (!stored) {
    // Another invocation of the same event got there first: enqueue what it stored.
    const winner = await deps.store.getIdempotency(key, now);
    if (winner) {
      await enqueue(deps, winner.message);
      return { outcome: 'duplicate', reference: winner.message.reference };
    }
  }
  await enqueue(deps, message);
  return { outcome: 'enqueued', reference };
}

async function enqueue(deps: IngestEmailDeps, message: IntakeMessage): Promise<void> {
  await deps.intakeQueue.send(message, {
    groupId: clientGroupId(message.client.email),
    deduplicationId: message.sourceId.slice(0, 128),
  });
}

async function quarantine(
  deps: IngestEmailDeps,
  mail: InboundMail,
  raw: Buffer,
  reason: string,
  detail: string,
): Promise<IngestOutcome> {
  // A copy where the staff API may read it (it has no access to the rest of the inbound mail).
  const rawKey = `${deps.quarantinePrefix ?? quarantinePrefix}${mail.messageId}`;
  await deps.blobs.put(rawKey, raw, 'message/rfc822');
  const now = deps.clock.now().toISOString();
  const routedTo = mail.recipients
    .map((recipient) => routingAddress(recipient, deps.inboundDomain))
    .slice(0, 50);
  const recorded = await deps.store.quarantine({
    id: mail.messageId,
    rawKey,
    reason,
    detail,
    receivedAt: mail.receivedAt,
    recipients: mail.recipients.slice(0, 50).map((recipient) => safeHeaderValue(recipient, 320)),
    routedTo,
    // Listed for this unit's supervisors (quarantine-mail.ts), who may release it.
    competence: quarantineCompetence(routedTo),
    verdicts: { ...mail.verdicts },
  });
  if (recorded) {
    await deps.audit.append([
      auditRecord({
        eventTime: now,
        eventSource: auditEventSource,
        eventName: 'QuarantineMail',
        eventType: 'AwsServiceEvent',
        userIdentity: { type: 'Service', invokedBy: 'ingest-email' },
        sourceIPAddress: 'ses.amazonaws.com',
        userAgent: 'courtdesk/ingest-email',
        requestParameters: { messageId: mail.messageId },
        responseElements: { reason },
        requestID: mail.messageId,
        eventID: stableId(mail.messageId, 'QuarantineMail'),
        readOnly: false,
        resources: [{ type: 'Courtdesk::Mail', ARN: `arn:courtdesk:mail::message/${mail.messageId}` }],
      }),
    ]);
  }
  return { outcome: 'quarantined', reason };
}

/** Stores each attachment under the message's folder; answers their metadata for the ticket. */
async function storeAttachments(deps: IngestEmailDeps, messageId: string, mail: ParsedMail) {
  return Promise.all(
    mail.attachments.map(async (attachment, index) => {
      const key = `${deps.attachmentsPrefix}${messageId}/${index + 1}`;
      // The parser gives clean values; cleaned again where they leave for S3 and the ticket.
      const contentType = safeContentType(attachment.contentType);
      await deps.blobs.put(key, attachment.content, contentType);
      return {
        key,
        filename: safeFilename(attachment.filename, index + 1, contentType),
        contentType,
        size: attachment.size,
        inline: attachment.inline,
      };
    }),
  );
}

/** Why a read mail could not be stored or enqueued: the error's name and category, never its text. */
function failureDetail(error: unknown): string {
  // The name only (`InvalidArgument`, `TypeError`), and only if it is one: the message may quote the mail.
  const name = error instanceof Error && /^[A-Za-z_][\w.:-]{0,79}$/.test(error.name) ? error.name : 'Error';
  return `The mail was read but could not be stored or enqueued: ${name}.`;
}

/** A mail with nothing readable in it (a released mail the parser still refuses). */
const emptyMail: ParsedMail = { references: [], to: [], cc: [], subject: '', text: '', attachments: [] };

/** The body of a released mail that could not be read: says so in both languages. */
function unreadableNotice(detail: string): string {
  return [
    'Šo e-pastu nevarēja nolasīt automātiski; oriģināls ir pievienots kā fails original.eml.',
    'This email could not be read automatically; the original is attached as original.eml.',
    `(${detail})`,
  ].join('\n');
}

/** An address of our inbound domain, as the unit address the routing rules know it by. */
export function routingAddress(recipient: string, inboundDomain: string): string {
  const address = safeHeaderValue(recipient, 320).toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  return address.slice(at + 1) === inboundDomain.toLowerCase()
    ? `${address.slice(0, at)}@${replyDomain}`
    : address;
}

/** Latvian unless the message reads as English: no Latvian letters and common English words. */
export function languageOf(mail: Pick<ParsedMail, 'subject' | 'text'>): Language {
  const text = `${mail.subject}\n${mail.text}`.slice(0, 5000);
  if (/[āčēģīķļņšūž]/i.test(text)) return 'lv';
  const english = text.toLowerCase().match(/\b(the|and|please|dear|regards|thank|would|could|my|your)\b/g);
  return english && english.length >= 2 ? 'en' : 'lv';
}

export class RawMailMissing extends Error {
  constructor(messageId: string) {
    super(`Raw mail of ${messageId} is not in the bucket`);
    this.name = 'RawMailMissing';
  }
}
