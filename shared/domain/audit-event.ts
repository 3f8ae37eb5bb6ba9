/**
 * Audit records in the shape of AWS CloudTrail's event records, so that auditors and tools that
 * read CloudTrail read these too. They carry references and ids, never message bodies or other
 * personal data beyond what identifies the actor.
 */

import { createHash } from 'node:crypto';
import type { AuditEventName } from './audit-catalogue.ts';

export interface AuditUserIdentity {
  /** `Anonymous` for the public, `Client` for a known sender, `Staff` for employees, `Service` for functions. */
  readonly type: 'Anonymous' | 'Client' | 'Staff' | 'Service';
  readonly principalId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
}

export interface AuditResource {
  readonly type: string;
  readonly ARN: string;
}

export interface AuditRecord {
  readonly eventVersion: '1.08';
  /** ISO instant in UTC. */
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly eventType: 'AwsApiCall' | 'AwsServiceEvent';
  readonly awsRegion: string;
  readonly userIdentity: AuditUserIdentity;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly requestParameters: Readonly<Record<string, unknown>> | null;
  readonly responseElements: Readonly<Record<string, unknown>> | null;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly resources: readonly AuditResource[];
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

export type AuditInput = Omit<AuditRecord, 'eventVersion' | 'awsRegion' | 'eventType' | 'eventName'> & {
  readonly eventType?: AuditRecord['eventType'];
  /** Only catalogued events are written (`audit-catalogue.ts`). */
  readonly eventName: AuditEventName;
};

export const auditEventSource = 'courtdesk.court.gov.lv';

export function auditRecord(input: AuditInput, region = 'eu-north-1'): AuditRecord {
  return { eventVersion: '1.08', eventType: 'AwsApiCall', awsRegion: region, ...input };
}

/**
 * What the trail keeps of a staff member's free-text reason: its fingerprint and length, not the
 * words (which may name people). The text itself stays on the ticket, behind its access rules; the
 * fingerprint proves which text it was.
 */
export function reasonDigest(reason: string): { reasonSha256: string; reasonLength: number } {
  return {
    reasonSha256: createHash('sha256').update(reason).digest('hex').slice(0, 32),
    reasonLength: reason.length,
  };
}

export function ticketResource(reference: string): AuditResource {
  return { type: 'Courtdesk::Ticket', ARN: `arn:courtdesk:tickets::ticket/${reference}` };
}

/** A knowledge base entry (an article or a glossary term) a change was made to. */
export function knowledgeResource(kind: 'article' | 'term', id: string): AuditResource {
  return {
    type: kind === 'article' ? 'Courtdesk::KnowledgeArticle' : 'Courtdesk::KnowledgeTerm',
    ARN: `arn:courtdesk:knowledge::${kind}/${id}`,
  };
}
