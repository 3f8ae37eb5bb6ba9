/**
 * A staff member logs a phone call as a ticket (§8): the caller chose a topic in
 * the phone menu by its digit, which routes the ticket as the web form's topic does; the call's
 * number, name and question become the ticket's client and text. The ticket is made by
 * process-intake like every other channel's (channel `phone`); this answers the reference and
 * dates at once, for the caller on the line. With an idempotency key a retry makes no second ticket.
 */
import { findCompetence } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { clientGroupId, sha256Hex, stableId } from '../domain/ids.ts';
import type { IntakeMessage } from '../domain/intake-message.ts';
import { placeholderEmail } from '../domain/postal-registration.ts';
import { accessDenied, Refused } from '../domain/refused.ts';
import { ttlExpiry } from '../domain/retention.ts';
import { route } from '../domain/routing.ts';
import { datesFor } from '../domain/ticket.ts';
import { findTopicByPhoneDigit } from '../domain/topics.ts';
import { phoneSubject } from '../i18n/postal-messages.ts';
import { type StaffCaller, staffAudit } from './staff-audit.ts';
import { fieldsRefused } from './staff-desk.ts';
import type { SubmitWebRequestDeps } from './submit-web-request.ts';
import type { LogCallResponse } from './views/calls.ts';
import type { LogCallRequest } from './views/requests.ts';

/** A call enters intake as a web request does: the same ports. */
export type LogCallDeps = SubmitWebRequestDeps;

/** Who may log calls: staff who work tickets (agents and supervisors), not the mailroom or auditors. */
export function mayLogCalls(caller: StaffCaller): boolean {
  return caller.competences.length > 0;
}

/**
 * libphonenumber with its smallest metadata (about 80 kB of code), loaded by the first logged call:
 * the staff API's other requests never read a phone number, so its cold start skips it.
 */
const loadPhoneNumbers = () => import('libphonenumber-js/min');

/** The number as E.164 when it can be read as a phone number (Latvian when it has no country code). */
export async function normalisedPhone(input: string): Promise<string> {
  const { parsePhoneNumberFromString } = await loadPhoneNumbers();
  const parsed = parsePhoneNumberFromString(input, 'LV');
  return parsed?.isPossible() ? parsed.number : input.replace(/[^\d+]/g, '');
}

export async function logCall(
  deps: LogCallDeps,
  caller: StaffCaller,
  request: LogCallRequest,
  idempotencyKey?: string,
): Promise<LogCallResponse> {
  if (!mayLogCalls(caller)) throw accessDenied();
  const topic = findTopicByPhoneDigit(request.digit);
  if (!topic) throw fieldsRefused([{ field: 'digit', key: 'staff.call.digit' }]);
  const now = deps.clock.now();
  const language = request.language ?? 'lv';
  const phone = await normalisedPhone(request.phone);
  const email = request.email?.trim() || placeholderEmail('phone', [phone]);
  const fingerprint = sha256Hex(JSON.stringify({ ...request, phone }));
  const routing = route({
    channel: 'phone',
    topic: topic.id,
    subject: request.subject ?? '',
    body: request.summary,
    senderEmail: email,
    language,
  });
  const dates = datesFor(now, routing.competence, await deps.backlog.backlog(routing.competence));
  const reference = await deps.references.next(Number(localDate(now).slice(0, 4)));
  const id = idempotencyKey ? stableId('call', caller.username, idempotencyKey) : stableId('call', reference);
  // Its idempotency record's key, on the message (and so on the ticket) for erasure to find it.
  const recordKey = idempotencyKey ? `call:${caller.username}:${idempotencyKey}` : undefined;
  const message: IntakeMessage = {
    version: 1,
    kind: 'new-request',
    sourceId: `phone:${id}`,
    ...(recordKey ? { idempotencyKey: recordKey } : {}),
    channel: 'phone',
    reference,
    receivedAt: now.toISOString(),
    language,
    client: { name: request.name.trim(), email, phone },
    topic: topic.id as IntakeMessage['topic'],
    subject: request.subject?.trim() || phoneSubject(language, localDate(now)),
    body: request.summary.trim(),
    call: { digit: request.digit, loggedBy: caller.username },
    routing: { ...routing, matched: [...routing.matched] },
    dates,
    // The ticket's CreateTicket record carries this: the staff member's session, not the caller's.
    origin: {
      sourceIPAddress: caller.sourceIPAddress,
      userAgent: caller.userAgent,
      requestId: caller.requestId,
    },
  };
  if (recordKey) {
    const key = recordKey;
    const stored = await deps.store.putIdempotency(
      { key, fingerprint, message },
      ttlExpiry(deps.schedule, 'idempotency-item', now),
      now,
    );
    if (!stored) {
      const earlier = await deps.store.getIdempotency(key, now);
      if (earlier && earlier.fingerprint !== fingerprint) throw new Refused('IdempotencyMismatch', 422);
      if (earlier) return enqueueAndAnswer(deps, caller, earlier.message);
    }
  }
  return enqueueAndAnswer(deps, caller, message);
}

async function enqueueAndAnswer(
  deps: LogCallDeps,
  caller: StaffCaller,
  message: IntakeMessage,
): Promise<LogCallResponse> {
  await deps.intakeQueue.send(message, {
    groupId: clientGroupId(message.client.email),
    deduplicationId: sha256Hex(message.sourceId),
  });
  const competence = message.routing?.competence ?? 'general';
  const dates = message.dates ?? datesFor(new Date(message.receivedAt), competence, 0);
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'LogCall',
      eventTime: deps.clock.now().toISOString(),
      readOnly: false,
      references: [message.reference],
      requestParameters: { digit: message.call?.digit ?? null, topic: message.topic, competence },
      responseElements: { reference: message.reference },
      eventID: stableId(message.sourceId, 'LogCall'),
    }),
  ]);
  const unit = findCompetence(competence);
  return {
    reference: message.reference,
    competence,
    unit: unit ? { lv: unit.name.lv, en: unit.name.en } : { lv: competence, en: competence },
    answerDeadline: dates.answerDeadline,
    expectedAnswerBy: dates.expectedAnswerBy,
  };
}
