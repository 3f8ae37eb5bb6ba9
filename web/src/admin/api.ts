/**
 * The staff API as the admin page calls it (`shared/http/staff-contract.ts`). Every call carries
 * the bearer token and the page's language; every answer is checked against the contract's shape
 * before the page shows it, so a server that drifts from the contract is reported, not rendered.
 */
import * as z from 'zod/mini';
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import type { Language } from '../../../shared/domain/language.ts';
import {
  type AuditListResponse,
  type AuthConfigResponse,
  auditListResponseSchema,
  authConfigResponseSchema,
  type LetterListResponse,
  type LetterResponse,
  type LogCallRequest,
  type LogCallResponse,
  letterListResponseSchema,
  letterResponseSchema,
  logCallResponseSchema,
  type MeResponse,
  meResponseSchema,
  type PostRegistrationListResponse,
  type PostRegistrationResponse,
  postRegistrationListResponseSchema,
  postRegistrationResponseSchema,
  type QuarantineListResponse,
  type QuarantineReleaseResponse,
  type QuarantineResponse,
  quarantineListResponseSchema,
  quarantineReleaseResponseSchema,
  quarantineResponseSchema,
  type RegisterPostRequest,
  rerouteResponseSchema,
  type SubjectReportResponse,
  sessionActivityResponseSchema,
  signOutResponseSchema,
  subjectReportSchema,
  type TakeNextResponse,
  type TemplatesResponse,
  type TicketListResponse,
  type TicketResponse,
  takeNextResponseSchema,
  templatesResponseSchema,
  ticketListResponseSchema,
  ticketResponseSchema,
  type UploadResponse,
  uploadResponseSchema,
  type WorklistViewName,
} from '../../../shared/http/staff-contract.ts';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Why a call did not give what was asked for. */
export type Failure =
  /** 400: the server's field errors, in the page's language. */
  | { readonly kind: 'invalid'; readonly status: number; readonly errors: readonly FieldError[] }
  /** 403, 404, 409, 422…: a refusal with a message to show and maybe a code to act on. */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string; readonly code?: string }
  | { readonly kind: 'server'; readonly status: number; readonly requestId?: string }
  | { readonly kind: 'network' }
  /** The answer does not have the contract's shape. */
  | { readonly kind: 'unexpected'; readonly status: number }
  /**
   * 401: the caller is sent to sign in (see `onUnauthorized`); nothing to show. `code` when the
   * staff API ended the session (`SessionRevoked`, `SessionIdle`), none for an expired token.
   */
  | { readonly kind: 'unauthorized'; readonly code?: string };

export type Result<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Failure);

/** The cognito domain must be an https origin: it receives the PKCE verifier. */
const authConfigSchema = authConfigResponseSchema.check(
  z.refine((config) => config.mode !== 'cognito' || /^https:\/\/[^/?#]+$/.test(config.domain)),
);

const invalidSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })).check(z.minLength(1)),
});
const refusalSchema = z.object({ message: z.string(), code: z.optional(z.string()) });
const serverErrorSchema = z.object({ requestId: z.optional(z.string().check(z.regex(/^[\w-]{1,100}$/))) });

const requestTimeoutMs = 30_000;

export interface StaffApiOptions {
  /** The bearer token, read at each call. */
  readonly token: () => string | undefined;
  readonly language: () => Language;
  /** A 401 that a refreshed token did not cure: the session is over (`code`: why, if the API said). */
  readonly onUnauthorized: (code?: string) => void;
  /** Renews the access token after a plain 401 (an expired token); true when it did. */
  readonly refresh?: () => Promise<boolean>;
}

/** The public sign-in settings (`GET /api/auth/config`, no token). */
export async function fetchAuthConfig(): Promise<Result<AuthConfigResponse>> {
  return call('GET', '/api/auth/config', authConfigSchema, {});
}

export class StaffApi {
  readonly #options: StaffApiOptions;

  constructor(options: StaffApiOptions) {
    this.#options = options;
  }

