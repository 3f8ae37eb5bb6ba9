/**
 * The local HTTP gateway: API Gateway HTTP API's part in the sandbox. It turns requests into
 * `APIGatewayProxyEventV2` events for the routes in the inventory, calls the same handlers that
 * run in Lambda, and serves the built web pages (`dist/web`) as CloudFront would. It plays
 * CloudFront's part for `/api/*` too: the origin secret and `CloudFront-Viewer-Address` (the
 * socket's address) are put in every API request, over whatever the client sent in those headers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { languageOf } from '../../shared/http/error-handler.ts';
import { originSecretHeader, viewerAddressHeader } from '../../shared/http/middleware/origin-guard.ts';
import { json } from '../../shared/http/responses.ts';
import { pageContentSecurityPolicy } from '../content-security-policy.ts';
import { type EdgeLimits, edgeLimitAnswer, edgeLimitGroupOf } from '../edge-limits.ts';
import type { FunctionSpec, RouteThrottle } from '../inventory.ts';
import { AddressLimits } from './address-limits.ts';
import type { LocalIdentity } from './identity.ts';
import { handleLocalRequest } from './identity-routes.ts';
import { writeJson as writeJsonResponse } from './json-response.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';
import { RouteThrottles } from './route-throttle.ts';

/** API Gateway's own payload limit; the functions enforce their smaller limits themselves. */
const gatewayPayloadLimit = 10 * 1024 * 1024;

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly spec: FunctionSpec;
  readonly handler: LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;
  /** `staff`: the route needs a valid staff token, checked as the JWT authorizer does. */
  readonly auth?: 'staff' | undefined;
  /** The route's own throttle (429 past it), as its API Gateway route settings. */
  readonly throttle?: RouteThrottle | undefined;
}

export interface GatewayOptions {
  readonly port: number;
  readonly host?: string;
  readonly routes: readonly Route[];
  readonly webRoot: string;
  /** The local token issuer: verifies staff tokens and serves `/local/*`. */
  readonly identity?: LocalIdentity;
  readonly onError?: (error: unknown) => void;
  /** The mail bucket's origin, where the admin page PUTs replies' files (its CSP allows it). */
  readonly uploadOrigin?: string;
  /** Serves the help pages from their bucket (`help-site.ts`); answers false for other paths. */
  readonly helpSite?: { serve(request: IncomingMessage, response: ServerResponse): Promise<boolean> };
  /** Per-address limits on the public routes that write, as the CloudFront web ACL's; absent: none. */
  readonly edgeLimits?: EdgeLimits | undefined;
  /**
   * The origin secret sent with every API request, as CloudFront's custom origin header; absent:
   * none is sent, and the functions refuse every API request.
   */
  readonly originSecret?: string | undefined;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The same headers as the CloudFront response headers policy. */
export const pageSecurityHeaders = {
  'content-security-policy': pageContentSecurityPolicy(),
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** A path segment decoded as API Gateway does; a malformed escape stays as it came. */
function decodeOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchRoute(routes: readonly Route[], method: string, path: string) {
  let pathMatched = false;
  for (const route of routes) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, i) => [name, decodeOrRaw(match[i + 1] ?? '')]),
    );
    return { route, pathParameters, pathMatched };
  }
  return { route: undefined, pathParameters: {}, pathMatched };
}

