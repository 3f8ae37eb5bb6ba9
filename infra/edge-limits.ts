/**
 * Per-client-address limits on the public routes that write or spend: the web form, the virtual
 * assistant and the client survey. One definition, read by the CloudFront web ACL (context
 * `courtdesk:edgeLimits`, `infra/edge-waf-stack.ts`) and by the sandbox gateway
 * (`COURTDESK_EDGE_LIMITS`, `infra/local/address-limits.ts`), so both refuse the same clients.
 *
 * The stage throttle and the routes' own throttles are shared by every client: one script could
 * use them all. These limits count each address apart, so one address flooding the form is
 * refused (429 with `Retry-After`) while everyone else goes on.
 */
import type { Language } from '../shared/domain/language.ts';
import { message } from '../shared/i18n/messages.ts';
import { assistantApi, ingestWeb, surveyApi } from './inventory-functions-public.ts';
import type { FunctionSpec } from './inventory-spec.ts';

/** The windows AWS WAF's rate-based rules count over (`EvaluationWindowSec`). */
export const edgeLimitWindows = [60, 120, 300, 600] as const;
export type EdgeLimitWindow = (typeof edgeLimitWindows)[number];

/** The smallest limit a WAF rate-based rule takes. */
export const minimumEdgeLimit = 10;

export interface EdgeLimit {
  /** Requests one address may make in a window; past it, 429 until the window has room. */
  readonly limit: number;
  /** The window counted over, in seconds. */
  readonly windowSeconds: EdgeLimitWindow;
  /**
   * In the cloud only: past this many in the window, a client without a valid WAF token gets
   * WAF's challenge (202, `x-amzn-waf-action: challenge`) instead of the function. At most `limit`.
   */
  readonly challengeAt: number;
}

export type EdgeLimitGroup = 'form' | 'assistant' | 'survey';
export type EdgeLimits = { readonly [Group in EdgeLimitGroup]: EdgeLimit };
/** What the context or the environment may change: any group, any field. */
export type EdgeLimitOverrides = { readonly [Group in EdgeLimitGroup]?: Partial<EdgeLimit> };

/**
 * The defaults. The form: a person sends one request, maybe a few, so 20 in five minutes from one
 * address leaves room for an office behind one address and stops a script at its twenty-first.
 * The assistant is asked as the client types (debounced), so more; the survey is one link opened
 * and answered once or twice.
 */
export const defaultEdgeLimits: EdgeLimits = {
  form: { limit: 20, windowSeconds: 300, challengeAt: 10 },
  assistant: { limit: 300, windowSeconds: 300, challengeAt: 150 },
  survey: { limit: 30, windowSeconds: 300, challengeAt: 15 },
};

/** The function whose HTTP routes each group limits. */
const limitedFunctions: { readonly [Group in EdgeLimitGroup]: FunctionSpec } = {
  form: ingestWeb,
  assistant: assistantApi,
  survey: surveyApi,
};

export interface LimitedRoute {
  readonly method: string;
  readonly path: string;
}

/** The routes of a group: its function's HTTP triggers, from the inventory. */
export function edgeLimitedRoutes(group: EdgeLimitGroup): LimitedRoute[] {
  return limitedFunctions[group].triggers.flatMap((trigger) => {
    if (trigger.kind !== 'http') return [];
    // WAF matches these paths exactly: a path parameter would need another match.
    if (trigger.path.includes('{')) throw new Error(`Edge limits: ${trigger.path} has a path parameter`);
    return [{ method: trigger.method, path: trigger.path }];
  });
}

/** The group limiting `method path`, if any. */
export function edgeLimitGroupOf(method: string, path: string): EdgeLimitGroup | undefined {
  return edgeLimitGroups.find((group) =>
    edgeLimitedRoutes(group).some((route) => route.method === method && route.path === path),
  );
}

export const edgeLimitGroups = Object.keys(limitedFunctions) as EdgeLimitGroup[];

/**
 * The defaults with `raw`'s overrides (an object, or its JSON), checked: a typo fails the synthesis
 * or the sandbox's start, not the first flood.
 */
export function parseEdgeLimits(raw: unknown): EdgeLimits {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {});
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('edge limits must be an object by group (form, assistant, survey)');
  const overrides = value as Record<string, unknown>;
  for (const group of Object.keys(overrides))
    if (!edgeLimitGroups.includes(group as EdgeLimitGroup))
      throw new Error(`edge limits: unknown group "${group}" (form, assistant, survey)`);
  const limits = Object.fromEntries(
    edgeLimitGroups.map((group) => [group, edgeLimit(group, overrides[group])]),
  ) as Record<EdgeLimitGroup, EdgeLimit>;
  return limits;
}

function edgeLimit(group: EdgeLimitGroup, raw: unknown): EdgeLimit {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
    throw new Error(`edge limits: ${group} must be an object`);
  const override = (raw ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(override))
    if (!['limit', 'windowSeconds', 'challengeAt'].includes(key))
      throw new Error(`edge limits: ${group}.${key} is not a setting (limit, windowSeconds, challengeAt)`);
  const limit = override.limit ?? defaultEdgeLimits[group].limit;
  const windowSeconds = override.windowSeconds ?? defaultEdgeLimits[group].windowSeconds;
  // A raised limit keeps the challenge at its share of the limit unless it is set too.
  const challengeAt =
    override.challengeAt ??
    (override.limit === undefined
      ? defaultEdgeLimits[group].challengeAt
      : Math.max(minimumEdgeLimit, Math.floor(Number(limit) / 2)));
  if (!Number.isInteger(limit) || (limit as number) < minimumEdgeLimit)
    throw new Error(`edge limits: ${group}.limit must be a whole number from ${minimumEdgeLimit}`);
  if (!edgeLimitWindows.includes(windowSeconds as EdgeLimitWindow))
    throw new Error(`edge limits: ${group}.windowSeconds must be one of ${edgeLimitWindows.join(', ')}`);
  if (
    !Number.isInteger(challengeAt) ||
    (challengeAt as number) < minimumEdgeLimit ||
    (challengeAt as number) > (limit as number)
  )
    throw new Error(
      `edge limits: ${group}.challengeAt must be a whole number from ${minimumEdgeLimit} up to the limit`,
    );
  return {
    limit: limit as number,
    windowSeconds: windowSeconds as EdgeLimitWindow,
    challengeAt: challengeAt as number,
  };
}

/**
 * The body of the 429 answer past a limit, in the client's language, shaped as the functions'
 * other refusals (`{ message }`): the gateway's answer in the sandbox, WAF's custom response body
 * in the cloud.
 */
export function edgeLimitAnswer(language: Language): { readonly message: string } {
  return { message: message(language, 'error.tooManyRequests') };
}
