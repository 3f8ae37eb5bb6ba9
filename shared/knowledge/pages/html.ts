/**
 * The little HTML the help pages need, text-safe: every value from the knowledge base goes through
 * `escapeHtml`, and a link's address must be `https:` or `http:` (an editor's `javascript:` address
 * would run in the reader's browser however well it is escaped), or a path of this site.
 */

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Whether `url` may be a link's target: an absolute web address or a path of this site. */
export function isSafeHref(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url) || /^\/(?!\/)[^\s]*$/.test(url);
}

/** A link, or the text alone when the address is not one a page may link to. */
export function link(href: string, text: string, attributes = ''): string {
  if (!isSafeHref(href)) return escapeHtml(text);
  return `<a href="${escapeHtml(href)}"${attributes}>${escapeHtml(text)}</a>`;
}
