/**
 * The knowledge base for editors and administrators: the lists of articles and glossary terms
 * (`knowledge/list.ts`), and one entry's page — its form (`knowledge/entry-form.ts`), a preview as
 * the help pages show it, publishing, unpublishing and archiving (each confirmed), and the version
 * history. Every edit names the version it was made on: when someone else saved in between, the
 * API answers 409 and the page says so plainly instead of overwriting their work.
 */
import { findCompetence } from '../../../../shared/domain/competences.ts';
import type { Failure } from '../api.ts';
import { openDialog } from '../dialogs.ts';
import { h } from '../dom.ts';
import { formatLongDate, formatShortDate } from '../format.ts';
import { actionForm } from '../forms.ts';
import {
  type ArticleContent,
  type EntryAction,
  type EntryKind,
  type EntryRecord,
  type EntryVersion,
  KnowledgeApi,
  type TermContent,
} from '../knowledge/api.ts';
import {
  articleForm,
  type EntryForm,
  entryTitle,
  showEntryErrors,
  termForm,
} from '../knowledge/entry-form.ts';
import { emptyFilter, knowledgeList, type ListFilter, statusText } from '../knowledge/list.ts';
import { articlePreview, termPreview } from '../knowledge/preview.ts';
import { dataTable } from '../paged-table.ts';
import { backLink, facts, panel, timeElement, viewHeading } from '../parts.ts';
import type { KnowledgeTab, Route } from '../routes.ts';
import type { AdminShell, Showing } from '../shell.ts';
import {
  type ActionTarget,
  busyAttribute,
  dialogTarget,
  regionAlert,
  showFailure,
  submitAction,
} from '../submit.ts';

type EntryRoute = Route & { kind: 'knowledge-entry' };

const isConflict = (failure: Failure) => failure.kind === 'refused' && failure.status === 409;

