/**
 * The data protection officer's search for a data subject (§5.6, §13, §24): by email, phone, name
 * with postal address (by their keyed pseudonyms, never in clear) or ticket references; everything
 * the found tickets hold of the client, and the assistant questions linked to them. Audited
 * `SearchDataSubject` with the pseudonyms and the references found — never the values searched for.
 */
import { accessDenied } from '../domain/refused.ts';
import { protectsData } from '../domain/staff.ts';
import type { DataSubjectRecords, SubjectTicketRecords } from '../ports/data-subjects.ts';
import { referencesOf } from './data-subject-lookup.ts';
import { recordRead, type StaffAuditDeps, type StaffCaller } from './staff-audit.ts';
import type {
  DataSubjectSearchRequest,
  DataSubjectSearchResponse,
  SubjectTicketView,
} from './views/data-subjects.ts';

export interface DataSubjectDeps extends StaffAuditDeps {
  readonly records: DataSubjectRecords;
}

export async function searchDataSubject(
  deps: DataSubjectDeps,
  caller: StaffCaller,
  query: DataSubjectSearchRequest,
): Promise<DataSubjectSearchResponse> {
  if (!protectsData(caller)) throw accessDenied();
  const { keys, matchedBy, references } = await referencesOf(deps.records, query);
  const found = (
    await Promise.all(references.map((reference) => deps.records.ticketRecords(reference)))
  ).filter((records): records is SubjectTicketRecords => records !== undefined);
  const questions = keys.length ? await deps.records.questionsOf(keys, deps.clock.now()) : [];
  const tickets = found.map(ticketView);
  await recordRead(deps, caller, {
    eventName: 'SearchDataSubject',
    references: tickets.map((ticket) => ticket.reference),
    requestParameters: { matchedBy, pseudonyms: keys },
    responseElements: { tickets: tickets.length, questions: questions.length },
  });
  return { tickets, questions, matchedBy };
}

function ticketView(records: SubjectTicketRecords): SubjectTicketView {
  const { ticket } = records;
  const erased = ticket.erasedAt !== undefined;
  return {
    reference: ticket.reference,
    competence: ticket.competence,
    channel: ticket.channel,
    receivedAt: ticket.receivedAt,
    status: ticket.status,
    legalHold: ticket.legalHold ?? null,
    ...(erased ? { erasedAt: ticket.erasedAt } : {}),
    // Claimed by an erasure that has not finished: the officer runs it again.
    ...(!erased && ticket.erasing ? { erasing: ticket.erasing } : {}),
    ...(erased
      ? {}
      : {
          client: {
            name: ticket.client.name,
            ...(ticket.client.email ? { email: ticket.client.email } : {}),
            ...(ticket.client.phone ? { phone: ticket.client.phone } : {}),
            ...(ticket.client.postalAddress ? { postalAddress: ticket.client.postalAddress } : {}),
          },
          subject: ticket.subject,
        }),
    messages: [
      ...records.messages.map((message) => ({ id: message.id, kind: message.kind, at: message.at })),
      ...records.deliveries.map((delivery) => ({
        id: delivery.outboundId,
        kind: `sent-${delivery.kind}`,
        at: delivery.at ?? '',
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    files: records.files.map(({ key: _key, ...file }) => file),
    survey: records.survey ?? null,
  };
}
