/**
 * The help pages' renderer (shared/knowledge/pages): a page per published article, topic and
 * glossary in both languages, nothing for what is not published, and no HTML from content.
 */
import { describe, expect, it } from 'vitest';
import { topicIds } from '../../../shared/domain/topics.ts';
import { seedArticles, seedGlossary } from '../../../shared/knowledge/content/index.ts';
import {
  type HelpArticle,
  type HelpContent,
  helpObjectKey,
  helpPathOfKey,
  renderHelpSite,
} from '../../../shared/knowledge/pages/index.ts';
import {
  articlePath,
  glossaryPath,
  helpHomePath,
  termPath,
  topicPath,
} from '../../../shared/knowledge/urls.ts';

const seedContent: HelpContent = {
  articles: seedArticles.map((article) => ({ ...article, slug: article.id })),
  terms: seedGlossary,
};

const languages = ['lv', 'en'] as const;

function article(overrides: Partial<HelpArticle>): HelpArticle {
  return { ...seedContent.articles[0]!, ...overrides };
}

const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

describe('renderHelpSite', () => {
  it('gives every published article a page in both languages, and the home, topic and glossary pages', () => {
    // Act
    const pages = renderHelpSite(seedContent);

    // Assess
    for (const language of languages) {
      expect(pages.has(helpHomePath(language))).toBe(true);
      expect(pages.has(glossaryPath(language))).toBe(true);
      for (const topic of topicIds) expect(pages.has(topicPath(topic, language))).toBe(true);
      for (const { id, title } of seedArticles) {
        const html = pages.get(articlePath(id, language));
        expect(html, `${id} ${language}`).toBeDefined();
        expect(html).toContain(
          `<h1>${title[language].replaceAll('&', '&amp;').replaceAll("'", '&#39;')}</h1>`,
        );
      }
    }
    expect(pages.size).toBe(2 * (1 + 1 + topicIds.length + seedArticles.length));
  });

  it('every page: its language on <html>, one h1, a skip link to main, the other language and the form', () => {
    for (const [path, html] of renderHelpSite(seedContent)) {
      const language = path.startsWith('/en/') ? 'en' : 'lv';
      const other = language === 'lv' ? 'en' : 'lv';
      expect(html, path).toContain(`<html lang="${language}">`);
      expect(count(html, /<h1[ >]/g), path).toBe(1);
      expect(html).toContain('<a class="skip-link" href="#main">');
      expect(html).toContain('<main id="main"');
      expect(html).toMatch(new RegExp(`<a href="[^"]+" lang="${other}" hreflang="${other}">`));
      expect(html).toContain(`<link rel="alternate" hreflang="${other}"`);
      expect(html).toContain(`href="/?lang=${language}"`);
    }
  });

  it('an article page: summary, sources, the online service, the sample notice, its topic in the trail', () => {
    // Prepare
    const withService = seedArticles.find((candidate) => candidate.service)!;

    // Act
    const html = renderHelpSite(seedContent).get(articlePath(withService.id, 'en'))!;

    // Assess
    expect(html).toContain(withService.summary.en.replaceAll("'", '&#39;'));
    for (const source of withService.sources) expect(html).toContain(`href="${source.url}"`);
    expect(html).toContain(`href="${withService.service!.url}"`);
    expect(html).toContain('Sample content');
    expect(html).toContain(`href="${topicPath(withService.topic, 'en')}"`);
    expect(html).toContain(`href="${articlePath(withService.id, 'lv')}" lang="lv"`);
  });

  it('drops the pages of what is not published: an article, and a topic left without articles', () => {
    // Prepare
    const [first, ...rest] = seedContent.articles;
    const withoutTopic = rest.filter((candidate) => candidate.topic !== 'insolvency');

    // Act
    const pages = renderHelpSite({ articles: withoutTopic, terms: [] });

    // Assess
    for (const language of languages) {
      expect(pages.has(articlePath(first!.slug, language))).toBe(false);
      expect(pages.has(topicPath('insolvency', language))).toBe(false);
      expect(pages.has(glossaryPath(language))).toBe(false);
      expect(pages.get(helpHomePath(language))).not.toContain(topicPath('insolvency', language));
    }
  });

  it('nothing published: the home pages only, saying so', () => {
    const pages = renderHelpSite({ articles: [], terms: [] });
    expect([...pages.keys()]).toEqual(['/palidziba/', '/en/help/']);
    expect(pages.get('/palidziba/')).toContain('Pagaidām nav publicētu rakstu.');
  });

  it('escapes every text of the content, and links only http(s) addresses', () => {
    // Prepare
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const content: HelpContent = {
      articles: [
        article({
          slug: 'hostile-article',
          title: { lv: hostile, en: hostile },
          summary: { lv: `"${hostile}'`, en: hostile },
          paragraphs: { lv: [hostile, `- ${hostile}\n- <b>x</b>`], en: [hostile] },
          sources: [{ title: hostile, url: 'javascript:alert(1)' }],
          service: { title: { lv: hostile, en: hostile }, url: 'https://example.lv/"><script>' },
        }),
      ],
      terms: [
        {
          id: 'x"><script>',
          term: { lv: hostile, en: 'term' },
          explanation: { lv: hostile, en: hostile },
          sample: false,
        },
      ],
    };

    // Act
    const pages = renderHelpSite(content);

    // Assess
    for (const html of pages.values()) {
      expect(html).not.toMatch(/<script>|<img|<b>|onerror=alert\(1\)>/);
      expect(html).not.toContain('javascript:');
    }
    expect(pages.get('/palidziba/hostile-article/')).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
  });

  it('an article with an invalid slug gets no page (its address could leave the help section)', () => {
    const pages = renderHelpSite({
      articles: [article({ slug: '../admin' }), article({ slug: 'vardnica' })],
      terms: [],
    });
    expect([...pages.keys()].every((path) => !path.includes('admin'))).toBe(true);
    expect([...pages.keys()]).toEqual(['/palidziba/', '/en/help/']);
  });

  it('a paragraph whose every line starts with "- " is a list; others are paragraphs', () => {
    const html = renderHelpSite({
      articles: [
        article({ slug: 'lists', paragraphs: { lv: ['- viens\n- divi', 'teksts\n- ne saraksts'], en: [] } }),
      ],
      terms: [],
    }).get('/palidziba/lists/')!;
    expect(html).toContain('<ul class="help-article__list"><li>viens</li><li>divi</li></ul>');
    expect(html).toContain('<p>teksts<br />- ne saraksts</p>');
  });

  it('links a glossary term where the article first uses it, once; the glossary has its anchor', () => {
    // Prepare
    const content: HelpContent = {
      articles: [
        article({
          slug: 'fees',
          paragraphs: {
            lv: ['Valsts nodeva jāmaksā. Valsts nodeva atkal.', 'Nodevas nav termins.'],
            en: ['The state fee is paid; a statefee is not the term.'],
          },
        }),
      ],
      terms: seedGlossary,
    };

    // Act
    const pages = renderHelpSite(content);

    // Assess
    const lv = pages.get('/palidziba/fees/')!;
    expect(count(lv, /class="term-link"/g)).toBe(1);
    expect(lv).toContain(
      `<a class="term-link" href="${termPath('valsts-nodeva', 'lv')}">Valsts nodeva</a> jāmaksā.`,
    );
    expect(pages.get('/en/help/fees/')).toContain(`href="${termPath('valsts-nodeva', 'en')}">state fee</a>`);
    expect(pages.get(glossaryPath('lv'))).toContain('<dt id="valsts-nodeva"');
  });
});

describe('help object keys', () => {
  it('a page path is stored as its index.html, and back', () => {
    expect(helpObjectKey('/palidziba/')).toBe('palidziba/index.html');
    expect(helpObjectKey('/en/help/x/')).toBe('en/help/x/index.html');
    expect(helpPathOfKey('en/help/x/index.html')).toBe('/en/help/x/');
    expect(helpPathOfKey('state/generation.json')).toBeUndefined();
  });
});
