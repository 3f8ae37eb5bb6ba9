/**
 * An entry's lists as the editing form types them, one item a line, and back: what the form shows
 * for saved content reads back as the same content, whatever characters it holds (a keyword with a
 * comma, a synonym with `=`, an address with `|`), so that saving an entry unchanged changes
 * nothing.
 *
 * - keywords: one a line;
 * - synonyms: `word = word`, a `=` or `\` within a word written `\=`, `\\`;
 * - sources: `title | https://…`: the address is the line's last part without spaces after a `|`,
 *   so a `|` in the title or in the address stays where it is.
 */

export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export const wordsOf = linesOf;

export const wordsText = (words: readonly string[]): string => words.join('\n');

const escapeWord = (word: string) => word.replaceAll('\\', '\\\\').replaceAll('=', '\\=');

/** A line split at its `=`s that are not escaped, the escapes undone. */
function splitPair(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  let escaped = false;
  for (const char of line) {
    if (escaped) {
      current += char;
      escaped = false;
    } else if (char === '\\') escaped = true;
    else if (char === '=') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(escaped ? `${current}\\` : current);
  return parts.map((part) => part.trim());
}

export function synonymsOf(text: string): { synonyms: [string, string][]; bad: boolean } {
  const synonyms: [string, string][] = [];
  let bad = false;
  for (const line of linesOf(text)) {
    const [first = '', second = '', ...rest] = splitPair(line);
    if (!first || !second || rest.length) bad = true;
    else synonyms.push([first, second]);
  }
  return { synonyms, bad };
}

export const synonymsText = (synonyms: readonly (readonly [string, string])[]): string =>
  synonyms.map(([a, b]) => `${escapeWord(a)} = ${escapeWord(b)}`).join('\n');

/** The server takes https addresses only (`content-rules.ts`): said here before it is sent. */
export const isWebAddress = (value: string) => /^https:\/\/[^\s/]+\.[^\s]+$/.test(value);

/** `title | address`: the title as long as the rest is one word (an address has no spaces). */
const sourceLine = /^(.*?)\s*\|\s*(\S+)$/;

export function sourcesOf(text: string): { sources: { title: string; url: string }[]; bad: boolean } {
  const sources: { title: string; url: string }[] = [];
  let bad = false;
  for (const line of linesOf(text)) {
    const [, title = '', url = ''] = sourceLine.exec(line) ?? [];
    if (!title.trim() || !isWebAddress(url)) bad = true;
    else sources.push({ title: title.trim(), url });
  }
  return { sources, bad };
}

export const sourcesText = (sources: readonly { title: string; url: string }[]): string =>
  sources.map((source) => `${source.title} | ${source.url}`).join('\n');
