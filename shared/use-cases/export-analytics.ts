/**
 * One run of the analysts' export (scheduled hourly): a pending export is turned into rows once
 * DynamoDB has finished it; otherwise the next one is started — a full export the first time, then
 * incremental ones from the last one's end, each window between DynamoDB's 15 minutes and 24 hours.
 * The state (the last end, the export pending) is kept beside the rows, so each run goes on where
 * the last stopped, and a repeated run rewrites the same files.
 */
import { type AnalyticsRow, analyticsRow, isTicketItem } from '../domain/analytics-row.ts';
import type { AnalyticsStore, TableExports } from '../ports/analytics-export.ts';
import type { Clock } from '../ports/clock.ts';

export interface ExportAnalyticsDependencies {
  readonly exports: TableExports;
  readonly store: AnalyticsStore;
  readonly clock: Clock;
}

export type ExportAnalyticsOutcome =
  | { readonly outcome: 'started'; readonly kind: 'full' | 'incremental'; readonly to: string }
  | { readonly outcome: 'waiting' }
  | { readonly outcome: 'failed'; readonly kind: 'full' | 'incremental' }
  | { readonly outcome: 'written'; readonly rows: number; readonly files: number }
  | { readonly outcome: 'idle' };

/** DynamoDB's bounds of an incremental export's window. */
export const shortestWindowMs = 15 * 60_000;
export const longestWindowMs = 24 * 3600_000;
/** Rows per file. */
const rowsPerFile = 10_000;

export async function exportAnalytics(deps: ExportAnalyticsDependencies): Promise<ExportAnalyticsOutcome> {
  const state = await deps.store.readState();
  const pending = state.pending;
  if (pending) {
    const status = await deps.exports.status(pending.id);
    if (status === 'in-progress') return { outcome: 'waiting' };
    if (status === 'failed') {
      // The same window is asked for again by the next run.
      await deps.store.writeState(state.exportedTo ? { exportedTo: state.exportedTo } : {});
      return { outcome: 'failed', kind: pending.kind };
    }
    const day = pending.to.slice(0, 10);
    const name = exportName(pending.id);
    let rows: AnalyticsRow[] = [];
    let written = 0;
    let files = 0;
    for await (const change of deps.exports.changes(pending.id)) {
      if (!isTicketItem(change.keys)) continue;
      rows.push(analyticsRow(change.keys, change.image, change.writtenAt));
      if (rows.length === rowsPerFile) {
        await deps.store.writeRows(day, `${name}-${files}`, rows);
        written += rows.length;
        files += 1;
        rows = [];
      }
    }
    if (rows.length > 0 || files === 0) {
      await deps.store.writeRows(day, `${name}-${files}`, rows);
      written += rows.length;
      files += 1;
    }
    await deps.store.writeState({ exportedTo: pending.to });
    return { outcome: 'written', rows: written, files };
  }

  // A minute back: DynamoDB exports up to a time already past.
  const now = deps.clock.now().getTime() - 60_000;
  if (!state.exportedTo) {
    const at = new Date(now).toISOString();
    const id = await deps.exports.start({ kind: 'full', at });
    await deps.store.writeState({ pending: { id, kind: 'full', to: at } });
    return { outcome: 'started', kind: 'full', to: at };
  }
  const from = Date.parse(state.exportedTo);
  const to = Math.min(now, from + longestWindowMs);
  if (to - from < shortestWindowMs) return { outcome: 'idle' };
  const window = { from: state.exportedTo, to: new Date(to).toISOString() };
  const id = await deps.exports.start({ kind: 'incremental', ...window });
  await deps.store.writeState({
    exportedTo: state.exportedTo,
    pending: { id, kind: 'incremental', to: window.to },
  });
  return { outcome: 'started', kind: 'incremental', to: window.to };
}

/** The export's own id, the last part of its ARN (`…/export/<id>`), safe in an object key. */
function exportName(id: string): string {
  return (id.split('/').at(-1) ?? id).replace(/[^A-Za-z0-9-]/g, '-');
}
