/**
 * Letters for the mailroom: what the system printed for clients without an email address, to
 * post (oldest first) or already posted; one letter with short-lived links to its PDF and the
 * files to enclose, and the form that records it as posted (with the registered-mail number,
 * when it went registered).
 */
import type { LetterResponse, LetterView } from '../../../../shared/http/staff-contract.ts';
import { schemas } from '../../../../shared/http/staff-contract.ts';
import type { LetterState } from '../api.ts';
import { type Child, h, safeDownloadUrl } from '../dom.ts';
import { formatLongDate, formatShortDate, formatSize, todayInRiga } from '../format.ts';
import { actionForm, field, validateNested } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import { nextPage, pagedTable, type TableOptions } from '../paged-table.ts';
import { backLink, facts, factsBlock, panel, timeElement, viewHeading } from '../parts.ts';
import { addressOf, type Route } from '../routes.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { formTarget, regionAlert, submitAction } from '../submit.ts';
import { isTextKey } from '../texts.ts';

export class LettersView {
  readonly #shell: AdminShell;

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  async show(route: Route & { kind: 'letters' | 'letter' }, showing: Showing): Promise<void> {
    const shell = this.#shell;
    const focus = showing.focus ? 'view-heading' : undefined;
    if (route.kind === 'letter') {
      const result = await shell.api.letter(route.reference, route.letterId);
      if (!shell.isCurrent(showing.generation)) return;
      if (!result.ok) return shell.showFailure(result);
      const { letter } = result.value;
      const back: Route =
        shell.listRoute.kind === 'letters'
          ? shell.listRoute
          : { kind: 'letters', state: letter.dispatch ? 'dispatched' : 'pending' };
      shell.render(
        shell.t('letter.heading', { reference: letter.reference }),
        letterView({
          letter,
          context: shell.context,
          backHref: addressOf(back, shell.language),
          onDispatch: (form) => void this.#dispatch(letter, form),
        }),
        focus,
      );
      return;
    }
    const { state } = route;
    const result = await shell.api.letters(state);
    if (!shell.isCurrent(showing.generation)) return;
    if (!result.ok) return shell.showFailure(result);
    shell.render(
      shell.t('view.letters'),
      lettersView(shell.context, state, [
        ...pagedTable(letterTable(shell.context, state), result.value, {
          empty: shell.t(`letters.empty.${state}`),
          onMore: (cursor) => nextPage(shell, shell.api.letters(state, cursor)),
        }),
      ]),
      focus,
    );
  }

  /** Records the letter as posted, then goes back to the letters still to post. */
  async #dispatch(letter: LetterResponse['letter'], form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    const number = form.querySelector<HTMLInputElement>('[name="registeredMailNumber"]')?.value.trim() ?? '';
    const dispatchedOn = form.querySelector<HTMLInputElement>('[name="dispatchedOn"]')?.value ?? '';
    const body = {
      ...(number ? { registeredMailNumber: number } : {}),
      ...(dispatchedOn ? { dispatchedOn } : {}),
    };
    await submitAction(shell, {
      target: formTarget(form, t, regionAlert('dispatch-alert', t)),
      problems: [
        ...validateNested(schemas.dispatchLetter, body, t, {
          registeredMailNumber: { invalid: 'post.error.registeredMailNumber' },
          dispatchedOn: { invalid: 'error.date' },
        }),
        ...(dispatchedOn ? [] : [{ field: 'dispatchedOn', message: t('error.date') }]),
      ],
      send: () => shell.api.dispatchLetter(letter.reference, letter.letterId, body),
      done: () => shell.navigate({ kind: 'letters', state: 'pending' }, { focus: true }),
      toast: () => t('letter.dispatched', { reference: letter.reference }),
    });
  }
}

/** What a letter is, in words: an acknowledgement, a reply, a notice… (the code for an unknown one). */
export function letterKindText(kind: string, t: Translate): string {
  if (kind === 'reply') return t('thread.reply');
  const key = `notice.${kind}`;
  return isTextKey(key) ? t(key) : kind;
}

/** The letters to post or posted, with the tabs between them. */
function lettersView(context: ViewContext, state: LetterState, list: readonly Child[]): HTMLElement {
  const { t } = context;
  const tab = (which: LetterState) =>
    h(
      'li',
      {},
      h(
        'a',
        {
          id: `letters-${which}`,
          attributes: {
            href: context.href({ kind: 'letters', state: which }),
            'aria-current': which === state ? 'page' : undefined,
          },
        },
        t(`letters.${which}`),
      ),
    );
  return h(
    'section',
    { class: 'list letters', attributes: { 'aria-labelledby': 'view-heading' } },
    viewHeading(`${t('view.letters')}: ${t(`letters.${state}`)}`),
    h(
      'nav',
      { class: 'subviews', attributes: { 'aria-label': t('letters.tabs') } },
      h('ul', {}, tab('pending'), tab('dispatched')),
    ),
    h('p', { class: 'list__intro' }, t(`view.letters.intro.${state}`)),
    ...list,
  );
}

