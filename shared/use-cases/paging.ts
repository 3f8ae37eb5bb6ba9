/**
 * The staff lists: which units one covers, how many rows a page holds, and the cursor of the rest.
 * A cursor pages one list (one unit's index partition); lists of several units are merged from
 * each one's first page.
 */
import type { CompetenceId } from '../domain/competences.ts';
import { accessDenied, Refused } from '../domain/refused.ts';

/** A page asked for: where the last one ended, and how many rows. */
export interface PageRequest {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** The page size asked for: 50 when none is, never over 100. */
export function pageLimit(asked: number | undefined): number {
  return Math.max(1, Math.min(100, asked ?? 50));
}

/** A page of rows, with the cursor of the next one when there is more. */
export function pageOf<T>(items: T[], cursor: string | undefined): { items: T[]; cursor?: string } {
  return cursor ? { items, cursor } : { items };
}

/** The units a list covers: the one asked for, else all the caller's; `AccessDenied` (403) outside them. */
export function unitsToList(
  allowed: readonly CompetenceId[],
  asked: CompetenceId | undefined,
): readonly CompetenceId[] {
  if (allowed.length === 0 || (asked && !allowed.includes(asked))) throw accessDenied();
  return asked ? [asked] : allowed;
}

/** Refuses a cursor (`InvalidCursor`, 400) for a page merged from several lists. */
export function assertOneList(cursor: string | undefined, lists: number): void {
  if (cursor && lists > 1) throw new Refused('InvalidCursor', 400);
}
