/**
 * The page's fixed navigation: which views the signed-in person sees in the toolbar, the unit
 * filter, and the links that mark the current view and keep the unit filter across worklists.
 */
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import type { Language } from '../../../shared/domain/language.ts';
import { type MeResponse, worklistViews } from '../../../shared/http/staff-contract.ts';
import { element, h } from './dom.ts';
import { addressOf, type Route } from './routes.ts';

/** What the signed-in person's roles and units let them do. */
export interface Abilities {
  /** Works tickets: has at least one unit. */
  readonly tickets: boolean;
  readonly audits: boolean;
  readonly mailroom: boolean;
  /** Supervises a unit: the review worklist and the quarantine. */
  readonly supervises: boolean;
  /** Edits the knowledge base (editors, administrators). */
  readonly edits: boolean;
  /** Reads the client questions' analysis (supervisors, editors, administrators). */
  readonly questions: boolean;
  /** Reads the service-quality figures (_Pārskati_): supervisors of a unit, administrators. */
  readonly figures: boolean;
  /** Reads and follows up clients' survey feedback (supervisors of a unit, administrators). */
  readonly feedback: boolean;
  /** Finds, exports and erases a data subject's records, sets legal holds (the data protection officer). */
  readonly dataSubjects: boolean;
}

/** Whether the person has any view at all (else the page says there is no work for them). */
export function hasAnyView(can: Abilities): boolean {
  return (
    can.tickets ||
    can.audits ||
    can.mailroom ||
    can.edits ||
    can.questions ||
    can.figures ||
    can.feedback ||
    can.dataSubjects
  );
}

export function abilitiesOf(me: MeResponse | undefined): Abilities {
  const roles: readonly string[] = me?.roles ?? [];
  return {
    tickets: (me?.competences.length ?? 0) > 0,
    audits: me?.roles.includes('auditor') ?? false,
    mailroom: me?.roles.includes('mailroom') ?? false,
    supervises: me?.competences.some((unit) => unit.supervisor) ?? false,
    edits: roles.includes('editor') || roles.includes('admin'),
    questions: ['supervisor', 'editor', 'admin'].some((role) => roles.includes(role)),
    figures: roles.includes('admin') || (me?.competences.some((unit) => unit.supervisor) ?? false),
    feedback: roles.includes('admin') || (me?.competences.some((unit) => unit.supervisor) ?? false),
    dataSubjects: roles.includes('dpo'),
  };
}

/**
 * Where the person starts: the queue, else the audit trail, else the post registration, else the
 * knowledge base, else the client questions, else the data subjects.
 */
export function homeRoute(can: Abilities): Route {
  if (can.tickets) return { kind: 'worklist', view: 'queue' };
  if (can.audits) return { kind: 'audit' };
  if (can.mailroom) return { kind: 'post' };
  if (can.edits) return { kind: 'knowledge', tab: 'articles' };
  if (can.questions) return { kind: 'questions' };
  return can.dataSubjects ? { kind: 'data-subjects' } : { kind: 'worklist', view: 'queue' };
}

/** The route if the person may see it; else where they start. */
export function allowedRoute(route: Route, can: Abilities): Route {
  if (route.kind === 'audit' || route.kind === 'subject') return can.audits ? route : homeRoute(can);
  if (route.kind === 'post' || route.kind === 'letters' || route.kind === 'letter')
    return can.mailroom ? route : homeRoute(can);
  if (route.kind === 'knowledge' || route.kind === 'knowledge-entry')
    return can.edits ? route : homeRoute(can);
  if (route.kind === 'questions') return can.questions ? route : homeRoute(can);
  if (route.kind === 'figures') return can.figures ? route : homeRoute(can);
  if (route.kind === 'feedback') return can.feedback ? route : homeRoute(can);
  if (route.kind === 'data-subjects') return can.dataSubjects ? route : homeRoute(can);
  return can.tickets ? route : homeRoute(can);
}

/** The unit a worklist or the quarantine is narrowed to. */
export function unitOf(route: Route): CompetenceId | undefined {
  return route.kind === 'worklist' || route.kind === 'quarantine' ? route.competence : undefined;
}

