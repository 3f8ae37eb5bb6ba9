/**
 * The assistant over the seed articles and the blind evaluation set stays at the goals
 * (top-3 ≥ 0.90, top-1 ≥ 0.75), and every article is reachable: a change to the content or the
 * search that loses answers fails here, not only in the bench's figure.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAssistant } from '../../../bench/assistant-evaluation.ts';
import { seedArticles } from '../../../shared/knowledge/content/index.ts';
import { searchDocumentsOf } from '../../../shared/knowledge/search-documents.ts';

describe('the assistant on the evaluation set', () => {
  const result = evaluateAssistant();

  it('finds the answer in the top three for nine questions in ten, first for three in four', () => {
    expect(result.questions).toBeGreaterThanOrEqual(150);
    expect(result.top3).toBeGreaterThanOrEqual(0.9);
    expect(result.top1).toBeGreaterThanOrEqual(0.75);
  });

  it('answers more than half of the questions outside its knowledge with nothing', () => {
    expect(result.outOfScope.count).toBeGreaterThanOrEqual(15);
    expect(result.outOfScope.unanswered / result.outOfScope.count).toBeGreaterThan(0.5);
  });
});

describe('searchDocumentsOf', () => {
  it('makes one document per article and language, with that language’s texts', () => {
    const documents = searchDocumentsOf(seedArticles);
    expect(documents).toHaveLength(seedArticles.length * 2);
    const [article] = seedArticles;
    const english = documents.find((document) => document.id === article?.id && document.language === 'en');
    expect(english?.title).toBe(article?.title.en);
    expect(english?.paragraphs).toEqual(article?.paragraphs.en);
    expect(english?.synonyms).toEqual(article?.synonyms);
  });
});
