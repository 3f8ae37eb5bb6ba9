/**
 * An article's paragraphs as HTML: a paragraph whose every line starts with `- ` is a list, any
 * other a `<p>`. A glossary term is linked to its explanation the first time the article uses it
 * in the term's own form (no inflection is guessed: "valsts nodevu" is not linked to "valsts
 * nodeva"), the longest term first, never inside a word.
 */
import type { HelpLanguage } from '../urls.ts';
import { termPath } from '../urls.ts';
import { escapeHtml } from './html.ts';
import type { HelpTerm } from './types.ts';

/** Finds the glossary's terms in one article's text, each linked once. */
export class TermLinker {
  readonly #pattern: RegExp | undefined;
  readonly #termIds = new Map<string, string>();
  readonly #linked = new Set<string>();
  readonly #language: HelpLanguage;

  constructor(terms: readonly HelpTerm[], language: HelpLanguage) {
    this.#language = language;
    const words: string[] = [];
    for (const term of terms) {
      const word = term.term[language].trim();
      if (word.length < 2 || this.#termIds.has(word.toLocaleLowerCase(language))) continue;
      this.#termIds.set(word.toLocaleLowerCase(language), term.id);
      words.push(word);
    }
    words.sort((a, b) => b.length - a.length);
    const alternatives = words.map((word) =>
      word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'),
    );
    this.#pattern = alternatives.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : undefined;
  }

  /** `text` escaped, with the terms not linked yet in this article made links. */
  html(text: string): string {
    if (!this.#pattern) return escapeHtml(text);
    let out = '';
    let from = 0;
    for (const match of text.matchAll(this.#pattern)) {
      const found = match[0];
      const id = this.#termIds.get(found.replace(/\s+/g, ' ').toLocaleLowerCase(this.#language));
      if (!id || this.#linked.has(id)) continue;
      this.#linked.add(id);
      const at = match.index ?? 0;
      out += `${escapeHtml(text.slice(from, at))}<a class="term-link" href="${escapeHtml(termPath(id, this.#language))}">${escapeHtml(found)}</a>`;
      from = at + found.length;
    }
    return out + escapeHtml(text.slice(from));
  }
}

const listItem = /^\s*- /;

/** The paragraphs as HTML blocks. */
export function paragraphsHtml(paragraphs: readonly string[], terms: TermLinker): string {
  return paragraphs
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => {
      const lines = paragraph.split(/\r?\n/).filter((line) => line.trim().length > 0);
      if (lines.every((line) => listItem.test(line))) {
        const items = lines.map((line) => `<li>${terms.html(line.replace(listItem, '').trim())}</li>`);
        return `<ul class="help-article__list">${items.join('')}</ul>`;
      }
      return `<p>${lines.map((line) => terms.html(line.trim())).join('<br />')}</p>`;
    })
    .join('\n');
}