/** Shows the toolbar's views to those who have them (an auditor alone sees only the audit trail). */
export function showToolbar(me: MeResponse, can: Abilities): void {
  element('toolbar', HTMLDivElement).hidden = false;
  for (const item of document.querySelectorAll<HTMLElement>('[data-ticket-work]')) item.hidden = !can.tickets;
  element('toolbar-tools', HTMLDivElement).hidden = !can.tickets;
  element('view-audit-item', HTMLLIElement).hidden = !can.audits;
  element('view-subject-item', HTMLLIElement).hidden = !can.audits;
  // The mailroom's views (a mailroom member alone sees only these).
  element('view-post-item', HTMLLIElement).hidden = !can.mailroom;
  element('view-letters-item', HTMLLIElement).hidden = !can.mailroom;
  element('view-review-item', HTMLLIElement).hidden = !can.supervises;
  element('view-knowledge-item', HTMLLIElement).hidden = !can.edits;
  element('view-questions-item', HTMLLIElement).hidden = !can.questions;
  element('view-figures-item', HTMLLIElement).hidden = !can.figures;
  element('view-feedback-item', HTMLLIElement).hidden = !can.feedback;
  element('view-data-subjects-item', HTMLLIElement).hidden = !can.dataSubjects;
  // The quarantine is the supervisors' only (the staff API refuses everyone else).
  element('view-quarantine-item', HTMLLIElement).hidden = !can.supervises;
  element('filter-form', HTMLFormElement).hidden = me.competences.length < 2;
}

/** The unit filter's choices in `language`, keeping the unit of the list shown. */
export function fillFilter(me: MeResponse, listRoute: Route, language: Language): void {
  const choice = element('filter-competence', HTMLSelectElement);
  const selected =
    listRoute.kind === 'worklist' || listRoute.kind === 'quarantine'
      ? (unitOf(listRoute) ?? '')
      : choice.value;
  for (const option of Array.from(choice.options)) if (option.value !== '') option.remove();
  for (const unit of me.competences) {
    choice.append(h('option', { attributes: { value: unit.id } }, unit.name[language]));
  }
  choice.value = selected;
}

/** Marks the current view's link, and keeps the unit filter in the other worklists' links. */
export function markCurrentView(route: Route, listRoute: Route, language: Language): void {
  const current =
    route.kind === 'worklist' ? route.view : route.kind === 'quarantine' ? 'quarantine' : undefined;
  const competence = unitOf(listRoute);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-view]')) {
    const kind = link.dataset.view;
    let target: Route;
    let isCurrent: boolean;
    if (
      kind === 'audit' ||
      kind === 'subject' ||
      kind === 'post' ||
      kind === 'call' ||
      kind === 'questions' ||
      kind === 'figures' ||
      kind === 'data-subjects'
    ) {
      target = { kind };
      isCurrent = route.kind === kind;
    } else if (kind === 'feedback') {
      target = { kind: 'feedback' };
      isCurrent = route.kind === 'feedback';
    } else if (kind === 'knowledge') {
      target = { kind: 'knowledge', tab: 'articles' };
      isCurrent = route.kind === 'knowledge' || route.kind === 'knowledge-entry';
    } else if (kind === 'letters') {
      target = { kind: 'letters', state: 'pending' };
      isCurrent = route.kind === 'letters' || route.kind === 'letter';
    } else if (kind === 'quarantine') {
      target = competence ? { kind: 'quarantine', competence } : { kind: 'quarantine' };
      isCurrent = current === 'quarantine';
    } else {
      const view = worklistViews.find((candidate) => candidate === kind) ?? 'queue';
      target = competence ? { kind: 'worklist', view, competence } : { kind: 'worklist', view };
      isCurrent = view === current;
    }
    link.href = addressOf(target, language);
    if (isCurrent) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const filter = document.getElementById('filter-competence');
  if (filter instanceof HTMLSelectElement) filter.value = competence ?? '';
}