  me(): Promise<Result<MeResponse>> {
    return this.#call('GET', '/api/staff/me', meResponseSchema);
  }

  worklist(
    view: WorklistViewName,
    competence?: CompetenceId,
    cursor?: string,
  ): Promise<Result<TicketListResponse>> {
    const query = new URLSearchParams({ view });
    if (competence) query.set('competence', competence);
    if (cursor) query.set('cursor', cursor);
    return this.#call('GET', `/api/staff/tickets?${query}`, ticketListResponseSchema);
  }

  /** Searches the caller's units; the words go in the body, as they may name a client. */
  search(words: string): Promise<Result<TicketListResponse>> {
    return this.#call('POST', '/api/staff/search', ticketListResponseSchema, { q: words });
  }

  takeNext(competence?: CompetenceId): Promise<Result<TakeNextResponse>> {
    return this.#call(
      'POST',
      '/api/staff/tickets/next',
      takeNextResponseSchema,
      competence ? { competence } : {},
    );
  }

  templates(): Promise<Result<TemplatesResponse>> {
    return this.#call('GET', '/api/staff/templates', templatesResponseSchema);
  }

  ticket(reference: string): Promise<Result<TicketResponse>> {
    return this.#call('GET', ticketPath(reference), ticketResponseSchema);
  }

  related(reference: string): Promise<Result<TicketListResponse>> {
    return this.#call('GET', `${ticketPath(reference)}/related`, ticketListResponseSchema);
  }

  /**
   * An action on a ticket; each answers the ticket as it is afterwards.
   * `action` is the path's last segment: take, replies, notes, route, status, deadline, end-service,
   * callback, transcription.
   */
  act(
    reference: string,
    action: Exclude<TicketActionPath, 'route'>,
    body: object,
  ): Promise<Result<TicketResponse>> {
    return this.#call('POST', `${ticketPath(reference)}/${action}`, ticketResponseSchema, body);
  }

  /** Announces a file for a reply: where and how to PUT it (a presigned URL to the mail bucket). */
  announceUpload(
    reference: string,
    file: { filename: string; contentType: string; size: number; sha256: string },
  ): Promise<Result<UploadResponse>> {
    return this.#call('POST', `${ticketPath(reference)}/uploads`, uploadResponseSchema, file);
  }

  /** Re-routes; the ticket is null (with the new unit) when it left the caller's units. */
  reroute(reference: string, body: object): Promise<Result<RerouteResponse>> {
    return this.#call('POST', `${ticketPath(reference)}/route`, rerouteResponseSchema, body);
  }

  /** Quarantined mail of the units the caller supervises (or of one), oldest first. */
  quarantine(competence?: CompetenceId, cursor?: string): Promise<Result<QuarantineListResponse>> {
    const query = new URLSearchParams();
    if (competence) query.set('competence', competence);
    if (cursor) query.set('cursor', cursor);
    const search = query.toString() ? `?${query}` : '';
    return this.#call('GET', `/api/staff/quarantine${search}`, quarantineListResponseSchema);
  }

  quarantined(id: string): Promise<Result<QuarantineResponse>> {
    return this.#call('GET', quarantinePath(id), quarantineResponseSchema);
  }

  /** Releases a held mail into a ticket; answers the ticket's reference. */
  releaseQuarantined(id: string, body: { reason: string }): Promise<Result<QuarantineReleaseResponse>> {
    return this.#call('POST', `${quarantinePath(id)}/release`, quarantineReleaseResponseSchema, body);
  }

  /**
   * Audit records (auditors): the filters as the form gives them, oldest first, a page at a time;
   * in the body (they name staff members and clients; access logs keep URLs), a client by its key,
   * never its address (see `clientKeyOf`).
   */
  async audit(filters: AuditFilters, cursor?: string): Promise<Result<AuditListResponse>> {
    const sent = await withClientKey(filters);
    if (!sent) return { ok: false, kind: 'unexpected', status: 0 };
    return this.#call('POST', '/api/staff/audit', auditListResponseSchema, {
      ...filled(sent),
      ...(cursor ? { cursor } : {}),
    });
  }

  /** The data-subject access report of the client with this address, asked by its key in the body (auditors). */
  async subjectReport(filters: SubjectFilters): Promise<Result<SubjectReportResponse>> {
    const sent = await withClientKey(filters);
    if (!sent) return { ok: false, kind: 'unexpected', status: 0 };
    return this.#call('POST', '/api/staff/audit/subject', subjectReportSchema, filled(sent));
  }

  /**
   * A CSV export (`format: 'csv'` in the body of a POST), fetched with the bearer token (a plain
   * link could not carry it): the file, its name, and the cursor of the rest when it ended early.
   */
  async auditCsv(
    kind: 'audit' | 'subject',
    filters: AuditFilters | SubjectFilters,
  ): Promise<Result<CsvDownload>> {
    const path = kind === 'audit' ? '/api/staff/audit' : '/api/staff/audit/subject';
    const sent = await withClientKey(filters);
    if (!sent) return { ok: false, kind: 'unexpected', status: 0 };
    return this.csv(path, {}, 'courtdesk-audit.csv', filled(sent));
  }

  /**
   * A CSV export of `path`: a GET with `format=csv` added to `query`, or, with `body`, a POST with
   * `format: 'csv'` added to it; `fallbackName` when the answer names no file.
   */
  async csv(
    path: string,
    query: Readonly<Record<string, string | undefined>>,
    fallbackName: string,
    body?: Readonly<Record<string, string>>,
  ): Promise<Result<CsvDownload>> {
    const token = this.#options.token();
    let response: Response;
    try {
      response = await fetch(body ? path : `${path}?${queryOf({ ...query, format: 'csv' })}`, {
        ...(body ? { method: 'POST', body: JSON.stringify({ ...body, format: 'csv' }) } : {}),
        headers: {
          Accept: 'text/csv',
          'Accept-Language': this.#options.language(),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch {
      return { ok: false, kind: 'network' };
    }
    if (response.ok && response.headers.get('content-type')?.startsWith('text/csv')) {
      const filename = /filename="([\w.-]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      const cursor = response.headers.get('x-courtdesk-cursor') ?? undefined;
      return {
        ok: true,
        value: {
          blob: await response.blob(),
          filename: filename ?? fallbackName,
          rows: Number(response.headers.get('x-courtdesk-rows') ?? 0),
          ...(cursor ? { cursor } : {}),
        },
      };
    }
    // A refusal is JSON like any other answer.
    const result = await answerOf(response, body ? 'POST' : 'GET', path, z.unknown());
    if (!result.ok && result.kind === 'unauthorized') this.#options.onUnauthorized(result.code);
    return result.ok ? { ok: false, kind: 'unexpected', status: response.status } : result;
  }

  // ---- Post and phone ----

  /**
   * Registers a received letter (mailroom): answers the registration and where to PUT its scan
   * (see `uploadFile`); the scan's arrival settles it, which `postRegistration` then shows. A retry
   * with the same key answers the same registration (with a fresh upload).
   */
  registerPost(body: RegisterPostRequest, idempotencyKey: string): Promise<Result<PostRegistrationResponse>> {
    return this.#call('POST', '/api/staff/post', postRegistrationResponseSchema, body, {
      'Idempotency-Key': idempotencyKey,
    });
  }

  /** Registered letters, newest first (mailroom). */
  postRegistrations(cursor?: string): Promise<Result<PostRegistrationListResponse>> {
    const search = cursor ? `?${new URLSearchParams({ cursor })}` : '';
    return this.#call('GET', `/api/staff/post${search}`, postRegistrationListResponseSchema);
  }

  postRegistration(id: string): Promise<Result<PostRegistrationResponse>> {
    return this.#call('GET', `/api/staff/post/${encodeURIComponent(id)}`, postRegistrationResponseSchema);
  }

  /** Letters to print and post, or those already posted (mailroom). */
  letters(state: LetterState, cursor?: string): Promise<Result<LetterListResponse>> {
    const query = new URLSearchParams({ state });
    if (cursor) query.set('cursor', cursor);
    return this.#call('GET', `/api/staff/letters?${query}`, letterListResponseSchema);
  }

  /** One letter with short-lived links to its PDF and enclosures. */
  letter(reference: string, letterId: string): Promise<Result<LetterResponse>> {
    return this.#call('GET', letterPath(reference, letterId), letterResponseSchema);
  }

  /** Records that the letter was posted; a 409 when it already was. */
  dispatchLetter(
    reference: string,
    letterId: string,
    body: { registeredMailNumber?: string; dispatchedOn?: string },
  ): Promise<Result<LetterResponse>> {
    return this.#call('POST', `${letterPath(reference, letterId)}/dispatch`, letterResponseSchema, body);
  }

  /** Logs a phone call as a ticket; a retry with the same key makes no second ticket. */
  logCall(body: LogCallRequest, idempotencyKey: string): Promise<Result<LogCallResponse>> {
    return this.#call('POST', '/api/staff/calls', logCallResponseSchema, body, {
      'Idempotency-Key': idempotencyKey,
    });
  }

  /** Tells the server the person is at work in the page (typing, no call): the session stays active. */
  async reportActivity(): Promise<void> {
    await this.#call('POST', '/api/staff/session/activity', sessionActivityResponseSchema, {});
  }

  /** Records the end of the session; its outcome changes nothing for the page. */
  async signOut(): Promise<void> {
    await this.#call('POST', '/api/staff/sign-out', signOutResponseSchema, {});
  }

  /**
   * A call for a view that keeps its own paths and answer schemas (the knowledge base's views,
   * `knowledge/api.ts`), with the same token, language and checks as every other call.
   */
  request<T>(method: HttpMethod, path: string, schema: z.ZodMiniType<T>, body?: object): Promise<Result<T>> {
    return this.#call(method, path, schema, body);
  }

  async #call<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodMiniType<T>,
    body?: object,
    extraHeaders: Record<string, string> = {},
  ) {
    const send = () => {
      const token = this.#options.token();
      const headers: Record<string, string> = {
        ...extraHeaders,
        'Accept-Language': this.#options.language(),
      };
      if (token) headers.Authorization = `Bearer ${token}`;
      return call(method, path, schema, headers, body);
    };
    let result = await send();
    // A plain 401 is the authorizer's (the access token expired, nothing ran): renew it and try
    // once more. A 401 with a code is the API's end of the session: no token helps then.
    if (!result.ok && result.kind === 'unauthorized' && !result.code && (await this.#options.refresh?.()))
      result = await send();
    if (!result.ok && result.kind === 'unauthorized') this.#options.onUnauthorized(result.code);
    return result;
  }
}

export type RerouteResponse = z.infer<typeof rerouteResponseSchema>;

/** The audit view's filters, as typed (empty ones are left out of the query). */
export interface AuditFilters {
  readonly user?: string;
  readonly ticket?: string;
  /** The client's address as typed: only its key is sent. */
  readonly client?: string;
  readonly eventName?: string;
  readonly outcome?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface SubjectFilters {
  /** The client's address as typed: only its key is sent. */
  readonly client: string;
  readonly from?: string;
  readonly to?: string;
}

export interface CsvDownload {
  readonly blob: Blob;
  readonly filename: string;
  readonly rows: number;
  /** The export ended early: the rest follows this cursor. */
  readonly cursor?: string;
}

/**
 * What the page sends for a client (auditors): the legacy (unkeyed) client key — `client-` and the
 * first 40 hex digits of the SHA-256 of the address, trimmed and in lower case (`legacyClientKey`;
 * the page has no pseudonym secret), which the server maps to the keyed key and never records —
 * computed here, so the address never travels in a URL (CDN and API logs keep query strings). A
 * key typed as such goes as it is; anything that is neither goes as a stand-in the server refuses
 * with its message, so what was typed stays in the page.
 */
export async function clientKeyOf(value: string): Promise<string> {
  const typed = value.trim();
  if (/^client-[0-9a-f]{40}$/i.test(typed)) return typed.toLowerCase();
  if (typed.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(typed)) return 'not-an-address';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(typed.toLowerCase()));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `client-${hex.slice(0, 40)}`;
}

/** The filters with the client's key for its address; undefined when it cannot be computed. */
async function withClientKey<T extends { readonly client?: string | undefined }>(
  filters: T,
): Promise<T | undefined> {
  if (!filters.client?.trim()) return filters;
  try {
    return { ...filters, client: await clientKeyOf(filters.client) };
  } catch {
    // No WebCrypto (a page not served over https): nothing is sent rather than the address.
    return undefined;
  }
}

/** The filters given (empty ones left out), as a body. */
function filled(values: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

function queryOf(values: Readonly<Record<string, string | undefined>>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) query.set(name, value);
  return query;
}

export type TicketActionPath =
  | 'take'
  | 'replies'
  | 'notes'
  | 'route'
  | 'status'
  | 'deadline'
  | 'end-service'
  | 'callback'
  | 'transcription';

/** The mailroom's two letter lists: still to post, and posted. */
export type LetterState = 'pending' | 'dispatched';

function letterPath(reference: string, letterId: string): string {
  return `/api/staff/letters/${encodeURIComponent(reference)}/${encodeURIComponent(letterId)}`;
}

function quarantinePath(id: string): string {
  return `/api/staff/quarantine/${encodeURIComponent(id)}`;
}

function ticketPath(reference: string): string {
  return `/api/staff/tickets/${encodeURIComponent(reference)}`;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function call<T>(
  method: HttpMethod,
  path: string,
  schema: z.ZodMiniType<T>,
  headers: Record<string, string>,
  body?: object,
): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // Tokens travel in the header only; the API sets no cookies the page relies on.
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch {
    return { ok: false, kind: 'network' };
  }
  return answerOf(response, method, path, schema);
}

/** The result an answer gives: the contract's shape on success, else what went wrong. */
async function answerOf<T>(
  response: Response,
  method: string,
  path: string,
  schema: z.ZodMiniType<T>,
): Promise<Result<T>> {
  const { status } = response;
  const answer: unknown = await response.json().catch(() => undefined);
  if (status === 401) {
    const code = refusalSchema.safeParse(answer).data?.code;
    return code ? { ok: false, kind: 'unauthorized', code } : { ok: false, kind: 'unauthorized' };
  }
  if (response.ok) {
    const parsed = schema.safeParse(answer);
    if (parsed.success) return { ok: true, value: parsed.data };
    // Paths and expectations only: the values may be personal data.
    console.error(
      `${method} ${path.split('?')[0]}: answer differs from the contract\n${z.prettifyError(parsed.error)}`,
    );
    return { ok: false, kind: 'unexpected', status };
  }
  if (status === 400) {
    const invalid = invalidSchema.safeParse(answer);
    if (invalid.success) return { ok: false, kind: 'invalid', status, errors: invalid.data.errors };
  }
  if (status < 500) {
    const refusal = refusalSchema.safeParse(answer);
    if (refusal.success) {
      const { message, code } = refusal.data;
      return code === undefined
        ? { ok: false, kind: 'refused', status, message }
        : { ok: false, kind: 'refused', status, message, code };
    }
    return { ok: false, kind: 'unexpected', status };
  }
  const server = serverErrorSchema.safeParse(answer);
  const requestId = server.success ? server.data.requestId : undefined;
  return requestId ? { ok: false, kind: 'server', status, requestId } : { ok: false, kind: 'server', status };
}

/**
 * PUTs a file to its presigned URL with exactly the headers the API signed. No token goes there:
 * the URL's signature is the permission.
 */
export async function uploadFile(
  upload: Pick<UploadResponse, 'url' | 'headers'>,
  file: Blob,
): Promise<boolean> {
  try {
    const response = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: file,
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(5 * 60_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
