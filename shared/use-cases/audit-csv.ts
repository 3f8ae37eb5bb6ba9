/** The auditor's CSV files: as many rows as one answer holds, named for what they cover. */
import { csvLine, csvStart } from '../domain/audit-query.ts';
import { auditListing } from './audit-desk.ts';

export interface CsvFile {
  readonly filename: string;
  readonly text: string;
  readonly rows: number;
  /** More records follow: pass it as `cursor` for the next file. */
  readonly cursor?: string;
}

/** `2026-12-10T08:00:00.000Z` → `20261210T0800Z`, for file names. */
export function fileTime(instant: string): string {
  return `${instant.slice(0, 16).replaceAll('-', '').replace(':', '')}Z`;
}

/**
 * A CSV file of as many rows as fit in one answer (`auditListing.maxCsvBytes`): `cut` when some
 * were left out.
 */
export function csvWithin<T>(
  columns: readonly string[],
  items: Iterable<T>,
  toRow: (item: T) => string,
): { text: string; rows: number; cut: boolean } {
  let text = csvStart + csvLine(columns);
  let bytes = Buffer.byteLength(text);
  let rows = 0;
  for (const item of items) {
    const row = toRow(item);
    bytes += Buffer.byteLength(row);
    if (bytes > auditListing.maxCsvBytes) return { text, rows, cut: true };
    text += row;
    rows += 1;
  }
  return { text, rows, cut: false };
}
