/**
 * Where the page is, kept in the address so that the browser's back button, bookmarks and
 * "open in new tab" work: `?view=mine&competence=court-fees`, `?ticket=TA-2026-000123`,
 * `?view=search` (the words in the history entry's state, never in the address: the CDN's access
 * logs keep addresses, and the words name clients), `?view=quarantine` and `?mail=<SES message id>` (supervisors), `?view=audit` and
 * `?view=subject` (auditors; their filters stay in the form, so that a client's address never
 * reaches the address bar or the history), `?view=post`, `?view=letters&state=dispatched` and
 * `?view=letter&reference=…&letter=…` (the mailroom), `?view=call` (logging a phone call),
 * `?view=knowledge[&tab=terms]`, `?view=knowledge&article=<id>` (or `term=`, or `new=article|term`)
 * (editors), `?view=questions` (the client questions' analysis) and `?view=feedback[&competence=…]`
 * (the clients' survey feedback, supervisors and admins), `?view=data-subjects` (the data protection
 * officer; who is looked for stays in the form, never in the address); `lang` is kept alongside.
 */
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import {
  quarantineIdPattern,
  referencePattern,
  schemas,
  type WorklistViewName,
  worklistViews,
} from '../../../shared/http/staff-contract.ts';
import type { LetterState } from './api.ts';
import { adminPath } from './auth.ts';

export type Route =
  | { readonly kind: 'worklist'; readonly view: WorklistViewName; readonly competence?: CompetenceId }
  | { readonly kind: 'search'; readonly query: string }
  | { readonly kind: 'ticket'; readonly reference: string }
  /** The quarantined mail of the units the caller supervises (or one of them). */
  | { readonly kind: 'quarantine'; readonly competence?: CompetenceId }
  /** One quarantined mail. */
  | { readonly kind: 'quarantined'; readonly id: string }
  /** The audit trail, and the data-subject access report (auditors). */
  | { readonly kind: 'audit' }
  | { readonly kind: 'subject' }
  /** The mailroom: registering received post (with its registrations), and letters to post. */
  | { readonly kind: 'post' }
  | { readonly kind: 'letters'; readonly state: LetterState }
  | { readonly kind: 'letter'; readonly reference: string; readonly letterId: string }
  /** Logging a phone call as a ticket (agents, supervisors). */
  | { readonly kind: 'call' }
  /** The knowledge base's articles or glossary terms (editors, administrators). */
  | { readonly kind: 'knowledge'; readonly tab: KnowledgeTab }
  /** One entry of the knowledge base; without an id, a new one. */
  | { readonly kind: 'knowledge-entry'; readonly entry: 'article' | 'term'; readonly id?: string }
  /** What clients asked the assistant (supervisors, editors, administrators). */
  | { readonly kind: 'questions' }
  /** _Pārskati_: the service-quality figures (supervisors, administrators). */
  | { readonly kind: 'figures' }
  /** Clients' survey feedback of a unit (its supervisors, administrators). */
  | { readonly kind: 'feedback'; readonly competence?: CompetenceId }
  /** _Datu subjekti_: a data subject's records, export and erasure (the data protection officer). */
  | { readonly kind: 'data-subjects' };

export type KnowledgeTab = 'articles' | 'terms';

/** A knowledge base entry's id as the page puts it into an address (slug-like). */
const entryIdPattern = /^[\w-]{1,100}$/;

/** A letter's id as the page puts it into an address (the server's ids are narrower still). */
const letterIdPattern = /^[\w.:-]{1,200}$/;

export const defaultRoute: Route = { kind: 'worklist', view: 'queue' };

/** What a history entry keeps of its route outside the address (`history.state`). */
export interface RouteMemory {
  /** The search's words. */
  readonly search: string;
}

/** The state to keep with the history entry of `route`: a search's words; null for the others. */
export function memoryOf(route: Route): RouteMemory | null {
  return route.kind === 'search' ? { search: route.query } : null;
}

/** The words of a search kept in a history entry's state, when they are a search's. */
function rememberedWords(memory: unknown): string | undefined {
  if (typeof memory !== 'object' || memory === null || !('search' in memory)) return undefined;
  const words = typeof memory.search === 'string' ? memory.search.trim() : '';
  return schemas.search.safeParse({ q: words }).success ? words : undefined;
}

/**
 * The route an address names (`window.location` or a link's URL) with what its history entry
 * remembers (`history.state`, or the page's own list for a link); unknown parts give the queue, and
 * so does a search whose words are not remembered (a new tab).
 */
