/**
 * The one look-up over a Latvian and English text catalogue: the server's messages, the staff
 * API's refusals, the digest, and the web pages' own texts all go through it. `{name}` marks a
 * value filled in from `values`; a placeholder without a value is left as it stands, so a missing
 * value shows in the text instead of vanishing. No Node import: the web pages bundle this module.
 */
import type { Language } from '../domain/language.ts';

/** The texts of a catalogue: every key in both languages (the English typed against the Latvian). */
export type Texts<Key extends string> = Readonly<Record<Language, Readonly<Record<Key, string>>>>;

export interface Catalogue<Key extends string> {
  /** The text for `key` in `language`, with `{name}` placeholders filled from `values`. */
  text(language: Language, key: Key, values?: Readonly<Record<string, string>>): string;
  /** Whether `key` names a text of the catalogue. */
  isKey(key: string): key is Key;
}

export function catalogue<Key extends string>(texts: Texts<Key>): Catalogue<Key> {
  return {
    text: (language, key, values = {}) => fill(texts[language][key], values),
    // Own keys only: `toString` or `constructor` name no text.
    isKey: (key): key is Key => Object.hasOwn(texts.lv, key),
  };
}

/** `template` with each `{name}` replaced by `values[name]`; unknown names are left in place. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? whole) : whole,
  );
}

/** Locale used to format dates and times for people reading `language`. */
export const dateLocale: Readonly<Record<Language, string>> = { lv: 'lv-LV', en: 'en-GB' };
