/**
 * The ticket view's controller: loads and shows a ticket, keeps what staff typed per ticket,
 * sends its actions (each shows the ticket it answers), and while a reply waits to be sent looks
 * again now and then to update its state.
 */
import {
  type AnswerTemplate,
  schemas,
  type TicketDetail,
  type TicketListResponse,
} from '../../../../shared/http/staff-contract.ts';
import { type FieldError, type Result, type TicketActionPath, uploadFile } from '../api.ts';
import { h } from '../dom.ts';
import { showFieldErrors, validate } from '../forms.ts';
import { KnowledgeApi } from '../knowledge/api.ts';
import { describeFailure } from '../notifications.ts';
import { attachmentTypeOf, fileProblems, sha256Of } from '../reply-files.ts';
import type { Route } from '../routes.ts';
import type { AdminShell, Showing } from '../shell.ts';
import { type ActionTarget, formTarget, pageTarget, regionAlert, submitAction } from '../submit.ts';
import { submitClientCorrection } from './client-correction.ts';
import {
  type DialogAction,
  openDeadlineDialog,
  openEndServiceDialog,
  openRouteDialog,
  openTakeReasonDialog,
} from './dialogs.ts';
import { type Draft, deliveryText, emptyDraft, ticketView } from './index.ts';
import { cssSafe } from './model.ts';

const deliveryPollMs = 3000;
const deliveryPollAttempts = 40;

export class TicketController {
  readonly #shell: AdminShell;
  #ticket: TicketDetail | undefined;
  /** The newest version of the ticket shown that the delivery poll fetched, when it changed. */
  #latest: TicketDetail | undefined;
  #templates: Promise<readonly AnswerTemplate[]> = Promise.resolve([]);
  readonly #related = new Map<string, Promise<Result<TicketListResponse>>>();
  readonly #drafts = new Map<string, Draft>();
  readonly #remoteImages = new Map<string, Set<string>>();
  #poll: number | undefined;

