/**
 * The editing forms of a knowledge base entry: an article (both languages' title, summary, text
 * and keywords; synonyms, sources, the online service, topic and slug) and a glossary term. Each
 * control is named by its place in the entry's content (`title.lv`, `service.url`), as the staff
 * API names its 400s, so that the server's messages land at the same control as the page's own.
 *
 * Lists are typed as text, one item a line (paragraphs: an empty line between them), because a
 * textarea is what keyboards and screen readers handle best; `list-text.ts` turns them back, so
 * that what is shown reads back as the same content.
 */
import { competences } from '../../../../shared/domain/competences.ts';
import type { Language } from '../../../../shared/domain/language.ts';
import { isValidSlug } from '../../../../shared/knowledge/urls.ts';
import type { FieldError } from '../api.ts';
import { h } from '../dom.ts';
import { type Control, field, select, showFieldErrors, textarea, textInput } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import type { TextKey } from '../texts.ts';
import type { ArticleContent, TermContent } from './api.ts';
import {
  isWebAddress,
  sourcesOf,
  sourcesText,
  synonymsOf,
  synonymsText,
  wordsOf,
  wordsText,
} from './list-text.ts';

const languages = ['lv', 'en'] as const satisfies readonly Language[];

/** A form's content, or the problems that keep it from being one. */
export type Parsed<C> =
  | { readonly content: C; readonly problems: readonly [] }
  | {
      readonly content?: undefined;
      readonly problems: readonly FieldError[];
    };

export interface EntryForm<C> {
  readonly fields: readonly HTMLElement[];
  /** The content the form holds now, checked. */
  read(): Parsed<C>;
  /** The content as typed, unchecked, for the preview. */
  draft(): C;
  /** The new entry's id, where the form asks for one (a new glossary term). */
  id?(): string;
}

function idOf(name: string): string {
  return `kb-${name.replaceAll('.', '-')}`;
}

/** A field named `name` with a label, and a hint when the catalogue has one (`<label key>.hint`). */
function labelled(
  t: Translate,
  name: string,
  label: TextKey,
  control: Control,
  options: { hint?: TextKey; required?: boolean; language?: Language } = {},
): HTMLDivElement {
  if (options.language) control.setAttribute('lang', options.language);
  return field({
    id: idOf(name),
    name,
    label: t(label),
    ...(options.hint ? { hint: t(options.hint) } : {}),
    ...(options.required ? { required: true } : {}),
    control,
    t,
  });
}

function group(legend: string, language: Language | undefined, ...children: HTMLElement[]): HTMLElement {
  return h(
    'fieldset',
    { class: 'post-form__group', ...(language ? { attributes: { lang: language } } : {}) },
    h('legend', { class: 'post-form__legend' }, legend),
    ...children,
  );
}

// ---- Text ⇄ lists --------------------------------------------------------------------------------

function paragraphsOf(text: string): string[] {
  return text
    .replaceAll('\r', '')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trim(),
    )
    .filter((paragraph) => paragraph !== '');
}

// ---- The forms -------------------------------------------------------------------------------------

