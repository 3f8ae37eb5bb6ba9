/**
 * The help section's pages, one function per kind: the front page (topics, the search box, the
 * glossary), a topic's article list, an article, and the glossary. Each answers the HTML of one
 * language's page; `renderHelpSite` puts them together.
 */
import type { CompetenceId } from '../../domain/competences.ts';
import { findTopic } from '../../domain/topics.ts';
import { articlePath, glossaryPath, type HelpLanguage, helpHomePath, topicPath } from '../urls.ts';
import { formPath } from './form-path.ts';
import { escapeHtml, link } from './html.ts';
import { page } from './layout.ts';
import { paragraphsHtml, TermLinker } from './paragraphs.ts';
import { type HelpTextKey, helpTexts } from './texts.ts';
import type { HelpArticle, HelpSource, HelpTerm } from './types.ts';

const both = (path: (language: HelpLanguage) => string) => ({ lv: path('lv'), en: path('en') });

export function topicLabel(topic: CompetenceId, language: HelpLanguage): string {
  return findTopic(topic)?.label[language] ?? topic;
}

function texts(language: HelpLanguage) {
  return (key: HelpTextKey, values?: Record<string, string>) =>
    escapeHtml(helpTexts.text(language, key, values));
}

function askLink(language: HelpLanguage): string {
  const t = texts(language);
  return `<p class="help-ask">${t('ask.question')} <a class="help-ask__link" href="${formPath(language)}">${t('ask.link')}</a></p>`;
}

function sourcesList(sources: readonly HelpSource[]): string {
  return `<ul class="help-sources">${sources.map((source) => `<li>${link(source.url, source.title)}</li>`).join('')}</ul>`;
}

export interface TopicArticles {
  readonly topic: CompetenceId;
  readonly articles: readonly HelpArticle[];
}

export function homePage(
  language: HelpLanguage,
  topics: readonly TopicArticles[],
  hasTerms: boolean,
): string {
  const t = texts(language);
  const topicList = topics.length
    ? `<ul class="help-topics">${topics
        .map(
          ({ topic, articles }) =>
            `<li><a href="${escapeHtml(topicPath(topic, language))}">${escapeHtml(topicLabel(topic, language))}</a><ul class="help-topics__articles">${articles
              .map(
                (article) =>
                  `<li><a href="${escapeHtml(articlePath(article.slug, language))}">${escapeHtml(article.title[language])}</a></li>`,
              )
              .join('')}</ul></li>`,
        )
        .join('')}</ul>`
    : `<p>${t('home.empty')}</p>`;
  const body = `<h1>${t('home.heading')}</h1>
<p class="lead">${t('home.intro')}</p>
<section class="help-search" id="help-search" aria-labelledby="help-search-heading" data-language="${language}" hidden>
<h2 id="help-search-heading">${t('search.heading')}</h2>
<form id="help-search-form" class="help-search__form" role="search" novalidate>
<label class="field__label" for="help-search-query">${t('search.label')}</label>
<p class="field__hint" id="help-search-hint">${t('search.hint')}</p>
<div class="help-search__row">
<input class="input" id="help-search-query" name="q" type="search" maxlength="500" autocomplete="off" aria-describedby="help-search-hint" />
<button class="button" type="submit">${t('search.button')}</button>
</div>
</form>
<div id="help-search-results" class="help-search__results" aria-live="polite"></div>
</section>
${askLink(language)}
<section aria-labelledby="help-topics-heading">
<h2 id="help-topics-heading">${t('home.topics')}</h2>
${topicList}
</section>
${
  hasTerms
    ? `<section aria-labelledby="help-glossary-heading">
<h2 id="help-glossary-heading"><a href="${glossaryPath(language)}">${t('home.glossary')}</a></h2>
<p>${t('home.glossaryIntro')}</p>
</section>`
    : ''
}`;
  return page({
    language,
    title: helpTexts.text(language, 'home.heading'),
    paths: both(helpHomePath),
    breadcrumbs: [],
    body,
    script: true,
  });
}

export function topicPage(language: HelpLanguage, { topic, articles }: TopicArticles): string {
  const t = texts(language);
  const label = topicLabel(topic, language);
  const body = `<h1>${escapeHtml(label)}</h1>
<h2 class="visually-hidden">${t('topic.articles')}</h2>
<ul class="help-list">${articles
    .map(
      (article) =>
        `<li><a href="${escapeHtml(articlePath(article.slug, language))}">${escapeHtml(article.title[language])}</a><p>${escapeHtml(article.summary[language])}</p></li>`,
    )
    .join('')}</ul>
${askLink(language)}`;
  return page({
    language,
    title: label,
    paths: both((other) => topicPath(topic, other)),
    breadcrumbs: [{ label: helpTexts.text(language, 'help.name'), path: helpHomePath(language) }, { label }],
    body,
  });
}

export function articlePage(
  language: HelpLanguage,
  article: HelpArticle,
  terms: readonly HelpTerm[],
): string {
  const t = texts(language);
  const title = article.title[language];
  const linker = new TermLinker(terms, language);
  const service = article.service
    ? `<section class="help-article__service" aria-labelledby="help-service-heading">
<h2 id="help-service-heading">${t('article.service')}</h2>
<p>${link(article.service.url, article.service.title[language])}</p>
</section>`
    : '';
  const sources = article.sources.length
    ? `<section aria-labelledby="help-sources-heading">
<h2 id="help-sources-heading">${t('article.sources')}</h2>
${sourcesList(article.sources)}
</section>`
    : '';
  const body = `<article class="help-article">
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(article.summary[language])}</p>
${article.sample ? `<div class="notice help-sample"><p>${t('article.sample')}</p></div>` : ''}
${paragraphsHtml(article.paragraphs[language], linker)}
${service}
${sources}
</article>
${askLink(language)}`;
  const topic = topicLabel(article.topic, language);
  return page({
    language,
    title,
    paths: both((other) => articlePath(article.slug, other)),
    breadcrumbs: [
      { label: helpTexts.text(language, 'help.name'), path: helpHomePath(language) },
      { label: topic, path: topicPath(article.topic, language) },
      { label: title },
    ],
    body,
  });
}

export function glossaryPage(language: HelpLanguage, terms: readonly HelpTerm[]): string {
  const t = texts(language);
  const sorted = [...terms].sort((a, b) => a.term[language].localeCompare(b.term[language], language));
  const entries = sorted
    .map(
      (term) => `<div class="help-glossary__entry">
<dt id="${escapeHtml(term.id)}" tabindex="-1">${escapeHtml(term.term[language])}</dt>
<dd><p>${escapeHtml(term.explanation[language])}</p>${
        term.sources?.length
          ? `<p class="help-glossary__sources">${t('glossary.sources')}: ${term.sources.map((source) => link(source.url, source.title)).join(', ')}</p>`
          : ''
      }</dd>
</div>`,
    )
    .join('\n');
  const body = `<h1>${t('glossary.heading')}</h1>
<p class="lead">${t('glossary.intro')}</p>
${terms.some((term) => term.sample) ? `<div class="notice help-sample"><p>${t('article.sample')}</p></div>` : ''}
${sorted.length ? `<dl class="help-glossary">${entries}</dl>` : `<p>${t('glossary.empty')}</p>`}
${askLink(language)}`;
  return page({
    language,
    title: helpTexts.text(language, 'glossary.heading'),
    paths: both(glossaryPath),
    breadcrumbs: [
      { label: helpTexts.text(language, 'help.name'), path: helpHomePath(language) },
      { label: helpTexts.text(language, 'glossary.heading') },
    ],
    body,
  });
}
