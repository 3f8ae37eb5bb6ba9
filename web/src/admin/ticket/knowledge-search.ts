/**
 * The reply editor's knowledge base search (§15, §20.2): published articles and glossary terms in
 * the ticket's language, each with buttons that insert the article's text, a link to its help
 * page, or the term's plain explanation into the reply at the cursor. It is a form of its own
 * beside the reply form (forms do not nest); what was found stays in the draft, so a re-render of
 * the ticket keeps it.
 */
import { h } from '../dom.ts';
import { field, showFieldErrors, textInput } from '../forms.ts';
import type { KnowledgeHit } from '../knowledge/api.ts';
import { regionAlert, showFailure } from '../submit.ts';
import type { TicketViewOptions } from './model.ts';

/** An address on the help pages as a client can follow it from an email. */
export function publicAddress(url: string): string {
  return new URL(url, window.location.origin).href;
}

export function knowledgeSearch(view: TicketViewOptions): HTMLElement {
  const { t } = view.context;
  const { draft, ticket } = view;
  const input = textInput(draft.knowledgeQuery);
  input.type = 'search';
  input.addEventListener('input', () => {
    draft.knowledgeQuery = input.value;
  });
  const status = h('p', { id: 'kb-search-status', attributes: { role: 'status' } });
  const results = h('ul', {
    id: 'kb-search-results',
    class: 'plain-list kb-search__results',
    attributes: { 'aria-labelledby': 'kb-search-heading' },
  });
  const button = h(
    'button',
    { id: 'kb-search-submit', class: 'button button--secondary', attributes: { type: 'submit' } },
    t('kbSearch.button'),
  );
  const form = h(
    'form',
    {
      id: 'kb-search-form',
      class: 'kb-search__form',
      attributes: { novalidate: true, role: 'search', 'aria-labelledby': 'kb-search-heading' },
    },
    field({
      id: 'kb-search-input',
      name: 'q',
      label: t('kbSearch.label'),
      hint: t(ticket.language === 'en' ? 'kbSearch.hint.en' : 'kbSearch.hint.lv'),
      control: input,
      t,
    }),
    h('div', { id: 'kb-search-alert', class: 'form-alert', attributes: { role: 'alert' } }),
    button,
  );

  const render = (hits: readonly KnowledgeHit[] | undefined) => {
    results.replaceChildren(...(hits ?? []).map((hit, index) => hitItem(view, hit, index)));
    results.hidden = !hits?.length;
    status.textContent =
      hits === undefined
        ? ''
        : hits.length
          ? t('kbSearch.results', { count: String(hits.length) })
          : t('kbSearch.none');
  };
  render(draft.knowledgeHits);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button.getAttribute('aria-disabled') === 'true') return;
    const query = input.value.trim();
    const problems = query.length < 2 ? [{ field: 'q', message: t('kbSearch.tooShort') }] : [];
    showFieldErrors(form, problems, t);
    regionAlert('kb-search-alert', t)([]);
    if (problems.length) return;
    button.setAttribute('aria-disabled', 'true');
    void view.handlers
      .searchKnowledge(query)
      .then((result) => {
        if (!result.ok) {
          showFailure(
            {
              fieldErrors: (errors) => showFieldErrors(form, errors, t),
              alert: regionAlert('kb-search-alert', t),
            },
            result,
            t,
          );
          return;
        }
        draft.knowledgeHits = result.value;
        render(result.value);
      })
      .finally(() => button.removeAttribute('aria-disabled'));
  });

  return h(
    'div',
    { class: 'kb-search', attributes: { lang: ticket.language } },
    h('h3', { id: 'kb-search-heading' }, t('kbSearch.heading')),
    form,
    status,
    results,
  );
}

function hitItem(view: TicketViewOptions, hit: KnowledgeHit, index: number): HTMLLIElement {
  const { t } = view.context;
  // The visible words name the button; the hit's title, read after them, says which one it is.
  const titleId = `kb-hit-${index}-title`;
  const insert = (id: string, label: string, text: string) =>
    h(
      'button',
      {
        id: `kb-hit-${index}-${id}`,
        class: 'button button--secondary button--small',
        attributes: { type: 'button', 'aria-describedby': titleId },
        on: { click: () => view.handlers.insertIntoReply(text, hit.title) },
      },
      label,
    );
  const buttons =
    hit.kind === 'article'
      ? [
          insert('text', t('kbSearch.insertText'), hit.text),
          insert('link', t('kbSearch.insertLink'), `${hit.title}: ${publicAddress(hit.url)}`),
        ]
      : [insert('explanation', t('kbSearch.insertExplanation'), hit.text)];
  return h(
    'li',
    { class: 'kb-search__hit', dataset: { kind: hit.kind, id: hit.id } },
    h('p', {}, h('strong', { id: titleId }, hit.title), ` (${t(`kbSearch.kind.${hit.kind}`)})`),
    h('p', { class: 'kb-search__snippet' }, hit.snippet),
    h('p', { class: 'audit-form__buttons' }, ...buttons),
  );
}
