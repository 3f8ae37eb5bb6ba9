import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../../../bench/assistant.ts';
import { seedArticles } from '../../../shared/knowledge/content/index.ts';
import { editDistanceCallCount } from '../../../shared/knowledge/search/edit-distance.ts';
import { maximumQueryStems, maximumTypoComparisons } from '../../../shared/knowledge/search/expand-query.ts';
import {
  buildSearchIndex,
  type SearchOptions,
  search,
  searchIndexFromJson,
  searchIndexToJson,
} from '../../../shared/knowledge/search/index.ts';
import { maximumQueryLength } from '../../../shared/knowledge/search/search.ts';
import { trimAround } from '../../../shared/knowledge/search/snippet.ts';
import { searchDocumentsOf } from '../../../shared/knowledge/search-documents.ts';

// A large generated base: its typo buckets hold thousands of stems, as a grown vocabulary would.
const big = buildSearchIndex(generateArticles(600));
const question = 'kā samaksāt valsts nodevu tiesā';
const ids = (query: string, options: SearchOptions) => search(big, query, options).map((result) => result.id);

function typoWork(query: string, options: SearchOptions): number {
  const before = editDistanceCallCount();
  search(big, query, options);
  return editDistanceCallCount() - before;
}

const syllables = 'ka re ti no ma se lu da vi pe ko ra zi me ga ba sa te li mu'.split(' ');
/** Made-up ten-letter words: each looks for typos among the largest buckets and finds none. */
const madeUp = (count: number) =>
  Array.from({ length: count }, (_, word) =>
    Array.from({ length: 5 }, (_, syllable) => syllables[(word * 7 + syllable * 3) % syllables.length]).join(
      '',
    ),
  ).join(' ');

describe('search work per question is bounded', () => {
  // Both languages may be searched (the fallback), each stem against at most the capped candidates.
  const bound = 2 * maximumQueryStems * maximumTypoComparisons;

  it.each([
    ['many made-up long words', madeUp(40)],
    ['a pasted page', `${question} `.repeat(3000)],
    ['one word repeated', 'nodevu '.repeat(2000)],
    ['10 kB of made-up words', madeUp(1000)],
  ])('%s: at most the capped typo comparisons', (_, query) => {
    expect(typoWork(query, { language: 'lv' })).toBeLessThanOrEqual(bound);
    expect(typoWork(query, { language: 'en' })).toBeLessThanOrEqual(bound);
  });

  it('expands a repeated word once: the same work as the word alone', () => {
    expect(typoWork('nodevu '.repeat(200), { language: 'lv' })).toBe(typoWork('nodevu', { language: 'lv' }));
  });

  it('reads only the first characters of a long query', () => {
    const long = `${question} ${madeUp(200)}`;
    expect(long.length).toBeGreaterThan(maximumQueryLength);
    expect(search(big, long, { language: 'lv' })).toEqual(
      search(big, long.slice(0, maximumQueryLength), { language: 'lv' }),
    );
  });
});

describe('search options', () => {
  const reference = ids(question, { language: 'lv' });

  it('takes an option given as undefined as its default', () => {
    expect(reference.length).toBeGreaterThan(0);
    for (const key of ['limit', 'prefix', 'fallback', 'minQuality', 'relativeThreshold'] as const) {
      expect(ids(question, { language: 'lv', [key]: undefined })).toEqual(reference);
    }
    expect(ids('maksātnesp', { language: 'lv', prefix: undefined })).toEqual(
      ids('maksātnesp', { language: 'lv' }),
    );
  });

  it('brings limit into 1..20 and ignores a limit that is no number', () => {
    expect(ids(question, { language: 'lv', limit: 0 })).toHaveLength(1);
    expect(ids(question, { language: 'lv', limit: -1 })).toHaveLength(1);
    expect(ids(question, { language: 'lv', limit: 2.7 })).toHaveLength(2);
    expect(ids(question, { language: 'lv', limit: Number.NaN })).toEqual(reference);
    expect(
      ids(question, { language: 'lv', limit: 1e9, relativeThreshold: 0, minQuality: 0 }).length,
    ).toBeLessThanOrEqual(20);
  });

  it('reads a share out of range as the nearest end and NaN as the default', () => {
    expect(ids(question, { language: 'lv', minQuality: Number.NaN })).toEqual(reference);
    expect(ids(question, { language: 'lv', relativeThreshold: 5 })).toEqual(reference.slice(0, 1));
  });
});