  readonly #knowledge: KnowledgeApi;

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#knowledge = new KnowledgeApi(shell);
  }

  /** The answer templates, loaded once for those who work tickets. */
  loadTemplates(): void {
    this.#templates = this.#shell.api.templates().then((result) => (result.ok ? result.value.templates : []));
  }

  /** The client's other tickets are fetched again (another ticket, or the server's words changed). */
  forgetRelated(): void {
    this.#related.clear();
  }

  stopPolling(): void {
    window.clearTimeout(this.#poll);
  }

  async show(route: Route & { kind: 'ticket' }, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const [result, templates] = await Promise.all([shell.api.ticket(route.reference), this.#templates]);
    if (!shell.isCurrent(showing.generation)) return;
    if (!result.ok) return shell.showFailure(result, route.reference);
    this.#render(result.value.ticket, templates, { focusHeading: showing.focus });
  }

  /** A ticket the person just took from the toolbar, shown without loading it again. */
  async showTaken(ticket: TicketDetail): Promise<void> {
    this.#render(ticket, await this.#templates, { focusHeading: true });
  }

  #draftFor(reference: string): Draft {
    let draft = this.#drafts.get(reference);
    if (!draft) {
      draft = emptyDraft();
      this.#drafts.set(reference, draft);
    }
    return draft;
  }

  #render(
    ticket: TicketDetail,
    templates: readonly AnswerTemplate[],
    options: { focusHeading?: boolean; focusId?: string } = {},
  ): void {
    const shell = this.#shell;
    this.#ticket = ticket;
    this.#latest = undefined;
    this.stopPolling();
    const { reference } = ticket;
    const view = ticketView({
      ticket,
      context: shell.context,
      backHref: shell.context.href(shell.listRoute),
      templates,
      draft: this.#draftFor(reference),
      remoteImages: this.#remoteImages.get(reference) ?? new Set(),
      handlers: {
        take: () => void this.#take(),
        reply: (form) => void this.#reply(form),
        note: (form) => void this.#note(form),
        status: (form) => void this.#changeStatus(form),
        route: () => openRouteDialog(shell, ticket, this.#dialogAct),
        deadline: () => openDeadlineDialog(shell, ticket, this.#dialogAct),
        endService: () => openEndServiceDialog(shell, this.#dialogAct),
        insertTemplate: () => this.#insertTemplate(templates),
        searchKnowledge: (query) => this.#knowledge.search(query, ticket.language),
        insertIntoReply: (text, title) => {
          if (this.#insertIntoReply(text)) shell.toast(shell.t('kbSearch.inserted', { title }));
        },
        callback: (form) => void this.#recordCallback(form),
        transcribe: (form) => void this.#transcribe(form),
        correctClient: (form) =>
          void submitClientCorrection(shell, reference, form, async () => {
            const fresh = await shell.api.ticket(reference);
            if (fresh.ok)
              this.#render(fresh.value.ticket, templates, { focusId: 'client-correction-summary' });
          }),
        showRemoteImages: (entryId) => {
          const allowed = this.#remoteImages.get(reference) ?? new Set<string>();
          allowed.add(entryId);
          this.#remoteImages.set(reference, allowed);
          this.#render(ticket, templates, { focusId: `frame-${cssSafe(entryId)}` });
        },
        related: () => {
          let related = this.#related.get(reference);
          if (!related) {
            related = shell.api.related(reference);
            this.#related.set(reference, related);
          }
          return related;
        },
      },
    });
    shell.render(reference, [h('div', { id: 'ticket-updates', attributes: { role: 'status' } }), view]);
    const target =
      (options.focusId ? document.getElementById(options.focusId) : null) ??
      (options.focusHeading || options.focusId ? document.getElementById('view-heading') : null);
    target?.focus();
    this.#pollDeliveries(ticket, deliveryPollAttempts);
  }

  /** While a reply or notice waits to be sent, looks again now and then and updates its state. */
  #pollDeliveries(ticket: TicketDetail, attemptsLeft: number): void {
    if (attemptsLeft <= 0 || !ticket.thread.some((entry) => entry.delivery?.state === 'queued')) return;
    const shell = this.#shell;
    const generation = shell.generation;
    this.#poll = window.setTimeout(async () => {
      const result = await shell.api.ticket(ticket.reference);
      // Dropped when the view moved on or an action re-rendered the ticket meanwhile.
      if (!shell.isCurrent(generation) || this.#ticket !== ticket || !result.ok) return;
      const fresh = result.value.ticket;
      const freshById = new Map(fresh.thread.map((entry) => [entry.id, entry]));
      for (const entry of fresh.thread) {
        const node = document.querySelector<HTMLElement>(`[data-delivery-for="${CSS.escape(entry.id)}"]`);
        if (!node || !entry.delivery) continue;
        node.textContent = deliveryText(entry, shell.context, fresh.answeredBy);
        node.className = `delivery delivery--${entry.delivery.state}`;
      }
      // New entries (a client's message, a survey invitation sent after the reply) are announced,
      // not drawn, so nothing moves under the person's hands; the entries shown keep their
      // delivery state up to date meanwhile.
      const sameThread =
        fresh.thread.length === ticket.thread.length &&
        fresh.thread.every((entry, index) => entry.id === ticket.thread[index]?.id);
      if (!sameThread) this.#announceUpdate(fresh);
      this.#ticket = {
        ...ticket,
        thread: ticket.thread.map((entry) => freshById.get(entry.id) ?? entry),
      };
      this.#pollDeliveries(this.#ticket, attemptsLeft - 1);
    }, deliveryPollMs);
  }

  /** Says once that the ticket changed; the button shows the latest version fetched. */
  #announceUpdate(fresh: TicketDetail): void {
    const { t } = this.#shell;
    this.#latest = fresh;
    const region = document.getElementById('ticket-updates');
    if (!region || region.querySelector('#ticket-reload')) return;
    region.replaceChildren(
      h(
        'div',
        { class: 'notice' },
        h('p', {}, t('ticket.updated')),
        h(
          'button',
          {
            id: 'ticket-reload',
            class: 'button button--secondary button--small',
            attributes: { type: 'button' },
            on: {
              click: () =>
                void this.#templates.then((templates) =>
                  this.#render(this.#latest ?? fresh, templates, { focusHeading: true }),
                ),
            },
          },
          t('ticket.reload'),
        ),
      ),
    );
  }

  /** Sends an action on the ticket shown, as the dialogs do. */
  readonly #dialogAct: DialogAction = (action, body, target, toast) =>
    this.#act(action, target, { body, toast });

  /**
   * Sends an action on the ticket shown and shows the ticket it answers (or, when it left the
   * caller's units, the list). Answers whether it worked.
   */
  async #act(
    action: TicketActionPath,
    target: ActionTarget,
    options: {
      /** The body, or how to make it (uploading files first); a failure there is the action's. */
      readonly body: object | (() => Promise<Result<object>>);
      readonly problems?: readonly FieldError[];
      readonly focusId?: string;
      /** Runs before the updated ticket is shown (e.g. to clear the sent draft). */
      readonly onSuccess?: () => void;
      readonly toast: (ticket: TicketDetail | null) => string;
    },
  ): Promise<boolean> {
    const shell = this.#shell;
    const ticket = this.#ticket;
    if (!ticket) return false;
    const { body } = options;
    return submitAction(shell, {
      target,
      ...(options.problems ? { problems: options.problems } : {}),
      send: async (): Promise<Result<{ readonly ticket: TicketDetail | null }>> => {
        const prepared = typeof body === 'function' ? await body() : { ok: true as const, value: body };
        if (!prepared.ok) return prepared;
        return action === 'route'
          ? shell.api.reroute(ticket.reference, prepared.value)
          : shell.api.act(ticket.reference, action, prepared.value);
      },
      done: async ({ ticket: updated }) => {
        options.onSuccess?.();
        if (updated)
          this.#render(updated, await this.#templates, options.focusId ? { focusId: options.focusId } : {});
        // Re-routed out of the caller's units: the ticket is no longer theirs to see.
        else await shell.navigate(shell.listRoute, { focus: true });
      },
      toast: ({ ticket: updated }) => options.toast(updated),
    });
  }

  /** Takes the ticket; out of the queue's order, after asking why (the server says when). */
  async #take(reason?: string, dialogTarget?: ActionTarget): Promise<boolean> {
    const shell = this.#shell;
    const { t } = shell;
    const ticket = this.#ticket;
    if (!ticket) return false;
    return submitAction(shell, {
      target: dialogTarget ?? pageTarget((lines) => shell.alert(lines)),
      send: () => shell.api.act(ticket.reference, 'take', reason === undefined ? {} : { reason }),
      handles: (failure) => {
        const reasonRequired =
          failure.kind === 'refused' && failure.status === 409 && failure.code === 'ReasonRequired';
        if (dialogTarget || !reasonRequired) return false;
        openTakeReasonDialog(shell, failure.message, (given, target) => this.#take(given, target));
        return true;
      },
      done: async ({ ticket: taken }) =>
        this.#render(taken, await this.#templates, { focusHeading: !dialogTarget }),
      toast: () => t('action.taken'),
    });
  }

  /** The form's action on the ticket shown, with the draft it sends; nothing without a ticket. */
  #draftShown(): Draft | undefined {
    return this.#ticket ? this.#draftFor(this.#ticket.reference) : undefined;
  }

  async #reply(form: HTMLFormElement): Promise<void> {
    const { t } = this.#shell;
    const draft = this.#draftShown();
    const reference = this.#ticket?.reference;
    if (!draft || !reference) return;
    await this.#act('replies', formTarget(form, t, regionAlert('reply-alert', t)), {
      problems: [
        ...validate(schemas.reply, { text: draft.reply.trim(), status: draft.replyStatus }, t),
        ...fileProblems(draft.replyFiles).map((problem) => ({
          field: 'attachments',
          message: t(problem.key, problem.name ? { name: problem.name } : {}),
        })),
      ],
      body: async () => {
        const attachments = await this.#uploadReplyFiles(reference, draft.replyFiles);
        if (!attachments.ok) return attachments;
        return {
          ok: true,
          value: {
            text: draft.reply,
            status: draft.replyStatus,
            ...(attachments.value.length ? { attachments: attachments.value } : {}),
          },
        };
      },
      focusId: document.activeElement?.id || 'reply-submit',
      onSuccess: () => {
        draft.reply = '';
        draft.templateId = '';
        draft.replyStatus = 'answered';
        draft.replyFiles = [];
      },
      toast: () => t('reply.sent'),
    });
  }

  /**
   * Uploads the reply's files, one after the other: each announced to the API (which checks it and
   * signs its PUT), then PUT straight to the bucket. Answers their upload ids, or the problem at
   * the files field (`attachments`) when one fails.
   */
  async #uploadReplyFiles(reference: string, files: readonly File[]): Promise<Result<string[]>> {
    const { api, t } = this.#shell;
    const atFiles = (message: string): Result<string[]> => ({
      ok: false,
      kind: 'invalid',
      status: 0,
      errors: [{ field: 'attachments', message }],
    });
    const ids: string[] = [];
    const status = document.getElementById('reply-files-status');
    if (files.length && status) status.textContent = t('reply.files.uploading');
    for (const file of files) {
      // The file's SHA-256: its upload is signed with it (S3 stores only these bytes), and the
      // reply checks the file still has them when it is sent.
      const sha256 = await sha256Of(file);
      if (!sha256) return atFiles(t('reply.files.uploadFailed', { name: file.name }));
      const announced = await api.announceUpload(reference, {
        filename: file.name,
        contentType: attachmentTypeOf(file) ?? file.type,
        size: file.size,
        sha256,
      });
      if (!announced.ok) {
        if (announced.kind === 'unauthorized') return announced;
        const messages =
          announced.kind === 'invalid'
            ? announced.errors.map((error) => error.message)
            : describeFailure(announced, t);
        return atFiles(`${file.name}: ${messages.join(' ')}`);
      }
      if (!(await uploadFile(announced.value, file)))
        return atFiles(t('reply.files.uploadFailed', { name: file.name }));
      ids.push(announced.value.uploadId);
    }
    if (status) status.textContent = '';
    return { ok: true, value: ids };
  }

  async #note(form: HTMLFormElement): Promise<void> {
    const { t } = this.#shell;
    const draft = this.#draftShown();
    if (!draft) return;
    await this.#act('notes', formTarget(form, t, regionAlert('note-alert', t)), {
      problems: validate(schemas.note, { text: draft.note.trim() }, t),
      body: { text: draft.note },
      focusId: document.activeElement?.id || 'note-submit',
      onSuccess: () => {
        draft.note = '';
      },
      toast: () => t('note.saved'),
    });
  }

  /** The callback's outcome (reached or not) with an optional note. */
  async #recordCallback(form: HTMLFormElement): Promise<void> {
    const { t } = this.#shell;
    const draft = this.#draftShown();
    if (!draft) return;
    const alert = regionAlert('callback-alert', t);
    if (!draft.callbackOutcome) {
      alert([t('callback.outcome.required')]);
      form.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    const note = draft.callbackNote.trim();
    const body = { outcome: draft.callbackOutcome, ...(note ? { note } : {}) };
    await this.#act('callback', formTarget(form, t, alert), {
      problems: validate(schemas.recordCallback, body, t),
      body,
      focusId: 'callback-heading',
      onSuccess: () => {
        draft.callbackOutcome = '';
        draft.callbackNote = '';
      },
      toast: () => t('callback.saved'),
    });
  }

  /** The text of a scan that had none, as a staff member typed it. */
  async #transcribe(form: HTMLFormElement): Promise<void> {
    const { t } = this.#shell;
    const draft = this.#draftShown();
    if (!draft) return;
    const input = form.querySelector<HTMLTextAreaElement>('textarea[name="text"]');
    const text = (input?.value ?? draft.transcription).trim();
    await this.#act('transcription', formTarget(form, t, regionAlert('transcription-alert', t)), {
      problems: validate(schemas.transcription, { text }, t),
      body: { text },
      focusId: 'transcription-heading',
      onSuccess: () => {
        draft.transcription = '';
      },
      toast: () => t('transcription.saved'),
    });
  }

  async #changeStatus(form: HTMLFormElement): Promise<void> {
    const { t } = this.#shell;
    const body = { status: form.querySelector('select')?.value ?? '' };
    const parsed = schemas.status.safeParse(body);
    await this.#act('status', formTarget(form, t, regionAlert('status-alert', t)), {
      problems: validate(schemas.status, body, t),
      body,
      focusId: 'status-select',
      toast: (ticket) =>
        t('statusChange.done', { status: t(`status.${ticket?.status ?? parsed.data?.status ?? 'open'}`) }),
    });
  }

  #insertTemplate(templates: readonly AnswerTemplate[]): void {
    const shell = this.#shell;
    const { t } = shell;
    const draft = this.#draftShown();
    if (!draft) return;
    const template = templates.find((candidate) => candidate.id === draft.templateId);
    const reply = document.getElementById('reply-text');
    const form = document.getElementById('reply-form');
    if (!template || !(reply instanceof HTMLTextAreaElement) || !form) {
      if (form) showFieldErrors(form, [{ field: 'template', message: t('template.nothingChosen') }], t);
      return;
    }
    showFieldErrors(form, [], t);
    this.#insertIntoReply(template.text);
    shell.toast(t('template.inserted'));
  }

  /** Puts `text` into the reply shown at the cursor (replacing a selection), set off by empty lines. */
  #insertIntoReply(text: string): boolean {
    const draft = this.#draftShown();
    const reply = document.getElementById('reply-text');
    if (!draft || !(reply instanceof HTMLTextAreaElement)) return false;
    const start = reply.selectionStart ?? reply.value.length;
    const end = reply.selectionEnd ?? start;
    const before = reply.value.slice(0, start);
    const after = reply.value.slice(end);
    const separator = before === '' || before.endsWith('\n') ? '' : '\n\n';
    // Text after the cursor stays a paragraph of its own.
    const closing = after === '' || after.startsWith('\n') ? '' : '\n\n';
    reply.value = `${before}${separator}${text}${closing}${after}`;
    draft.reply = reply.value;
    reply.focus();
    const caret = before.length + separator.length + text.length;
    reply.setSelectionRange(caret, caret);
    return true;
  }
}
