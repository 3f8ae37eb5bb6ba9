/**
 * Edit distance for typo tolerance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters (the commonest typo, "ndoeva") each cost one. Bounded: the search only
 * wants to know whether two stems are within one or two edits, so it gives up early.
 */

/**
 * The optimal-string-alignment distance of a and b if it is at most `limit`, else `limit + 1`.
 *
 * @example editDistance('nodeev', 'nodev', 2) // 1
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/** How many edits a query stem of this length may be from an indexed one: none below 5 letters. */
export function allowedEdits(stem: string): number {
  if (stem.length >= 9) return 2;
  if (stem.length >= 5) return 1;
  return 0;
}

/** The key of a stem's typo bucket: its first letter and its length. */
export function bucketKey(first: string, length: number): string {
  return `${first}${length}`;
}

/**
 * The vocabulary grouped by first letter and length, so a typo look-up compares a stem with a few
 * hundred stems, not the whole vocabulary. Typos in the first letter are rare and are not looked
 * for (the usual prefix length of one of fuzzy search); length differs by at most the edits allowed.
 */
export function typoBuckets(vocabulary: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const buckets = new Map<string, string[]>();
  for (const stem of vocabulary) {
    const key = bucketKey(stem.charAt(0), stem.length);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(stem);
    else buckets.set(key, [stem]);
  }
  return buckets;
}