/** A row per letter; the reference opens the letter (its PDF, enclosures and the dispatch form). */
function letterTable(context: ViewContext, state: LetterState): TableOptions<LetterView> {
  const { t, language } = context;
  return {
    class: 'letters__table',
    labelledBy: 'view-heading',
    columns: [
      {
        label: 'letters.column.reference',
        cell: (item) =>
          h(
            'a',
            {
              class: 'tickets__reference',
              attributes: {
                href: context.href({ kind: 'letter', reference: item.reference, letterId: item.letterId }),
              },
            },
            item.reference,
          ),
      },
      {
        label: 'letters.column.created',
        cell: (item) => timeElement(item.createdAt, formatShortDate(item.createdAt, language)),
      },
      { label: 'letters.column.recipient', cell: (item) => item.recipientName },
      { label: 'letters.column.kind', cell: (item) => letterKindText(item.kind, t) },
      { label: 'letters.column.enclosures', cell: (item) => String(item.enclosures) },
      ...(state === 'dispatched'
        ? [
            {
              label: 'letters.column.dispatched' as const,
              cell: (item: LetterView) => (item.dispatch ? dispatchText(item.dispatch, context) : ''),
            },
          ]
        : []),
    ],
    row: (item) => ({ dataset: { letter: item.letterId } }),
    t,
  };
}

/** "Posted on 12 May 2026, registered mail RR123456789LV; recorded by mailroom." */
function dispatchText(dispatch: NonNullable<LetterView['dispatch']>, context: ViewContext): string {
  const date = formatLongDate(dispatch.dispatchedOn, context.language);
  return dispatch.registeredMailNumber
    ? context.t('letter.dispatch.doneNumber', {
        date,
        number: dispatch.registeredMailNumber,
        by: dispatch.by,
      })
    : context.t('letter.dispatch.done', { date, by: dispatch.by });
}

interface LetterViewOptions {
  readonly letter: LetterResponse['letter'];
  readonly context: ViewContext;
  readonly backHref: string;
  readonly onDispatch: (form: HTMLFormElement) => void;
}

function letterView(options: LetterViewOptions): HTMLElement {
  const { letter, context } = options;
  const { t, language } = context;
  const items: [string, Child][] = [
    [t('letter.kind'), letterKindText(letter.kind, t)],
    [t('letter.recipient'), letter.recipientName],
    [t('letter.created'), timeElement(letter.createdAt, formatLongDate(letter.createdAt, language))],
    [t('column.unit'), context.unitName(letter.competence)],
    [t('letter.size'), formatSize(letter.size, language)],
    [t('letter.enclosures'), String(letter.enclosures)],
  ];
  if (letter.dispatch) items.push([t('letter.state'), dispatchText(letter.dispatch, context)]);
  const pdf = safeDownloadUrl(letter.downloadUrl);
  const enclosures = letter.enclosureLinks.flatMap((link) => {
    const href = safeDownloadUrl(link.url);
    return href ? [{ href, filename: link.filename }] : [];
  });
  return h(
    'article',
    { class: 'letter', attributes: { 'aria-labelledby': 'view-heading' } },
    backLink(options.backHref, t('letter.back')),
    viewHeading(t('letter.heading', { reference: letter.reference })),
    factsBlock(t('letter.facts'), facts(items)),
    panel(
      { id: 'letter-print', heading: t('letter.print') },
      h(
        'ul',
        { class: 'plain-list' },
        pdf
          ? h(
              'li',
              {},
              h(
                'a',
                {
                  id: 'letter-download',
                  attributes: {
                    href: pdf,
                    download: `${letter.reference}-${letter.letterId}.pdf`,
                    rel: 'noopener noreferrer',
                  },
                },
                t('letter.download'),
              ),
            )
          : undefined,
        ...enclosures.map((link) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                class: 'letter__enclosure',
                attributes: { href: link.href, download: link.filename, rel: 'noopener noreferrer' },
              },
              t('letter.enclosure', { name: link.filename }),
            ),
          ),
        ),
      ),
      h('p', { class: 'muted' }, t('letter.download.hint')),
    ),
    letter.dispatch ? undefined : dispatchSection(options),
  );
}

function dispatchSection(options: LetterViewOptions): HTMLElement {
  const { t } = options.context;
  const number = h('input', {
    class: 'input input--medium',
    attributes: { type: 'text', autocomplete: 'off', spellcheck: 'false' },
  });
  const date = h('input', {
    class: 'input input--medium',
    attributes: { type: 'date', max: todayInRiga() },
  });
  date.value = todayInRiga();
  const form = actionForm(
    { name: 'dispatch', submit: t('letter.dispatch.submit'), onSubmit: (form) => options.onDispatch(form) },
    field({
      id: 'dispatch-number',
      name: 'registeredMailNumber',
      label: t('letter.dispatch.number'),
      hint: t('letter.dispatch.number.hint'),
      control: number,
      t,
    }),
    field({
      id: 'dispatch-date',
      name: 'dispatchedOn',
      label: t('letter.dispatch.date'),
      required: true,
      control: date,
      t,
    }),
  );
  return panel(
    { id: 'dispatch', heading: t('letter.dispatch.heading') },
    h('p', {}, t('letter.dispatch.text')),
    form,
  );
}