describe('search never throws on what a client may send', () => {
  const anyLanguage = fc.oneof(
    fc.constantFrom('lv', 'en', 'de', 'LV', '__proto__', 'constructor', undefined, null),
    fc.anything(),
  );
  const anyQuery = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.constantFrom(question, '😀 nodeva 𝐀𝐁', 'ﬁnanses'),
    fc.anything(),
  );

  it('answers any query and language, a language it does not know as Latvian', () => {
    fc.assert(
      fc.property(anyQuery, anyLanguage, fc.anything(), (query, language, limit) => {
        const options = { language, limit } as unknown as SearchOptions;
        const results = search(big, query as string, options);
        expect(Array.isArray(results)).toBe(true);
      }),
      { numRuns: 300, seed: 16 },
    );
    expect(ids(question, { language: 'de' as 'lv' })).toEqual(reference());
    expect(search(big, undefined as unknown as string, { language: 'lv' })).toEqual([]);
    expect(search(big, ['nodeva'] as unknown as string, { language: 'lv' })).toEqual([]);
  });

  function reference() {
    return ids(question, { language: 'lv' });
  }
});

describe('snippet', () => {
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it('never cuts a letter outside the Basic Multilingual Plane in two', () => {
    for (let matchStart = 0; matchStart < 300; matchStart++) {
      expect(trimAround('𝐀'.repeat(300), matchStart)).not.toMatch(loneSurrogate);
      expect(trimAround(`${'ab '.repeat(30)}${'😀'.repeat(200)}`, matchStart)).not.toMatch(loneSurrogate);
    }
  });
});

// biome-ignore lint/suspicious/noExplicitAny: a tampered file may have anything anywhere
type Tampered = any;

describe('loading a shipped index', () => {
  const small = buildSearchIndex(generateArticles(3));
  const text = JSON.stringify(searchIndexToJson(small));
  const tampered = (change: (json: Tampered) => void) => {
    const json = JSON.parse(text);
    change(json);
    return () => searchIndexFromJson(json);
  };

  it('loads what it wrote', () => {
    expect(searchIndexFromJson(JSON.parse(text))).toEqual(small);
  });

  it.each([
    ['no languages', (json: Tampered) => delete json.languages],
    ['no English part', (json: Tampered) => delete json.languages.en],
    ['postings not a list', (json: Tampered) => (json.languages.lv.postings = {})],
    ['a posting past the last document', (json: Tampered) => (json.languages.lv.postings[0][1][0] = 99)],
    ['a posting in no field', (json: Tampered) => (json.languages.lv.postings[0][1][1] = 9)],
    [
      'counts as strings',
      (json: Tampered) => (json.languages.lv.postings[0][1] = json.languages.lv.postings[0][1].map(String)),
    ],
    ['a frequency of 0', (json: Tampered) => (json.languages.lv.postings[0][1][2] = 0)],
    ['a cut triple', (json: Tampered) => json.languages.lv.postings[0][1].pop()],
    [
      'a stem listed twice',
      (json: Tampered) => json.languages.lv.postings.push(json.languages.lv.postings[0]),
    ],
    ['negative field lengths', (json: Tampered) => (json.languages.lv.fieldLengths[0][0] = -1)],
    ['fewer documents than field lengths', (json: Tampered) => json.languages.lv.documents.pop()],
    [
      'a document of the other language',
      (json: Tampered) => (json.languages.lv.documents[0].language = 'en'),
    ],
    ['synonyms null', (json: Tampered) => (json.languages.lv.synonyms = null)],
    [
      'a synonym rule from nothing',
      (json: Tampered) => (json.languages.lv.synonyms = [{ from: [], to: ['x'] }]),
    ],
  ])('refuses an index with %s', (_, change) => {
    expect(tampered(change)).toThrow(/^Search index/);
  });
});

describe('falling back to the other language', () => {
  const seed = buildSearchIndex(searchDocumentsOf(seedArticles));

  it('answers a Latvian question asked in the English interface from the Latvian articles', () => {
    const results = search(seed, 'kā samaksāt valsts nodevu', { language: 'en' });
    expect(results[0]).toMatchObject({ id: 'state-fee-payment-details', language: 'lv' });
    expect(search(seed, 'kā samaksāt valsts nodevu', { language: 'en', fallback: false })[0]?.language).toBe(
      'en',
    );
  });

  it('keeps a good answer in the asked language', () => {
    expect(search(seed, 'how to pay the state fee', { language: 'en' })[0]?.language).toBe('en');
    expect(search(seed, 'kā samaksāt valsts nodevu', { language: 'lv' })[0]?.language).toBe('lv');
  });
});
