import type { HelpLanguage } from '../urls.ts';

/** The web form, in the page's language: where a client writes when the help pages do not answer. */
export const formPath = (language: HelpLanguage) => `/?lang=${language}`;
