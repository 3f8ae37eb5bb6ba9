/**
 * A client's HTML email, shown so that nothing in it can run or call home.
 *
 * 1. DOMPurify removes scripts, event handlers, forms, frames, styles and `javascript:` URLs.
 * 2. Links lose their target (the address is written out beside the words instead), so a click
 *    inside the message opens nothing.
 * 3. The result goes into `<iframe sandbox srcdoc>` without `allow-scripts`, `allow-same-origin`,
 *    `allow-popups` or `allow-top-navigation`: even markup DOMPurify missed runs no script and
 *    reaches neither the page nor its token.
 * 4. A Content-Security-Policy inside the frame allows images from `data:` only, so remote images
 *    (tracking pixels) load only after staff ask for them.
 */
import DOMPurify from 'dompurify';
import type { Language } from '../../../shared/domain/language.ts';

const forbiddenTags = [
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'template',
];

// Inline styles would be refused by the page's CSP (which the frame inherits) anyway.
const forbiddenAttributes = ['style', 'srcset', 'action', 'formaction', 'background', 'ping', 'target'];

let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element) || node.tagName !== 'A') return;
    const href = node.getAttribute('href');
    node.removeAttribute('href');
    // Staff see where a link pointed (phishing is judged by that), but cannot follow it from here.
    const label = node.textContent?.trim() ?? '';
    if (href && /^(https?:|mailto:)/i.test(href) && href !== label) {
      node.after(node.ownerDocument.createTextNode(` <${href}>`));
    }
  });
}

/** The message's HTML with everything active removed. */
export function sanitizeEmailHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: forbiddenTags,
    FORBID_ATTR: forbiddenAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}

/** The frame's policy: nothing but images from `data:` (and `https:` once staff allow it). */
export function emailFramePolicy(remoteImages: boolean, stylesheet: string): string {
  return [
    "default-src 'none'",
    `img-src ${remoteImages ? 'https: data:' : 'data:'}`,
    `style-src ${stylesheet}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The whole document for `srcdoc`: the sanitised message under its own CSP. */
export function emailFrameDocument(html: string, language: Language, remoteImages: boolean): string {
  const stylesheet = new URL('/admin/email-frame.css', window.location.origin).href;
  const policy = emailFramePolicy(remoteImages, stylesheet);
  return [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<link rel="stylesheet" href="${escapeAttribute(stylesheet)}">`,
    `</head><body>${sanitizeEmailHtml(html)}</body></html>`,
  ].join('');
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
