/**
 * The id of one page load (§26): the assistant's questions and the request sent from the same
 * page carry it, so the question log can tell whether asking spared the client from writing. It
 * lives in memory only — no cookie, no storage — and a reload is a new page.
 */
export function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // base64url without padding: 22 characters of [A-Za-z0-9_-], what the API accepts.
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}
