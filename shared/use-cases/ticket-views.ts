/**
 * What staff see of a ticket: the list row and the detail (thread, history, what they may do).
 * Pure functions of the stored record, the viewer and today's date.
 */
import { findCompetence } from '../domain/competences.ts';
import { localDate } from '../domain/deadlines.ts';
import { isErased } from '../domain/pseudonymise-ticket.ts';
import type { StaffIdentity } from '../domain/staff.ts';
import { mayActOn } from '../domain/staff.ts';
import { callsForFollowUp, type SurveyResponse } from '../domain/survey-response.ts';
import { hasEmailAddress, stillToAnswer, type Ticket } from '../domain/ticket.ts';
import { findTopicByPhoneDigit } from '../domain/topics.ts';
import { defaultCalendar } from '../domain/working-days.ts';
import type { Clock } from '../ports/clock.ts';
import type { SentRecord, TicketRecord } from '../ports/ticket-desk.ts';
import type { ListedTicket } from '../ports/worklists.ts';
import { clientDeliveryView } from './delivery-problems-view.ts';
import type { TicketSurvey } from './views/feedback.ts';
import type {
  DeadlineBadge,
  HistoryEntry,
  ThreadEntry,
  TicketDetail,
  TicketSummary,
} from './views/tickets.ts';

/** The dates a badge is judged by: today, and the last day that still counts as due soon. */
export interface BadgeDates {
  readonly today: string;
  readonly dueThrough: string;
}

/** Working days ahead that count as due soon, as the deadline sweeper flags them. */
const dueSoonWorkingDays = 2;

export function badgeDates(clock: Clock): BadgeDates {
  const today = localDate(clock.now());
  return { today, dueThrough: defaultCalendar.addWorkingDays(today, dueSoonWorkingDays) };
}

export function deadlineBadge(
  ticket: Pick<Ticket, 'status' | 'answerDeadline'>,
  dates: BadgeDates,
): DeadlineBadge | undefined {
  if (!stillToAnswer(ticket.status)) return undefined;
  if (ticket.answerDeadline < dates.today) return 'overdue';
  if (ticket.answerDeadline <= dates.dueThrough) return 'due-soon';
  return undefined;
}

/** A list's row: from what the list indexes keep of a ticket (`ListedTicket`). */
export function ticketSummary(ticket: ListedTicket, dates: BadgeDates): TicketSummary {
  const badge = deadlineBadge(ticket, dates);
  return {
    reference: ticket.reference,
    competence: ticket.competence,
    status: ticket.status,
    channel: ticket.channel,
    subject: ticket.subject,
    clientName: ticket.client.name,
    receivedAt: ticket.receivedAt,
    answerDeadline: ticket.answerDeadline,
    expectedAnswerBy: ticket.expectedAnswerBy,
    ...(ticket.assignee ? { assignee: ticket.assignee } : {}),
    ...(badge ? { deadlineBadge: badge } : {}),
    ...(ticket.review && ticket.status === 'new' ? { review: true } : {}),
    ...(ticket.callback && !ticket.callback.done && ticket.status !== 'closed'
      ? { callbackPending: true, callbackPhone: ticket.callback.phone }
      : {}),
    ...(needsTranscription(ticket) ? { needsTranscription: true } : {}),
  };
}

/** A scanned letter without text that nobody has typed in yet. */
export function needsTranscription(ticket: Pick<Ticket, 'postal' | 'transcription'>): boolean {
  return Boolean(ticket.postal?.needsTranscription && !ticket.transcription);
}

/** How messages reach the client: email, a printed letter, or neither (a phone client is called). */
export function answeredBy(ticket: Ticket): TicketDetail['answeredBy'] {
  // A pseudonymised ticket has no client left to write to.
  if (isErased(ticket)) return 'none';
  if (hasEmailAddress(ticket.client)) return 'email';
  return ticket.client.postalAddress ? 'post' : 'none';
}

/** How a reply or notice reached (or will reach) the client, as its thread entry says. */
function deliveryOf(sent: SentRecord | undefined): NonNullable<ThreadEntry['delivery']> {
  if (!sent) return { state: 'queued' };
  if (sent.withheld) return { state: 'withheld', reason: sent.withheld };
  if (sent.letter) {
    const { dispatch } = sent.letter;
    return dispatch
      ? {
          state: 'posted',
          sentAt: dispatch.at,
          letter: {
            letterId: sent.letter.letterId,
            postedOn: dispatch.dispatchedOn,
            ...(dispatch.registeredMailNumber ? { registeredMailNumber: dispatch.registeredMailNumber } : {}),
          },
        }
      : { state: 'letter', sentAt: sent.sentAt, letter: { letterId: sent.letter.letterId } };
  }
  return { state: 'sent', sentAt: sent.sentAt };
}

