/**
 * A client submits the public web form: allocate the reference, enqueue the request on
 * intake.fifo and tell the client the reference and the expected answer date at once.
 * With an idempotency key, a retry returns the first answer and never makes a second ticket.
 * A callback request (§19.1) carries the client's number in E.164, checked exactly here.
 */
import { randomUUID } from 'node:crypto';
import { auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { latvianMobile } from '../domain/callback-phone.ts';
import type { ClientRequest } from '../domain/client-request.ts';
import { findCompetence } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { IdempotencyKeyReused, ValidationFailed } from '../domain/errors.ts';
import { clientGroupId, sha256Hex } from '../domain/ids.ts';
import type { IntakeMessage } from '../domain/intake-message.ts';
import type { LocalizedText } from '../domain/language.ts';
import type { ReferenceAllocator } from '../domain/reference.ts';
import { type RetentionSchedule, ttlExpiry } from '../domain/retention.ts';
import { route } from '../domain/routing.ts';
import { datesFor } from '../domain/ticket.ts';
import { message as catalogueMessage } from '../i18n/messages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { BacklogReader, DiscardCounters } from '../ports/counters.ts';
import type { Ids } from '../ports/ids.ts';
import type { IdempotencyStore } from '../ports/intake.ts';
import type { MessageQueue } from '../ports/queue.ts';

export interface SubmitWebRequestDeps {
  readonly store: IdempotencyStore & Pick<DiscardCounters, 'countDiscarded'>;
  readonly intakeQueue: MessageQueue<IntakeMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly references: ReferenceAllocator;
  /** Open tickets per unit, for the expected answer date (a slightly stale count is fine). */
  readonly backlog: BacklogReader;
  /** Ids of sources without an idempotency key and of refusals' audit records (random when absent). */
  readonly ids?: Ids;
  /** How long the idempotency record is kept (`idempotency-item`); the defaults when absent. */
  readonly schedule?: RetentionSchedule;
}

export interface SubmissionContext {
  readonly idempotencyKey?: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly requestId: string;
}

export interface SubmissionReceipt {
  readonly reference: string;
  readonly expectedAnswerBy: string;
  readonly answerDeadline: string;
  /** The unit competent for the request (§16), so the client knows who answers. */
  readonly competence: { readonly id: string; readonly label: LocalizedText };
}

export async function submitWebRequest(
  deps: SubmitWebRequestDeps,
  request: ClientRequest,
  context: SubmissionContext,
): Promise<SubmissionReceipt> {
  const callbackPhone = callbackNumber(request);
  const fingerprint = sha256Hex(JSON.stringify(request));
  const now = deps.clock.now();
  const reference = await deps.references.next(Number(localDate(now).slice(0, 4)));
  const { routing, dates } = await routeAndDate(deps, request, now);
  const message: IntakeMessage = {
    version: 1,
    kind: 'new-request',
    sourceId: `web:${context.idempotencyKey ?? newId(deps)}`,
    ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
    channel: 'web',
    reference,
    receivedAt: now.toISOString(),
    language: request.language,
    client: {
      name: request.name,
      email: request.email,
      // The number to call is the one staff see: the same E.164 as the callback's.
      ...(callbackPhone ? { phone: callbackPhone } : request.phone ? { phone: request.phone } : {}),
    },
    topic: request.topic,
    subject: request.subject,
    body: request.message,
    routing: { ...routing, matched: [...routing.matched] },
    dates,
    ...(callbackPhone ? { callback: { phone: callbackPhone } } : {}),
    origin: {
      sourceIPAddress: context.sourceIPAddress,
      userAgent: context.userAgent,
      requestId: context.requestId,
    },
  };

  // The audit trail records the intake as the ticket's CreateTicket event, which carries this
  // request's origin (address, user agent, request id) and time; a second record here would only
  // repeat it. A request that never becomes a ticket is in the dead-letter queue, with an alarm.
  if (context.idempotencyKey) {
    // Claiming the key first and reading only on conflict saves a read on every first attempt.
    const stored = await deps.store.putIdempotency(
      { key: context.idempotencyKey, fingerprint, message },
      // The schedule's period: the record keeps a copy of the request, personal data beside the ticket.
      ttlExpiry(deps.schedule, 'idempotency-item', now),
      now,
    );
    if (!stored) {
      // A retry, or a concurrent attempt with the same key: answer as the first one did; the
      // reference drawn here stays unused.
      const earlier = await replay(deps, context.idempotencyKey, fingerprint);
      if (earlier) return earlier;
    }
  }
  await enqueue(deps, message);
  return receiptOf(message);
}

/** A spam submission (honeypot filled): looks accepted, stores nothing, is counted and audited. */
export async function discardSpamSubmission(
  deps: Pick<SubmitWebRequestDeps, 'store' | 'audit' | 'clock' | 'references' | 'backlog'>,
  request: ClientRequest,
  context: SubmissionContext,
): Promise<SubmissionReceipt> {
  // Refused as a real submission would be, so that the answer tells a bot nothing.
  callbackNumber(request);
  const now = deps.clock.now();
  const { routing, dates } = await routeAndDate(deps, request, now);
  const day = localDate(now);
  // A real number from the sequence (left unused), so the answer cannot be told from a real one.
  const reference = await deps.references.next(Number(day.slice(0, 4)));
  await deps.store.countDiscarded('honeypot', day);
  await recordRejectedSubmission(deps, context, {
    errorCode: 'SpamDiscarded',
    errorMessage: 'Honeypot field filled in',
  });
  return receipt(reference, routing.competence, dates);
}

/**
 * The number to call back in E.164, when the request asks for a callback (§19.1); undefined when it
 * does not. The browser checked only the number's shape; a number outside the Latvian mobile
 * ranges is refused here as an invalid `phone`, in the same words.
 *
 * @throws ValidationFailed when a callback is asked for a number we do not call.
 */
export function callbackNumber(request: ClientRequest): string | undefined {
  if (!request.callback) return undefined;
  const phone = latvianMobile(request.phone ?? '');
  if (phone === undefined) {
    throw new ValidationFailed([
      { field: 'phone', message: catalogueMessage(request.language, 'error.phone.callback') },
    ]);
  }
  return phone;
}

async function routeAndDate(deps: Pick<SubmitWebRequestDeps, 'backlog'>, request: ClientRequest, now: Date) {
  const routing = route({
    channel: 'web',
    topic: request.topic,
    subject: request.subject,
    body: request.message,
    senderEmail: request.email,
    language: request.language,
  });
  const dates = datesFor(now, routing.competence, await deps.backlog.backlog(routing.competence));
  return { routing, dates };
}

function receipt(
  reference: string,
  competenceId: string,
  dates: { expectedAnswerBy: string; answerDeadline: string },
): SubmissionReceipt {
  const competence = findCompetence(competenceId);
  return {
    reference,
    expectedAnswerBy: dates.expectedAnswerBy,
    answerDeadline: dates.answerDeadline,
    competence: { id: competenceId, label: competence?.name ?? { lv: competenceId, en: competenceId } },
  };
}

/**
 * Audits a submission that was refused (invalid, too large, a reused key, spam): who, when, from
 * where and why, with the names of the fields at fault but none of their values.
 */
export async function recordRejectedSubmission(
  deps: Pick<SubmitWebRequestDeps, 'audit' | 'clock' | 'ids'>,
  context: SubmissionContext,
  rejection: { errorCode: string; errorMessage: string; fields?: readonly string[] },
): Promise<void> {
  await deps.audit.append([
    auditRecord({
      eventTime: deps.clock.now().toISOString(),
      eventSource: auditEventSource,
      eventName: 'SubmitRequest',
      userIdentity: { type: 'Anonymous', invokedBy: 'ingest-web' },
      sourceIPAddress: context.sourceIPAddress,
      userAgent: context.userAgent,
      requestParameters: {
        channel: 'web',
        ...(rejection.fields ? { invalidFields: [...rejection.fields] } : {}),
      },
      responseElements: null,
      requestID: context.requestId,
      eventID: newId(deps),
      readOnly: false,
      resources: [],
      errorCode: rejection.errorCode,
      errorMessage: rejection.errorMessage,
    }),
  ]);
}

async function replay(
  deps: SubmitWebRequestDeps,
  key: string,
  fingerprint: string,
): Promise<SubmissionReceipt | undefined> {
  const earlier = await deps.store.getIdempotency(key, deps.clock.now());
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
  // The first attempt may have stopped before enqueuing; sending again is safe (deduplicated).
  await enqueue(deps, earlier.message);
  return receiptOf(earlier.message);
}

async function enqueue(deps: SubmitWebRequestDeps, message: IntakeMessage): Promise<void> {
  await deps.intakeQueue.send(message, {
    groupId: clientGroupId(message.client.email),
    deduplicationId: sha256Hex(message.sourceId),
  });
}

function receiptOf(message: IntakeMessage): SubmissionReceipt {
  const routing = message.routing;
  const dates = message.dates ?? datesFor(new Date(message.receivedAt), routing?.competence ?? 'general', 0);
  return receipt(message.reference, routing?.competence ?? 'general', dates);
}

function newId(deps: Pick<SubmitWebRequestDeps, 'ids'>): string {
  return deps.ids ? deps.ids.newId() : randomUUID();
}
