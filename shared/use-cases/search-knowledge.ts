/**
 * The reply editor's search of the knowledge base (§15, §10): published articles (the assistant's
 * search) and glossary terms, each with its page and the plain text staff may insert in a reply.
 * It reads no client data; the search is recorded with its length only, since staff may type a
 * client's words.
 */
import { accessDenied } from '../domain/refused.ts';
import { withoutPersonalData } from '../knowledge/personal-data.ts';
import { analyse, search } from '../knowledge/search/index.ts';
import { articlePath, termPath } from '../knowledge/urls.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { PublishedArticle, PublishedTerm } from '../ports/knowledge-base.ts';
import type { PublishedIndexCache } from './published-index.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import type { KnowledgeHit } from './views/assistant.ts';

export interface SearchKnowledgeDeps {
  readonly knowledge: PublishedIndexCache;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface KnowledgeSearchQuery {
  readonly q: string;
  readonly language: 'lv' | 'en';
}

/** The roles whose work the reply editor and the articles serve. */
export const knowledgeSearchRoles: readonly string[] = ['agent', 'supervisor', 'admin', 'editor'];
const articleLimit = 8;
const termLimit = 5;

/** An article as one plain text: title, summary, paragraphs, the online service, the page. */
export function articleText(article: PublishedArticle, language: 'lv' | 'en', siteUrl = ''): string {
  return [
    article.title[language],
    article.summary[language],
    ...article.paragraphs[language],
    ...(article.service ? [`${article.service.title[language]}: ${article.service.url}`] : []),
    `${siteUrl}${articlePath(article.slug, language)}`,
  ].join('\n\n');
}

/** Terms whose name or explanation holds the question's words, the name's matches first. */
function matchingTerms(terms: readonly PublishedTerm[], q: string, language: 'lv' | 'en'): PublishedTerm[] {
  const asked = new Set(analyse(q, language).map((term) => term.stem));
  if (asked.size === 0) return [];
  const scored = terms.flatMap((term) => {
    const name = new Set(analyse(term.term[language], language).map((word) => word.stem));
    const explanation = new Set(analyse(term.explanation[language], language).map((word) => word.stem));
    let score = 0;
    for (const stem of asked) score += name.has(stem) ? 3 : explanation.has(stem) ? 1 : 0;
    return score > 0 ? [{ term, score }] : [];
  });
  return scored
    .sort((a, b) => b.score - a.score || a.term.term[language].localeCompare(b.term.term[language]))
    .slice(0, termLimit)
    .map(({ term }) => term);
}

export async function searchKnowledge(
  deps: SearchKnowledgeDeps,
  caller: StaffCaller,
  query: KnowledgeSearchQuery,
): Promise<KnowledgeHit[]> {
  if (!caller.roles.some((role: string) => knowledgeSearchRoles.includes(role))) throw accessDenied();
  const { index, articles, terms } = await deps.knowledge.current();
  const { language } = query;
  const found = search(index, withoutPersonalData(query.q), { language, limit: articleLimit });
  const hits: KnowledgeHit[] = [
    ...found.flatMap((result): KnowledgeHit[] => {
      const article = articles.get(result.id);
      if (!article) return [];
      return [
        {
          kind: 'article',
          id: article.id,
          topic: article.topic,
          language: result.language,
          title: result.title,
          snippet: result.snippet,
          url: articlePath(article.slug, result.language),
          text: articleText(article, result.language),
        },
      ];
    }),
    ...matchingTerms(terms, query.q, language).map(
      (term): KnowledgeHit => ({
        kind: 'term',
        id: term.id,
        language,
        title: term.term[language],
        snippet: term.explanation[language],
        url: termPath(term.id, language),
        text: `${term.term[language]} — ${term.explanation[language]}`,
      }),
    ),
  ];
  await recordRead(deps, caller, {
    eventName: 'SearchKnowledge',
    requestParameters: { language, queryLength: query.q.length },
    responseElements: { count: hits.length },
  });
  return hits;
}
