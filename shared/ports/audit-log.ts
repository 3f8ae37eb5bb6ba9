/** The append side of the audit trail: every function writes its records here. */
import type { AuditRecord } from '../domain/audit-event.ts';

export interface AuditLog {
  /** Appends records; appending the same eventID twice keeps one. */
  append(records: readonly AuditRecord[]): Promise<void>;
}
