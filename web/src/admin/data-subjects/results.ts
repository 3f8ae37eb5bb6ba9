/**
 * The preview of what was found about a data subject: a sentence with the counts, then each ticket
 * with its unit, channel, dates, status and legal hold (and the button to set or lift it), the
 * client's data it holds, its messages, files and survey response, and the assistant questions that
 * named the person. Everything from the server is shown as text.
 */
import { type Child, h } from '../dom.ts';
import { formatShortDate, formatSize } from '../format.ts';
import { type Column, dataTable } from '../paged-table.ts';
import { facts, panel, timeElement } from '../parts.ts';
import type { ViewContext } from '../shell.ts';
import { isTextKey } from '../texts.ts';
import type { DataSubjectEraseResponse, DataSubjectSearchResponse, SubjectTicketView } from './api.ts';
import { foundCounts } from './model.ts';

type Message = SubjectTicketView['messages'][number];
type File = SubjectTicketView['files'][number];
type Question = DataSubjectSearchResponse['questions'][number];

export interface ResultsOptions {
  readonly context: ViewContext;
  readonly found: DataSubjectSearchResponse;
  /** The export and erase controls, placed above the tickets. */
  readonly actions: HTMLElement;
  /** Opens the dialog that sets or lifts `ticket`'s legal hold. */
  readonly onHold: (ticket: SubjectTicketView) => void;
}

/** The results heading (`#data-subjects-results-heading`) takes the focus after a search. */
export function resultsSection(options: ResultsOptions): HTMLElement {
  const { context, found } = options;
  const { t } = context;
  const section = h(
    'section',
    {
      id: 'data-subjects-results',
      class: 'data-subjects__results',
      attributes: { 'aria-labelledby': 'data-subjects-results-heading' },
    },
    h(
      'h2',
      { id: 'data-subjects-results-heading', attributes: { tabindex: '-1' } },
      t('dataSubjects.results.heading'),
    ),
  );
  if (found.tickets.length === 0 && found.questions.length === 0) {
    section.append(h('p', { class: 'list__empty' }, t('dataSubjects.results.none')));
    return section;
  }
  const counts = foundCounts(found);
  section.append(
    h(
      'p',
      { id: 'data-subjects-summary', class: 'list__count' },
      t('dataSubjects.results.summary', {
        tickets: String(counts.tickets),
        held: String(counts.held),
        erased: String(counts.erased),
        messages: String(counts.messages),
        files: String(counts.files),
        surveys: String(counts.surveys),
        questions: String(counts.questions),
      }),
    ),
  );
  if (found.matchedBy.length)
    section.append(
      h(
        'p',
        { class: 'muted' },
        t('dataSubjects.matchedBy', { by: matchedByText(found.matchedBy, context) }),
      ),
    );
  section.append(options.actions);
  for (const ticket of found.tickets) section.append(ticketSection(ticket, options));
  section.append(questionsPanel(found.questions, context));
  return section;
}

function matchedByText(matchedBy: readonly string[], context: ViewContext): string {
  const { t } = context;
  return matchedBy
    .map((by) => {
      const key = `dataSubjects.matchedBy.${by}`;
      return isTextKey(key) ? t(key) : by;
    })
    .join(', ');
}

function ticketSection(ticket: SubjectTicketView, options: ResultsOptions): HTMLElement {
  const { context } = options;
  const { t, language } = context;
  const id = `data-subjects-ticket-${ticket.reference}`;
  const hold = ticket.legalHold;
  const statusKey = `status.${ticket.status}`;
  return h(
    'section',
    { id, class: 'panel data-subjects__ticket', attributes: { 'aria-labelledby': `${id}-heading` } },
    h('h3', { id: `${id}-heading` }, t('dataSubjects.ticket.heading', { reference: ticket.reference })),
    ticket.erasedAt
      ? h(
          'p',
          { class: 'notice' },
          t('dataSubjects.ticket.erasedAt', { at: formatShortDate(ticket.erasedAt, language) }),
        )
      : undefined,
    ticket.erasing
      ? h(
          'p',
          { class: 'notice' },
          t('dataSubjects.ticket.erasing', { at: formatShortDate(ticket.erasing, language) }),
        )
      : undefined,
    facts([
      [t('dataSubjects.ticket.unit'), context.unitName(ticket.competence)],
      [t('dataSubjects.ticket.channel'), t(`channel.${ticket.channel}`)],
      [
        t('dataSubjects.ticket.received'),
        timeElement(ticket.receivedAt, formatShortDate(ticket.receivedAt, language)),
      ],
      [t('dataSubjects.ticket.status'), isTextKey(statusKey) ? t(statusKey) : ticket.status],
      [
        t('dataSubjects.ticket.legalHold'),
        hold
          ? h(
              'strong',
              { class: 'data-subjects__hold' },
              t('dataSubjects.ticket.hold', {
                reason: hold.reason,
                by: hold.by,
                at: formatShortDate(hold.at, language),
              }),
            )
          : t('dataSubjects.ticket.noHold'),
      ],
      ticket.subject ? [t('dataSubjects.ticket.subject'), ticket.subject] : undefined,
    ]),
    h(
      'p',
      {},
      h(
        'button',
        {
          id: `data-subjects-hold-${ticket.reference}`,
          class: 'button button--secondary button--compact',
          attributes: { type: 'button' },
          on: { click: () => options.onHold(ticket) },
        },
        t(hold ? 'dataSubjects.hold.lift' : 'dataSubjects.hold.set'),
        // Which ticket, for a screen reader going from button to button.
        h('span', { class: 'visually-hidden' }, ` ${ticket.reference}`),
      ),
    ),
    clientFacts(ticket, context, id),
    listBlock(
      `${id}-messages`,
      t('dataSubjects.messages.heading', { count: String(ticket.messages.length) }),
      t('dataSubjects.messages.none'),
      ticket.messages,
      messageColumns(context),
      context,
    ),
    listBlock(
      `${id}-files`,
      t('dataSubjects.files.heading', { count: String(ticket.files.length) }),
      t('dataSubjects.files.none'),
      ticket.files,
      fileColumns(context),
      context,
    ),
    surveyBlock(ticket, context, id),
  );
}

