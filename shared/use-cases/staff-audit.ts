/** Audit records of what a staff member did to a ticket. */
import { randomUUID } from 'node:crypto';
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import { type AuditRecord, auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import type { StaffMember } from './take-ticket.ts';

export function staffAction(
  staff: StaffMember,
  action: {
    readonly eventName: AuditEventName;
    readonly eventTime: string;
    readonly reference: string;
    readonly requestParameters: Readonly<Record<string, unknown>>;
    readonly responseElements: Readonly<Record<string, unknown>> | null;
    /** A stable id makes a retried append keep one record. */
    readonly eventID?: string;
  },
): AuditRecord {
  return auditRecord({
    eventTime: action.eventTime,
    eventSource: auditEventSource,
    eventName: action.eventName,
    userIdentity: { type: 'Staff', principalId: staff.username, userName: staff.username },
    sourceIPAddress: staff.sourceIPAddress ?? 'courtdesk.internal',
    userAgent: staff.userAgent ?? 'courtdesk',
    requestParameters: { reference: action.reference, ...action.requestParameters },
    responseElements: action.responseElements,
    requestID: staff.requestId ?? randomUUID(),
    eventID: action.eventID ?? randomUUID(),
    readOnly: false,
    resources: [ticketResource(action.reference)],
  });
}