export function ticketDetail(
  record: TicketRecord,
  staff: StaffIdentity,
  dates: BadgeDates,
  /** Download links of the ticket's files, by object key. */
  links: ReadonlyMap<string, string> = new Map(),
): TicketDetail {
  const { ticket } = record;
  const sentById = new Map(record.sent.map((sent) => [sent.outboundId, sent]));
  const thread: ThreadEntry[] = [
    {
      id: 'client-0',
      kind: 'client' as const,
      at: ticket.receivedAt,
      text: ticket.body,
      ...(ticket.bodyHtml ? { html: ticket.bodyHtml } : {}),
    },
    ...record.messages.map((message): ThreadEntry => {
      const sent = message.outboundId ? sentById.get(message.outboundId) : undefined;
      return {
        id: message.id,
        kind: message.kind,
        at: message.at,
        author: message.author,
        text: message.text,
        ...(message.kind === 'reply' ? { delivery: deliveryOf(sent) } : {}),
        ...(message.subject !== undefined ? { subject: message.subject } : {}),
        ...(message.html ? { html: message.html } : {}),
        ...(message.threading ? { threading: { ...message.threading } } : {}),
        // No link (none made): the entry still lists the file.
        ...(message.attachments?.length
          ? { attachments: message.attachments.map((file) => fileView(file, links.get(file.key) ?? '')) }
          : {}),
      };
    }),
    ...record.sent
      .filter((sent) => sent.kind !== 'reply')
      .map(
        (sent): ThreadEntry => ({
          id: sent.outboundId,
          kind: 'notice',
          at: sent.sentAt,
          text: '',
          notice: sent.kind,
          delivery: deliveryOf(sent),
        }),
      ),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));

  const firstUnit = ticket.reroutes?.[0]?.from ?? ticket.competence;
  const history: HistoryEntry[] = [
    {
      at: ticket.receivedAt,
      by: ticket.channel,
      action: 'received' as const,
      detail: ticket.routing.ruleId,
      change: { kind: 'unit' as const, to: firstUnit },
    },
    ...(ticket.takenAt && ticket.assignee
      ? [{ at: ticket.takenAt, by: ticket.assignee, action: 'taken' as const, detail: '' }]
      : []),
    ...(ticket.reroutes ?? []).map((reroute) => ({
      at: reroute.at,
      by: reroute.by,
      action: 'rerouted' as const,
      detail: `${reroute.from} → ${reroute.to}: ${reroute.reason}`,
      change: { kind: 'unit' as const, from: reroute.from, to: reroute.to },
      reason: reroute.reason,
    })),
    ...(ticket.deadlineExtensions ?? []).map((change) => ({
      at: change.at,
      by: change.by,
      action: 'deadline-extended' as const,
      detail: `${change.from} → ${change.to}: ${change.reason}`,
      change: { kind: 'deadline' as const, from: change.from, to: change.to },
      reason: change.reason,
    })),
    ...(ticket.statusChanges ?? []).map((change) => ({
      at: change.at,
      by: change.by,
      action: 'status' as const,
      detail: `${change.from} → ${change.to}`,
      change: { kind: 'status' as const, from: change.from, to: change.to },
    })),
    ...(ticket.serviceEnded
      ? [
          {
            at: ticket.serviceEnded.at,
            by: ticket.serviceEnded.by,
            action: 'service-ended' as const,
            detail: ticket.serviceEnded.reason,
            reason: ticket.serviceEnded.reason,
          },
        ]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    ...ticketSummary(ticket, dates),
    language: ticket.language,
    topic: ticket.topic,
    client: {
      name: ticket.client.name,
      email: ticket.client.email,
      ...(ticket.client.phone ? { phone: ticket.client.phone } : {}),
      ...(ticket.client.postalAddress ? { postalAddress: { ...ticket.client.postalAddress } } : {}),
      ...clientDeliveryView(record),
    },
    answeredBy: answeredBy(ticket),
    ...(ticket.postal
      ? {
          postal: {
            receivedOn: ticket.postal.receivedOn,
            ...(ticket.postal.registeredMailNumber
              ? { registeredMailNumber: ticket.postal.registeredMailNumber }
              : {}),
            registeredBy: ticket.postal.registeredBy,
            scan: { ...ticket.postal.scan },
            needsTranscription: ticket.postal.needsTranscription,
          },
        }
      : {}),
    ...(ticket.call
      ? {
          call: {
            digit: ticket.call.digit,
            topic: topicLabel(ticket.call.digit),
            loggedBy: ticket.call.loggedBy,
          },
        }
      : {}),
    ...(ticket.callback
      ? {
          callback: {
            phone: ticket.callback.phone,
            ...(ticket.callback.done ? { done: { ...ticket.callback.done } } : {}),
          },
        }
      : {}),
    ...(ticket.transcription ? { transcription: { ...ticket.transcription } } : {}),
    firstResponseDue: ticket.firstResponseDue,
    routing: {
      ruleId: ticket.routing.ruleId,
      explanation: ticket.routing.explanation,
      matched: [...ticket.routing.matched],
    },
    thread,
    ...(ticket.links?.length ? { links: ticket.links.map((link) => ({ ...link })) } : {}),
    ...(ticket.threading ? { threading: { ...ticket.threading } } : {}),
    attachments: (ticket.attachments ?? []).flatMap((attachment) => {
      const url = links.get(attachment.key);
      return url ? [fileView(attachment, url)] : [];
    }),
    history,
    ...(record.survey ? { survey: surveyView(record.survey) } : {}),
    ...(isErased(ticket) ? { erased: { at: ticket.erasedAt, basis: ticket.erasure.basis } } : {}),
    actions: actionsOf(ticket, staff),
  };
}

