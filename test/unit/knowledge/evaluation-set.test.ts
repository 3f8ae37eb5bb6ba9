/**
 * The assistant's evaluation set is data the bench scores the search against, so its shape is checked
 * here: a malformed or lopsided set would make `assistant top-1/top-3` meaningless without failing.
 * The questions were written from the articles' subject lines only, blind to the search.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedArticleIds } from '../../support/knowledge.ts';

interface EvaluationQuestion {
  q: string;
  lang: 'lv' | 'en';
  expected: string[];
}

const latvianDiacritics = /[āčēģīķļņšūž]/i;

function loadQuestions(): unknown {
  const url = new URL('../../fixtures/assistant/questions.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

function isEvaluationQuestion(value: unknown): value is EvaluationQuestion {
  if (typeof value !== 'object' || value === null) return false;
  const { q, lang, expected } = value as Record<string, unknown>;
  return (
    typeof q === 'string' &&
    q.trim().length > 0 &&
    (lang === 'lv' || lang === 'en') &&
    Array.isArray(expected) &&
    expected.every((id) => typeof id === 'string')
  );
}

const parsed = loadQuestions();
const questions = (Array.isArray(parsed) ? parsed : []).filter(isEvaluationQuestion);
const latvian = questions.filter((question) => question.lang === 'lv');
const english = questions.filter((question) => question.lang === 'en');
const outOfScope = questions.filter((question) => question.expected.length === 0);

describe('the assistant evaluation set', () => {
  it('is an array of well-formed questions', () => {
    // Assess
    expect(Array.isArray(parsed)).toBe(true);
    const malformed = (parsed as unknown[]).filter((value) => !isEvaluationQuestion(value));
    expect(malformed).toEqual([]);
  });

  it('has the seed list of exactly 40 distinct ids', () => {
    expect(new Set(seedArticleIds).size).toBe(40);
  });

  it('expects only seed article ids, one or two per answerable question', () => {
    // Prepare
    const known = new Set<string>(seedArticleIds);

    // Act
    const unknown = questions.flatMap((question) => question.expected.filter((id) => !known.has(id)));
    const tooMany = questions.filter((question) => question.expected.length > 2);
    const repeated = questions.filter(
      (question) => new Set(question.expected).size !== question.expected.length,
    );

    // Assess
    expect(unknown).toEqual([]);
    expect(tooMany).toEqual([]);
    expect(repeated).toEqual([]);
  });

  it('asks at least three questions for every article', () => {
    // Act
    const counts = new Map<string, number>(seedArticleIds.map((id) => [id, 0]));
    for (const question of questions) {
      for (const id of question.expected) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const thin = [...counts].filter(([, count]) => count < 3);

    // Assess
    expect(thin).toEqual([]);
  });

  it('has at least 170 questions, 110 in Latvian and 50 in English', () => {
    expect(questions.length).toBeGreaterThanOrEqual(170);
    expect(latvian.length).toBeGreaterThanOrEqual(110);
    expect(english.length).toBeGreaterThanOrEqual(50);
  });

  it('has no duplicate questions, ignoring case and surrounding spaces', () => {
    // Act
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const question of questions) {
      const key = question.q.trim().toLowerCase();
      if (seen.has(key)) duplicates.push(question.q);
      seen.add(key);
    }

    // Assess
    expect(duplicates).toEqual([]);
  });

  it('writes at least a fifth of the Latvian questions without diacritics, as clients often type', () => {
    // Act
    const plain = latvian.filter((question) => !latvianDiacritics.test(question.q));

    // Assess
    expect(plain.length / latvian.length).toBeGreaterThanOrEqual(0.2);
  });

  it('has at least 15 questions the knowledge base must not answer, in both languages', () => {
    expect(outOfScope.length).toBeGreaterThanOrEqual(15);
    expect(outOfScope.some((question) => question.lang === 'lv')).toBe(true);
    expect(outOfScope.some((question) => question.lang === 'en')).toBe(true);
  });

  it('marks English questions as English: no question tagged en is written in Latvian sentences', () => {
    // Latvian words an English question would never need; a Latvian term inside an English question is fine.
    const latvianFunctionWords = /(^|\s)(kā|ka|kur|vai|kas|kad|kāpēc)(\s|$)/i;
    expect(english.filter((question) => latvianFunctionWords.test(question.q))).toEqual([]);
  });
});
