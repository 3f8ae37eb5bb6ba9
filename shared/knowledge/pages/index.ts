/**
 * The public help pages (`/palidziba/`, `/en/help/`) rendered from the published knowledge base:
 * pure, so the same content always gives the same pages, and a page that is not in the answer is
 * one to take down. Every text from the knowledge base is escaped; no HTML comes from content.
 */
import { topics as topicCatalogue } from '../../domain/topics.ts';
import {
  articlePath,
  glossaryPath,
  type HelpLanguage,
  helpHomePath,
  helpPathPrefixes,
  isValidSlug,
  topicPath,
} from '../urls.ts';
import { articlePage, glossaryPage, homePage, type TopicArticles, topicPage } from './help-pages.ts';
import type { HelpContent } from './types.ts';

export { formPath } from './form-path.ts';
export { helpTexts } from './texts.ts';
export type { HelpArticle, HelpContent, HelpTerm } from './types.ts';

const languages: readonly HelpLanguage[] = ['lv', 'en'];

/** Every page of the help section: its path (`/palidziba/…/`) → its HTML. */
export function renderHelpSite(content: HelpContent): Map<string, string> {
  const pages = new Map<string, string>();
  const articles = content.articles.filter((article) => isValidSlug(article.slug));
  for (const language of languages) {
    const byTitle = [...articles].sort((a, b) =>
      a.title[language].localeCompare(b.title[language], language),
    );
    // Topics in the catalogue's order, only those with an article.
    const topics: TopicArticles[] = topicCatalogue
      .map((topic) => ({
        topic: topic.id,
        articles: byTitle.filter((article) => article.topic === topic.id),
      }))
      .filter((topic) => topic.articles.length > 0);
    pages.set(helpHomePath(language), homePage(language, topics, content.terms.length > 0));
    for (const topic of topics) pages.set(topicPath(topic.topic, language), topicPage(language, topic));
    for (const article of articles)
      pages.set(articlePath(article.slug, language), articlePage(language, article, content.terms));
    if (content.terms.length > 0) pages.set(glossaryPath(language), glossaryPage(language, content.terms));
  }
  return pages;
}

/** The object key prefixes of the pages, one per language: `palidziba/`, `en/help/`. */
export const helpPageKeyPrefixes = { lv: 'palidziba/', en: 'en/help/' } as const;

/** Where the publisher keeps its own state in the help bucket: outside the paths CloudFront serves. */
export const helpStatePrefix = 'state/';

/** The published generation the stored pages were rendered from: `{ "generation": n }`. */
export const helpGenerationKey = `${helpStatePrefix}generation.json`;

/** The object key a page is stored under: `/palidziba/x/` → `palidziba/x/index.html`. */
export function helpObjectKey(path: string): string {
  const key = path.replace(/^\/+/, '');
  return key.endsWith('/') || key === '' ? `${key}index.html` : key;
}

/** The page path an object key serves, or undefined for an object that is not a help page. */
export function helpPathOfKey(key: string): string | undefined {
  const path = `/${key.replace(/index\.html$/, '')}`;
  return helpPathPrefixes.some((prefix) => path.startsWith(prefix)) ? path : undefined;
}
