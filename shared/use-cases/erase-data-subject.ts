/**
 * Erasure of a data subject's data on request (§5.6, §13, §24), by the data protection officer with
 * the legal basis as the reason: each ticket found is pseudonymised (statistics kept) with its
 * texts, files and keys deleted; a ticket under legal hold is refused and listed with the hold's
 * reason. One `EraseDataSubject` record per ticket (reference, outcome, the basis — no personal
 * data); erasing again changes nothing and is answered alike.
 */
import { accessDenied } from '../domain/refused.ts';
import { protectsData } from '../domain/staff.ts';
import type { TicketErasure } from '../ports/data-subjects.ts';
import type { SubjectQuestions } from '../ports/subject-questions.ts';
import { referencesOf } from './data-subject-lookup.ts';
import type { DataSubjectDeps } from './search-data-subject.ts';
import { type StaffCaller, staffAudit } from './staff-audit.ts';
import type { DataSubjectEraseRequest, DataSubjectEraseResponse } from './views/data-subjects.ts';

export interface EraseDataSubjectDeps extends DataSubjectDeps {
  readonly erasure: TicketErasure;
  readonly questions: SubjectQuestions;
}

export async function eraseDataSubject(
  deps: EraseDataSubjectDeps,
  caller: StaffCaller,
  request: DataSubjectEraseRequest,
): Promise<DataSubjectEraseResponse> {
  if (!protectsData(caller)) throw accessDenied();
  const { keys, references, matchedBy } = await referencesOf(deps.records, request);
  const erased: string[] = [];
  const held: { reference: string; reason: string }[] = [];
  for (const reference of references) {
    const at = deps.clock.now().toISOString();
    const result = await deps.erasure.eraseTicket(reference, { basis: 'request', by: caller.username, at });
    if (result.outcome === 'missing') continue;
    if (result.outcome === 'held') held.push({ reference, reason: result.hold.reason });
    else erased.push(reference);
    await deps.audit.append([
      staffAudit(caller, {
        eventName: 'EraseDataSubject',
        eventTime: at,
        readOnly: false,
        references: [reference],
        requestParameters: { reference, basis: 'request', reason: request.reason, matchedBy },
        responseElements: { outcome: result.outcome },
        ...(result.outcome === 'held' ? { errorCode: 'LegalHold' } : {}),
      }),
    ]);
  }
  const questions = keys.length ? await deps.questions.deleteQuestionsOf(keys) : 0;
  return { erased, held, questions };
}