const textual = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/** The socket's address and port as CloudFront writes `CloudFront-Viewer-Address` (IPv6 in brackets). */
function viewerAddressOf(request: IncomingMessage): string {
  const address = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const port = request.socket.remotePort ?? 0;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function toEvent(
  request: IncomingMessage,
  body: Buffer,
  route: Route,
  pathParameters: Record<string, string>,
  claims: Record<string, string> | undefined,
  originSecret: string | undefined,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // CloudFront's part: its own values, never the client's, in these two headers.
  delete headers[originSecretHeader];
  headers[viewerAddressHeader] = viewerAddressOf(request);
  if (originSecret) headers[originSecretHeader] = originSecret;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] ? `${query[name]},${value}` : value;
  const now = new Date();
  const isText = textual.test(headers['content-type'] ?? 'application/json');
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      // As the JWT authorizer passes them: every claim a string.
      ...(claims
        ? { authorizer: { jwt: { claims, scopes: (claims.scope ?? '').split(' ').filter(Boolean) } } }
        : {}),
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** Applies a handler's result as API Gateway does for payload format 2.0. */
function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? result
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body
    ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  response.writeHead(structured.statusCode ?? 200, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/** The gateway's own answers (no route, unauthorized, a crash) also forbid framing and pin HTTPS. */
const gatewayAnswerHeaders = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  writeJsonResponse(response, status, body, gatewayAnswerHeaders);
}

function serveStatic(
  webRoot: string,
  request: IncomingMessage,
  response: ServerResponse,
  uploadOrigin?: string,
): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '/';
  }
  const root = resolve(webRoot);
  let file = resolve(join(root, normalize(pathname)));
  if (!file.startsWith(root)) file = join(root, 'index.html');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...pageSecurityHeaders });
    response.end('Not found / Nav atrasts');
    return;
  }
  const content = readFileSync(file);
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': String(content.length),
    'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
    ...pageSecurityHeaders,
    ...(pathname.startsWith('/admin/')
      ? {
          'content-security-policy': pageContentSecurityPolicy({
            adminPage: true,
            ...(uploadOrigin ? { uploadOrigin } : {}),
          }),
        }
      : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : content);
}

export interface Gateway {
  readonly url: string;
  /** Stops accepting connections and waits for requests in flight. */
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const throttles = new RouteThrottles();
  const addressLimits = options.edgeLimits ? new AddressLimits(options.edgeLimits) : undefined;
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) writeJson(response, 500, { message: 'Internal Server Error' });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (options.identity && path.startsWith('/local/')) {
      const body = (await readBody(request)) ?? Buffer.alloc(0);
      if (await handleLocalRequest(options.identity, request, body, response)) return;
    }
    const { route, pathParameters, pathMatched } = matchRoute(options.routes, method, path);
    if (!route) {
      if (path.startsWith('/api/') || path === '/api') {
        writeJson(response, pathMatched ? 405 : 404, {
          message: pathMatched ? 'Method Not Allowed' : 'Not Found',
        });
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        if (await options.helpSite?.serve(request, response)) return;
        serveStatic(options.webRoot, request, response, options.uploadOrigin);
        return;
      }
      writeJson(response, 405, { message: 'Method Not Allowed' });
      return;
    }
    if (route.throttle && !throttles.take(`${route.method} ${route.path}`, route.throttle)) {
      // API Gateway's answer to a throttled request.
      request.resume();
      writeJson(response, 429, { message: 'Too Many Requests' });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      writeJson(response, 413, { message: 'Request Entity Too Large' });
      request.resume();
      return;
    }
    let claims: Record<string, string> | undefined;
    if (route.auth === 'staff') {
      // What the JWT authorizer does: a Bearer token, valid, or 401 before any function runs.
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      claims = match?.[1] && options.identity ? await options.identity.verify(match[1]) : undefined;
      if (!claims) {
        writeJson(response, 401, { message: 'Unauthorized' });
        return;
      }
    }
    const event = toEvent(request, body, route, pathParameters, claims, options.originSecret);
    const limited = addressLimits && edgeLimitGroupOf(route.method, route.path);
    if (limited) {
      // The web ACL's answer past a limit: the function never runs, nothing is stored.
      const answer = addressLimits.take(limited, event.requestContext.http.sourceIp);
      if (!answer.allowed) {
        const retryAfter = { 'retry-after': String(answer.retryAfterSeconds) };
        writeResult(response, json(429, edgeLimitAnswer(languageOf(event)), retryAfter));
        return;
      }
    }
    let result: APIGatewayProxyResultV2;
    try {
      result = await route.handler(event, lambdaContext(route.spec, event.requestContext.requestId));
    } catch (error) {
      // What API Gateway answers when the integration fails.
      options.onError?.(error);
      writeJson(response, 500, { message: 'Internal Server Error' });
      return;
    }
    writeResult(response, result);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeIdleConnections();
      }),
  };
}

/** The request body, or undefined when it exceeds the gateway's payload limit. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > gatewayPayloadLimit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
