/**
 * The assistant's search against a large knowledge base: N generated articles in Latvian and in
 * English (made of real Latvian and English words in their inflected forms, and of made-up words
 * so the vocabulary grows as a real one does), then N client-like questions (inflected, some
 * without diacritics, some with a typo, some cut off as while typing). Reports the p95 of one
 * question, the index build time and the size of the shipped JSON.
 */
import {
  buildSearchIndex,
  type SearchDocument,
  search,
  searchIndexFromJson,
  searchIndexToJson,
} from '../shared/knowledge/search/index.ts';

const latvianWords = (
  'valsts nodeva nodevu nodevas nodevai tiesa tiesā tiesas tiesu spriedums sprieduma spriedumu ' +
  'maksātnespēja maksātnespējas administrators administratoru administratoram pieteikums pieteikumu ' +
  'iesniegt iesniedzu iesniegšana iesniegums iesniegumu dokuments dokumentu dokumentus kopija kopiju ' +
  'kancelejas arhīvs arhīvā apliecība apliecību palīdzība palīdzības juridiskā juridisko fonds fondā ' +
  'uzturlīdzekļi uzturlīdzekļus bērns bērnam parāds parādu parādnieks kreditors kreditoru prasība ' +
  'prasību termiņš termiņu atbilde atbildi sūdzība sūdzību portāls portālā e-adrese adresi paraksts ' +
  'elektroniski dati datus personas persona sēde sēdes lieta lietas lietā maksāt samaksāt maksājums ' +
  'rekvizīti pārskaitījums ārvalstīm atmaksa atmaksāt drošības nauda naudu atbrīvojums ienākumi'
).split(' ');

const englishWords = (
  'state fee fees payment paying court courts judgment copy copies insolvency administrator complaint ' +
  'application apply applying documents document archive certificate legal aid maintenance fund child ' +
  'debtor creditor claim deadline answer portal address signature electronic data personal hearing ' +
  'case cases refund security deposit exemption income abroad transfer details submit submitted'
).split(' ');

/** A small seeded generator (mulberry32), so every run measures the same articles and questions. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables = 'ka re ti no ma se lu da vi pe ko ra zi me ga ba sa te li mu'.split(' ');
const endings = ['s', 'a', 'u', 'as', 'ai', 'ām', 'ā', 'i', 'iem', 'e', 'es'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** A made-up word in an inflected form: the vocabulary of a large base holds many rare words. */
function madeUpWord(next: () => number, latvian: boolean): string {
  const root = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(next, syllables)).join('');
  return latvian ? `${root}${pick(next, endings)}` : root;
}

function sentence(next: () => number, words: readonly string[], latvian: boolean, length: number): string {
  const chosen = Array.from({ length }, () =>
    next() < 0.6 ? pick(next, words) : madeUpWord(next, latvian),
  ).join(' ');
  return `${chosen.charAt(0).toUpperCase()}${chosen.slice(1)}.`;
}

/** `count` articles in each language, with a few paragraphs of 40-odd words each. */
export function generateArticles(count: number, seed = 1): SearchDocument[] {
  const next = random(seed);
  return (['lv', 'en'] as const).flatMap((language) => {
    const words = language === 'lv' ? latvianWords : englishWords;
    const latvian = language === 'lv';
    return Array.from(
      { length: count },
      (_, number): SearchDocument => ({
        id: `generated-${number}`,
        language,
        topic: `topic-${number % 9}`,
        title: sentence(next, words, latvian, 4).slice(0, -1),
        summary: sentence(next, words, latvian, 12),
        paragraphs: Array.from({ length: 4 }, () =>
          Array.from({ length: 3 }, () => sentence(next, words, latvian, 14)).join(' '),
        ),
        keywords: Array.from({ length: 3 }, () => pick(next, words)),
        synonyms: latvian ? [['alimenti', 'uzturlīdzekļi']] : [],
      }),
    );
  });
}

function typo(next: () => number, word: string): string {
  if (word.length < 6) return word;
  const at = 1 + Math.floor(next() * (word.length - 2));
  return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
}