/** A file of the ticket as staff see it: name, type, size and a download link. */
function fileView(
  file: { readonly filename: string; readonly contentType: string; readonly size: number },
  url: string,
): { name: string; contentType: string; size: number; url: string } {
  return { name: file.filename, contentType: file.contentType, size: file.size, url };
}

function actionsOf(ticket: Ticket, staff: StaffIdentity): TicketDetail['actions'] {
  // A pseudonymised ticket is only read (`recordFor` refuses every write).
  if (!mayActOn(staff, ticket.competence, 'read') || isErased(ticket)) return [];
  const actions: TicketDetail['actions'][number][] = ['note'];
  const open = stillToAnswer(ticket.status);
  if (ticket.status === 'new' && (!ticket.review || mayActOn(staff, ticket.competence, 'review')))
    actions.push('take');
  // By email, or printed as a letter; neither for a client with no address of either kind (a
  // released mail whose sender could not be read, a caller who gave none).
  if (ticket.status !== 'new' && ticket.status !== 'closed' && answeredBy(ticket) !== 'none')
    actions.push('reply');
  if (ticket.callback && !ticket.callback.done && ticket.status !== 'closed') actions.push('callback');
  if (needsTranscription(ticket)) actions.push('transcribe');
  actions.push('status');
  if (open) actions.push('route', 'deadline');
  if (!ticket.serviceEnded) actions.push('end-service');
  return actions;
}

/** The phone menu's topic of a digit, in both languages. */
function topicLabel(digit: number): { lv: string; en: string } {
  const topic = findTopicByPhoneDigit(digit);
  return topic ? { lv: topic.label.lv, en: topic.label.en } : { lv: String(digit), en: String(digit) };
}

/** The unit's name in both languages, for lists of units. */
export function unitName(id: string): { lv: string; en: string } {
  const competence = findCompetence(id);
  return competence ? { lv: competence.name.lv, en: competence.name.en } : { lv: id, en: id };
}

/** The client's response as the ticket shows it. */
function surveyView(response: SurveyResponse): TicketSurvey {
  return {
    satisfaction: response.satisfaction,
    answered: response.answered,
    ...(response.comment ? { comment: response.comment } : {}),
    respondedAt: response.respondedAt,
    updatedAt: response.updatedAt,
    // Changed by the client (a follow-up raises the version too, not `updatedAt`).
    changed: response.updatedAt !== response.respondedAt,
    callsForFollowUp: callsForFollowUp(response),
    ...(response.followUp ? { followUp: { ...response.followUp } } : {}),
  };
}
