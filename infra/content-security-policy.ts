/**
 * The Content-Security-Policy of the pages, one definition for CloudFront (cloud) and the local
 * gateway (sandbox). No inline script or style anywhere; nothing may frame the pages.
 *
 * The admin page differs in two ways: it may load `https:` images, because a client's email is
 * shown in a sandboxed `srcdoc` frame that inherits this policy and staff may choose to show its
 * remote images (the frame's own policy blocks them until then); and in the cloud it exchanges
 * the sign-in code at Cognito's token endpoint (`signInOrigin`), and it uploads the files of staff
 * replies straight to the mail bucket with presigned PUTs (`uploadOrigin`: that bucket's endpoint
 * only, not S3 at large).
 */
export function pageContentSecurityPolicy(
  options: { adminPage?: boolean; signInOrigin?: string; uploadOrigin?: string } = {},
): string {
  const connect = [
    "'self'",
    ...(options.signInOrigin ? [options.signInOrigin] : []),
    ...(options.adminPage && options.uploadOrigin ? [options.uploadOrigin] : []),
  ];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${options.adminPage ? ' https:' : ''}`,
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
