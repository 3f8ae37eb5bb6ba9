/**
 * Plain text from an HTML body, for messages that have no text part, converted as mailparser
 * converts it (html-to-text, with its nesting and length guards): the HTML is run through
 * mailparser as a single-part message. mailparser and html-to-text are imported only when a
 * message needs a conversion, so mail with a text part never loads them.
 */

/** HTML longer than this is not given to html-to-text, which is slow on huge documents. */
export const maxHtmlLengthToConvert = 2_000_000;

const blockTags = /^(?:p|br|div|li|tr|h[1-6]|table|ul|ol|blockquote|pre|hr)$/i;

/**
 * The text of an HTML body, or a rough text (`roughText`) when html-to-text will not take it.
 * An HTML part inside multipart/related, as mail programs send it with inline images, is the
 * case the parser needs this for.
 */
export async function textFromHtml(html: string): Promise<string> {
  return (await convertHtml(html)) ?? roughText(html);
}

/** html-to-text's text of an HTML body, or undefined when it is too long, too deep or fails. */
export async function convertHtml(html: string): Promise<string | undefined> {
  if (html.length > maxHtmlLengthToConvert) return undefined;
  try {
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(
      Buffer.concat([
        Buffer.from('Content-Type: text/html; charset=utf-8\r\n\r\n'),
        Buffer.from(html, 'utf8'),
      ]),
      { maxHtmlLengthToParse: maxHtmlLengthToConvert, skipTextToHtml: true, keepCidLinks: true },
    );
    return parsed.textConversionError === undefined ? (parsed.text ?? '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text from HTML that html-to-text will not take: tags dropped in one linear pass (block
 * elements become line breaks), a few entities decoded, white space collapsed. Only good enough
 * for search and preview; the HTML itself is kept for display.
 */
export function roughText(html: string): string {
  const pieces: string[] = [];
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      pieces.push(html.slice(position));
      break;
    }
    pieces.push(html.slice(position, open));
    const close = html.indexOf('>', open + 1);
    if (close < 0) break;
    const name = /^<\/?\s*([a-z0-9]+)/i.exec(html.slice(open, Math.min(close, open + 16)))?.[1] ?? '';
    pieces.push(blockTags.test(name) ? '\n' : ' ');
    position = close + 1;
  }
  return pieces
    .join('')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
