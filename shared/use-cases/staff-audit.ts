/** Who makes a staff request, and the audit records of what they did, read, or were refused. */
import { randomUUID } from 'node:crypto';
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import { type AuditRecord, auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import type { StaffIdentity, StaffRequestContext } from '../domain/staff.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';

/** A staff member making a request: who, and from where. */
export type StaffCaller = StaffIdentity & StaffRequestContext;

/** Where staff records go, and the time they carry. */
export interface StaffAuditDeps {
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** A staff member as taking, re-routing and extending need them; the request context when there is one. */
export interface StaffMember {
  readonly username: string;
  readonly competences: readonly string[];
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  readonly requestId?: string;
}

/** What a staff request's audit record says besides who made it. */
export interface StaffAuditEvent {
  readonly eventName: AuditEventName;
  readonly eventTime: string;
  readonly readOnly: boolean;
  /** The tickets the request touched or read. */
  readonly references?: readonly string[];
  readonly requestParameters?: Readonly<Record<string, unknown>> | null;
  readonly responseElements?: Readonly<Record<string, unknown>> | null;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** A stable id makes a retried append keep one record. */
  readonly eventID?: string;
}

/** An audit record of a staff request. */
export function staffAudit(
  caller: Pick<StaffCaller, 'username' | keyof StaffRequestContext>,
  event: StaffAuditEvent,
): AuditRecord {
  return auditRecord({
    eventTime: event.eventTime,
    eventSource: auditEventSource,
    eventName: event.eventName,
    userIdentity: { type: 'Staff', principalId: caller.username, userName: caller.username },
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: caller.userAgent,
    requestParameters: event.requestParameters ?? null,
    responseElements: event.responseElements ?? null,
    requestID: caller.requestId,
    eventID: event.eventID ?? randomUUID(),
    readOnly: event.readOnly,
    resources: (event.references ?? []).slice(0, 100).map(ticketResource),
    ...(event.errorCode ? { errorCode: event.errorCode } : {}),
    ...(event.errorMessage ? { errorMessage: event.errorMessage } : {}),
  });
}

/** The audit record of a change a staff member made to one ticket, from a request or from within. */
export function staffAction(
  staff: StaffMember,
  action: {
    readonly eventName: AuditEventName;
    readonly eventTime: string;
    readonly reference: string;
    /** Besides the reference, which comes first. */
    readonly requestParameters?: Readonly<Record<string, unknown>>;
    readonly responseElements?: Readonly<Record<string, unknown>> | null;
    readonly eventID?: string;
  },
): AuditRecord {
  const { reference, requestParameters, ...event } = action;
  return staffAudit(
    {
      username: staff.username,
      sourceIPAddress: staff.sourceIPAddress ?? 'courtdesk.internal',
      userAgent: staff.userAgent ?? 'courtdesk',
      requestId: staff.requestId ?? randomUUID(),
    },
    {
      ...event,
      readOnly: false,
      references: [reference],
      requestParameters: { reference, ...requestParameters },
    },
  );
}

/** Records a read of clients' data (or of the caller's own): what was asked, and which tickets it showed. */
export async function recordRead(
  deps: StaffAuditDeps,
  caller: StaffCaller,
  event: Omit<StaffAuditEvent, 'eventTime' | 'readOnly'>,
): Promise<void> {
  await deps.audit.append([
    staffAudit(caller, { ...event, eventTime: deps.clock.now().toISOString(), readOnly: true }),
  ]);
}

/** Records a refused request (403 and the like): who tried what on which ticket. */
export async function recordRefusal(
  deps: StaffAuditDeps,
  caller: StaffCaller,
  eventName: AuditEventName,
  errorCode: string,
  reference?: string,
  readOnly = false,
): Promise<void> {
  await deps.audit.append([
    staffAudit(caller, {
      eventName,
      eventTime: deps.clock.now().toISOString(),
      readOnly,
      references: reference ? [reference] : [],
      requestParameters: reference ? { reference } : null,
      errorCode,
      errorMessage: errorCode === 'AccessDenied' ? 'Not within the caller’s competences or role' : errorCode,
    }),
  ]);
}
