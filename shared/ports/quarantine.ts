/**
 * The mail quarantine: ingest-email keeps what cannot become a ticket message as it is, and the
 * supervisors' side lists held mail per unit with the reason, reads it one at a time and releases
 * it — never dropped. Adapters: `../adapters/dynamodb/quarantine-desk.ts` and, for unit tests,
 * `../adapters/memory/quarantine.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';

/** Inbound mail that cannot become a ticket message as it is: kept, listed, releasable (never dropped). */
export interface QuarantineRecord {
  /** The SES message id (the raw mail's key is the raw-mail prefix + this). */
  readonly id: string;
  readonly rawKey: string;
  readonly reason: string;
  /** A short technical explanation, without personal data. */
  readonly detail: string;
  readonly receivedAt: string;
  /** The envelope recipients (our addresses). */
  readonly recipients: readonly string[];
  /**
   * The recipients as routing reads them (our inbound domain's addresses as the units' addresses),
   * so that a release needs no inbound-domain setting of its own.
   */
  readonly routedTo?: readonly string[];
  /** The unit whose supervisors decide about it (by the routing rules on the recipients; else triage). */
  readonly competence?: string;
  /** SES's verdicts as received (`PASS`, `FAIL`, …): a release must still not acknowledge spam or a virus. */
  readonly verdicts?: Readonly<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', string>>;
}

/** Where ingest-email puts such mail. */
export interface MailQuarantine {
  /** Keeps a message in quarantine; `false` when it is there already (a redelivered event). */
  quarantine(record: QuarantineRecord): Promise<boolean>;
}

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
  /**
   * A unit's quarantined mail in `state`, oldest first (one index partition, paginated); a cursor
   * this store did not hand out is refused (`InvalidCursor`, 400).
   */
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
