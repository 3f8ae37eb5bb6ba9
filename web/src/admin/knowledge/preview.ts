/**
 * An entry as the help pages show it, from what the form holds now: the title, the summary, the
 * paragraphs (one whose every line starts with `- ` is a list), the sources and the online
 * service, in each language. Everything is set as text (`h` never parses HTML), as the help pages
 * escape it; links are followed only to http(s) addresses.
 */
import type { Language } from '../../../../shared/domain/language.ts';
import { type Child, h } from '../dom.ts';
import type { Translate } from '../notifications.ts';
import type { ArticleContent, TermContent } from './api.ts';

const languages = ['lv', 'en'] as const satisfies readonly Language[];

/** A paragraph as the help page shows it: a list when every line starts with `- `. */
export function paragraphElement(paragraph: string): HTMLElement {
  const lines = paragraph.split('\n');
  if (lines.every((line) => line.startsWith('- ')))
    return h('ul', {}, ...lines.map((line) => h('li', {}, line.slice(2).trim())));
  return h('p', {}, paragraph);
}

function link(url: string, text: string): Child {
  return /^https?:\/\//.test(url) ? h('a', { attributes: { href: url, rel: 'noopener' } }, text) : text;
}

function sourcesList(sources: ArticleContent['sources'], t: Translate): Child {
  if (!sources.length) return undefined;
  return h(
    'div',
    {},
    h('h4', {}, t('kb.preview.sources')),
    h('ul', {}, ...sources.map((source) => h('li', {}, link(source.url, source.title)))),
  );
}

export function articlePreview(content: ArticleContent, t: Translate): HTMLElement[] {
  return languages.map((code) =>
    h(
      'article',
      { class: 'kb-preview', attributes: { lang: code } },
      h('h3', {}, content.title[code]),
      h('p', {}, h('strong', {}, content.summary[code])),
      ...content.paragraphs[code].map(paragraphElement),
      content.service?.url
        ? h(
            'p',
            {},
            `${t('kb.preview.service')}: `,
            link(content.service.url, content.service.title[code] || content.service.url),
          )
        : undefined,
      sourcesList(content.sources, t),
    ),
  );
}

export function termPreview(content: TermContent, t: Translate): HTMLElement[] {
  return languages.map((code) =>
    h(
      'article',
      { class: 'kb-preview', attributes: { lang: code } },
      h('dl', {}, h('dt', {}, h('strong', {}, content.term[code])), h('dd', {}, content.explanation[code])),
      sourcesList(content.sources, t),
    ),
  );
}
