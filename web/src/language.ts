import type { Language } from '../../shared/domain/language.ts';

const storageKey = 'courtdesk.language';

function asLanguage(value: string | null | undefined): Language | undefined {
  return value === 'lv' || value === 'en' ? value : undefined;
}

/** The language to show: `?lang=` in the address first, then the last choice, then Latvian. */
export function initialLanguage(location: Location, storage: Storage | undefined): Language {
  const fromAddress = asLanguage(new URLSearchParams(location.search).get('lang'));
  if (fromAddress) return fromAddress;
  try {
    return asLanguage(storage?.getItem(storageKey)) ?? 'lv';
  } catch {
    // Storage can be switched off or full (private windows); the address still carries the choice.
    return 'lv';
  }
}

/** Keeps the chosen language in the address (so it can be bookmarked and shared) and in storage. */
export function rememberLanguage(language: Language, storage: Storage | undefined): void {
  const url = new URL(window.location.href);
  url.searchParams.set('lang', language);
  window.history.replaceState(window.history.state, '', url);
  try {
    storage?.setItem(storageKey, language);
  } catch {
    // See initialLanguage.
  }
}

/** `localStorage`, or undefined where merely touching it throws (some privacy settings). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