/** Client-like questions: 3-8 words, some folded, some with a swapped letter, some cut short. */
export function generateQuestions(count: number, seed = 2): { text: string; language: 'lv' | 'en' }[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const language = next() < 0.8 ? 'lv' : 'en';
    const words = Array.from({ length: 3 + Math.floor(next() * 6) }, () =>
      pick(next, language === 'lv' ? latvianWords : englishWords),
    ).map((word) => (next() < 0.15 ? typo(next, word) : word));
    let text = `${language === 'lv' ? 'Kā es varu' : 'How can I'} ${words.join(' ')}`;
    if (next() < 0.3) text = text.normalize('NFD').replace(/\p{M}/gu, '');
    if (next() < 0.3) text = text.slice(0, -2);
    return { text, language };
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface AssistantBenchResult {
  readonly articles: number;
  readonly questions: number;
  /** Building the index from the articles (both languages). */
  readonly buildMs: number;
  /** Restoring the index from its parsed JSON, as a cold start would. */
  readonly loadMs: number;
  readonly indexKb: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** The slowest of the hostile questions (`hostileQuestions`), in either language. */
  readonly worstMs: number;
}

/**
 * What a careless or hostile client may send: long made-up words (the largest typo buckets), a
 * pasted page, one word repeated, 100 kB of text. The search reads the first 500 characters and
 * bounds its typo look-up, so none of them may cost much more than a question.
 */
export function hostileQuestions(seed = 3): string[] {
  const next = random(seed);
  const longWord = () => {
    let word = '';
    while (word.length < 9) word += pick(next, syllables);
    return `${word}s`;
  };
  const words = (count: number) => Array.from({ length: count }, longWord).join(' ');
  const page = (length: number) => {
    let text = '';
    while (text.length < length) text += `${pick(next, latvianWords)} `;
    return text;
  };
  return [
    ...Array.from({ length: 20 }, (_, number) => words(8 + number)),
    page(10_000),
    page(100_000),
    'nodevu '.repeat(2000),
    'maksātnespēja '.repeat(1000),
    words(1000),
  ];
}

/**
 * p95 (and p50) of one question against `articles` generated articles per language, over
 * `questions` questions, after a short warm-up.
 */
export function assistantBench(articles = 1000, questions = 1000): AssistantBenchResult {
  const documents = generateArticles(articles);
  const buildStart = performance.now();
  const built = buildSearchIndex(documents);
  const buildMs = performance.now() - buildStart;
  const json = JSON.stringify(searchIndexToJson(built));
  const loadStart = performance.now();
  const index = searchIndexFromJson(JSON.parse(json));
  const loadMs = performance.now() - loadStart;
  const asked = generateQuestions(questions);
  for (const question of asked.slice(0, 50)) search(index, question.text, { language: question.language });
  const times = asked.map((question) => {
    const start = performance.now();
    search(index, question.text, { language: question.language, limit: 3 });
    return performance.now() - start;
  });
  let worstMs = 0;
  for (const text of hostileQuestions()) {
    for (const language of ['lv', 'en'] as const) {
      const start = performance.now();
      search(index, text, { language });
      worstMs = Math.max(worstMs, performance.now() - start);
    }
  }
  return {
    articles,
    questions,
    buildMs,
    loadMs,
    indexKb: Buffer.byteLength(json) / 1024,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    worstMs,
  };
}

/** The line `npm run bench` prints, and the details beside it. */
export function assistantBenchLines(result: AssistantBenchResult): string[] {
  return [
    `assistant p95: ${Math.round(result.p95Ms)} ms`,
    `  (${result.articles} articles per language, ${result.questions} questions: p50 ${result.p50Ms.toFixed(1)} ms, ` +
      `p95 ${result.p95Ms.toFixed(1)} ms; index built in ${Math.round(result.buildMs)} ms, ` +
      `${Math.round(result.indexKb)} kB as JSON, loaded in ${Math.round(result.loadMs)} ms)`,
    `assistant worst: ${Math.round(result.worstMs)} ms`,
    `  (the slowest of ${hostileQuestions().length} hostile questions in either language: long made-up words, ` +
      'pasted pages up to 100 kB, one word repeated)',
  ];
}
