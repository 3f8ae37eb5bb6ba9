/**
 * The analysts' copy of the tickets (issue 17, item 6): DynamoDB's exports of the tickets table to
 * S3 (a full one first, then incremental ones, window after window), each turned into rows without
 * personal data (`shared/domain/analytics-row.ts`) under the prefix the Glue table reads.
 */
import type { AnalyticsRow } from '../domain/analytics-row.ts';

/** The next export's start is the last one's end: no change is missed, none exported twice. */
export interface AnalyticsExportState {
  /** The end of the last export whose rows were written (ISO). */
  readonly exportedTo?: string;
  /** The export started and not yet turned into rows. */
  readonly pending?: PendingExport;
}

export interface PendingExport {
  /** The export's id (its ARN). */
  readonly id: string;
  readonly kind: 'full' | 'incremental';
  /** Its end: the full export's time, or the incremental window's end (ISO). */
  readonly to: string;
}

export type ExportRequest =
  | { readonly kind: 'full'; readonly at: string }
  | { readonly kind: 'incremental'; readonly from: string; readonly to: string };

/** One exported item: its keys, its new image (absent: deleted) and when it was written. */
export interface ExportedChange {
  readonly keys: Readonly<Record<string, unknown>>;
  readonly image?: Readonly<Record<string, unknown>>;
  readonly writtenAt: string;
}

/** DynamoDB's exports of the tickets table. */
export interface TableExports {
  /** Starts an export (idempotent for the same request); answers its id. */
  start(request: ExportRequest): Promise<string>;
  status(id: string): Promise<'in-progress' | 'completed' | 'failed'>;
  /** The items of a completed export. */
  changes(id: string): AsyncIterable<ExportedChange>;
}

/** Where the rows and the state are kept (the analytics bucket). */
export interface AnalyticsStore {
  readState(): Promise<AnalyticsExportState>;
  writeState(state: AnalyticsExportState): Promise<void>;
  /**
   * Writes one file of rows under the day's partition; the same `name` again replaces it, so a run
   * repeated after a failure duplicates nothing.
   */
  writeRows(day: string, name: string, rows: readonly AnalyticsRow[]): Promise<void>;
}
