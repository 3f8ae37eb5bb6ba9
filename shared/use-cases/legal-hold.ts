/**
 * Legal holds (role `dpo`): a ticket under hold is left alone by retention and erasure until the
 * hold is lifted. A ticket an erasure has claimed or finished cannot be held (409). Audited `SetLegalHold` / `LiftLegalHold` (the reason is the officer's, about the
 * case, and stays in the audit record).
 */
import { accessDenied, notFound, Refused } from '../domain/refused.ts';
import { protectsData } from '../domain/staff.ts';
import type { LegalHolds } from '../ports/legal-holds.ts';
import { type StaffAuditDeps, type StaffCaller, staffAudit } from './staff-audit.ts';
import type { LegalHoldResponse } from './views/data-subjects.ts';

export interface LegalHoldDeps extends StaffAuditDeps {
  readonly holds: LegalHolds;
}

export async function setLegalHold(
  deps: LegalHoldDeps,
  caller: StaffCaller,
  reference: string,
  request: { readonly reason: string },
): Promise<LegalHoldResponse> {
  if (!protectsData(caller)) throw accessDenied();
  const hold = { reason: request.reason, by: caller.username, at: deps.clock.now().toISOString() };
  const result = await deps.holds.setHold(reference, hold);
  if (result === 'missing') throw notFound();
  // An erasure claimed it (files may be gone already) or finished: nothing is left to hold.
  if (result === 'erasing') throw new Refused('Erasing', 409);
  if (result === 'erased') throw new Refused('Erased', 409);
  if (result !== 'set') throw new Refused('Conflict', 409);
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'SetLegalHold',
      eventTime: hold.at,
      readOnly: false,
      references: [reference],
      requestParameters: { reference, reason: request.reason },
    }),
  ]);
  return { reference, legalHold: hold };
}

export async function liftLegalHold(
  deps: LegalHoldDeps,
  caller: StaffCaller,
  reference: string,
  request: { readonly reason?: string | undefined },
): Promise<LegalHoldResponse> {
  if (!protectsData(caller)) throw accessDenied();
  const result = await deps.holds.liftHold(reference);
  if (result === 'missing') throw notFound();
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'LiftLegalHold',
      eventTime: deps.clock.now().toISOString(),
      readOnly: false,
      references: [reference],
      requestParameters: { reference, ...(request.reason ? { reason: request.reason } : {}) },
      responseElements: { lifted: result !== 'none' },
    }),
  ]);
  return { reference, legalHold: null };
}
