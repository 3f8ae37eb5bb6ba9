/**
 * The staff admin page (`/admin/`): signs in, shows the worklists, one ticket at a time with its
 * conversation, and the actions the staff API allows. Texts come from `texts.ts` in Latvian or
 * English; whatever comes from a ticket is shown as text (see `dom.ts`, `email-frame.ts`).
 */
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import { scanContentTypes } from '../../../shared/domain/scan-type.ts';
import type { Language } from '../../../shared/domain/topics.ts';
import {
  type AnswerTemplate,
  type AuditRecordView,
  type AuthConfigResponse,
  type LetterResponse,
  type LogCallResponse,
  type MeResponse,
  type PostRegistrationView,
  type QuarantineDetail,
  type SubjectReportResponse,
  schemas,
  type TicketDetail,
  type TicketListResponse,
  type WorklistViewName,
  worklistViews,
} from '../../../shared/http/staff-contract.ts';
import { IdempotencyKeys } from '../idempotency-key.ts';
import { browserStorage, initialLanguage, rememberLanguage } from '../language.ts';
import {
  type Failure,
  type FieldError,
  fetchAuthConfig,
  type LetterState,
  type Result,
  StaffApi,
  type TicketActionPath,
  uploadFile,
} from './api.ts';
import {
  type AuditFormValues,
  auditFilters,
  auditView,
  emptyAuditForm,
  emptySubjectForm,
  type SubjectFormValues,
  saveFile,
  subjectFilters,
  subjectView,
} from './audit-view.ts';
import {
  adminPath,
  completeCodeSignIn,
  finishSignOut,
  forgetToken,
  justRedirectedToSignIn,
  type SignOutReason,
  signInSucceeded,
  startSignIn,
  storedToken,
  takeSignOutReason,
  takeTokenFromAddress,
} from './auth.ts';
import {
  type CallFormValues,
  callBody,
  callFieldWords,
  callView,
  emptyCallForm,
  loggedCall,
} from './call-view.ts';
import { type OpenDialog, openDialog } from './dialogs.ts';
import { element, h } from './dom.ts';
import { formatLongDate, todayInRiga } from './format.ts';
import { field, select, showFieldErrors, textarea, validate, validateNested } from './forms.ts';
import { lettersView, letterView } from './letters-view.ts';
import { describeFailure, Notifications, type Translate } from './notifications.ts';
import {
  acceptedResult,
  checkScan,
  emptyPostForm,
  type PostFormValues,
  pendingResult,
  postFieldWords,
  postView,
  registrationBody,
  registrationsSection,
} from './post-view.ts';
import { quarantineListView, quarantineMailView } from './quarantine-view.ts';
import { attachmentTypeOf, fileProblems } from './reply-files.ts';
import { addressOf, defaultRoute, type Route, routeFromAddress, sameRoute } from './routes.ts';
import { SessionTimer } from './session-timer.ts';
import { installShortcuts, shortcutList } from './shortcuts.ts';
import { isTextKey, type TextKey, text } from './texts.ts';
import { type Draft, deliveryText, emptyDraft, ticketView } from './ticket-view.ts';
import { listView, type ViewContext } from './worklist-view.ts';

const deliveryPollMs = 3000;
const deliveryPollAttempts = 40;
/** After a scan's upload, its registration is looked at every second for up to a minute. */
/**
 * Waits between looks at a new registration: soon at first (a scan is usually checked within a
 * second or two), then less often — each look is an audited read — for about a minute in all.
 */
const registrationPollDelaysMs = [700, 1000, 1500, 2000, 3000, 5000, 8000, 8000, 8000, 8000, 8000];

