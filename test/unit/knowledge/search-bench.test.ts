import { describe, expect, it } from 'vitest';
import {
  assistantBench,
  assistantBenchLines,
  generateArticles,
  generateQuestions,
} from '../../../bench/assistant.ts';

describe('assistant bench', () => {
  it('generates the same articles and questions on every run', () => {
    expect(generateArticles(5)).toEqual(generateArticles(5));
    expect(generateQuestions(5)).toEqual(generateQuestions(5));
    expect(generateArticles(5).filter((article) => article.language === 'en')).toHaveLength(5);
  });

  it('measures a question against generated articles and prints the bench line', () => {
    const result = assistantBench(100, 50);
    expect(result).toMatchObject({ articles: 100, questions: 50 });
    expect(result.p95Ms).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
    // How fast is the bench's to say (`assistant p95`), not a timed test's: the work per question
    // is bounded in search-limits.test.ts.
    expect(assistantBenchLines(result)[0]).toMatch(/^assistant p95: \d+ ms$/);
  });
});
