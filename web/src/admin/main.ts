/**
 * The staff admin page (`/admin/`): the shell around its views. It signs in, watches the
 * session, keeps the address and the toolbar in step with the view shown, installs the shortcuts,
 * and hands each route to its view (`views/`, `ticket/`), which gets only `AdminShell`. Texts come
 * from `texts.ts` in Latvian or English; whatever comes from a ticket is shown as text (see
 * `dom.ts`, `email-frame.ts`).
 */
import type { Language } from '../../../shared/domain/language.ts';
import { type AuthConfigResponse, type MeResponse, schemas } from '../../../shared/http/staff-contract.ts';
import { browserStorage, initialLanguage, rememberLanguage } from '../language.ts';
import { type Failure, fetchAuthConfig, StaffApi } from './api.ts';
import {
  adminPath,
  completeCodeSignIn,
  finishSignOut,
  forgetToken,
  justRedirectedToSignIn,
  refreshAccessToken,
  revokeSignIn,
  type SignOutReason,
  signInSucceeded,
  startSignIn,
  storedToken,
  takeSignOutReason,
  takeTokenFromAddress,
} from './auth.ts';
import { DataSubjectsView } from './data-subjects/view.ts';
import { element, h } from './dom.ts';
import { FiguresView } from './figures/view.ts';
import { showFieldErrors, validate } from './forms.ts';
import {
  type Abilities,
  abilitiesOf,
  allowedRoute,
  fillFilter,
  hasAnyView,
  markCurrentView,
  showToolbar,
} from './navigation.ts';
import { blockingError, errorView, noTicketWork } from './notices.ts';
import { describeFailure, Notifications, type Translate } from './notifications.ts';
import { addressOf, defaultRoute, memoryOf, type Route, routeFromAddress, sameRoute } from './routes.ts';
import { watchSession } from './session.ts';
import type { SessionTimer } from './session-timer.ts';
import type { AdminShell, Showing, ViewContext } from './shell.ts';
import { installShortcuts, openShortcutHelp } from './shortcuts.ts';
import { busyAttribute, pageTarget, submitAction } from './submit.ts';
import { isTextKey, text } from './texts.ts';
import { TicketController } from './ticket/controller.ts';
import { AuditView } from './views/audit.ts';
import { CallView } from './views/call.ts';
import { FeedbackView } from './views/feedback.ts';
import { KnowledgeView } from './views/knowledge.ts';
import { LettersView } from './views/letters.ts';
import { PostView } from './views/post.ts';
import { QuarantineView } from './views/quarantine.ts';
import { QuestionsView } from './views/questions.ts';
import { SubjectView } from './views/subject.ts';
import { WorklistView } from './views/worklists.ts';

