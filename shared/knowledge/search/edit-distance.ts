/**
 * Edit distance for typo tolerance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters (the commonest typo, "ndoeva") each cost one. Bounded: the search only
 * wants to know whether two stems are within one or two edits, so it gives up early.
 */

/** Stems longer than this get no typo look-up: such a word is no word a client would type. */
export const maximumFuzzyLength = 20;

// Three rows reused by every call: a typo look-up compares thousands of stem pairs per question,
// and allocating rows for each one was most of its cost. Stems are at most `maximumFuzzyLength`
// + 2 letters long when they get here; longer ones grow the rows once.
let rows = [new Uint8Array(64), new Uint8Array(64), new Uint8Array(64)];
let calls = 0;

/**
 * How many times `editDistance` has run since the process started: a deterministic measure of a
 * question's typo look-up work (take the difference before and after).
 */
export function editDistanceCallCount(): number {
  return calls;
}

/**
 * The optimal-string-alignment distance of a and b if it is at most `limit`, else `limit + 1`.
 *
 * @example editDistance('nodeev', 'nodev', 2) // 1
 */
export function editDistance(a: string, b: string, limit: number): number {
  calls++;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  if (b.length + 1 > rows[0]!.length) rows = rows.map(() => new Uint8Array(b.length + 1));
  // Values are capped at limit + 1 (at most 255), so they fit in bytes.
  const ceiling = limit + 1;
  let beforePrevious = rows[0]!;
  let previous = rows[1]!;
  let current = rows[2]!;
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, ceiling);
  for (let i = 1; i <= a.length; i++) {
    current[0] = Math.min(i, ceiling);
    let rowMinimum = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      value = Math.min(value, ceiling);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return ceiling;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[b.length]!, ceiling);
}

/**
 * How many edits a query stem of this length may be from an indexed one: none below 5 letters,
 * none above `maximumFuzzyLength`.
 */
export function allowedEdits(stem: string): number {
  if (stem.length > maximumFuzzyLength) return 0;
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