export function routeFromAddress(address: { readonly search: string }, memory?: unknown): Route {
  const query = new URLSearchParams(address.search);
  const reference = query.get('ticket')?.trim().toUpperCase();
  if (reference && referencePattern.test(reference)) return { kind: 'ticket', reference };
  const mail = query.get('mail')?.trim();
  if (mail && quarantineIdPattern.test(mail)) return { kind: 'quarantined', id: mail };
  const view = query.get('view');
  if (view === 'search') {
    const words = rememberedWords(memory);
    if (words !== undefined) return { kind: 'search', query: words };
  }
  if (view === 'post' || view === 'call' || view === 'questions' || view === 'figures') return { kind: view };
  if (view === 'data-subjects') return { kind: 'data-subjects' };
  if (view === 'knowledge') return knowledgeRoute(query);
  if (view === 'letters')
    return { kind: 'letters', state: query.get('state') === 'dispatched' ? 'dispatched' : 'pending' };
  if (view === 'letter') {
    const letterReference = query.get('reference')?.trim().toUpperCase() ?? '';
    const letterId = query.get('letter') ?? '';
    if (referencePattern.test(letterReference) && letterIdPattern.test(letterId))
      return { kind: 'letter', reference: letterReference, letterId };
    return { kind: 'letters', state: 'pending' };
  }
  if (view === 'feedback') {
    const unit = schemas.quarantineQuery.safeParse({ competence: query.get('competence') ?? undefined });
    return unit.success && unit.data.competence
      ? { kind: 'feedback', competence: unit.data.competence }
      : { kind: 'feedback' };
  }
  if (query.get('view') === 'audit') return { kind: 'audit' };
  if (query.get('view') === 'subject') return { kind: 'subject' };
  if (query.get('view') === 'quarantine') {
    const unit = schemas.quarantineQuery.safeParse({ competence: query.get('competence') ?? undefined });
    return unit.success && unit.data.competence
      ? { kind: 'quarantine', competence: unit.data.competence }
      : { kind: 'quarantine' };
  }
  const worklist = worklistViews.find((candidate) => candidate === view) ?? 'queue';
  const competence = schemas.worklistQuery.safeParse({
    view: worklist,
    competence: query.get('competence') ?? undefined,
  });
  return competence.success && competence.data.competence
    ? { kind: 'worklist', view: worklist, competence: competence.data.competence }
    : { kind: 'worklist', view: worklist };
}

function knowledgeRoute(query: URLSearchParams): Route {
  const created = query.get('new');
  if (created === 'article' || created === 'term') return { kind: 'knowledge-entry', entry: created };
  for (const entry of ['article', 'term'] as const) {
    const id = query.get(entry);
    if (id !== null && entryIdPattern.test(id)) return { kind: 'knowledge-entry', entry, id };
  }
  return { kind: 'knowledge', tab: query.get('tab') === 'terms' ? 'terms' : 'articles' };
}

/** The address of `route`, keeping the language choice. */
export function addressOf(route: Route, language: string): string {
  const query = new URLSearchParams();
  if (route.kind === 'ticket') query.set('ticket', route.reference);
  else if (route.kind === 'search') query.set('view', 'search');
  else if (route.kind === 'quarantined') query.set('mail', route.id);
  else if (
    route.kind === 'audit' ||
    route.kind === 'subject' ||
    route.kind === 'post' ||
    route.kind === 'call' ||
    route.kind === 'questions' ||
    route.kind === 'figures' ||
    route.kind === 'data-subjects'
  )
    query.set('view', route.kind);
  else if (route.kind === 'knowledge') {
    query.set('view', 'knowledge');
    if (route.tab === 'terms') query.set('tab', 'terms');
  } else if (route.kind === 'knowledge-entry') {
    query.set('view', 'knowledge');
    if (route.id === undefined) query.set('new', route.entry);
    else query.set(route.entry, route.id);
  } else if (route.kind === 'letters') {
    query.set('view', 'letters');
    query.set('state', route.state);
  } else if (route.kind === 'letter') {
    query.set('view', 'letter');
    query.set('reference', route.reference);
    query.set('letter', route.letterId);
  } else if (route.kind === 'feedback') {
    query.set('view', 'feedback');
    if (route.competence) query.set('competence', route.competence);
  } else if (route.kind === 'quarantine') {
    query.set('view', 'quarantine');
    if (route.competence) query.set('competence', route.competence);
  } else {
    query.set('view', route.view);
    if (route.competence) query.set('competence', route.competence);
  }
  query.set('lang', language);
  return `${adminPath}?${query}`;
}

export function sameRoute(a: Route, b: Route): boolean {
  return addressOf(a, 'lv') === addressOf(b, 'lv');
}
