/**
 * The supervisors' side of the mail quarantine (issue 5, item 3): held mail listed per unit with the
 * reason, read one at a time, and released — never dropped. Adapters:
 * `../adapters/dynamodb/quarantine-desk.ts` and, for unit tests, `../adapters/memory/quarantine.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { QuarantineRecord } from './index.ts';

/** `held` until a supervisor releases it; a released mail stays stored and listable. */
export type QuarantineState = 'held' | 'released';

/** A supervisor's release: who, when, why, and the ticket the mail became. */
export interface QuarantineRelease {
  readonly by: string;
  readonly at: string;
  /** The supervisor's reason, as written (kept here behind the access rules; the trail has its digest). */
  readonly reason: string;
  readonly reference: string;
}

/** A quarantined mail as stored: the record ingest-email wrote, its unit and its state. */
export interface QuarantinedMail extends QuarantineRecord {
  /** The unit whose supervisors decide about it (from the recipients; triage when none matched). */
  readonly competence: string;
  readonly state: QuarantineState;
  readonly release?: QuarantineRelease;
}

export interface QuarantinePage {
  readonly items: readonly QuarantinedMail[];
  /** Pass back to get the next page; absent on the last one. */
  readonly cursor?: string;
}

export interface QuarantineDesk {
  /** A unit's quarantined mail in `state`, oldest first (one index partition, paginated). */
  list(
    competence: string,
    state: QuarantineState,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<QuarantinePage>;
  get(id: string): Promise<QuarantinedMail | undefined>;
  /**
   * Moves the mail from held to released with the release, together with its audit record;
   * `false` when it is not held in that unit (any more): released already, or by someone at the
   * same moment.
   */
  release(
    mail: Pick<QuarantinedMail, 'id' | 'competence'>,
    release: QuarantineRelease,
    audit: AuditRecord,
  ): Promise<boolean>;
}
