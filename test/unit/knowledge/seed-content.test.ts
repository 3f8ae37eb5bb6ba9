/**
 * The seed content against the rules a court administration publishes by: every topic covered in
 * both languages, every article citing a source, the fixed article ids, and no invented amounts.
 */
import { describe, expect, it } from 'vitest';
import { topicIds } from '../../../shared/domain/topics.ts';
import { seedArticles, seedGlossary } from '../../../shared/knowledge/content/index.ts';
import { seedArticleIds as expectedArticleIds } from '../../support/knowledge.ts';

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A sum of money: digits followed by a currency, the shape an invented fee would take. */
const moneyAmount = /\d+[.,]?\d*\s?(EUR|euro|€)/i;
const htmlTag = /<\/?[a-z][^>]*>/i;
const languages = ['lv', 'en'] as const;

/** Every human-readable text of an article, for the checks that apply to all of them. */
function articleTexts(article: (typeof seedArticles)[number]): string[] {
  return languages.flatMap((language) => [
    article.title[language],
    article.summary[language],
    ...article.paragraphs[language],
    ...article.keywords[language],
  ]);
}

describe('seed articles', () => {
  it('are exactly the fixed list of ids, each once, in kebab case', () => {
    // Act
    const ids = seedArticles.map((article) => article.id);

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expectedArticleIds].sort());
    for (const id of ids) expect(id).toMatch(kebabCase);
  });

  it.each(topicIds)('cover topic %s with at least five articles', (topic) => {
    expect(seedArticles.filter((article) => article.topic === topic).length).toBeGreaterThanOrEqual(5);
  });

  it('name only topics of the catalogue', () => {
    for (const article of seedArticles) expect(topicIds).toContain(article.topic);
  });

  it.each(seedArticles.map((article) => [article.id, article] as const))(
    '%s is complete in Latvian and English',
    (_id, article) => {
      for (const language of languages) {
        expect(article.title[language].trim()).not.toBe('');
        expect(article.summary[language].trim()).not.toBe('');
        expect(article.paragraphs[language].length).toBeGreaterThanOrEqual(3);
        expect(article.paragraphs[language].length).toBeLessThanOrEqual(6);
        for (const paragraph of article.paragraphs[language]) expect(paragraph.trim()).not.toBe('');
        expect(article.keywords[language].length).toBeGreaterThan(0);
      }
      expect(article.sample).toBe(true);
    },
  );

  it.each(seedArticles.map((article) => [article.id, article] as const))(
    '%s cites at least one source by https',
    (_id, article) => {
      expect(article.sources.length).toBeGreaterThanOrEqual(1);
      for (const source of article.sources) {
        expect(source.title.trim()).not.toBe('');
        expect(new URL(source.url).protocol).toBe('https:');
      }
      if (article.service) expect(new URL(article.service.url).protocol).toBe('https:');
    },
  );

  it('state no amount of money (fees are cited, never invented)', () => {
    const withAmounts = seedArticles.flatMap((article) =>
      articleTexts(article)
        .filter((text) => moneyAmount.test(text))
        .map((text) => `${article.id}: ${text}`),
    );
    expect(withAmounts).toEqual([]);
  });

  it('contain no HTML', () => {
    const withTags = seedArticles.flatMap((article) =>
      articleTexts(article)
        .filter((text) => htmlTag.test(text))
        .map((text) => `${article.id}: ${text}`),
    );
    expect(withTags).toEqual([]);
  });

  it('pair synonyms of two different non-empty words', () => {
    for (const article of seedArticles) {
      for (const [word, synonym] of article.synonyms) {
        expect(word.trim()).not.toBe('');
        expect(synonym.trim()).not.toBe('');
        expect(word).not.toBe(synonym);
      }
    }
  });
});

describe('seed glossary', () => {
  it('has at least thirty terms with unique kebab-case ids', () => {
    const ids = seedGlossary.map((entry) => entry.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(kebabCase);
  });

  it.each(seedGlossary.map((entry) => [entry.id, entry] as const))(
    '%s is explained in Latvian and English, without HTML or amounts',
    (_id, entry) => {
      for (const language of languages) {
        expect(entry.term[language].trim()).not.toBe('');
        expect(entry.explanation[language].trim()).not.toBe('');
        expect(entry.explanation[language]).not.toMatch(htmlTag);
        expect(entry.explanation[language]).not.toMatch(moneyAmount);
      }
      for (const source of entry.sources ?? []) expect(new URL(source.url).protocol).toBe('https:');
      expect(entry.sample).toBe(true);
    },
  );
});
