/**
 * The frame of every help page: the public form's look (its stylesheets, header, language switch
 * and footer), a skip link to the one `main`, the page's language on `<html>`, and the same page
 * in the other language in the switch and as an alternate link.
 */
import type { HelpLanguage } from '../urls.ts';
import { escapeHtml } from './html.ts';
import { helpTexts } from './texts.ts';

export interface PageFrame {
  readonly language: HelpLanguage;
  /** What the page is, for the title (the help section's name and the organisation are added). */
  readonly title: string;
  /** The same page in each language. */
  readonly paths: Readonly<Record<HelpLanguage, string>>;
  /** The trail above the heading: each step's label and path, the current page last (no link). */
  readonly breadcrumbs: readonly { readonly label: string; readonly path?: string }[];
  /** The page's content, starting with its one `h1`. */
  readonly body: string;
  /** Loads the search script (`/help.js`). */
  readonly script?: boolean;
}

const languages: readonly HelpLanguage[] = ['lv', 'en'];

export function page(frame: PageFrame): string {
  const { language } = frame;
  const t = (key: Parameters<typeof helpTexts.text>[1], values?: Record<string, string>) =>
    escapeHtml(helpTexts.text(language, key, values));
  const alternates = languages
    .filter((other) => other !== language)
    .map((other) => `<link rel="alternate" hreflang="${other}" href="${escapeHtml(frame.paths[other])}" />`)
    .join('');
  const switchItems = languages
    .map(
      (other) =>
        `<li><a href="${escapeHtml(frame.paths[other])}" lang="${other}" hreflang="${other}"${other === language ? ' aria-current="true"' : ''}>${escapeHtml(helpTexts.text(other, `language.${other}`))}</a></li>`,
    )
    .join('');
  const trail = frame.breadcrumbs
    .map((step) =>
      step.path
        ? `<li><a href="${escapeHtml(step.path)}">${escapeHtml(step.label)}</a></li>`
        : `<li aria-current="page">${escapeHtml(step.label)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${t('help.title', { page: frame.title })}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="/base.css" />
<link rel="stylesheet" href="/styles.css" />
<link rel="stylesheet" href="/help.css" />
${alternates}
${frame.script ? '<script src="/help.js" defer></script>\n' : ''}</head>
<body>
<a class="skip-link" href="#main">${t('site.skipLink')}</a>
<header class="site-header">
<div class="site-header__inner">
<p class="site-header__name"><span class="site-header__emblem" aria-hidden="true"></span><span>${t('site.organisation')}</span></p>
<nav class="language-switch" aria-label="${t('site.languageSwitch')}"><ul>${switchItems}</ul></nav>
</div>
</header>
<main id="main" class="page help" tabindex="-1">
${trail ? `<nav class="breadcrumbs" aria-label="${t('site.breadcrumbs')}"><ol>${trail}</ol></nav>\n` : ''}${frame.body}
</main>
<footer class="site-footer"><p>${t('site.footer')}</p></footer>
</body>
</html>
`;
}
