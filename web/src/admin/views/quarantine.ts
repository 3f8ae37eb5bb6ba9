/**
 * The mail quarantine for supervisors: the held mail of their units with the reason in words, and
 * one mail at a time with a text-only preview, a download of the original and the release.
 * Everything that comes from the mail is untrusted and becomes text nodes (`dom.ts`); its HTML
 * version is never rendered here.
 */
import type { QuarantineDetail, QuarantineSummary } from '../../../../shared/http/staff-contract.ts';
import { schemas } from '../../../../shared/http/staff-contract.ts';
import { openDialog } from '../dialogs.ts';
import { append, type Child, h } from '../dom.ts';
import { formatLongDate, formatShortDate, formatSize } from '../format.ts';
import { field, textarea, validate } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import { nextPage, pagedTable, type TableOptions } from '../paged-table.ts';
import { facts, factsBlock, panel, timeElement, viewHeading } from '../parts.ts';
import { addressOf, type Route } from '../routes.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { dialogTarget, submitAction } from '../submit.ts';
import { withUnit } from './worklists.ts';

export class QuarantineView {
  readonly #shell: AdminShell;

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  async show(route: Route & { kind: 'quarantine' | 'quarantined' }, showing: Showing): Promise<void> {
    const shell = this.#shell;
    if (route.kind === 'quarantined') {
      const result = await shell.api.quarantined(route.id);
      if (!shell.isCurrent(showing.generation)) return;
      if (!result.ok) return shell.showFailure(result);
      this.#showMail(result.value.mail, showing.focus);
      return;
    }
    const result = await shell.api.quarantine(route.competence);
    if (!shell.isCurrent(showing.generation)) return;
    if (!result.ok) return shell.showFailure(result);
    const { t, context } = shell;
    const heading = withUnit(t('view.quarantine'), route.competence, context);
    shell.render(
      heading,
      h(
        'section',
        { class: 'list', attributes: { 'aria-labelledby': 'view-heading' } },
        viewHeading(heading),
        h('p', { class: 'list__intro' }, t('view.quarantine.intro')),
        ...pagedTable(quarantineTable(context), result.value, {
          empty: t('quarantine.empty'),
          onMore: (cursor) => nextPage(shell, shell.api.quarantine(route.competence, cursor)),
        }),
      ),
      showing.focus ? 'view-heading' : undefined,
    );
  }

  #showMail(mail: QuarantineDetail, focus: boolean): void {
    const shell = this.#shell;
    const back: Route = shell.listRoute.kind === 'quarantine' ? shell.listRoute : { kind: 'quarantine' };
    shell.render(
      shell.t('quarantine.heading'),
      quarantineMailView({
        mail,
        context: shell.context,
        backHref: addressOf(back, shell.language),
        onRelease: () => this.#openReleaseDialog(mail),
      }),
      focus ? 'view-heading' : undefined,
    );
  }

  #openReleaseDialog(mail: QuarantineDetail): void {
    const shell = this.#shell;
    const { t } = shell;
    const reason = textarea(3);
    openDialog({
      id: 'release-dialog',
      title: t('quarantine.release.title'),
      description: [h('p', {}, t('quarantine.release.text'))],
      fields: [
        field({
          id: 'release-reason',
          name: 'reason',
          label: t('field.reason'),
          required: true,
          control: reason,
          t,
        }),
      ],
      submitLabel: t('quarantine.release.submit'),
      returnFocusId: 'view-heading',
      t,
      onSubmit: (_form, dialog) => {
        const body = { reason: reason.value.trim() };
        return submitAction(shell, {
          target: dialogTarget(dialog, t),
          problems: validate(schemas.releaseQuarantined, body, t),
          send: () => shell.api.releaseQuarantined(mail.id, body),
          // Shown as released (no release button any more), with who, when and the new reference.
          done: (released) => this.#showMail({ ...mail, ...released.mail, actions: [] }, false),
          toast: (released) => t('quarantine.released', { reference: released.reference }),
        });
      },
    });
  }
}

export function reasonText(reason: QuarantineSummary['reason'], t: Translate): string {
  return t(`quarantine.reason.${reason}`);
}

/** A row per mail: the receipt time links to the mail. */
function quarantineTable(context: ViewContext): TableOptions<QuarantineSummary> {
  const { t, language } = context;
  return {
    class: 'quarantine',
    labelledBy: 'view-heading',
    columns: [
      {
        label: 'quarantine.column.received',
        cell: (item) =>
          h(
            'a',
            {
              class: 'tickets__reference',
              attributes: { href: context.href({ kind: 'quarantined', id: item.id }) },
            },
            timeElement(item.receivedAt, formatShortDate(item.receivedAt, language)),
          ),
      },
      { label: 'quarantine.column.reason', cell: (item) => reasonText(item.reason, t) },
      { label: 'quarantine.column.recipients', cell: (item) => item.recipients.join(', ') },
      { label: 'column.unit', cell: (item) => context.unitName(item.competence) },
    ],
    t,
  };
}

