/**
 * A question's terms, each with the indexed stems that may stand for it and how much a match on
 * each is worth: the stem itself in full, a synonym a little less, the completion of a word being
 * typed less, the same Latvian verb with another aspect prefix and a stem one or two typos away
 * less again.
 */
import { analyse, type SearchLanguage } from './analyse.ts';
import { allowedEdits, bucketKey, editDistance } from './edit-distance.ts';
import type { SynonymRule } from './search-index.ts';

export const matchWeights = {
  exact: 1,
  synonym: 0.8,
  prefix: 0.7,
  aspect: 0.6,
  oneEdit: 0.6,
  twoEdits: 0.4,
} as const;

/** A typed prefix shorter than this completes to too many words to mean anything. */
const minimumPrefixLength = 3;
/** A prefix completes to at most this many stems (the vocabulary is sorted: the first ones). */
const maximumCompletions = 30;
/**
 * A question counts at most this many distinct stems, the first ones: a client's question has
 * fewer, and each stem costs a typo look-up, so a pasted page must not cost more than a question.
 */
export const maximumQueryStems = 16;
/**
 * A stem's typo look-up compares it with at most this many indexed stems (the bucket's first
 * ones): the cost of a question stays bounded however large the vocabulary grows.
 */
export const maximumTypoComparisons = 600;

export interface QueryTerm {
  /** The question's stem. */
  readonly stem: string;
  /** Indexed stem → weight of a match on it (at most 1). */
  readonly expansions: ReadonlyMap<string, number>;
}

/** Where the stems starting with `prefix` begin in the sorted vocabulary. */
function lowerBound(vocabulary: readonly string[], prefix: string): number {
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (vocabulary[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

function offer(expansions: Map<string, number>, stem: string, weight: number): void {
  if ((expansions.get(stem) ?? 0) < weight) expansions.set(stem, weight);
}

function fuzzyMatches(
  stem: string,
  buckets: ReadonlyMap<string, readonly string[]>,
  expansions: Map<string, number>,
): void {
  const limit = allowedEdits(stem);
  if (limit === 0) return;
  // Same length first: most typos (a wrong or swapped letter) keep the length.
  const lengths = [0, -1, 1, -2, 2].filter((offset) => Math.abs(offset) <= limit);
  let comparisons = 0;
  for (const candidate of lengths.flatMap(
    (offset) => buckets.get(bucketKey(stem.charAt(0), stem.length + offset)) ?? [],
  )) {
    if (comparisons++ >= maximumTypoComparisons) return;
    if (candidate === stem) continue;
    const distance = editDistance(stem, candidate, limit);
    if (distance > limit) continue;
    if (distance === 1) offer(expansions, candidate, matchWeights.oneEdit);
    else if (distance === 2) offer(expansions, candidate, matchWeights.twoEdits);
  }
}

function completions(prefix: string, vocabulary: readonly string[], expansions: Map<string, number>): void {
  if (prefix.length < minimumPrefixLength) return;
  const end = Math.min(vocabulary.length, lowerBound(vocabulary, prefix) + maximumCompletions);
  for (let index = lowerBound(vocabulary, prefix); index < end; index++) {
    const candidate = vocabulary[index]!;
    if (!candidate.startsWith(prefix)) break;
    offer(expansions, candidate, matchWeights.prefix);
  }
}

/**
 * Latvian verb prefixes that mostly make a verb perfective without changing what it is about
 * (maksāt, samaksāt, nomaksāt, apmaksāt). Prefixes that change the meaning (at-maksāt: refund,
 * ie-sniegt: submit vs sniegt: give, pie-teikt) are left out on purpose.
 */
const aspectPrefixes = ['sa', 'no', 'ap', 'pa', 'iz'] as const;
/** What is left after the prefix must be a word of its own, not a fragment (no-dev-a). */
const minimumRootLength = 4;

/**
 * The same verb with another aspect prefix or none, negated or not, if indexed: samaks ↔ maks ↔
 * nomaks ↔ nemaks ↔ nesamaks (clients write "nesamaksāja", articles "nemaksā").
 */
function aspectVariants(stem: string, isIndexed: (stem: string) => boolean, expansions: Map<string, number>) {
  const affirmative = stem.startsWith('ne') && stem.length - 2 >= minimumRootLength ? stem.slice(2) : stem;
  const prefix = aspectPrefixes.find(
    (candidate) =>
      affirmative.startsWith(candidate) && affirmative.length - candidate.length >= minimumRootLength,
  );
  const root = prefix ? affirmative.slice(prefix.length) : affirmative;
  if (root.length < minimumRootLength) return;
  const forms = [root, ...aspectPrefixes.map((other) => `${other}${root}`)];
  for (const variant of [...forms, ...forms.map((form) => `ne${form}`)]) {
    if (variant !== stem && isIndexed(variant)) offer(expansions, variant, matchWeights.aspect);
  }
}

export interface ExpandOptions {
  readonly language: SearchLanguage;
  /** Sorted stems of the index. */
  readonly vocabulary: readonly string[];
  /** `typoBuckets(vocabulary)`, made once per index. */
  readonly typoBuckets: ReadonlyMap<string, readonly string[]>;
  readonly isIndexed: (stem: string) => boolean;
  readonly synonyms: readonly SynonymRule[];
  /** Whether the last word may be unfinished (as-you-type); only when the text ends in a letter. */
  readonly prefix: boolean;
}

/**
 * The question's distinct terms (at most `maximumQueryStems`) with their expansions. A term may have none: it is then a word
 * the index does not know, which counts against the match quality of every document.
 */
export function expandQuery(query: string, options: ExpandOptions): QueryTerm[] {
  const analysed = analyse(query, options.language);
  const typing = options.prefix && /[\p{L}\p{N}]$/u.test(query);
  const byStem = new Map<string, Map<string, number>>();
  // Each distinct stem is expanded once, however often the question repeats it.
  for (const term of analysed) {
    if (byStem.has(term.stem)) continue;
    if (byStem.size === maximumQueryStems) break;
    const expansions = new Map<string, number>();
    byStem.set(term.stem, expansions);
    if (options.isIndexed(term.stem)) offer(expansions, term.stem, matchWeights.exact);
    fuzzyMatches(term.stem, options.typoBuckets, expansions);
    if (options.language === 'lv') aspectVariants(term.stem, options.isIndexed, expansions);
  }
  const last = analysed.at(-1);
  const lastExpansions = last && byStem.get(last.stem);
  if (typing && last && lastExpansions) completions(last.folded, options.vocabulary, lastExpansions);
  const queryStems = new Set(byStem.keys());
  for (const rule of options.synonyms) {
    if (!rule.from.every((stem) => queryStems.has(stem))) continue;
    const expansions = byStem.get(rule.from[0]!)!;
    for (const stem of rule.to) if (options.isIndexed(stem)) offer(expansions, stem, matchWeights.synonym);
  }
  return [...byStem].map(([stem, expansions]) => ({ stem, expansions }));
}
