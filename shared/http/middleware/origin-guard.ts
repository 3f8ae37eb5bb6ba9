/**
 * Only CloudFront reaches the API. The HTTP API keeps its default `execute-api` endpoint, which
 * anyone can call around CloudFront (and so around the web ACL, its limits and its logs); CloudFront
 * adds a secret header to every request it sends to the `/api/*` origin, and this middleware,
 * first in every public and staff function, answers 403 to a request without it before anything
 * else runs (no body read, no key loaded, nothing audited: the caller learns nothing).
 *
 * With the secret, the request came through CloudFront, so its `CloudFront-Viewer-Address` is
 * CloudFront's word for the client's address; without it that header is anyone's word. The audit
 * records take the address from {@link clientAddressOf}, which gives the viewer address only when
 * this middleware has seen the secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../responses.ts';

/** The header CloudFront adds to origin requests of `/api/*` (lower case, as API Gateway passes headers). */
export const originSecretHeader = 'x-courtdesk-origin';

/** CloudFront's header with the viewer's address and port, `198.51.100.10:46532` or `[2001:db8::1]:443`. */
export const viewerAddressHeader = 'cloudfront-viewer-address';

/** The accepted secrets: the current one, and the previous one while a rotation is under way. */
export type OriginSecrets = () => Promise<readonly string[]>;

/** The client addresses of events whose origin secret matched. */
const viewerAddresses = new WeakMap<APIGatewayProxyEventV2, string>();

/**
 * The IP address of a `CloudFront-Viewer-Address` value: `ip:port`, with IPv6 addresses either
 * bracketed (`[::1]:443`) or bare (`2001:db8::1:443`, the port after the last colon). Undefined
 * unless what remains is an IP address.
 */
export function parseViewerAddress(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  const bracketed = /^\[([^\]]+)\]:\d{1,5}$/.exec(text);
  const address = bracketed ? bracketed[1] : /^(.+):\d{1,5}$/.exec(text)?.[1];
  return address && isIP(address) !== 0 ? address : undefined;
}

/**
 * The client's address for the audit trail: the viewer address CloudFront gave, if the origin
 * secret came with it; otherwise API Gateway's `sourceIp` (behind CloudFront, an edge's address).
 */
export function clientAddressOf(event: APIGatewayProxyEventV2): string {
  return viewerAddresses.get(event) ?? event.requestContext.http.sourceIp;
}

/** Compares digests, so that neither the time taken nor a length difference tells how close a guess was. */
function sameSecret(given: string, secret: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return secret.length > 0 && timingSafeEqual(digest(given), digest(secret));
}

/** The answer to a request that did not come through CloudFront: API Gateway's own 403, no detail. */
const forbidden = (): APIGatewayProxyStructuredResultV2 => json(403, { message: 'Forbidden' });

/**
 * The middleware: put it right after the error handler (which has no `before`), so its check is
 * the first thing that runs. A failure to read the secrets is an error (a 500), never a pass.
 */
export function originGuard(
  secrets: OriginSecrets,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: async ({ event }) => {
      const given = event.headers?.[originSecretHeader];
      if (!given) return forbidden();
      const accepted = await secrets();
      if (!accepted.some((secret) => sameSecret(given, secret))) return forbidden();
      const viewer = parseViewerAddress(event.headers?.[viewerAddressHeader]);
      if (viewer) viewerAddresses.set(event, viewer);
      return undefined;
    },
  };
}