/** The article form, filled with `content` (empty for a new article). */
export function articleForm(
  content: ArticleContent | undefined,
  language: Language,
  t: Translate,
): EntryForm<ArticleContent> {
  const controls = {
    slug: textInput(content?.slug ?? ''),
    topic: select(
      [
        { value: '', label: t('kb.field.topic.choose') },
        ...competences.map((unit) => ({ value: unit.id, label: unit.name[language] })),
      ],
      content?.topic ?? '',
    ),
    synonyms: textarea(3, synonymsText(content?.synonyms ?? [])),
    sources: textarea(3, sourcesText(content?.sources ?? [])),
    serviceUrl: textInput(content?.service?.url ?? ''),
  };
  const perLanguage = Object.fromEntries(
    languages.map((code) => [
      code,
      {
        title: textInput(content?.title[code] ?? ''),
        summary: textarea(2, content?.summary[code] ?? ''),
        paragraphs: textarea(12, (content?.paragraphs[code] ?? []).join('\n\n')),
        keywords: textarea(3, wordsText(content?.keywords[code] ?? [])),
        service: textInput(content?.service?.title[code] ?? ''),
      },
    ]),
  ) as Record<
    Language,
    {
      title: HTMLInputElement;
      summary: HTMLTextAreaElement;
      paragraphs: HTMLTextAreaElement;
      keywords: HTMLTextAreaElement;
      service: HTMLInputElement;
    }
  >;
  for (const code of languages) perLanguage[code].title.spellcheck = true;
  const fields = [
    group(
      t('kb.form.common'),
      undefined,
      labelled(t, 'topic', 'kb.field.topic', controls.topic, { required: true }),
      labelled(t, 'slug', 'kb.field.slug', controls.slug, { hint: 'kb.field.slug.hint', required: true }),
    ),
    ...languages.map((code) =>
      group(
        t(code === 'lv' ? 'kb.form.lv' : 'kb.form.en'),
        undefined,
        labelled(t, `title.${code}`, 'kb.field.title', perLanguage[code].title, {
          required: true,
          language: code,
        }),
        labelled(t, `summary.${code}`, 'kb.field.summary', perLanguage[code].summary, {
          hint: 'kb.field.summary.hint',
          required: true,
          language: code,
        }),
        labelled(t, `paragraphs.${code}`, 'kb.field.paragraphs', perLanguage[code].paragraphs, {
          hint: 'kb.field.paragraphs.hint',
          required: true,
          language: code,
        }),
        labelled(t, `keywords.${code}`, 'kb.field.keywords', perLanguage[code].keywords, {
          hint: 'kb.field.keywords.hint',
          language: code,
        }),
        labelled(t, `service.title.${code}`, 'kb.field.serviceTitle', perLanguage[code].service, {
          language: code,
        }),
      ),
    ),
    group(
      t('kb.form.common'),
      undefined,
      labelled(t, 'synonyms', 'kb.field.synonyms', controls.synonyms, { hint: 'kb.field.synonyms.hint' }),
      labelled(t, 'sources', 'kb.field.sources', controls.sources, {
        hint: 'kb.field.sources.hint',
        required: true,
      }),
      labelled(t, 'service.url', 'kb.field.serviceUrl', controls.serviceUrl, {
        hint: 'kb.field.serviceUrl.hint',
      }),
    ),
  ];

  const draft = (): ArticleContent => {
    const both = <T>(read: (code: Language) => T) => ({ lv: read('lv'), en: read('en') });
    const serviceTitle = both((code) => perLanguage[code].service.value.trim());
    const serviceUrl = controls.serviceUrl.value.trim();
    return {
      slug: controls.slug.value.trim(),
      topic: controls.topic.value,
      title: both((code) => perLanguage[code].title.value.trim()),
      summary: both((code) => perLanguage[code].summary.value.trim()),
      paragraphs: both((code) => paragraphsOf(perLanguage[code].paragraphs.value)),
      keywords: both((code) => wordsOf(perLanguage[code].keywords.value)),
      synonyms: synonymsOf(controls.synonyms.value).synonyms,
      sources: sourcesOf(controls.sources.value).sources,
      ...(serviceTitle.lv || serviceTitle.en || serviceUrl
        ? { service: { title: serviceTitle, url: serviceUrl } }
        : {}),
      sample: content?.sample ?? false,
    };
  };

  const read = (): Parsed<ArticleContent> => {
    const value = draft();
    const problems: FieldError[] = [];
    const required = (name: string, present: boolean) => {
      if (!present) problems.push({ field: name, message: t('error.required') });
    };
    required('topic', value.topic !== '');
    if (!value.slug) required('slug', false);
    else if (!isValidSlug(value.slug)) problems.push({ field: 'slug', message: t('error.format') });
    for (const code of languages) {
      required(`title.${code}`, value.title[code] !== '');
      required(`summary.${code}`, value.summary[code] !== '');
      required(`paragraphs.${code}`, value.paragraphs[code].length > 0);
    }
    if (synonymsOf(controls.synonyms.value).bad)
      problems.push({ field: 'synonyms', message: t('kb.error.synonymLine') });
    const sources = sourcesOf(controls.sources.value);
    if (sources.bad) problems.push({ field: 'sources', message: t('kb.error.sourceLine') });
    else if (!sources.sources.length) problems.push({ field: 'sources', message: t('kb.error.noSource') });
    const service = value.service;
    if (service && (!service.title.lv || !service.title.en || !service.url))
      problems.push({ field: 'service.url', message: t('kb.error.serviceBoth') });
    else if (service && !isWebAddress(service.url))
      problems.push({ field: 'service.url', message: t('kb.error.url') });
    return problems.length ? { problems } : { content: value, problems: [] };
  };

  return { fields, read, draft };
}

