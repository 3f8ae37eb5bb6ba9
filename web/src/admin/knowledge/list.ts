/**
 * The knowledge base's lists: articles or glossary terms, with a filter (words, status, topic)
 * applied in the page — the whole set is a few hundred entries at most — and the count shown said
 * in a status region, so that a screen reader hears what the filter left.
 */
import { competences, findCompetence } from '../../../../shared/domain/competences.ts';
import type { Language } from '../../../../shared/domain/language.ts';
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { field, select, textInput } from '../forms.ts';
import { dataTable } from '../paged-table.ts';
import { timeElement, viewHeading } from '../parts.ts';
import type { KnowledgeTab } from '../routes.ts';
import type { ViewContext } from '../shell.ts';
import { type EntryRecord, type EntryStatus, type EntrySummary, entryStatuses } from './api.ts';

export interface ListFilter {
  words: string;
  status: '' | EntryStatus;
  topic: string;
}

export const emptyFilter = (): ListFilter => ({ words: '', status: '', topic: '' });

/** Folded for matching: lower case, no diacritics (`tiesa` finds `Tiesā`). */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A listed entry's name in `language` (the Latvian one when that is still empty). */
export function summaryTitle(entry: EntrySummary, language: Language): string {
  const name = 'title' in entry ? entry.title : entry.term;
  return name[language] || name.lv;
}

export function matches(entry: EntrySummary, filter: ListFilter): boolean {
  if (filter.status && entry.status !== filter.status) return false;
  if (filter.topic && (!('topic' in entry) || entry.topic !== filter.topic)) return false;
  const words = folded(filter.words.trim());
  if (!words) return true;
  const names =
    'title' in entry ? [entry.title.lv, entry.title.en, entry.slug] : [entry.term.lv, entry.term.en];
  return [entry.id, ...names].some((name) => folded(name).includes(words));
}

/** The status in words, and whether what the public sees is behind the latest version. */
export function statusText(
  entry: Pick<EntryRecord, 'status' | 'unpublishedChanges'>,
  context: ViewContext,
): string {
  const { t } = context;
  const status = t(`kb.status.${entry.status}`);
  return entry.status === 'published' && entry.unpublishedChanges
    ? `${status} (${t('kb.unpublishedChanges')})`
    : status;
}

export interface ListOptions {
  readonly context: ViewContext;
  readonly tab: KnowledgeTab;
  readonly entries: readonly EntrySummary[];
  readonly filter: ListFilter;
  readonly onFilter: (filter: ListFilter) => void;
}

export function knowledgeList(options: ListOptions): HTMLElement {
  const { context, tab, filter } = options;
  const { t, language } = context;
  const kind = tab === 'articles' ? 'article' : 'term';
  const tabLink = (target: KnowledgeTab) =>
    h(
      'li',
      {},
      h(
        'a',
        {
          attributes: {
            href: context.href({ kind: 'knowledge', tab: target }),
            'aria-current': target === tab ? 'page' : undefined,
          },
        },
        t(target === 'articles' ? 'kb.tab.articles' : 'kb.tab.terms'),
      ),
    );
  const controls = {
    words: textInput(filter.words),
    status: select(
      [
        { value: '', label: t('kb.filter.status.all') },
        ...entryStatuses.map((status) => ({ value: status, label: t(`kb.status.${status}`) })),
      ],
      filter.status,
    ),
    topic: select(
      [
        { value: '', label: t('kb.filter.topic.all') },
        ...competences.map((unit) => ({ value: unit.id, label: unit.name[language] })),
      ],
      filter.topic,
    ),
  };
  const form = h(
    'form',
    {
      id: 'kb-filter-form',
      class: 'audit-form',
      attributes: { novalidate: true, 'aria-labelledby': 'kb-filter-heading' },
    },
    h('h2', { id: 'kb-filter-heading', class: 'visually-hidden' }, t('kb.filter.heading')),
    h(
      'div',
      { class: 'audit-form__fields' },
      field({
        id: 'kb-filter-words',
        name: 'words',
        label: t('kb.filter.text'),
        hint: t('kb.filter.text.hint'),
        control: controls.words,
        t,
      }),
      field({
        id: 'kb-filter-status',
        name: 'status',
        label: t('kb.filter.status'),
        control: controls.status,
        t,
      }),
      kind === 'article'
        ? field({
            id: 'kb-filter-topic',
            name: 'topic',
            label: t('kb.filter.topic'),
            control: controls.topic,
            t,
          })
        : undefined,
    ),
    h(
      'div',
      { class: 'audit-form__buttons' },
      h(
        'button',
        { id: 'kb-filter-submit', class: 'button', attributes: { type: 'submit' } },
        t('kb.filter.apply'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const status = entryStatuses.find((value) => value === controls.status.value) ?? '';
    options.onFilter({
      words: controls.words.value,
      status,
      topic: kind === 'article' ? controls.topic.value : '',
    });
  });
  const shown = options.entries.filter((entry) => matches(entry, filter));
  const sorted = [...shown].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const table = dataTable<EntrySummary>(
    {
      class: 'kb__table',
      labelledBy: 'kb-list-heading',
      columns: [
        {
          label: kind === 'article' ? 'kb.column.title' : 'kb.column.term',
          cell: (entry) =>
            h(
              'a',
              { attributes: { href: context.href({ kind: 'knowledge-entry', entry: kind, id: entry.id }) } },
              summaryTitle(entry, language),
            ),
        },
        ...(kind === 'article'
          ? [
              {
                label: 'kb.column.topic' as const,
                cell: (entry: EntrySummary) =>
                  'topic' in entry ? (findCompetence(entry.topic)?.name[language] ?? entry.topic) : '',
              },
            ]
          : []),
        { label: 'kb.column.status', cell: (entry) => statusText(entry, context) },
        {
          label: 'kb.column.updated',
          cell: (entry) =>
            t('kb.updated', { at: '{at}', by: entry.updatedBy })
              .split(/(\{at\})/)
              .map((part) =>
                part === '{at}'
                  ? timeElement(entry.updatedAt, formatShortDate(entry.updatedAt, language))
                  : part,
              ),
        },
      ],
      row: (entry) => ({ class: 'tickets__row', dataset: { entryId: entry.id, status: entry.status } }),
      t,
    },
    sorted,
  );
  return h(
    'section',
    { class: 'kb', attributes: { 'aria-labelledby': 'view-heading' } },
    viewHeading(t('view.knowledge')),
    h(
      'nav',
      { class: 'subviews', attributes: { 'aria-label': t('kb.tabs') } },
      h('ul', {}, tabLink('articles'), tabLink('terms')),
    ),
    h('p', { class: 'list__intro' }, t('view.knowledge.intro')),
    h(
      'p',
      {},
      h(
        'a',
        {
          id: 'kb-new',
          class: 'button',
          attributes: { href: context.href({ kind: 'knowledge-entry', entry: kind }) },
        },
        t(kind === 'article' ? 'kb.new.article' : 'kb.new.term'),
      ),
    ),
    form,
    h('h2', { id: 'kb-list-heading' }, t(tab === 'articles' ? 'kb.tab.articles' : 'kb.tab.terms')),
    h(
      'p',
      { id: 'kb-list-count', attributes: { role: 'status' } },
      t('kb.shown', { shown: String(shown.length), total: String(options.entries.length) }),
    ),
    sorted.length ? table : h('p', { class: 'empty' }, t('kb.empty')),
  );
}
