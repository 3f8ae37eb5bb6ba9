/**
 * Opaque page cursors: a position (a DynamoDB query's last evaluated key, or the sort key of the
 * last audit record shown) handed to the caller as base64url JSON and checked when it comes back.
 */
import { Refused } from './refused.ts';

/** A query's last evaluated key as an opaque page cursor. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The start key a cursor carries; `InvalidCursor` for anything this store did not hand out, or a
 * key that `within` refuses (a cursor must not page into another list).
 */
export function decodeCursor(
  cursor: string,
  within: (key: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof key === 'object' &&
      key !== null &&
      !Array.isArray(key) &&
      within(key as Record<string, unknown>)
    )
      return key as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidCursor();
}

/** A page cursor that this store did not hand out: the caller's fault (400), like any other refusal. */
export class InvalidCursor extends Refused {
  constructor() {
    super('InvalidCursor', 400);
  }
}