function clientFacts(ticket: SubjectTicketView, context: ViewContext, id: string): HTMLElement | undefined {
  const { client } = ticket;
  if (!client) return undefined;
  const { t } = context;
  const address = client.postalAddress;
  return h(
    'div',
    { class: 'data-subjects__client' },
    h('h4', { id: `${id}-client` }, t('dataSubjects.client.heading')),
    facts([
      client.name ? [t('dataSubjects.client.name'), client.name] : undefined,
      client.email ? [t('dataSubjects.client.email'), client.email] : undefined,
      client.phone ? [t('dataSubjects.client.phone'), client.phone] : undefined,
      address
        ? [
            t('dataSubjects.client.address'),
            [address.addressLine, address.place, address.postalCode, address.country]
              .filter(Boolean)
              .join(', '),
          ]
        : undefined,
    ]),
  );
}

/** A sub-list of a ticket under its heading: the table, or its empty text. */
function listBlock<T>(
  id: string,
  heading: string,
  empty: string,
  items: readonly T[],
  columns: readonly Column<T>[],
  context: ViewContext,
): HTMLElement {
  return h(
    'div',
    { class: 'data-subjects__list' },
    h('h4', { id: `${id}-heading` }, heading),
    items.length
      ? h(
          'div',
          { class: 'tickets-wrapper' },
          dataTable({ labelledBy: `${id}-heading`, columns, t: context.t }, items),
        )
      : h('p', { class: 'list__empty' }, empty),
  );
}

function messageColumns(context: ViewContext): Column<Message>[] {
  const { t, language } = context;
  return [
    {
      label: 'dataSubjects.column.kind',
      cell: (message) => {
        const key = `thread.${message.kind}`;
        return isTextKey(key) ? t(key) : message.kind;
      },
    },
    {
      label: 'dataSubjects.column.at',
      cell: (message) => timeElement(message.at, formatShortDate(message.at, language)),
    },
  ];
}

function fileColumns(context: ViewContext): Column<File>[] {
  const { t, language } = context;
  return [
    { label: 'dataSubjects.column.name', cell: (file) => file.name },
    { label: 'dataSubjects.column.kind', cell: (file) => t(`dataSubjects.file.${file.kind}`) },
    { label: 'dataSubjects.column.type', cell: (file) => file.contentType ?? '—' },
    {
      label: 'dataSubjects.column.size',
      cell: (file) => (file.size === undefined ? '—' : formatSize(file.size, language)),
    },
  ];
}

function surveyBlock(ticket: SubjectTicketView, context: ViewContext, id: string): HTMLElement {
  const { t } = context;
  const { survey } = ticket;
  const answeredKey = survey ? `survey.answered.${survey.answered}` : '';
  const content: Child = survey
    ? facts([
        [t('survey.satisfaction'), t('survey.score', { score: String(survey.satisfaction) })],
        [t('survey.answered'), isTextKey(answeredKey) ? t(answeredKey) : survey.answered],
        [t('survey.comment'), survey.comment ?? t('survey.noComment')],
      ])
    : h('p', { class: 'list__empty' }, t('dataSubjects.survey.none'));
  return h(
    'div',
    { class: 'data-subjects__survey' },
    h('h4', { id: `${id}-survey` }, t('dataSubjects.survey.heading')),
    content,
  );
}

function questionsPanel(questions: readonly Question[], context: ViewContext): HTMLElement {
  const { t, language } = context;
  const heading = t('dataSubjects.questions.heading', { count: String(questions.length) });
  return panel(
    { id: 'data-subjects-questions', sectionId: 'data-subjects-questions', heading },
    questions.length
      ? h(
          'div',
          { class: 'tickets-wrapper' },
          dataTable(
            {
              labelledBy: 'data-subjects-questions-heading',
              columns: [
                {
                  label: 'dataSubjects.column.at',
                  cell: (question: Question) =>
                    timeElement(question.askedAt, formatShortDate(question.askedAt, language)),
                },
                { label: 'dataSubjects.column.question', cell: (question: Question) => question.text },
              ],
              t,
            },
            questions,
          ),
        )
      : h('p', { class: 'list__empty' }, t('dataSubjects.questions.none')),
  );
}

/** What the last erasure did: erased, refused as held (with the holds' reasons), questions deleted. */
export function outcomePanel(outcome: DataSubjectEraseResponse, context: ViewContext): HTMLElement {
  const { t } = context;
  return panel(
    {
      id: 'data-subjects-outcome',
      sectionId: 'data-subjects-outcome',
      heading: t('dataSubjects.outcome.heading'),
      focusable: true,
    },
    h(
      'p',
      {},
      outcome.erased.length
        ? t('dataSubjects.outcome.erased', { references: outcome.erased.join(', ') })
        : t('dataSubjects.outcome.erasedNone'),
    ),
    outcome.held.length ? h('p', {}, t('dataSubjects.outcome.held')) : undefined,
    outcome.held.length
      ? h(
          'ul',
          { class: 'data-subjects__held' },
          ...outcome.held.map((held) =>
            h('li', {}, t('dataSubjects.erase.held', { reference: held.reference, reason: held.reason })),
          ),
        )
      : undefined,
    h('p', {}, t('dataSubjects.outcome.questions', { count: String(outcome.questions) })),
  );
}
