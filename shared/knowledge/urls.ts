/**
 * Where the public help pages live (§15, §20.2): Latvian under `/palidziba/`, English under
 * `/en/help/`. The help pages, the assistant's answers, the acknowledgement and the reply editor
 * all link through these, so an address is written in one place.
 */

export type HelpLanguage = 'lv' | 'en';

/** Slugs an article may not take: the help section's own pages. */
export const reservedSlugs: readonly string[] = [
  'vardnica',
  'glossary',
  'temas',
  'topics',
  'meklet',
  'search',
];

/** A slug: lowercase ASCII letters and digits in hyphen-separated words, 2 to 80 characters. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const isValidSlug = (slug: string) =>
  slug.length >= 2 && slug.length <= 80 && slugPattern.test(slug) && !reservedSlugs.includes(slug);

const roots: Record<HelpLanguage, string> = { lv: '/palidziba/', en: '/en/help/' };
const glossaryParts: Record<HelpLanguage, string> = { lv: 'vardnica/', en: 'glossary/' };
const topicParts: Record<HelpLanguage, string> = { lv: 'temas/', en: 'topics/' };

/** The help section's front page: topics, search box. */
export const helpHomePath = (language: HelpLanguage) => roots[language];

export const articlePath = (slug: string, language: HelpLanguage) => `${roots[language]}${slug}/`;

export const topicPath = (topic: string, language: HelpLanguage) =>
  `${roots[language]}${topicParts[language]}${topic}/`;

/** The glossary; a term's entry is the fragment `#<term id>`. */
export const glossaryPath = (language: HelpLanguage) => `${roots[language]}${glossaryParts[language]}`;

export const termPath = (termId: string, language: HelpLanguage) => `${glossaryPath(language)}#${termId}`;

/** The path prefixes the help pages occupy (the CDN's behaviours, the sandbox gateway). */
export const helpPathPrefixes: readonly string[] = Object.values(roots);
