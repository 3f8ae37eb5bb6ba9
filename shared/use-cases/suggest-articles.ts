/**
 * The one or two published articles an acknowledgement names for a new request (§10: point the
 * client to where the answer may already be): the request's subject and the start of its text
 * searched like an assistant's question, with the article's page as an absolute address.
 */
import type { Ticket } from '../domain/ticket.ts';
import { search } from '../knowledge/search/index.ts';
import { articlePath } from '../knowledge/urls.ts';
import type { SuggestedArticle } from '../mail/notices.ts';
import type { PublishedIndexCache } from './published-index.ts';

/** At most this many articles in an acknowledgement. */
export const acknowledgementArticles = 2;

/**
 * A request says more than a question does (greetings, circumstances): its first this many
 * characters are searched, and an article must cover less of them than of a question to answer.
 */
const requestTextLength = 400;
const requestMinQuality = 0.25;

export interface SuggestArticlesDeps {
  readonly knowledge: PublishedIndexCache;
  /** The public site's origin; without it there is no address to give, and no article is named. */
  readonly siteUrl: () => string | undefined;
}

export function articleSuggester(deps: SuggestArticlesDeps) {
  return async (ticket: Ticket): Promise<readonly SuggestedArticle[]> => {
    const origin = deps.siteUrl();
    if (!origin) return [];
    const text = `${ticket.subject}\n${ticket.body}`.slice(0, requestTextLength);
    const { index, articles } = await deps.knowledge.current();
    return search(index, text, {
      language: ticket.language,
      limit: acknowledgementArticles,
      prefix: false,
      minQuality: requestMinQuality,
    }).flatMap((result) => {
      const article = articles.get(result.id);
      return article
        ? [{ title: result.title, url: new URL(articlePath(article.slug, result.language), origin).href }]
        : [];
    });
  };
}
