/**
 * The Content-Security-Policy of the pages, one definition for CloudFront (cloud) and the local
 * gateway (sandbox). No inline script or style anywhere; nothing may frame the pages.
 *
 * The admin page differs in two ways: it may load `https:` images, because a client's email is
 * shown in a sandboxed `srcdoc` frame that inherits this policy and staff may choose to show its
 * remote images (the frame's own policy blocks them until then); and in the cloud it exchanges
 * the sign-in code at Cognito's token endpoint (`signInOrigin`).
 */
export function pageContentSecurityPolicy(
  options: { adminPage?: boolean; signInOrigin?: string } = {},
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${options.adminPage ? ' https:' : ''}`,
    `connect-src 'self'${options.signInOrigin ? ` ${options.signInOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
