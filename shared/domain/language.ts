/**
 * The languages clients are served in: Latvian first (the official language), English second.
 * Every client-facing text exists in both.
 */

export type Language = 'lv' | 'en';
export const languages: readonly Language[] = ['lv', 'en'];

/** A text given in every language we serve. */
export interface LocalizedText {
  readonly lv: string;
  readonly en: string;
}