class AdminPage {
  language: Language;
  readonly #storage = browserStorage();
  readonly #content = element('content', HTMLDivElement);
  readonly #notifications: Notifications;
  readonly #api: StaffApi;
  #config: AuthConfigResponse | undefined;
  #me: MeResponse | undefined;
  #route: Route = defaultRoute;
  /** The list the back link of a ticket returns to. */
  #listRoute: Route = defaultRoute;
  #ticket: TicketDetail | undefined;
  #templates: Promise<readonly AnswerTemplate[]> = Promise.resolve([]);
  #related = new Map<string, Promise<Result<TicketListResponse>>>();
  readonly #drafts = new Map<string, Draft>();
  readonly #remoteImages = new Map<string, Set<string>>();
  /** Bumped by each navigation, so that a late answer for a view already left is dropped. */
  #renderGeneration = 0;
  #poll: number | undefined;
  #timer: SessionTimer | undefined;
  #idleDialog: OpenDialog | undefined;
  #signingOut = false;
  /** The auditor's views keep their form and results while the person looks elsewhere. */
  #audit: { values: AuditFormValues; result?: { records: AuditRecordView[]; cursor?: string } } = {
    values: emptyAuditForm,
  };
  #subject: { values: SubjectFormValues; report?: SubjectReportResponse } = { values: emptySubjectForm };
  /** The mailroom's registration form as typed, and the call form with the call logged last. */
  #post: { values: PostFormValues } = { values: emptyPostForm() };
  #call: { values: CallFormValues; logged?: LogCallResponse } = { values: emptyCallForm };
  /** One key per call (and letter) as typed: a retry of the same one makes no second ticket. */
  readonly #callKeys = new IdempotencyKeys();
  readonly #postKeys = new IdempotencyKeys();

  constructor() {
    this.language = initialLanguage(window.location, this.#storage);
    this.#notifications = new Notifications(
      element('toasts', HTMLDivElement),
      element('alert', HTMLDivElement),
      () => this.t,
    );
    this.#api = new StaffApi({
      token: storedToken,
      language: () => this.language,
      onUnauthorized: () => this.#signInAgain(),
    });
  }

  readonly t: Translate = (key, values) => text(this.language, key, values);

  async start(): Promise<void> {
    this.#applyTexts();
    this.#wireStaticControls();
    takeTokenFromAddress();
    const config = await fetchAuthConfig();
    if (!config.ok) {
      this.#showBlockingError(this.t('session.configFailed'), this.t('session.retry'), () =>
        window.location.reload(),
      );
      return;
    }
    this.#config = config.value;
    const exchange = await completeCodeSignIn(config.value);
    if (exchange === 'failed') {
      this.#showBlockingError(this.t('session.signInFailed'), this.t('session.signInAgain'), () =>
        this.#redirectToSignIn(),
      );
      return;
    }
    if (!storedToken()) {
      await this.#redirectToSignIn();
      return;
    }
    const me = await this.#api.me();
    if (!me.ok) {
      if (me.kind !== 'unauthorized')
        this.#showBlockingError(describeFailure(me, this.t)[0] ?? '', this.t('session.retry'), () =>
          window.location.reload(),
        );
      return;
    }
    this.#me = me.value;
    signInSucceeded();
    this.#showSession();
    this.#startTimer();
    const reason = takeSignOutReason();
    if (reason)
      this.#notifications.toast(
        this.t(reason === 'idle' ? 'session.signedOut.idle' : 'session.signedOut.expired'),
      );
    if (!this.#worksTickets && !this.#audits && !this.#mailroom) {
      this.#showNoTicketWork();
      return;
    }
    this.#showToolbar();
    window.addEventListener('popstate', () => {
      const route = this.#allowedRoute(routeFromAddress(window.location));
      // The skip link (`#main`) changes only the fragment: that is no new view to load.
      if (JSON.stringify(route) === JSON.stringify(this.#route)) return;
      void this.#show(route, { focus: true });
    });
    if (this.#worksTickets) this.#startTicketWork();
    await this.#show(this.#allowedRoute(routeFromAddress(window.location)), { focus: false, replace: true });
  }

  get #worksTickets(): boolean {
    return (this.#me?.competences.length ?? 0) > 0;
  }

  get #audits(): boolean {
    return this.#me?.roles.includes('auditor') ?? false;
  }

  get #mailroom(): boolean {
    return this.#me?.roles.includes('mailroom') ?? false;
  }

  /** Where the person starts: the queue, else the audit trail, else the post registration. */
  get #homeRoute(): Route {
    if (this.#worksTickets) return defaultRoute;
    if (this.#audits) return { kind: 'audit' };
    return this.#mailroom ? { kind: 'post' } : defaultRoute;
  }

  /** The route if the person may see it; else where they start. */
  #allowedRoute(route: Route): Route {
    if (route.kind === 'audit' || route.kind === 'subject') return this.#audits ? route : this.#homeRoute;
    if (route.kind === 'post' || route.kind === 'letters' || route.kind === 'letter')
      return this.#mailroom ? route : this.#homeRoute;
    return this.#worksTickets ? route : this.#homeRoute;
  }

  #startTicketWork(): void {
    this.#templates = this.#api.templates().then((result) => (result.ok ? result.value.templates : []));
    installShortcuts(
      {
        takeNext: () => void this.#takeNext(),
        reply: () => this.#focusField('reply-text'),
        note: () => this.#focusField('note-text'),
        search: () => element('search-input', HTMLInputElement).focus(),
        help: () => this.#openShortcutHelp(),
        go: (view) => this.#go(view),
      },
      () => this.#me !== undefined && !this.#signingOut,
    );
  }

  // ---- Sign-in and the session -------------------------------------------------------------

  async #redirectToSignIn(): Promise<void> {
    if (!this.#config) return;
    this.#content.replaceChildren(h('p', { class: 'loading' }, this.t('page.signingIn')));
    await startSignIn(this.#config);
  }

  /** A 401: the token was refused or has expired. */
  #signInAgain(): void {
    if (this.#signingOut) return;
    forgetToken();
    this.#timer?.stop();
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
    window.clearTimeout(this.#poll);
    await this.#api.signOut().catch(() => undefined);
    finishSignOut(this.#config, reason);
  }

  #startTimer(): void {
    const me = this.#me;
    if (!me) return;
    const expiresAt = Date.parse(me.sessionExpiresAt);
    this.#timer = new SessionTimer({
      idleTimeoutMs: me.idleTimeoutMinutes * 60_000,
      expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt,
      onIdleWarning: () => {
        this.#idleDialog = openDialog({
          id: 'idle-dialog',
          role: 'alertdialog',
          title: this.t('session.idleWarning.title'),
          description: [h('p', {}, this.t('session.idleWarning.text'))],
          closeLabel: this.t('session.idleWarning.continue'),
          t: this.t,
          onClose: () => {
            this.#idleDialog = undefined;
            this.#timer?.activity(true);
          },
        });
      },
      onIdleWarningCleared: () => {
        if (!this.#idleDialog) return;
        this.#idleDialog.close();
        this.#notifications.toast(this.t('session.continued'));
      },
      onExpiryWarning: () => {
        openDialog({
          id: 'expiry-dialog',
          role: 'alertdialog',
          title: this.t('session.expiryWarning.title'),
          description: [h('p', {}, this.t('session.expiryWarning.text'))],
          closeLabel: this.t('session.expiryWarning.ok'),
          t: this.t,
        });
      },
      onTimeout: (reason) => void this.#signOut(reason),
    });
    this.#timer.start();
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
    const me = this.#me;
    if (!me) return;
    document.title = this.t('page.titleWith', { view: this.t('noWork.heading') });
    const lines = (['auditor', 'admin'] as const)
      .filter((role) => me.roles.includes(role))
      .map((role) => this.t(`noWork.${role}`));
    // An agent or supervisor here has no unit yet; someone with no role at all needs one too.
    if (me.roles.includes('agent') || me.roles.includes('supervisor') || lines.length === 0) {
      lines.push(this.t('noWork.agent'));
    }
    this.#content.replaceChildren(
      h(
        'section',
        { class: 'no-work', attributes: { 'aria-labelledby': 'view-heading' } },
        h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, this.t('noWork.heading')),
        h('p', {}, this.t('noWork.intro')),
        h('ul', { class: 'plain-list no-work__list' }, ...lines.map((line) => h('li', {}, line))),
      ),
    );
  }

  #showBlockingError(message: string, actionLabel: string, action: () => void): void {
    this.#content.replaceChildren(
      h(
        'section',
        { class: 'notice notice--error', attributes: { 'aria-labelledby': 'view-heading' } },
        h(
          'h1',
          { id: 'view-heading', class: 'notice__title', attributes: { tabindex: '-1' } },
          this.t('error.heading'),
        ),
        h('p', {}, message),
        h('button', { class: 'button', attributes: { type: 'button' }, on: { click: action } }, actionLabel),
      ),
    );
    document.getElementById('view-heading')?.focus();
  }

  // ---- Static parts of the page ------------------------------------------------------------

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
    this.#markCurrentView();
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
    element('shortcuts-button', HTMLButtonElement).addEventListener('click', () => this.#openShortcutHelp());
    element('search-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      this.#search();
    });
    element('filter-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      const value = element('filter-competence', HTMLSelectElement).value;
      const competence = this.#me?.competences.find((unit) => unit.id === value)?.id;
      if (this.#listRoute.kind === 'quarantine') {
        void this.#navigate(competence ? { kind: 'quarantine', competence } : { kind: 'quarantine' }, {
          focus: true,
        });
        return;
      }
      const view = this.#listRoute.kind === 'worklist' ? this.#listRoute.view : 'queue';
      void this.#navigate(competence ? { kind: 'worklist', view, competence } : { kind: 'worklist', view }, {
        focus: true,
      });
    });
    // Links inside the page change the view without reloading it (and keep the token in memory).
    document.addEventListener('click', (event) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.ctrlKey ||
        event.metaKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      // In-page anchors (the skip link) keep the browser's own behaviour.
      if (!link || link.target || link.hasAttribute('download') || link.dataset.language) return;
      if (link.getAttribute('href')?.startsWith('#')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== adminPath || !this.#me) return;
      event.preventDefault();
      const fromNavigation = link.closest('.views') !== null;
      void this.#navigate(routeFromAddress(url), { focus: !fromNavigation });
    });
  }

  #showToolbar(): void {
    const me = this.#me;
    if (!me) return;
    element('toolbar', HTMLDivElement).hidden = false;
    // Ticket work and the audit trail each for those who have them (an auditor alone sees only the latter).
    for (const item of document.querySelectorAll<HTMLElement>('[data-ticket-work]'))
      item.hidden = !this.#worksTickets;
    element('toolbar-tools', HTMLDivElement).hidden = !this.#worksTickets;
    element('view-audit-item', HTMLLIElement).hidden = !this.#audits;
    element('view-subject-item', HTMLLIElement).hidden = !this.#audits;
    // The mailroom's views (a mailroom member alone sees only these).
    element('view-post-item', HTMLLIElement).hidden = !this.#mailroom;
    element('view-letters-item', HTMLLIElement).hidden = !this.#mailroom;
    element('view-review-item', HTMLLIElement).hidden = !me.competences.some((unit) => unit.supervisor);
    // The quarantine is the supervisors' only (the staff API refuses everyone else).
    element('view-quarantine-item', HTMLLIElement).hidden = !me.competences.some((unit) => unit.supervisor);
    const filter = element('filter-form', HTMLFormElement);
    filter.hidden = me.competences.length < 2;
    this.#fillFilter();
  }

  #fillFilter(): void {
    const me = this.#me;
    if (!me) return;
    const choice = element('filter-competence', HTMLSelectElement);
    const selected =
      this.#listRoute.kind === 'worklist' || this.#listRoute.kind === 'quarantine'
        ? (this.#listRoute.competence ?? '')
        : choice.value;
    for (const option of Array.from(choice.options)) if (option.value !== '') option.remove();
    for (const unit of me.competences) {
      choice.append(h('option', { attributes: { value: unit.id } }, unit.name[this.language]));
    }
    choice.value = selected;
  }

  async #switchLanguage(language: Language): Promise<void> {
    this.language = language;
    rememberLanguage(language, this.#storage);
    this.#applyTexts();
    this.#showSession();
    this.#fillFilter();
    window.history.replaceState(window.history.state, '', addressOf(this.#route, language));
    if (!this.#me) return;
    if (!this.#worksTickets && !this.#audits && !this.#mailroom) {
      this.#showNoTicketWork();
      return;
    }
    // The server words history entries and errors in the page's language: fetch again.
    this.#related.clear();
    await this.#show(this.#route, { focus: false, replace: true, keepContent: true });
  }

  // ---- Views ------------------------------------------------------------------------------

  get #context(): ViewContext {
    const me = this.#me;
    if (!me) throw new Error('Not signed in');
    return {
      language: this.language,
      t: this.t,
      me,
      unitName: (id) => me.units.find((unit) => unit.id === id)?.name[this.language] ?? id,
      href: (route) => addressOf(route, this.language),
    };
  }

  async #navigate(route: Route, options: { focus: boolean }): Promise<void> {
    window.history.pushState(null, '', addressOf(route, this.language));
    await this.#show(route, options);
  }

  #go(view: WorklistViewName): void {
    if (view === 'review' && !this.#me?.competences.some((unit) => unit.supervisor)) {
      this.#notifications.toast(this.t('shortcuts.unavailable'));
      return;
    }
    const competence = this.#listRoute.kind === 'worklist' ? this.#listRoute.competence : undefined;
    void this.#navigate(competence ? { kind: 'worklist', view, competence } : { kind: 'worklist', view }, {
      focus: true,
    });
  }

  async #show(
    route: Route,
    options: { focus: boolean; replace?: boolean; keepContent?: boolean },
  ): Promise<void> {
    const generation = ++this.#renderGeneration;
    window.clearTimeout(this.#poll);
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
    if (changedTicket) this.#related.clear();
    if (options.replace) window.history.replaceState(null, '', addressOf(route, this.language));
    this.#markCurrentView();
    this.#notifications.clearError();
    this.#content.setAttribute('aria-busy', 'true');
    if (!options.keepContent)
      this.#content.replaceChildren(h('p', { class: 'loading' }, this.t('page.loading')));

    if (route.kind === 'quarantine' || route.kind === 'quarantined') {
      await this.#showQuarantine(route, generation, options.focus);
      return;
    }

    if (route.kind === 'audit') {
      await this.#showAudit(generation, options.focus);
      return;
    }
    if (route.kind === 'subject') {
      this.#content.removeAttribute('aria-busy');
      this.#renderSubject({ focus: options.focus ? 'view-heading' : undefined });
      return;
    }

    if (route.kind === 'post') {
      await this.#showPost(generation, options.focus);
      return;
    }
    if (route.kind === 'letters') {
      await this.#showLetters(route.state, generation, options.focus);
      return;
    }
    if (route.kind === 'letter') {
      await this.#showLetter(route, generation, options.focus);
      return;
    }
    if (route.kind === 'call') {
      this.#content.removeAttribute('aria-busy');
      // The call logged last is shown until the person leaves the view (a language switch keeps it).
      if (!options.keepContent) this.#call.logged = undefined;
      this.#renderCall(options.focus ? 'view-heading' : undefined);
      return;
    }

    if (route.kind === 'ticket') {
      const [result, templates] = await Promise.all([this.#api.ticket(route.reference), this.#templates]);
      if (generation !== this.#renderGeneration) return;
      this.#content.removeAttribute('aria-busy');
      if (!result.ok) return this.#showFailure(result, route.reference);
      this.#renderTicket(result.value.ticket, templates, { focusHeading: options.focus });
      return;
    }

    const result =
      route.kind === 'search'
        ? await this.#api.search(route.query)
        : await this.#api.worklist(route.view, route.competence);
    if (generation !== this.#renderGeneration) return;
    this.#content.removeAttribute('aria-busy');
    if (!result.ok) return this.#showFailure(result);
    const heading =
      route.kind === 'search'
        ? this.t('search.heading', { query: route.query })
        : this.#worklistHeading(route);
    document.title = this.t('page.titleWith', { view: heading });
    this.#content.replaceChildren(
      listView({
        heading,
        ...(route.kind === 'worklist' ? { intro: this.t(`view.${route.view}.intro`) } : {}),
        items: result.value.items,
        cursor: result.value.cursor,
        emptyText: this.t(route.kind === 'search' ? 'search.none' : 'list.empty'),
        context: this.#context,
        onMore: async (cursor) => {
          if (route.kind !== 'worklist') return undefined;
          const page = await this.#api.worklist(route.view, route.competence, cursor);
          if (!page.ok) {
            this.#notifications.failure(page);
            return undefined;
          }
          this.#notifications.toast(this.t('list.loaded', { count: String(page.value.items.length) }));
          return page.value;
        },
      }),
    );
    if (options.focus) document.getElementById('view-heading')?.focus();
  }

  #worklistHeading(route: Route & { kind: 'worklist' }): string {
    const view = this.t(`view.${route.view}`);
    return route.competence ? `${view}: ${this.#context.unitName(route.competence)}` : view;
  }

  /** Marks the current worklist, and keeps the unit filter in the other worklists' links. */
  #markCurrentView(): void {
    const current =
      this.#route.kind === 'worklist'
        ? this.#route.view
        : this.#route.kind === 'quarantine'
          ? 'quarantine'
          : undefined;
    const competence =
      this.#listRoute.kind === 'worklist' || this.#listRoute.kind === 'quarantine'
        ? this.#listRoute.competence
        : undefined;
    for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-view]')) {
      const kind = link.dataset.view;
      if (kind === 'audit' || kind === 'subject' || kind === 'post' || kind === 'call') {
        link.href = addressOf({ kind }, this.language);
        if (this.#route.kind === kind) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
        continue;
      }
      if (kind === 'letters') {
        link.href = addressOf({ kind: 'letters', state: 'pending' }, this.language);
        if (this.#route.kind === 'letters' || this.#route.kind === 'letter')
          link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
        continue;
      }
      if (link.dataset.view === 'quarantine') {
        link.href = addressOf(
          competence ? { kind: 'quarantine', competence } : { kind: 'quarantine' },
          this.language,
        );
        if (current === 'quarantine') link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
        continue;
      }
      const view = worklistViews.find((candidate) => candidate === link.dataset.view) ?? 'queue';
      link.href = addressOf(
        competence ? { kind: 'worklist', view, competence } : { kind: 'worklist', view },
        this.language,
      );
      if (view === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const filter = document.getElementById('filter-competence');
    if (filter instanceof HTMLSelectElement) filter.value = competence ?? '';
  }

  // ---- The audit trail and the data-subject report (auditors) ------------------------------

  /** The audit view; the first time, with the last 24 hours already listed. */
  async #showAudit(generation: number, focus: boolean): Promise<void> {
    if (!this.#audit.result) {
      const result = await this.#api.audit(auditFilters(this.#audit.values));
      if (generation !== this.#renderGeneration) return;
      if (result.ok) this.#audit.result = { ...result.value, records: [...result.value.records] };
      else this.#notifications.failure(result);
    }
    this.#content.removeAttribute('aria-busy');
    this.#renderAudit({ focus: focus ? 'view-heading' : undefined });
  }

  #renderAudit(options: { focus?: string | undefined } = {}): void {
    document.title = this.t('page.titleWith', { view: this.t('view.audit') });
    const { result } = this.#audit;
    this.#content.replaceChildren(
      auditView({
        context: this.#context,
        values: this.#audit.values,
        ...(result ? { result } : {}),
        onSearch: (values, form) => void this.#searchAudit(values, form),
        onDownload: (values, form, button) =>
          void this.#download(button, form, () => this.#api.auditCsv('audit', auditFilters(values))),
        onMore: async (cursor) => {
          const page = await this.#api.audit(auditFilters(this.#audit.values), cursor);
          if (!page.ok) {
            this.#notifications.failure(page);
            return undefined;
          }
          this.#audit.result?.records.push(...page.value.records);
          if (this.#audit.result) this.#audit.result.cursor = page.value.cursor;
          this.#notifications.toast(this.t('list.loaded', { count: String(page.value.records.length) }));
          return { items: page.value.records, ...(page.value.cursor ? { cursor: page.value.cursor } : {}) };
        },
      }),
    );
    if (options.focus) document.getElementById(options.focus)?.focus();
  }

  async #searchAudit(values: AuditFormValues, form: HTMLFormElement): Promise<void> {
    this.#audit.values = values;
    this.#notifications.clearError();
    const result = await this.#api.audit(auditFilters(values));
    if (!result.ok) {
      if (result.kind === 'invalid') showFieldErrors(form, result.errors, this.t);
      else this.#notifications.failure(result);
      return;
    }
    this.#audit.result = { ...result.value, records: [...result.value.records] };
    this.#renderAudit({ focus: 'audit-results-heading' });
  }

  #renderSubject(options: { focus?: string | undefined } = {}): void {
    document.title = this.t('page.titleWith', { view: this.t('view.subject') });
    const { report } = this.#subject;
    this.#content.replaceChildren(
      subjectView({
        context: this.#context,
        values: this.#subject.values,
        ...(report ? { report } : {}),
        onSubmit: (values, form) => void this.#subjectReport(values, form),
        onDownload: (values, form, button) =>
          void this.#download(button, form, () => this.#api.auditCsv('subject', subjectFilters(values))),
      }),
    );
    if (options.focus) document.getElementById(options.focus)?.focus();
  }

  async #subjectReport(values: SubjectFormValues, form: HTMLFormElement): Promise<void> {
    this.#notifications.clearError();
    const result = await this.#api.subjectReport(subjectFilters(values));
    if (!result.ok) {
      if (result.kind === 'invalid') showFieldErrors(form, result.errors, this.t);
      else this.#notifications.failure(result);
      return;
    }
    this.#subject = { values, report: result.value };
    this.#renderSubject({ focus: 'subject-results-heading' });
  }

  /** A CSV export: fetched with the token, then saved from a Blob; the button waits meanwhile. */
  async #download(
    button: HTMLButtonElement,
    form: HTMLFormElement,
    fetchFile: () => ReturnType<StaffApi['auditCsv']>,
  ): Promise<void> {
    this.#notifications.clearError();
    button.setAttribute('aria-disabled', 'true');
    this.#notifications.toast(this.t('audit.downloading'));
    const result = await fetchFile();
    button.removeAttribute('aria-disabled');
    if (!result.ok) {
      if (result.kind === 'invalid') showFieldErrors(form, result.errors, this.t);
      else this.#notifications.failure(result);
      return;
    }
    const { blob, filename, rows, cursor } = result.value;
    saveFile(blob, filename);
    this.#notifications.toast(
      this.t(cursor ? 'audit.downloadedPart' : 'audit.downloaded', { rows: String(rows) }),
    );
  }

  // ---- Post (the mailroom) -------------------------------------------------------------------

  async #showPost(generation: number, focus: boolean): Promise<void> {
    const result = await this.#api.postRegistrations();
    if (generation !== this.#renderGeneration) return;
    this.#content.removeAttribute('aria-busy');
    // The form works without the list: a failed list is said in its place and in the alert.
    if (!result.ok) this.#notifications.failure(result);
    this.#renderPost(result.ok ? result.value : undefined, focus ? 'view-heading' : undefined);
  }

  #renderPost(
    registrations: { readonly items: readonly PostRegistrationView[]; readonly cursor?: string } | undefined,
    focus?: string,
  ): void {
    document.title = this.t('page.titleWith', { view: this.t('view.post') });
    this.#content.replaceChildren(
      postView({
        context: this.#context,
        values: this.#post.values,
        registrations,
        onChange: (values) => {
          this.#post.values = values;
        },
        onFileChosen: (values, fileField) => void this.#checkChosenScan(values, fileField),
        onSubmit: (values, form) => void this.#registerPost(values, form),
        onMore: (cursor) => this.#moreRegistrations(cursor),
      }),
    );
    if (focus) document.getElementById(focus)?.focus();
  }

  async #moreRegistrations(
    cursor: string,
  ): Promise<{ items: readonly PostRegistrationView[]; cursor?: string } | undefined> {
    const page = await this.#api.postRegistrations(cursor);
    if (!page.ok) {
      this.#notifications.failure(page);
      return undefined;
    }
    this.#notifications.toast(this.t('list.loaded', { count: String(page.value.items.length) }));
    return page.value;
  }

  /** Says at once, at the file's field, when the chosen file is no scan (or too large). */
  async #checkChosenScan(values: PostFormValues, fileField: HTMLElement): Promise<void> {
    const checked = values.file ? await checkScan(values.file, this.t) : undefined;
    showFieldErrors(fileField, checked && 'error' in checked ? [checked.error] : [], this.t);
  }

  /**
   * Registers a letter: checks the form and the scan's first bytes here (nothing is sent while
   * anything is wrong), registers it, PUTs the scan to the signed URL, then waits for the scan's
   * check: accepted (the reference), refused (the reason, at the file field), or still pending.
   */
  async #registerPost(values: PostFormValues, form: HTMLFormElement): Promise<void> {
    if (form.getAttribute('aria-busy') === 'true') return;
    const alert = this.#formAlert('post-alert');
    const progress = document.getElementById('post-progress');
    const say = (key?: TextKey) => {
      if (progress) progress.textContent = key ? this.t(key) : '';
    };
    document.getElementById('post-alert')?.replaceChildren();
    document.getElementById('post-result')?.replaceChildren();
    say();
    const checked = await checkScan(values.file, this.t);
    const body = registrationBody(values, 'kind' in checked ? scanContentTypes[checked.kind] : undefined);
    const parsed = schemas.registerPost.safeParse(body);
    const errors: FieldError[] = [
      ...(parsed.success
        ? []
        : validateNested(schemas.registerPost, body, this.t, postFieldWords).filter(
            (error) => error.field !== 'file' && !error.field.startsWith('file.'),
          )),
      ...('error' in checked ? [checked.error] : []),
    ];
    const file = values.file;
    if (errors.length || !parsed.success || !file) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    showFieldErrors(form, [], this.t);
    form.setAttribute('aria-busy', 'true');
    const generation = this.#renderGeneration;
    try {
      say('post.progress.registering');
      const registered = await this.#api.registerPost(parsed.data, this.#postKeys.keyFor(parsed.data));
      if (!registered.ok) {
        say();
        if (registered.kind === 'unauthorized') return;
        if (registered.kind === 'invalid') {
          const unplaced = showFieldErrors(form, atControls(registered.errors), this.t);
          if (unplaced.length) alert(unplaced.map((error) => error.message));
        } else {
          alert(describeFailure(registered, this.t));
        }
        return;
      }
      const { registration, upload } = registered.value;
      let settled: PostRegistrationView | undefined;
      if (!upload) {
        // A retry of a registration whose scan was checked already: its outcome, as it stands.
        settled = registration.state === 'awaiting-scan' ? undefined : registration;
      } else {
        say('post.progress.uploading');
        if (!(await uploadFile(upload, file))) {
          // Refused by S3 — also when an earlier attempt's upload got through (the URL cannot
          // replace a scan): then the registration says how it went.
          const current = await this.#api.postRegistration(registration.id);
          if (!current.ok || current.value.registration.state === 'awaiting-scan') {
            say();
            showFieldErrors(form, [{ field: 'file', message: this.t('post.uploadFailed') }], this.t);
            return;
          }
          settled = current.value.registration;
        } else {
          say('post.progress.checking');
          settled = await this.#settledRegistration(registration.id);
        }
      }
      // Settled: the same form sent again is a new registration (a retry of an unsettled one is not).
      if (settled) this.#postKeys.renew();
      if (generation !== this.#renderGeneration) {
        // The person went elsewhere meanwhile: the outcome still reaches them.
        if (settled?.state === 'accepted')
          this.#notifications.toast(
            this.t('post.accepted.reference', { reference: settled.reference ?? '' }),
          );
        else if (settled?.state === 'refused') this.#notifications.error([settled.refusal?.message ?? '']);
        return;
      }
      const result = document.getElementById('post-result');
      if (settled?.state === 'refused') {
        say('post.refused');
        showFieldErrors(
          form,
          [{ field: 'file', message: settled.refusal?.message ?? this.t('post.refused') }],
          this.t,
        );
      } else if (settled?.state === 'accepted') {
        say();
        result?.replaceChildren(acceptedResult(settled, this.t));
        // Emptied for the next letter; the day it arrived and its language usually stay the same.
        form.reset();
        this.#post.values = { ...emptyPostForm(), receivedOn: values.receivedOn, language: values.language };
        const receivedOn = form.querySelector<HTMLInputElement>('[name="receivedOn"]');
        if (receivedOn) receivedOn.value = values.receivedOn;
        const language = form.querySelector<HTMLSelectElement>('[name="language"]');
        if (language) language.value = values.language;
        document.getElementById('post-result-heading')?.focus();
      } else {
        say();
        result?.replaceChildren(pendingResult(this.t));
        document.getElementById('post-result-heading')?.focus();
      }
      await this.#refreshRegistrations(generation);
    } finally {
      form.removeAttribute('aria-busy');
    }
  }

  /** Looks at the registration every second, for up to a minute, until its scan was checked. */
  async #settledRegistration(id: string): Promise<PostRegistrationView | undefined> {
    for (const delay of registrationPollDelaysMs) {
      await new Promise((resolve) => window.setTimeout(resolve, delay));
      if (this.#signingOut) return undefined;
      const result = await this.#api.postRegistration(id);
      if (!result.ok) {
        if (result.kind === 'unauthorized') return undefined;
        continue;
      }
      if (result.value.registration.state !== 'awaiting-scan') return result.value.registration;
    }
    // Still unchecked after a minute: the list below shows its state when it is.
    return undefined;
  }

  async #refreshRegistrations(generation: number): Promise<void> {
    const result = await this.#api.postRegistrations();
    if (generation !== this.#renderGeneration || !result.ok) return;
    document
      .getElementById('post-registrations')
      ?.replaceWith(
        registrationsSection(result.value, this.#context, (cursor) => this.#moreRegistrations(cursor)),
      );
  }

  // ---- Letters to post (the mailroom) ------------------------------------------------------

  async #showLetters(state: LetterState, generation: number, focus: boolean): Promise<void> {
    const result = await this.#api.letters(state);
    if (generation !== this.#renderGeneration) return;
    this.#content.removeAttribute('aria-busy');
    if (!result.ok) return this.#showFailure(result);
    document.title = this.t('page.titleWith', { view: this.t('view.letters') });
    this.#content.replaceChildren(
      lettersView({
        context: this.#context,
        state,
        items: result.value.items,
        cursor: result.value.cursor,
        onMore: async (cursor) => {
          const page = await this.#api.letters(state, cursor);
          if (!page.ok) {
            this.#notifications.failure(page);
            return undefined;
          }
          this.#notifications.toast(this.t('list.loaded', { count: String(page.value.items.length) }));
          return page.value;
        },
      }),
    );
    if (focus) document.getElementById('view-heading')?.focus();
  }

  async #showLetter(route: Route & { kind: 'letter' }, generation: number, focus: boolean): Promise<void> {
    const result = await this.#api.letter(route.reference, route.letterId);
    if (generation !== this.#renderGeneration) return;
    this.#content.removeAttribute('aria-busy');
    if (!result.ok) return this.#showFailure(result);
    this.#renderLetter(result.value.letter, focus);
  }

  #renderLetter(letter: LetterResponse['letter'], focus: boolean): void {
    document.title = this.t('page.titleWith', {
      view: this.t('letter.heading', { reference: letter.reference }),
    });
    const back: Route =
      this.#listRoute.kind === 'letters'
        ? this.#listRoute
        : { kind: 'letters', state: letter.dispatch ? 'dispatched' : 'pending' };
    this.#content.replaceChildren(
      letterView({
        letter,
        context: this.#context,
        backHref: addressOf(back, this.language),
        onDispatch: (form) => void this.#dispatchLetter(letter, form),
      }),
    );
    if (focus) document.getElementById('view-heading')?.focus();
  }

  /** Records the letter as posted, then goes back to the letters still to post. */
  async #dispatchLetter(letter: LetterResponse['letter'], form: HTMLFormElement): Promise<void> {
    if (form.getAttribute('aria-busy') === 'true') return;
    const number = form.querySelector<HTMLInputElement>('[name="registeredMailNumber"]')?.value.trim() ?? '';
    const dispatchedOn = form.querySelector<HTMLInputElement>('[name="dispatchedOn"]')?.value ?? '';
    const body = {
      ...(number ? { registeredMailNumber: number } : {}),
      ...(dispatchedOn ? { dispatchedOn } : {}),
    };
    const errors = [
      ...validateNested(schemas.dispatchLetter, body, this.t, {
        registeredMailNumber: { invalid: 'post.error.registeredMailNumber' },
        dispatchedOn: { invalid: 'error.date' },
      }),
      ...(dispatchedOn ? [] : [{ field: 'dispatchedOn', message: this.t('error.date') }]),
    ];
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    showFieldErrors(form, [], this.t);
    form.setAttribute('aria-busy', 'true');
    const result = await this.#api
      .dispatchLetter(letter.reference, letter.letterId, body)
      .finally(() => form.removeAttribute('aria-busy'));
    if (!result.ok) {
      if (result.kind === 'unauthorized') return;
      const alert = this.#formAlert('dispatch-alert');
      if (result.kind === 'invalid') {
        const unplaced = showFieldErrors(form, result.errors, this.t);
        if (unplaced.length) alert(unplaced.map((error) => error.message));
      } else {
        alert(describeFailure(result, this.t));
      }
      return;
    }
    await this.#navigate({ kind: 'letters', state: 'pending' }, { focus: true });
    this.#notifications.toast(this.t('letter.dispatched', { reference: letter.reference }));
  }

  // ---- Logging a phone call --------------------------------------------------------------------

  #renderCall(focus?: string): void {
    document.title = this.t('page.titleWith', { view: this.t('view.call') });
    this.#content.replaceChildren(
      callView({
        context: this.#context,
        values: this.#call.values,
        ...(this.#call.logged ? { logged: this.#call.logged } : {}),
        onChange: (values) => {
          this.#call.values = values;
        },
        onSubmit: (values, form) => void this.#logCall(values, form),
      }),
    );
    if (focus) document.getElementById(focus)?.focus();
  }

  async #logCall(values: CallFormValues, form: HTMLFormElement): Promise<void> {
    if (form.getAttribute('aria-busy') === 'true') return;
    document.getElementById('call-alert')?.replaceChildren();
    const body = callBody(values);
    const parsed = schemas.logCall.safeParse(body);
    if (!parsed.success) {
      showFieldErrors(form, validateNested(schemas.logCall, body, this.t, callFieldWords), this.t);
      return;
    }
    showFieldErrors(form, [], this.t);
    form.setAttribute('aria-busy', 'true');
    const result = await this.#api
      .logCall(parsed.data, this.#callKeys.keyFor(parsed.data))
      .finally(() => form.removeAttribute('aria-busy'));
    if (!result.ok) {
      if (result.kind === 'unauthorized') return;
      const alert = this.#formAlert('call-alert');
      if (result.kind === 'invalid') {
        const unplaced = showFieldErrors(form, result.errors, this.t);
        if (unplaced.length) alert(unplaced.map((error) => error.message));
      } else {
        alert(describeFailure(result, this.t));
      }
      return;
    }
    this.#callKeys.renew();
    this.#call = { values: { ...emptyCallForm, language: values.language }, logged: result.value };
    const region = document.getElementById('call-result');
    region?.replaceChildren(loggedCall(result.value, this.#context));
    form.reset();
    const language = form.querySelector<HTMLSelectElement>('[name="language"]');
    if (language) language.value = values.language;
    document.getElementById('call-result-heading')?.focus();
    this.#notifications.toast(this.t('call.logged', { reference: result.value.reference }));
  }

  // ---- The mail quarantine (supervisors) ---------------------------------------------------

  async #showQuarantine(
    route: Route & { kind: 'quarantine' | 'quarantined' },
    generation: number,
    focus: boolean,
  ): Promise<void> {
    if (route.kind === 'quarantined') {
      const result = await this.#api.quarantined(route.id);
      if (generation !== this.#renderGeneration) return;
      this.#content.removeAttribute('aria-busy');
      if (!result.ok) return this.#showFailure(result);
      this.#renderQuarantinedMail(result.value.mail, focus);
      return;
    }
    const result = await this.#api.quarantine(route.competence);
    if (generation !== this.#renderGeneration) return;
    this.#content.removeAttribute('aria-busy');
    if (!result.ok) return this.#showFailure(result);
    const view = this.t('view.quarantine');
    const heading = route.competence ? `${view}: ${this.#context.unitName(route.competence)}` : view;
    document.title = this.t('page.titleWith', { view: heading });
    this.#content.replaceChildren(
      quarantineListView({
        heading,
        items: result.value.items,
        cursor: result.value.cursor,
        context: this.#context,
        onMore: async (cursor) => {
          const page = await this.#api.quarantine(route.competence, cursor);
          if (!page.ok) {
            this.#notifications.failure(page);
            return undefined;
          }
          this.#notifications.toast(this.t('list.loaded', { count: String(page.value.items.length) }));
          return page.value;
        },
      }),
    );
    if (focus) document.getElementById('view-heading')?.focus();
  }

  #renderQuarantinedMail(mail: QuarantineDetail, focus: boolean): void {
    document.title = this.t('page.titleWith', { view: this.t('quarantine.heading') });
    const backRoute: Route = this.#listRoute.kind === 'quarantine' ? this.#listRoute : { kind: 'quarantine' };
    this.#content.replaceChildren(
      quarantineMailView({
        mail,
        context: this.#context,
        backHref: addressOf(backRoute, this.language),
        onRelease: () => this.#openReleaseDialog(mail),
      }),
    );
    if (focus) document.getElementById('view-heading')?.focus();
  }

  #openReleaseDialog(mail: QuarantineDetail): void {
    const reason = textarea(3);
    openDialog({
      id: 'release-dialog',
      title: this.t('quarantine.release.title'),
      description: [h('p', {}, this.t('quarantine.release.text'))],
      fields: [
        field({
          id: 'release-reason',
          name: 'reason',
          label: this.t('field.reason'),
          required: true,
          control: reason,
          t: this.t,
        }),
      ],
      submitLabel: this.t('quarantine.release.submit'),
      returnFocusId: 'view-heading',
      t: this.t,
      onSubmit: async (form, dialog) => {
        const body = { reason: reason.value.trim() };
        const errors = validate(schemas.releaseQuarantined, body, this.t);
        if (errors.length) {
          showFieldErrors(form, errors, this.t);
          return false;
        }
        const result = await this.#api.releaseQuarantined(mail.id, body);
        if (!result.ok) {
          if (result.kind === 'unauthorized') return false;
          if (result.kind === 'invalid') {
            const unplaced = showFieldErrors(form, result.errors, this.t);
            if (unplaced.length) dialog.showError(unplaced.map((error) => error.message));
          } else {
            dialog.showError(describeFailure(result, this.t));
          }
          return false;
        }
        const { reference } = result.value;
        // Shown as released (no release button any more), with who, when and the new reference.
        this.#renderQuarantinedMail({ ...mail, ...result.value.mail, actions: [] }, false);
        this.#notifications.toast(this.t('quarantine.released', { reference }));
        return true;
      },
    });
  }

  #showFailure(failure: Failure, reference?: string): void {
    if (failure.kind === 'unauthorized') return;
    const lines = describeFailure(failure, this.t);
    document.title = this.t('page.titleWith', { view: reference ?? this.t('error.heading') });
    this.#content.replaceChildren(
      h(
        'section',
        { class: 'notice notice--error', attributes: { 'aria-labelledby': 'view-heading' } },
        h(
          'h1',
          { id: 'view-heading', class: 'notice__title', attributes: { tabindex: '-1' } },
          reference ? this.t('ticket.heading', { reference }) : this.t('error.heading'),
        ),
        ...lines.map((line) => h('p', {}, line)),
        h(
          'p',
          {},
          h('a', { attributes: { href: addressOf(this.#listRoute, this.language) } }, this.t('ticket.back')),
        ),
      ),
    );
    document.getElementById('view-heading')?.focus();
  }

  // ---- One ticket ---------------------------------------------------------------------------

  #draftFor(reference: string): Draft {
    let draft = this.#drafts.get(reference);
    if (!draft) {
      draft = emptyDraft();
      this.#drafts.set(reference, draft);
    }
    return draft;
  }

  #renderTicket(
    ticket: TicketDetail,
    templates: readonly AnswerTemplate[],
    options: { focusHeading?: boolean; focusId?: string } = {},
  ): void {
    this.#ticket = ticket;
    window.clearTimeout(this.#poll);
    document.title = this.t('page.titleWith', { view: ticket.reference });
    const reference = ticket.reference;
    const view = ticketView({
      ticket,
      context: this.#context,
      backHref: addressOf(this.#listRoute, this.language),
      templates,
      draft: this.#draftFor(reference),
      remoteImages: this.#remoteImages.get(reference) ?? new Set(),
      handlers: {
        take: () => void this.#take(),
        reply: (form) => void this.#reply(form),
        note: (form) => void this.#note(form),
        status: (form) => void this.#changeStatus(form),
        route: () => this.#openRouteDialog(),
        deadline: () => this.#openDeadlineDialog(),
        endService: () => this.#openEndServiceDialog(),
        insertTemplate: () => this.#insertTemplate(templates),
        callback: (form) => void this.#recordCallback(form),
        transcribe: (form) => void this.#transcribe(form),
        showRemoteImages: (entryId) => {
          const allowed = this.#remoteImages.get(reference) ?? new Set<string>();
          allowed.add(entryId);
          this.#remoteImages.set(reference, allowed);
          this.#renderTicket(ticket, templates, { focusId: `frame-${entryId.replace(/[^\w-]/g, '_')}` });
        },
        related: () => {
          let related = this.#related.get(reference);
          if (!related) {
            related = this.#api.related(reference);
            this.#related.set(reference, related);
          }
          return related;
        },
      },
    });
    this.#content.replaceChildren(h('div', { id: 'ticket-updates', attributes: { role: 'status' } }), view);
    const target =
      (options.focusId ? document.getElementById(options.focusId) : null) ??
      (options.focusHeading || options.focusId ? document.getElementById('view-heading') : null);
    target?.focus();
    this.#pollDeliveries(ticket, deliveryPollAttempts);
  }

  /** While a reply or notice waits to be sent, looks again now and then and updates its state. */
  #pollDeliveries(ticket: TicketDetail, attemptsLeft: number): void {
    if (attemptsLeft <= 0 || !ticket.thread.some((entry) => entry.delivery?.state === 'queued')) return;
    const generation = this.#renderGeneration;
    this.#poll = window.setTimeout(async () => {
      const result = await this.#api.ticket(ticket.reference);
      // Dropped when the view moved on or an action re-rendered the ticket meanwhile.
      if (generation !== this.#renderGeneration || this.#ticket !== ticket || !result.ok) return;
      const fresh = result.value.ticket;
      const sameThread =
        fresh.thread.length === ticket.thread.length &&
        fresh.thread.every((entry, index) => entry.id === ticket.thread[index]?.id);
      if (!sameThread) {
        this.#announceUpdate(fresh);
        return;
      }
      for (const entry of fresh.thread) {
        const node = document.querySelector<HTMLElement>(`[data-delivery-for="${CSS.escape(entry.id)}"]`);
        if (!node || !entry.delivery) continue;
        node.textContent = deliveryText(entry, this.#context, fresh.answeredBy);
        node.className = `delivery delivery--${entry.delivery.state}`;
      }
      // The rest of the view stays as it is, so nothing moves under the person's hands.
      this.#ticket = { ...ticket, thread: fresh.thread };
      this.#pollDeliveries(this.#ticket, attemptsLeft - 1);
    }, deliveryPollMs);
  }

  #announceUpdate(fresh: TicketDetail): void {
    const region = document.getElementById('ticket-updates');
    if (!region) return;
    region.replaceChildren(
      h(
        'div',
        { class: 'notice' },
        h('p', {}, this.t('ticket.updated')),
        h(
          'button',
          {
            id: 'ticket-reload',
            class: 'button button--secondary button--small',
            attributes: { type: 'button' },
            on: {
              click: () =>
                void this.#templates.then((templates) =>
                  this.#renderTicket(fresh, templates, { focusHeading: true }),
                ),
            },
          },
          this.t('ticket.reload'),
        ),
      ),
    );
  }

  #focusField(id: string): void {
    const control = document.getElementById(id);
    if (control) {
      control.scrollIntoView({ block: 'center' });
      control.focus();
    } else {
      this.#notifications.toast(this.t('shortcuts.unavailable'));
    }
  }

  /**
   * Sends an action and shows the ticket it answers. Errors go next to their fields (400) or into
   * `showError` (the dialog's or the form's alert); returns whether it worked.
   */
  async #act(
    action: TicketActionPath,
    body: object,
    where: {
      container: ParentNode;
      showError: (lines: readonly string[]) => void;
      focusId?: string;
      /** Runs before the updated ticket is shown (e.g. to clear the sent draft). */
      onSuccess?: () => void;
    },
    success: (ticket: TicketDetail | null) => string,
  ): Promise<boolean> {
    const ticket = this.#ticket;
    if (!ticket) return false;
    const result =
      action === 'route'
        ? await this.#api.reroute(ticket.reference, body)
        : await this.#api.act(ticket.reference, action, body);
    if (!result.ok) {
      if (result.kind === 'unauthorized') return false;
      if (result.kind === 'invalid') {
        const unplaced = showFieldErrors(where.container, result.errors, this.t);
        if (unplaced.length) where.showError(unplaced.map((error) => error.message));
      } else {
        where.showError(describeFailure(result, this.t));
      }
      return false;
    }
    const updated = result.value.ticket;
    where.onSuccess?.();
    if (updated) {
      this.#renderTicket(updated, await this.#templates, where.focusId ? { focusId: where.focusId } : {});
    } else {
      // Re-routed out of the caller's units: the ticket is no longer theirs to see.
      await this.#navigate(this.#listRoute, { focus: true });
    }
    this.#notifications.toast(success(updated));
    return true;
  }

  #formAlert(id: string): (lines: readonly string[]) => void {
    return (lines) => {
      const region = document.getElementById(id);
      region?.replaceChildren(
        h(
          'div',
          { class: 'notice notice--error' },
          h('p', { class: 'notice__title' }, this.t('error.heading')),
          ...lines.map((line) => h('p', {}, line)),
        ),
      );
    };
  }

  async #take(reason?: string, dialog?: OpenDialog): Promise<boolean> {
    const ticket = this.#ticket;
    if (!ticket) return false;
    const result = await this.#api.act(ticket.reference, 'take', reason === undefined ? {} : { reason });
    if (result.ok) {
      this.#renderTicket(result.value.ticket, await this.#templates, { focusHeading: !dialog });
      this.#notifications.toast(this.t('action.taken'));
      return true;
    }
    if (result.kind === 'unauthorized') return false;
    if (result.kind === 'refused' && result.status === 409 && result.code === 'ReasonRequired' && !dialog) {
      this.#openTakeReasonDialog(result.message);
      return false;
    }
    if (dialog && result.kind === 'invalid') {
      const unplaced = showFieldErrors(dialog.form, result.errors, this.t);
      if (unplaced.length) dialog.showError(unplaced.map((error) => error.message));
    } else if (dialog) {
      dialog.showError(describeFailure(result, this.t));
    } else {
      this.#notifications.failure(result);
    }
    return false;
  }

  #openTakeReasonDialog(serverMessage: string): void {
    const reason = textarea(3);
    openDialog({
      id: 'take-dialog',
      title: this.t('take.dialog.title'),
      description: [
        h('p', {}, this.t('take.dialog.text')),
        serverMessage ? h('p', { class: 'muted' }, serverMessage) : undefined,
      ],
      fields: [
        field({
          id: 'take-reason',
          name: 'reason',
          label: this.t('field.reason'),
          required: true,
          control: reason,
          t: this.t,
        }),
      ],
      submitLabel: this.t('take.dialog.submit'),
      returnFocusId: 'view-heading',
      t: this.t,
      onSubmit: async (form, dialog) => {
        const body = { reason: reason.value.trim() };
        // The contract makes the reason optional (only out of order needs one); here it is needed.
        const errors =
          body.reason === ''
            ? [{ field: 'reason', message: this.t('error.required') }]
            : validate(schemas.take, body, this.t);
        if (errors.length) {
          showFieldErrors(form, errors, this.t);
          return false;
        }
        return this.#take(body.reason, dialog);
      },
    });
  }

  async #reply(form: HTMLFormElement): Promise<void> {
    const ticket = this.#ticket;
    if (!ticket || form.getAttribute('aria-busy') === 'true') return;
    const draft = this.#draftFor(ticket.reference);
    const errors = [
      ...validate(schemas.reply, { text: draft.reply.trim(), status: draft.replyStatus }, this.t),
      ...fileProblems(draft.replyFiles).map((problem) => ({
        field: 'attachments',
        message: this.t(problem.key, problem.name ? { name: problem.name } : {}),
      })),
    ];
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    form.setAttribute('aria-busy', 'true');
    const focusId = document.activeElement?.id || 'reply-submit';
    try {
      const attachments = await this.#uploadReplyFiles(ticket.reference, draft.replyFiles, form);
      if (!attachments) return;
      await this.#act(
        'replies',
        {
          text: draft.reply,
          status: draft.replyStatus,
          ...(attachments.length ? { attachments } : {}),
        },
        {
          container: form,
          showError: this.#formAlert('reply-alert'),
          focusId,
          onSuccess: () => {
            draft.reply = '';
            draft.templateId = '';
            draft.replyStatus = 'answered';
            draft.replyFiles = [];
          },
        },
        () => this.t('reply.sent'),
      );
    } finally {
      form.removeAttribute('aria-busy');
    }
  }

  /**
   * Uploads the reply's files, one after the other: each announced to the API (which checks it and
   * signs its PUT), then PUT straight to the bucket. Answers their upload ids, or undefined (with
   * the problem shown at the files field) when one fails.
   */
  async #uploadReplyFiles(
    reference: string,
    files: readonly File[],
    form: HTMLFormElement,
  ): Promise<string[] | undefined> {
    const ids: string[] = [];
    const status = document.getElementById('reply-files-status');
    if (files.length && status) status.textContent = this.t('reply.files.uploading');
    for (const file of files) {
      const announced = await this.#api.announceUpload(reference, {
        filename: file.name,
        contentType: attachmentTypeOf(file) ?? file.type,
        size: file.size,
      });
      if (!announced.ok) {
        if (announced.kind === 'unauthorized') return undefined;
        const messages =
          announced.kind === 'invalid'
            ? announced.errors.map((error) => error.message)
            : describeFailure(announced, this.t);
        showFieldErrors(
          form,
          [{ field: 'attachments', message: `${file.name}: ${messages.join(' ')}` }],
          this.t,
        );
        return undefined;
      }
      if (!(await uploadFile(announced.value, file))) {
        showFieldErrors(
          form,
          [{ field: 'attachments', message: this.t('reply.files.uploadFailed', { name: file.name }) }],
          this.t,
        );
        return undefined;
      }
      ids.push(announced.value.uploadId);
    }
    if (status) status.textContent = '';
    return ids;
  }

  async #note(form: HTMLFormElement): Promise<void> {
    const ticket = this.#ticket;
    if (!ticket || form.getAttribute('aria-busy') === 'true') return;
    const draft = this.#draftFor(ticket.reference);
    const errors = validate(schemas.note, { text: draft.note.trim() }, this.t);
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    form.setAttribute('aria-busy', 'true');
    const focusId = document.activeElement?.id || 'note-submit';
    await this.#act(
      'notes',
      { text: draft.note },
      {
        container: form,
        showError: this.#formAlert('note-alert'),
        focusId,
        onSuccess: () => {
          draft.note = '';
        },
      },
      () => this.t('note.saved'),
    ).finally(() => form.removeAttribute('aria-busy'));
  }

  /** The callback's outcome (reached or not) with an optional note. */
  async #recordCallback(form: HTMLFormElement): Promise<void> {
    const ticket = this.#ticket;
    if (!ticket || form.getAttribute('aria-busy') === 'true') return;
    const draft = this.#draftFor(ticket.reference);
    const alert = this.#formAlert('callback-alert');
    document.getElementById('callback-alert')?.replaceChildren();
    if (!draft.callbackOutcome) {
      alert([this.t('callback.outcome.required')]);
      form.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    const note = draft.callbackNote.trim();
    const body = { outcome: draft.callbackOutcome, ...(note ? { note } : {}) };
    const errors = validate(schemas.recordCallback, body, this.t);
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    form.setAttribute('aria-busy', 'true');
    await this.#act(
      'callback',
      body,
      {
        container: form,
        showError: alert,
        focusId: 'callback-heading',
        onSuccess: () => {
          draft.callbackOutcome = '';
          draft.callbackNote = '';
        },
      },
      () => this.t('callback.saved'),
    ).finally(() => form.removeAttribute('aria-busy'));
  }

  /** The text of a scan that had none, as a staff member typed it. */
  async #transcribe(form: HTMLFormElement): Promise<void> {
    const ticket = this.#ticket;
    if (!ticket || form.getAttribute('aria-busy') === 'true') return;
    const draft = this.#draftFor(ticket.reference);
    const input = form.querySelector<HTMLTextAreaElement>('textarea[name="text"]');
    const text = (input?.value ?? draft.transcription).trim();
    const errors = validate(schemas.transcription, { text }, this.t);
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return;
    }
    form.setAttribute('aria-busy', 'true');
    await this.#act(
      'transcription',
      { text },
      {
        container: form,
        showError: this.#formAlert('transcription-alert'),
        focusId: 'transcription-heading',
        onSuccess: () => {
          draft.transcription = '';
        },
      },
      () => this.t('transcription.saved'),
    ).finally(() => form.removeAttribute('aria-busy'));
  }

  async #changeStatus(form: HTMLFormElement): Promise<void> {
    const body = { status: form.querySelector('select')?.value ?? '' };
    const parsed = schemas.status.safeParse(body);
    if (!parsed.success) {
      showFieldErrors(form, validate(schemas.status, body, this.t), this.t);
      return;
    }
    const { status } = parsed.data;
    await this.#act(
      'status',
      { status },
      { container: form, showError: this.#formAlert('status-alert'), focusId: 'status-select' },
      (ticket) => this.t('statusChange.done', { status: this.t(`status.${ticket?.status ?? status}`) }),
    );
  }

  #openRouteDialog(): void {
    const ticket = this.#ticket;
    const me = this.#me;
    if (!ticket || !me) return;
    const units = me.units.filter((unit) => unit.id !== ticket.competence);
    const unit = select([
      { value: '', label: this.t('route.choose') },
      ...units.map((candidate) => ({ value: candidate.id, label: candidate.name[this.language] })),
    ]);
    const reason = textarea(3);
    openDialog({
      id: 'route-dialog',
      title: this.t('route.dialog.title'),
      description: [h('p', {}, this.t('route.dialog.text'))],
      fields: [
        field({
          id: 'route-competence',
          name: 'competence',
          label: this.t('route.unit'),
          required: true,
          control: unit,
          t: this.t,
        }),
        field({
          id: 'route-reason',
          name: 'reason',
          label: this.t('field.reason'),
          required: true,
          control: reason,
          t: this.t,
        }),
      ],
      submitLabel: this.t('route.submit'),
      returnFocusId: 'action-route',
      t: this.t,
      onSubmit: (form, dialog) =>
        this.#submitDialog(
          form,
          dialog,
          'route',
          schemas.route,
          { competence: unit.value, reason: reason.value.trim() },
          () => this.t('route.done', { unit: this.#context.unitName(unit.value as CompetenceId) }),
        ),
    });
  }

  #openDeadlineDialog(): void {
    const ticket = this.#ticket;
    if (!ticket) return;
    const date = h('input', {
      class: 'input input--medium',
      attributes: { type: 'date', min: todayInRiga() },
    });
    const reason = textarea(3);
    openDialog({
      id: 'deadline-dialog',
      title: this.t('deadline.dialog.title'),
      description: [
        h('p', {}, this.t('deadline.dialog.text')),
        h(
          'p',
          {},
          this.t('deadline.current', { date: formatLongDate(ticket.answerDeadline, this.language) }),
        ),
      ],
      fields: [
        field({
          id: 'deadline-date',
          name: 'deadline',
          label: this.t('deadline.date'),
          required: true,
          control: date,
          t: this.t,
        }),
        field({
          id: 'deadline-reason',
          name: 'reason',
          label: this.t('field.reason'),
          required: true,
          control: reason,
          t: this.t,
        }),
      ],
      submitLabel: this.t('deadline.submit'),
      returnFocusId: 'action-deadline',
      t: this.t,
      onSubmit: (form, dialog) =>
        this.#submitDialog(
          form,
          dialog,
          'deadline',
          schemas.deadline,
          { deadline: date.value, reason: reason.value.trim() },
          (updated) =>
            this.t('deadline.done', {
              date: formatLongDate(updated?.answerDeadline ?? date.value, this.language),
            }),
        ),
    });
  }

  #openEndServiceDialog(): void {
    const reason = textarea(3);
    openDialog({
      id: 'end-service-dialog',
      title: this.t('endService.dialog.title'),
      description: [h('p', { class: 'warning' }, h('strong', {}, this.t('endService.warning')))],
      fields: [
        field({
          id: 'end-service-reason',
          name: 'reason',
          label: this.t('field.reason'),
          required: true,
          control: reason,
          t: this.t,
        }),
      ],
      submitLabel: this.t('endService.submit'),
      danger: true,
      returnFocusId: 'view-heading',
      t: this.t,
      onSubmit: (form, dialog) =>
        this.#submitDialog(
          form,
          dialog,
          'end-service',
          schemas.endService,
          { reason: reason.value.trim() },
          () => this.t('endService.done'),
        ),
    });
  }

  async #submitDialog(
    form: HTMLFormElement,
    dialog: OpenDialog,
    action: TicketActionPath,
    schema: Parameters<typeof validate>[0],
    body: Record<string, string>,
    success: (ticket: TicketDetail | null) => string,
  ): Promise<boolean> {
    const errors = validate(schema, body, this.t);
    if (errors.length) {
      showFieldErrors(form, errors, this.t);
      return false;
    }
    return this.#act(
      action,
      body,
      { container: form, showError: (lines) => dialog.showError(lines) },
      success,
    );
  }

  #insertTemplate(templates: readonly AnswerTemplate[]): void {
    const ticket = this.#ticket;
    if (!ticket) return;
    const draft = this.#draftFor(ticket.reference);
    const template = templates.find((candidate) => candidate.id === draft.templateId);
    const reply = document.getElementById('reply-text');
    const form = document.getElementById('reply-form');
    if (!template || !(reply instanceof HTMLTextAreaElement) || !form) {
      if (form)
        showFieldErrors(form, [{ field: 'template', message: this.t('template.nothingChosen') }], this.t);
      return;
    }
    showFieldErrors(form, [], this.t);
    const start = reply.selectionStart ?? reply.value.length;
    const end = reply.selectionEnd ?? start;
    const before = reply.value.slice(0, start);
    const after = reply.value.slice(end);
    const separator = before === '' || before.endsWith('\n') ? '' : '\n\n';
    reply.value = `${before}${separator}${template.text}${after}`;
    draft.reply = reply.value;
    reply.focus();
    const caret = before.length + separator.length + template.text.length;
    reply.setSelectionRange(caret, caret);
    this.#notifications.toast(this.t('template.inserted'));
  }

  // ---- Toolbar actions -----------------------------------------------------------------------

  async #takeNext(): Promise<void> {
    const button = element('take-next', HTMLButtonElement);
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    const competence = this.#listRoute.kind === 'worklist' ? this.#listRoute.competence : undefined;
    const result = await this.#api
      .takeNext(competence)
      .finally(() => button.removeAttribute('aria-disabled'));
    if (!result.ok) {
      this.#notifications.failure(result);
      return;
    }
    const ticket = result.value.ticket;
    if (!ticket) {
      this.#notifications.toast(this.t('takeNext.none'));
      return;
    }
    const route: Route = { kind: 'ticket', reference: ticket.reference };
    window.history.pushState(null, '', addressOf(route, this.language));
    ++this.#renderGeneration;
    this.#route = route;
    this.#related.clear();
    this.#markCurrentView();
    this.#notifications.clearError();
    this.#renderTicket(ticket, await this.#templates, { focusHeading: true });
    this.#notifications.toast(this.t('takeNext.taken', { reference: ticket.reference }));
  }

  #search(): void {
    const input = element('search-input', HTMLInputElement);
    const form = element('search-form', HTMLFormElement);
    const query = input.value.trim();
    const errors = validate(schemas.searchQuery, { q: query }, this.t).map((error) => ({
      ...error,
      message: this.t('search.tooShort'),
    }));
    showFieldErrors(form, errors, this.t);
    if (errors.length) return;
    void this.#navigate({ kind: 'search', query }, { focus: true });
  }

  #openShortcutHelp(): void {
    const key = (value: string) => h('kbd', {}, value);
    openDialog({
      id: 'shortcuts-dialog',
      title: this.t('shortcuts.title'),
      description: [h('p', {}, this.t('shortcuts.intro'))],
      fields: [
        h(
          'table',
          { class: 'shortcuts', attributes: { 'aria-labelledby': 'shortcuts-dialog-title' } },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { attributes: { scope: 'col' } }, this.t('shortcuts.key')),
              h('th', { attributes: { scope: 'col' } }, this.t('shortcuts.action')),
            ),
          ),
          h(
            'tbody',
            {},
            ...shortcutList.map((shortcut) => {
              const [first = '', second] = shortcut.keys;
              const keys = second === undefined ? [key(first)] : this.#sequence(key(first), key(second));
              return h('tr', {}, h('td', {}, ...keys), h('td', {}, this.t(shortcut.action)));
            }),
          ),
        ),
      ],
      returnFocusId: 'shortcuts-button',
      t: this.t,
    });
  }

  /** "g, then q" with the keys as `<kbd>`, in the catalogue's word order. */
  #sequence(first: HTMLElement, second: HTMLElement): (Node | string)[] {
    const template = text(this.language, 'shortcuts.then' satisfies TextKey);
    return template.split(/(\{first\}|\{second\})/).map((part) => {
      if (part === '{first}') return first;
      if (part === '{second}') return second;
      return part;
    });
  }
}

/**
 * The staff API's field errors where the form's controls are: the file's (`file.size`,
 * `file.contentType`…) at the file field, several for one control joined.
 */
function atControls(errors: readonly FieldError[]): FieldError[] {
  const joined = new Map<string, string[]>();
  for (const error of errors) {
    const name = error.field === 'file' || error.field.startsWith('file.') ? 'file' : error.field;
    joined.set(name, [...(joined.get(name) ?? []), error.message]);
  }
  return [...joined].map(([name, messages]) => ({ field: name, message: messages.join(' ') }));
}

function start(): void {
  void new AdminPage().start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
