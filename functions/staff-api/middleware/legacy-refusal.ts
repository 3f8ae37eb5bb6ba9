/**
 * TEMPORARY, until the staff verbs throw `Refused` themselves: the refusal classes they throw today,
 * turned into `Refused` with the status and message each is answered with. Delete this file (and
 * its one use in refusals.ts) once no verb throws these classes.
 */
import { InvalidCursor } from '../../../shared/adapters/dynamodb/worklists.ts';
import {
  type DeadlineExtensionRejected,
  ExtensionBeyondLegalMaximum,
  ExtensionDateInvalid,
  ExtensionNotLater,
  ExtensionNotOnWorkingDay,
} from '../../../shared/domain/deadlines.ts';
import {
  invalidFields,
  type RefusalDetails,
  type RefusalStatus,
  Refused,
} from '../../../shared/domain/refused.ts';
import { ExtensionRefused } from '../../../shared/use-cases/extend-deadline.ts';
import { MailroomRefused } from '../../../shared/use-cases/mailroom.ts';
import { QuarantineRefused } from '../../../shared/use-cases/quarantine-mail.ts';
import { RerouteRefused } from '../../../shared/use-cases/reroute-ticket.ts';
import { StaffFieldsRefused, StaffRefused } from '../../../shared/use-cases/staff-desk.ts';
import { TakeRefused } from '../../../shared/use-cases/take-ticket.ts';

/** The message for a refused deadline: which rule, with the date that would work. */
function deadlineRule(rule: DeadlineExtensionRejected | undefined): RefusalDetails {
  if (rule instanceof ExtensionNotLater)
    return { messageKey: 'staff.deadline.notLater', values: { date: rule.currentDeadline } };
  if (rule instanceof ExtensionNotOnWorkingDay)
    return { messageKey: 'staff.deadline.notWorkingDay', values: { date: rule.nextWorkingDay } };
  if (rule instanceof ExtensionBeyondLegalMaximum)
    return { messageKey: 'staff.deadline.beyondMaximum', values: { date: rule.latestDeadline } };
  if (rule instanceof ExtensionDateInvalid) return { messageKey: 'staff.deadline.dateInvalid' };
  return { messageKey: 'staff.Invalid' };
}

/** The statuses of each class's codes; any other code of theirs is a conflict (409). */
const statuses: readonly [
  new (...args: never[]) => { readonly code: string },
  Record<string, RefusalStatus>,
][] = [
  [StaffRefused, { AccessDenied: 403, NotFound: 404, InvalidCursor: 400, IdempotencyMismatch: 422 }],
  [TakeRefused, { AccessDenied: 403 }],
  [RerouteRefused, { AccessDenied: 403, NotFound: 404, UnknownCompetence: 400, ReasonRequired: 400 }],
  [MailroomRefused, { AccessDenied: 403, RegistrationNotFound: 404, LetterNotFound: 404 }],
  [ExtensionRefused, { AccessDenied: 403, NotFound: 404 }],
];

export function legacyRefusal(error: unknown): Refused | undefined {
  if (error instanceof StaffFieldsRefused) return invalidFields(error.errors);
  if (error instanceof ExtensionRefused && error.code === 'Invalid')
    return new Refused(error.code, 422, deadlineRule(error.rule));
  if (error instanceof InvalidCursor) return new Refused('InvalidCursor', 400);
  if (error instanceof QuarantineRefused) {
    const { code } = error;
    if (code === 'AccessDenied') return new Refused(code, 403);
    if (code === 'InvalidCursor') return new Refused(code, 400);
    return new Refused(code, code === 'NotFound' ? 404 : 409, { messageKey: `quarantine.${code}` });
  }
  for (const [type, codes] of statuses)
    if (error instanceof type) return new Refused(error.code, codes[error.code] ?? 409);
  return undefined;
}