/**
 * The glossary term form, filled with `content`; a new term (no content) also asks for its id,
 * its address in the glossary for good.
 */
export function termForm(content: TermContent | undefined, t: Translate): EntryForm<TermContent> {
  const idControl = content ? undefined : textInput('');
  const perLanguage = Object.fromEntries(
    languages.map((code) => [
      code,
      {
        term: textInput(content?.term[code] ?? ''),
        explanation: textarea(5, content?.explanation[code] ?? ''),
      },
    ]),
  ) as Record<Language, { term: HTMLInputElement; explanation: HTMLTextAreaElement }>;
  const sources = textarea(3, sourcesText(content?.sources ?? []));
  const fields = [
    idControl
      ? group(
          t('kb.form.common'),
          undefined,
          labelled(t, 'id', 'kb.field.termId', idControl, { hint: 'kb.field.termId.hint', required: true }),
        )
      : undefined,
    ...languages.map((code) =>
      group(
        t(code === 'lv' ? 'kb.form.lv' : 'kb.form.en'),
        undefined,
        labelled(t, `term.${code}`, 'kb.field.term', perLanguage[code].term, {
          required: true,
          language: code,
        }),
        labelled(t, `explanation.${code}`, 'kb.field.explanation', perLanguage[code].explanation, {
          hint: 'kb.field.explanation.hint',
          required: true,
          language: code,
        }),
      ),
    ),
    group(
      t('kb.form.common'),
      undefined,
      labelled(t, 'sources', 'kb.field.sources', sources, { hint: 'kb.field.sources.hint' }),
    ),
  ];
  const draft = (): TermContent => ({
    term: { lv: perLanguage.lv.term.value.trim(), en: perLanguage.en.term.value.trim() },
    explanation: {
      lv: perLanguage.lv.explanation.value.trim(),
      en: perLanguage.en.explanation.value.trim(),
    },
    sources: sourcesOf(sources.value).sources,
    sample: content?.sample ?? false,
  });
  const read = (): Parsed<TermContent> => {
    const value = draft();
    const problems: FieldError[] = [];
    if (idControl) {
      const id = idControl.value.trim();
      if (!id) problems.push({ field: 'id', message: t('error.required') });
      else if (!isValidSlug(id)) problems.push({ field: 'id', message: t('error.format') });
    }
    for (const code of languages) {
      if (!value.term[code]) problems.push({ field: `term.${code}`, message: t('error.required') });
      if (!value.explanation[code])
        problems.push({ field: `explanation.${code}`, message: t('error.required') });
    }
    if (sourcesOf(sources.value).bad) problems.push({ field: 'sources', message: t('kb.error.sourceLine') });
    return problems.length ? { problems } : { content: value, problems: [] };
  };
  return {
    fields: fields.filter((element) => element !== undefined),
    read,
    draft,
    ...(idControl ? { id: () => idControl.value.trim() } : {}),
  };
}

/**
 * Shows the server's (or the page's) field errors at their controls. The API may name a deeper
 * place than a control (`paragraphs.lv.2`, `sources.0.url`, `synonyms.1.0`): the error goes to the control
 * whose name is the longest leading part of it. Answers the errors that have no control here.
 */
export function showEntryErrors(
  form: HTMLElement,
  errors: readonly FieldError[],
  t: Translate,
): FieldError[] {
  const names = new Set(Array.from(form.querySelectorAll<Control>('[name]'), (control) => control.name));
  const placed = errors.map((error) => {
    const parts = error.field.split('.');
    for (let length = parts.length; length > 0; length -= 1) {
      const name = parts.slice(0, length).join('.');
      if (names.has(name)) return { ...error, field: name };
    }
    return error;
  });
  return showFieldErrors(form, placed, t);
}

/** An entry's name in `language` (the Latvian one when that is still empty). */
export function entryTitle(content: ArticleContent | TermContent, language: Language): string {
  const name = 'title' in content ? content.title : content.term;
  return name[language] || name.lv;
}
