/** What the audit catalogue (`audit-catalogue.ts`) says of each event it lists. */

/** What kind of event it is, for the auditor's filters. */
export type AuditCategory =
  | 'intake'
  | 'delivery'
  | 'read'
  | 'change'
  | 'session'
  | 'quarantine'
  | 'deadline'
  | 'configuration'
  | 'export'
  /** The trail watching itself: sealing, access reviews. */
  | 'audit';

export interface AuditEventSpec {
  /** The functions (inventory names) that write it. */
  readonly by: readonly string[];
  /** Who causes it: a client or the public, a staff member, or a function on its own. */
  readonly actor: 'Anonymous' | 'Staff' | 'Service';
  readonly category: AuditCategory;
  /** Whether the event only reads (every read of a client's data is audited too). */
  readonly readOnly: boolean;
  /** What happened, for the auditor's view. */
  readonly description: { readonly lv: string; readonly en: string };
}