export class KnowledgeView {
  readonly #shell: AdminShell;
  readonly #api: KnowledgeApi;
  readonly #filters: Record<KnowledgeTab, ListFilter> = { articles: emptyFilter(), terms: emptyFilter() };

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#api = new KnowledgeApi(shell);
  }

  async show(route: Route & { kind: 'knowledge' | 'knowledge-entry' }, showing: Showing): Promise<void> {
    if (route.kind === 'knowledge') return this.#showList(route.tab, showing);
    return this.#showEntry(route, showing);
  }

  // ---- The lists ------------------------------------------------------------------------------

  async #showList(tab: KnowledgeTab, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const result = await this.#api.list(tab === 'articles' ? 'article' : 'term');
    if (!shell.isCurrent(showing.generation)) return;
    if (!result.ok) return shell.showFailure(result);
    const render = (focus?: string) =>
      shell.render(
        shell.t('view.knowledge'),
        knowledgeList({
          context: shell.context,
          tab,
          entries: result.value,
          filter: this.#filters[tab],
          onFilter: (filter) => {
            this.#filters[tab] = filter;
            render('kb-filter-submit');
          },
        }),
        focus,
      );
    render(showing.focus ? 'view-heading' : undefined);
  }

  // ---- One entry ------------------------------------------------------------------------------

  async #showEntry(route: EntryRoute, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const focus = showing.focus ? 'view-heading' : undefined;
    if (route.id === undefined) {
      this.#renderEntry(route.entry, undefined, [], focus);
      return;
    }
    const [entry, versions] = await Promise.all([
      this.#api.get(route.entry, route.id),
      this.#api.versions(route.entry, route.id),
    ]);
    if (!shell.isCurrent(showing.generation)) return;
    if (!entry.ok) return shell.showFailure(entry);
    if (!versions.ok) shell.failure(versions);
    this.#renderEntry(route.entry, entry.value, versions.ok ? versions.value : [], focus);
  }

  /** Loads the entry again and shows it (after a change, or to see someone else's). */
  async #reload(kind: EntryKind, id: string, focus: string): Promise<void> {
    const shell = this.#shell;
    const generation = shell.generation;
    const [entry, versions] = await Promise.all([this.#api.get(kind, id), this.#api.versions(kind, id)]);
    if (!shell.isCurrent(generation)) return;
    if (!entry.ok) return shell.failure(entry);
    this.#renderEntry(kind, entry.value, versions.ok ? versions.value : [], focus);
  }

  #renderEntry(
    kind: EntryKind,
    record: EntryRecord | undefined,
    versions: readonly EntryVersion[],
    focus?: string,
  ): void {
    const shell = this.#shell;
    const context = shell.context;
    const { t, language } = context;
    const form: EntryForm<ArticleContent> | EntryForm<TermContent> =
      kind === 'article'
        ? articleForm(record?.content as ArticleContent | undefined, language, t)
        : termForm(record?.content as TermContent | undefined, t);
    const heading = record
      ? entryTitle(record.content, language)
      : t(kind === 'article' ? 'kb.heading.newArticle' : 'kb.heading.newTerm');
    const archived = record?.status === 'archived';
    const previewSection = h('section', {
      id: 'kb-preview',
      class: 'panel',
      attributes: { 'aria-labelledby': 'kb-preview-heading', hidden: true },
    });
    const editor = actionForm(
      {
        name: 'kb-entry',
        class: 'post-form',
        labelledBy: 'kb-form-heading',
        submit: t(record ? 'kb.save' : 'kb.create'),
        onSubmit: (element) => void this.#save(kind, record, form, element),
      },
      h('h2', { id: 'kb-form-heading' }, t('kb.form.heading')),
      ...form.fields,
    );
    const previewButton = h(
      'button',
      {
        id: 'kb-preview-button',
        class: 'button button--secondary',
        attributes: { type: 'button', 'aria-controls': 'kb-preview' },
        on: {
          click: () => {
            const draft = form.draft();
            previewSection.replaceChildren(
              h('h2', { id: 'kb-preview-heading', attributes: { tabindex: '-1' } }, t('kb.preview.heading')),
              h('p', { class: 'list__intro' }, t('kb.preview.note')),
              ...('title' in draft ? articlePreview(draft, t) : termPreview(draft, t)),
            );
            previewSection.hidden = false;
            document.getElementById('kb-preview-heading')?.focus();
          },
        },
      },
      t('kb.preview'),
    );
    editor.querySelector('#kb-entry-submit')?.after(' ', previewButton);
    if (archived) {
      for (const control of editor.querySelectorAll<HTMLInputElement>('input, select, textarea'))
        control.readOnly = true;
      for (const control of editor.querySelectorAll('select')) control.disabled = true;
      editor.querySelector('#kb-entry-submit')?.remove();
    }
    shell.render(
      heading,
      h(
        'article',
        { class: 'kb-entry', attributes: { 'aria-labelledby': 'view-heading' } },
        backLink(
          context.href({ kind: 'knowledge', tab: kind === 'article' ? 'articles' : 'terms' }),
          t('kb.back'),
        ),
        viewHeading(heading),
        record ? this.#facts(record) : undefined,
        record?.content.sample ? h('p', { class: 'notice' }, t('kb.sample')) : undefined,
        archived ? h('p', { class: 'notice' }, t('kb.archivedNote')) : undefined,
        editor,
        previewSection,
        record && !archived ? this.#publishing(kind, record) : undefined,
        record ? this.#history(versions) : undefined,
      ),
      focus,
    );
  }

  #facts(record: EntryRecord): HTMLElement {
    const { t, language } = this.#shell.context;
    const topic = 'topic' in record.content ? findCompetence(record.content.topic) : undefined;
    return facts([
      [t('kb.fact.id'), record.id],
      topic ? [t('kb.field.topic'), topic.name[language]] : undefined,
      [t('kb.fact.status'), statusText(record, this.#shell.context)],
      [t('kb.fact.version'), String(record.version)],
      record.publishedVersion ? [t('kb.fact.published'), String(record.publishedVersion)] : undefined,
      [
        t('kb.fact.updated'),
        h(
          'span',
          {},
          timeElement(record.updatedAt, formatLongDate(record.updatedAt, language)),
          `, ${record.updatedBy}`,
        ),
      ],
    ]);
  }

  #target(form: HTMLFormElement): ActionTarget {
    const { t } = this.#shell;
    return {
      busy: busyAttribute(form),
      fieldErrors: (errors) => showEntryErrors(form, errors, t),
      alert: regionAlert('kb-entry-alert', t),
    };
  }

  /** The 409 said where the person looks, with the way to the latest version. */
  #conflict(kind: EntryKind, id: string, where: HTMLElement | null): void {
    const { t } = this.#shell;
    where?.replaceChildren(
      h(
        'div',
        { class: 'notice notice--error' },
        h('p', { class: 'notice__title' }, t('error.heading')),
        h('p', {}, t('kb.conflict')),
        h(
          'button',
          {
            id: 'kb-conflict-reload',
            class: 'button button--secondary',
            attributes: { type: 'button' },
            on: { click: () => void this.#reload(kind, id, 'view-heading') },
          },
          t('kb.conflict.reload'),
        ),
      ),
    );
  }

  async #save(
    kind: EntryKind,
    record: EntryRecord | undefined,
    form: EntryForm<ArticleContent> | EntryForm<TermContent>,
    element: HTMLFormElement,
  ): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    const parsed = form.read();
    await submitAction(shell, {
      target: this.#target(element),
      problems: parsed.problems,
      send: () => {
        const content = parsed.content as ArticleContent & TermContent;
        return record
          ? this.#api.update(kind, record.id, record.version, content)
          : this.#api.create(kind, content, form.id?.());
      },
      handles: (failure) => {
        if (!isConflict(failure) || failure.kind !== 'refused') return false;
        if (!record) {
          // A new entry's 409 is its address taken (SlugTaken, TermIdTaken): said at that field.
          showFailure(
            this.#target(element),
            {
              kind: 'invalid',
              status: failure.status,
              errors: [{ field: kind === 'article' ? 'slug' : 'id', message: failure.message }],
            },
            t,
          );
          return true;
        }
        this.#conflict(kind, record.id, document.getElementById('kb-entry-alert'));
        document.getElementById('kb-conflict-reload')?.focus();
        return true;
      },
      done: async (saved) => {
        if (record) await this.#reload(kind, saved.id, 'kb-entry-submit');
        else await shell.navigate({ kind: 'knowledge-entry', entry: kind, id: saved.id }, { focus: true });
      },
      toast: (saved) => (record ? t('kb.saved', { version: String(saved.version) }) : t('kb.created')),
    });
  }

  // ---- Publishing -----------------------------------------------------------------------------

  #publishing(kind: EntryKind, record: EntryRecord): HTMLElement {
    const { t } = this.#shell;
    const actions: EntryAction[] = [];
    if (record.status === 'draft' || record.unpublishedChanges) actions.push('publish');
    if (record.status === 'published') actions.push('unpublish');
    actions.push('archive');
    return panel(
      { id: 'kb-actions', heading: t('kb.actions') },
      h(
        'div',
        { class: 'audit-form__buttons' },
        ...actions.map((action) =>
          h(
            'button',
            {
              id: `kb-${action}`,
              class:
                action === 'archive'
                  ? 'button button--danger'
                  : action === 'publish'
                    ? 'button'
                    : 'button button--secondary',
              attributes: { type: 'button' },
              on: { click: () => this.#confirm(kind, record, action) },
            },
            t(`kb.${action}`),
          ),
        ),
      ),
    );
  }

  #confirm(kind: EntryKind, record: EntryRecord, action: EntryAction): void {
    const shell = this.#shell;
    const { t, language } = shell;
    const title = entryTitle(record.content, language);
    openDialog({
      id: 'kb-confirm',
      title: t(`kb.confirm.${action}.title`, { title }),
      description: [h('p', {}, t(`kb.confirm.${action}.text`, { version: String(record.version) }))],
      submitLabel: t(`kb.${action}`),
      danger: action === 'archive',
      returnFocusId: 'view-heading',
      t,
      onSubmit: (_form, dialog) =>
        submitAction(shell, {
          target: dialogTarget(dialog, t),
          send: () => this.#api.act(kind, record.id, action, record.version),
          handles: (failure) => {
            if (!isConflict(failure)) return false;
            this.#conflict(kind, record.id, document.getElementById('kb-confirm-alert'));
            return true;
          },
          done: async () => {
            dialog.close();
            await this.#reload(kind, record.id, 'view-heading');
          },
          toast: () => t(`kb.done.${action}`, { title }),
        }),
    });
  }

  // ---- History --------------------------------------------------------------------------------

  #history(versions: readonly EntryVersion[]): HTMLElement {
    const { t, language } = this.#shell.context;
    const newestFirst = [...versions].sort((a, b) => b.version - a.version);
    return panel(
      { id: 'kb-history', heading: t('kb.history') },
      newestFirst.length
        ? dataTable<EntryVersion>(
            {
              class: 'kb__history',
              labelledBy: 'kb-history-heading',
              columns: [
                { label: 'kb.column.version', cell: (version) => String(version.version) },
                { label: 'kb.column.action', cell: (version) => t(`kb.action.${version.action}`) },
                { label: 'kb.column.author', cell: (version) => version.author },
                {
                  label: 'kb.column.at',
                  cell: (version) => timeElement(version.at, formatShortDate(version.at, language)),
                },
              ],
              t,
            },
            newestFirst,
          )
        : h('p', {}, t('kb.history.empty')),
    );
  }
}