class PageShell implements AdminShell {
  language: Language;
  readonly api: StaffApi;
  readonly #storage = browserStorage();
  readonly #content = element('content', HTMLDivElement);
  readonly #notifications: Notifications;
  #config: AuthConfigResponse | undefined;
  #me: MeResponse | undefined;
  #route: Route = defaultRoute;
  #listRoute: Route = defaultRoute;
  /** Bumped by each navigation, so that a late answer for a view already left is dropped. */
  #generation = 0;
  #timer: SessionTimer | undefined;
  #signingOut = false;
  readonly #views = {
    worklists: new WorklistView(this),
    ticket: new TicketController(this),
    quarantine: new QuarantineView(this),
    audit: new AuditView(this),
    subject: new SubjectView(this),
    post: new PostView(this),
    letters: new LettersView(this),
    call: new CallView(this),
    knowledge: new KnowledgeView(this),
    questions: new QuestionsView(this),
    figures: new FiguresView(this),
    feedback: new FeedbackView(this),
    dataSubjects: new DataSubjectsView(this),
  };

  constructor() {
    this.language = initialLanguage(window.location, this.#storage);
    this.#notifications = new Notifications(
      element('toasts', HTMLDivElement),
      element('alert', HTMLDivElement),
      () => this.t,
    );
    this.api = new StaffApi({
      token: storedToken,
      language: () => this.language,
      onUnauthorized: (code) => this.#signInAgain(code),
      refresh: () => refreshAccessToken(this.#config),
    });
  }

  readonly t: Translate = (key, values) => text(this.language, key, values);

  // ---- What the views get (AdminShell) -----------------------------------------------------

  get context(): ViewContext {
    const me = this.#me;
    if (!me) throw new Error('Not signed in');
    const language = this.language;
    return {
      language,
      t: this.t,
      me,
      unitName: (id) => me.units.find((unit) => unit.id === id)?.name[language] ?? id,
      href: (route) => addressOf(route, language),
    };
  }

  get listRoute(): Route {
    return this.#listRoute;
  }

  get generation(): number {
    return this.#generation;
  }

  get signingOut(): boolean {
    return this.#signingOut;
  }

  isCurrent(generation: number): boolean {
    return generation === this.#generation;
  }

  async navigate(route: Route, options: { readonly focus: boolean }): Promise<void> {
    window.history.pushState(memoryOf(route), '', addressOf(route, this.language));
    await this.#show(route, options);
  }

  render(title: string, view: Node | readonly Node[], focus?: string): void {
    document.title = this.t('page.titleWith', { view: title });
    this.loaded();
    this.#content.replaceChildren(...(Array.isArray(view) ? view : [view as Node]));
    if (focus) document.getElementById(focus)?.focus();
  }

  showFailure(failure: Failure, reference?: string): void {
    this.loaded();
    if (failure.kind === 'unauthorized') return;
    const { t } = this;
    this.render(
      reference ?? t('error.heading'),
      errorView(
        reference ? t('ticket.heading', { reference }) : t('error.heading'),
        describeFailure(failure, t),
        h(
          'p',
          {},
          h('a', { attributes: { href: addressOf(this.#listRoute, this.language) } }, t('ticket.back')),
        ),
      ),
      'view-heading',
    );
  }

  loaded(): void {
    this.#content.removeAttribute('aria-busy');
  }

  toast(message: string): void {
    this.#notifications.toast(message);
  }

  failure(failure: Failure): void {
    this.#notifications.failure(failure);
  }

  alert(lines: readonly string[]): void {
    if (lines.length) this.#notifications.error(lines);
    else this.#notifications.clearError();
  }

  // ---- Start and sign-in --------------------------------------------------------------------

  async start(): Promise<void> {
    const { t } = this;
    this.#applyTexts();
    this.#wireStaticControls();
    takeTokenFromAddress();
    const config = await fetchAuthConfig();
    if (!config.ok) {
      this.#showBlockingError(t('session.configFailed'), t('session.retry'), () => window.location.reload());
      return;
    }
    this.#config = config.value;
    const exchange = await completeCodeSignIn(config.value);
    if (exchange === 'failed') {
      this.#showBlockingError(t('session.signInFailed'), t('session.signInAgain'), () =>
        this.#redirectToSignIn(),
      );
      return;
    }
    if (!storedToken()) {
      await this.#redirectToSignIn();
      return;
    }
    const me = await this.api.me();
    if (!me.ok) {
      if (me.kind !== 'unauthorized')
        this.#showBlockingError(describeFailure(me, t)[0] ?? '', t('session.retry'), () =>
          window.location.reload(),
        );
      return;
    }
    this.#me = me.value;
    signInSucceeded();
    this.#showSession();
    this.#timer = watchSession(me.value, {
      t: () => this.t,
      toast: (message) => this.toast(message),
      onTimeout: (reason) => void this.#signOut(reason),
      reportActivity: () => void this.api.reportActivity(),
    });
    const reason = takeSignOutReason();
    if (reason) this.toast(t(reason === 'idle' ? 'session.signedOut.idle' : 'session.signedOut.expired'));
    const can = this.#can;
    if (!hasAnyView(can)) {
      this.#showNoTicketWork();
      return;
    }
    showToolbar(me.value, can);
    fillFilter(me.value, this.#listRoute, this.language);
    window.addEventListener('popstate', () => {
      // The skip link (`#main`) changes only the fragment, in an entry without state: the search's
      // words are then the page's own, and there is no new view to load.
      const memory = window.history.state ?? memoryOf(this.#route);
      const route = allowedRoute(routeFromAddress(window.location, memory), this.#can);
      if (JSON.stringify(route) === JSON.stringify(this.#route)) return;
      void this.#show(route, { focus: true });
    });
    if (can.tickets) this.#startTicketWork();
    await this.#show(allowedRoute(routeFromAddress(window.location, window.history.state), can), {
      focus: false,
      replace: true,
    });
  }

  get #can(): Abilities {
    return abilitiesOf(this.#me);
  }

  #startTicketWork(): void {
    this.#views.ticket.loadTemplates();
    installShortcuts(
      {
        takeNext: () => void this.#takeNext(),
        reply: () => this.#focusField('reply-text'),
        note: () => this.#focusField('note-text'),
        search: () => element('search-input', HTMLInputElement).focus(),
        help: () => openShortcutHelp(this.t),
        go: (view) => {
          if (view === 'review' && !this.#can.supervises) {
            this.toast(this.t('shortcuts.unavailable'));
            return;
          }
          const competence = this.#listRoute.kind === 'worklist' ? this.#listRoute.competence : undefined;
          void this.navigate(
            competence ? { kind: 'worklist', view, competence } : { kind: 'worklist', view },
            {
              focus: true,
            },
          );
        },
      },
      () => this.#me !== undefined && !this.#signingOut,
    );
  }

  async #redirectToSignIn(): Promise<void> {
    if (!this.#config) return;
    this.#content.replaceChildren(h('p', { class: 'loading' }, this.t('page.signingIn')));
    await startSignIn(this.#config);
  }

  /**
   * A 401 a renewed token did not cure. When the API ended the session (signed out elsewhere, or
   * idle by the server's clock) the person is told why and signs in by choice; else straight back.
   */
  #signInAgain(code?: string): void {
    if (this.#signingOut) return;
    this.#timer?.stop();
    if (code === 'SessionIdle' || code === 'SessionRevoked') {
      // No new token of this sign-in: its refresh token is revoked too.
      revokeSignIn(this.#config);
      this.#views.ticket.stopPolling();
      this.#showBlockingError(this.t(`session.ended.${code}`), this.t('session.signInAgain'), () =>
        this.#redirectToSignIn(),
      );
      return;
    }
    forgetToken();
    // Straight back from signing in and refused again: stop, rather than bounce for ever.
    if (justRedirectedToSignIn()) {
      this.#showBlockingError(this.t('session.signInLoop'), this.t('session.signInAgain'), () =>
        this.#redirectToSignIn(),
      );
      return;
    }
    void this.#redirectToSignIn();
  }

  async #signOut(reason?: SignOutReason): Promise<void> {
    if (this.#signingOut) return;
    this.#signingOut = true;
    this.#timer?.stop();
    this.#views.ticket.stopPolling();
    await this.api.signOut().catch(() => undefined);
    finishSignOut(this.#config, reason);
  }

  #showSession(): void {
    const me = this.#me;
    if (!me) return;
    element('session-user', HTMLElement).textContent = me.username;
    element('session-roles', HTMLElement).textContent = me.roles.length
      ? `(${me.roles.map((role) => this.t(`role.${role}`)).join(', ')})`
      : '';
    element('session', HTMLDivElement).hidden = false;
  }

  #showNoTicketWork(): void {
    if (!this.#me) return;
    document.title = this.t('page.titleWith', { view: this.t('noWork.heading') });
    this.#content.replaceChildren(noTicketWork(this.#me, this.t));
  }

  #showBlockingError(message: string, actionLabel: string, action: () => void): void {
    this.#content.replaceChildren(blockingError(message, actionLabel, action, this.t));
    document.getElementById('view-heading')?.focus();
  }

  // ---- The page's fixed parts -----------------------------------------------------------------

  #applyTexts(): void {
    document.documentElement.lang = this.language;
    for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
      const key = node.dataset.text ?? '';
      if (isTextKey(key)) node.textContent = this.t(key);
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
      if (link.dataset.language === this.language) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    markCurrentView(this.#route, this.#listRoute, this.language);
  }

  #wireStaticControls(): void {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
      link.addEventListener('click', (event) => {
        const language = link.dataset.language;
        if (language !== 'lv' && language !== 'en') return;
        event.preventDefault();
        void this.#switchLanguage(language);
      });
    }
    element('sign-out', HTMLButtonElement).addEventListener('click', () => void this.#signOut());
    element('take-next', HTMLButtonElement).addEventListener('click', () => void this.#takeNext());
    element('shortcuts-button', HTMLButtonElement).addEventListener('click', () => openShortcutHelp(this.t));
    element('search-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      this.#search();
    });
    element('filter-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      const value = element('filter-competence', HTMLSelectElement).value;
      const competence = this.#me?.competences.find((unit) => unit.id === value)?.id;
      const route: Route =
        this.#listRoute.kind === 'quarantine'
          ? { kind: 'quarantine', ...(competence ? { competence } : {}) }
          : {
              kind: 'worklist',
              view: this.#listRoute.kind === 'worklist' ? this.#listRoute.view : 'queue',
              ...(competence ? { competence } : {}),
            };
      void this.navigate(route, { focus: true });
    });
    // Links inside the page change the view without reloading it (and keep the token in memory).
    document.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      // In-page anchors (the skip link) keep the browser's own behaviour.
      if (!link || link.target || link.hasAttribute('download') || link.dataset.language) return;
      if (link.getAttribute('href')?.startsWith('#')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== adminPath || !this.#me) return;
      event.preventDefault();
      const fromNavigation = link.closest('.views') !== null;
      // A link back to the search results: their words are the page's, not the link's.
      void this.navigate(routeFromAddress(url, memoryOf(this.#listRoute)), { focus: !fromNavigation });
    });
  }

  async #switchLanguage(language: Language): Promise<void> {
    this.language = language;
    rememberLanguage(language, this.#storage);
    this.#applyTexts();
    this.#showSession();
    if (this.#me) fillFilter(this.#me, this.#listRoute, language);
    window.history.replaceState(window.history.state, '', addressOf(this.#route, language));
    if (!this.#me) return;
    const can = this.#can;
    if (!hasAnyView(can)) {
      this.#showNoTicketWork();
      return;
    }
    // The server words history entries and errors in the page's language: fetch again.
    this.#views.ticket.forgetRelated();
    await this.#show(this.#route, { focus: false, replace: true, keepContent: true });
  }

  /** Starts a navigation to `route`: the address, the toolbar, and a new generation. */
  #enter(route: Route): number {
    const generation = ++this.#generation;
    this.#views.ticket.stopPolling();
    const changedTicket =
      this.#route.kind !== 'ticket' || route.kind !== 'ticket' || !sameRoute(route, this.#route);
    this.#route = route;
    // The lists a back link returns to: worklists, search results, the quarantine, the letters.
    if (
      route.kind === 'worklist' ||
      route.kind === 'search' ||
      route.kind === 'quarantine' ||
      route.kind === 'letters'
    )
      this.#listRoute = route;
    if (changedTicket) this.#views.ticket.forgetRelated();
    markCurrentView(this.#route, this.#listRoute, this.language);
    this.#notifications.clearError();
    return generation;
  }

  async #show(
    route: Route,
    options: { focus: boolean; replace?: boolean; keepContent?: boolean },
  ): Promise<void> {
    const generation = this.#enter(route);
    if (options.replace) window.history.replaceState(memoryOf(route), '', addressOf(route, this.language));
    this.#content.setAttribute('aria-busy', 'true');
    if (!options.keepContent)
      this.#content.replaceChildren(h('p', { class: 'loading' }, this.t('page.loading')));
    const showing: Showing = { generation, focus: options.focus, keepContent: options.keepContent ?? false };
    const views = this.#views;
    switch (route.kind) {
      case 'worklist':
      case 'search':
        return views.worklists.show(route, showing);
      case 'ticket':
        return views.ticket.show(route, showing);
      case 'quarantine':
      case 'quarantined':
        return views.quarantine.show(route, showing);
      case 'audit':
        return views.audit.show(showing);
      case 'subject':
        return views.subject.show(showing);
      case 'post':
        return views.post.show(showing);
      case 'letters':
      case 'letter':
        return views.letters.show(route, showing);
      case 'call':
        return views.call.show(showing);
      case 'knowledge':
      case 'knowledge-entry':
        return views.knowledge.show(route, showing);
      case 'questions':
        return views.questions.show(showing);
      case 'figures':
        return views.figures.show(showing);
      case 'feedback':
        return views.feedback.show(route, showing);
      case 'data-subjects':
        return views.dataSubjects.show(showing);
    }
  }

  // ---- Toolbar and shortcuts ------------------------------------------------------------------

  async #takeNext(): Promise<void> {
    const { t } = this;
    const button = element('take-next', HTMLButtonElement);
    await submitAction(this, {
      target: pageTarget((lines) => this.alert(lines), busyAttribute(button, 'aria-disabled')),
      send: () =>
        this.api.takeNext(this.#listRoute.kind === 'worklist' ? this.#listRoute.competence : undefined),
      done: async ({ ticket }) => {
        if (!ticket) {
          this.toast(t('takeNext.none'));
          return;
        }
        const route: Route = { kind: 'ticket', reference: ticket.reference };
        window.history.pushState(null, '', addressOf(route, this.language));
        this.#enter(route);
        await this.#views.ticket.showTaken(ticket);
        this.toast(t('takeNext.taken', { reference: ticket.reference }));
      },
    });
  }

  #search(): void {
    const input = element('search-input', HTMLInputElement);
    const form = element('search-form', HTMLFormElement);
    const query = input.value.trim();
    const errors = validate(schemas.search, { q: query }, this.t).map((error) => ({
      ...error,
      message: this.t('search.tooShort'),
    }));
    showFieldErrors(form, errors, this.t);
    if (errors.length) return;
    void this.navigate({ kind: 'search', query }, { focus: true });
  }

  #focusField(id: string): void {
    const control = document.getElementById(id);
    if (control) {
      control.scrollIntoView({ block: 'center' });
      control.focus();
    } else {
      this.toast(this.t('shortcuts.unavailable'));
    }
  }
}

function start(): void {
  void new PageShell().start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