interface QuarantineMailOptions {
  readonly mail: QuarantineDetail;
  readonly context: ViewContext;
  readonly backHref: string;
  readonly onRelease: () => void;
}

function quarantineMailView(options: QuarantineMailOptions): HTMLElement {
  const { mail, context } = options;
  const { t, language } = context;
  const items: [string, Child][] = [
    [t('quarantine.reason'), reasonText(mail.reason, t)],
    [t('quarantine.detail'), mail.detail],
    [t('quarantine.received'), timeElement(mail.receivedAt, formatLongDate(mail.receivedAt, language))],
    [t('quarantine.recipients'), mail.recipients.join(', ')],
    [t('column.unit'), context.unitName(mail.competence)],
    [t('quarantine.state'), t(`quarantine.state.${mail.state}`)],
  ];
  if (mail.size !== undefined) items.push([t('quarantine.size'), formatSize(mail.size, language)]);
  return h(
    'article',
    { class: 'quarantine-mail', attributes: { 'aria-labelledby': 'view-heading' } },
    h('p', {}, h('a', { class: 'back-link', attributes: { href: options.backHref } }, t('quarantine.back'))),
    viewHeading(t('quarantine.heading')),
    factsBlock(t('quarantine.facts'), facts(items)),
    mail.release
      ? h(
          'div',
          { class: 'notice' },
          h(
            'p',
            {},
            t('quarantine.releasedBy', {
              by: mail.release.by,
              at: formatLongDate(mail.release.at, language),
              reference: mail.release.reference,
            }),
          ),
          h('p', {}, `${t('quarantine.releaseReason')}: `, mail.release.reason),
        )
      : undefined,
    mail.actions.includes('release')
      ? h(
          'p',
          {},
          h(
            'button',
            {
              id: 'quarantine-release',
              class: 'button',
              attributes: { type: 'button' },
              on: { click: () => options.onRelease() },
            },
            t('quarantine.release'),
          ),
        )
      : undefined,
    previewSection(mail, context),
  );
}

function previewSection(mail: QuarantineDetail, context: ViewContext): HTMLElement {
  const { t, language } = context;
  const section = panel({ id: 'preview', heading: t('quarantine.preview') });
  const { preview } = mail;
  if (!preview) {
    section.append(
      h('p', {}, t(`quarantine.preview.unavailable.${mail.previewUnavailable ?? 'unreadable'}`)),
    );
  } else {
    const previewFacts: [string, Child][] = [
      [
        t('quarantine.preview.from'),
        preview.from
          ? preview.from.name
            ? `${preview.from.name} <${preview.from.address}>`
            : preview.from.address
          : h('span', { class: 'muted' }, t('quarantine.preview.noSender')),
      ],
      [t('quarantine.preview.to'), preview.to.join(', ')],
      [
        t('quarantine.preview.subject'),
        preview.subject || h('span', { class: 'muted' }, t('quarantine.preview.noSubject')),
      ],
    ];
    if (preview.date)
      previewFacts.push([
        t('quarantine.preview.date'),
        timeElement(preview.date, formatLongDate(preview.date, language)),
      ]);
    append(
      section,
      h('p', { class: 'muted' }, t('quarantine.preview.note')),
      facts(previewFacts),
      h('h3', { class: 'panel__subheading' }, t('quarantine.preview.text')),
      h('div', { id: 'quarantine-text', class: 'entry__text' }, preview.text),
      preview.truncated ? h('p', { class: 'muted' }, t('quarantine.preview.truncated')) : undefined,
      preview.hasHtml ? h('p', { class: 'muted' }, t('quarantine.preview.hasHtml')) : undefined,
    );
    if (preview.attachments.length) {
      section.append(
        h('h3', { class: 'panel__subheading' }, t('quarantine.preview.attachments')),
        h(
          'ul',
          { class: 'plain-list' },
          ...preview.attachments.map((attachment) =>
            h(
              'li',
              {},
              attachment.name,
              ` (${attachment.contentType}, ${formatSize(attachment.size, language)})`,
            ),
          ),
        ),
      );
    }
  }
  if (mail.downloadUrl) {
    section.append(
      h(
        'p',
        {},
        h(
          'a',
          {
            id: 'quarantine-download',
            attributes: {
              href: mail.downloadUrl,
              download: `${mail.id}.eml`,
              rel: 'noopener noreferrer',
              'aria-describedby': 'quarantine-download-hint',
            },
          },
          t('quarantine.download'),
        ),
      ),
      h('p', { id: 'quarantine-download-hint', class: 'muted' }, t('quarantine.download.hint')),
    );
  }
  return section;
}
