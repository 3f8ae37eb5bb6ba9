/**
 * Refusals (`Refused`, from a verb or an earlier middleware) answered in the caller's language
 * with their status, each counted and audited: `{ message, code }`, or `{ errors: [{ field,
 * message }] }` for fields at fault (a 400 audited as `ValidationError`). Anything else is left to
 * the error handler.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { EmfRefusalMetrics } from '../../../shared/adapters/cloudwatch/audit-metrics.ts';
import type { Language } from '../../../shared/domain/language.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { json } from '../../../shared/http/responses.ts';
import { quarantineIdPattern, referencePattern } from '../../../shared/http/staff-contract.ts';
import { type QuarantineMessageKey, quarantineMessage } from '../../../shared/i18n/quarantine-messages.ts';
import { isStaffMessageKey, staffMessage } from '../../../shared/i18n/staff-messages.ts';
import { logger } from '../../../shared/logger.ts';
import { recordQuarantineRefusal } from '../../../shared/use-cases/quarantine-mail.ts';
import { recordRefusal } from '../../../shared/use-cases/staff-audit.ts';
import type { StaffApiDeps, StaffCallContext } from '../routes/route.ts';

type StaffRequest = Request<APIGatewayProxyEventV2, unknown, Error, StaffCallContext>;

export function refusals(
  deps: StaffApiDeps,
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, StaffCallContext> {
  const metrics = new EmfRefusalMetrics();

  const answer = async ({ event, context }: StaffRequest, refused: Refused) => {
    const { route, caller, language, reference, id } = context.staffCall;
    // Only a well-formed reference or id goes into the audit trail and the logs (a path may hold anything).
    const recorded = referencePattern.test(reference) ? reference : undefined;
    const recordedId = quarantineIdPattern.test(id) ? id : undefined;
    const readOnly = event.requestContext.http.method === 'GET' || route.reads === true;
    const eventName = route.eventNameOf?.(event) ?? route.eventName;
    // Counted as it happens for the access-denied spike alarm (the record says who and what).
    metrics.refused(refused.code);
    await (route.quarantine
      ? recordQuarantineRefusal(deps.mailQuarantine, caller, eventName, refused.code, recordedId, readOnly)
      : recordRefusal(deps, caller, eventName, refused.code, recorded, readOnly));
    if (refused.fields) {
      const errors = refused.fields.map(({ field, key, values }) => ({
        field,
        message: staffMessage(language, isStaffMessageKey(key) ? key : 'staff.field.invalid', values),
      }));
      return json(refused.status, { errors });
    }
    logger.info('Staff request refused', {
      requestId: caller.requestId,
      route: event.routeKey,
      code: refused.code,
      ...(recorded ? { reference: recorded } : {}),
      ...(recordedId ? { messageId: recordedId } : {}),
    });
    return json(refused.status, { message: messageOf(refused, language), code: refused.code });
  };

  const onError = async (request: StaffRequest) => {
    const { error } = request;
    if (!(error instanceof Refused) || !request.context.staffCall) return undefined;
    try {
      return await answer(request, error);
    } catch (failure) {
      // Not audited, not answered as a refusal: the error handler's 500.
      request.error = failure instanceof Error ? failure : new Error(String(failure));
      return undefined;
    }
  };
  return { onError };
}

/** The refusal's message: its key in the staff or quarantine catalogue, else `staff.<code>`, else a conflict. */
function messageOf(refused: Refused, language: Language): string {
  const { messageKey, values, code } = refused;
  if (isStaffMessageKey(messageKey)) return staffMessage(language, messageKey, values);
  const quarantine = messageKey.startsWith('quarantine.')
    ? (quarantineMessage(language, messageKey as QuarantineMessageKey) as string | undefined)
    : undefined;
  if (quarantine) return quarantine;
  const plain = `staff.${code}`;
  return staffMessage(language, isStaffMessageKey(plain) ? plain : 'staff.Conflict');
}
