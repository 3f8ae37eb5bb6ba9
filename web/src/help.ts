/**
 * The help pages' search box (`/palidziba/`, `/en/help/`): asks the assistant
 * (`POST /api/assistant/answers`, the question in the body) and lists the articles it answers with in a live region, so a
 * screen reader hears how many were found. The pages are static and work without this script:
 * the search box stays hidden and the "write to us" link leads to the form.
 *
 * Everything shown is set as text, never as HTML, and a result links only into the help pages.
 */
import { formPath, helpTexts } from '../../shared/knowledge/pages/browser.ts';
import { helpPathPrefixes } from '../../shared/knowledge/urls.ts';

type Language = 'lv' | 'en';

interface Answer {
  readonly title: string;
  readonly snippet: string;
  readonly url: string;
}

/** One id per page load (no cookie): the question log counts what was asked from this page. */
function pageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The answers of a 200, checked: anything else in the body is not shown. */
function answersOf(body: unknown): Answer[] | undefined {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { answers?: unknown }).answers))
    return undefined;
  return ((body as { answers: unknown[] }).answers ?? []).flatMap((answer) => {
    const { title, snippet, url } = (answer ?? {}) as Record<string, unknown>;
    return typeof title === 'string' && typeof url === 'string'
      ? [{ title, snippet: typeof snippet === 'string' ? snippet : '', url }]
      : [];
  });
}

function start(): void {
  const section = document.getElementById('help-search');
  const form = document.getElementById('help-search-form');
  const input = document.getElementById('help-search-query');
  const results = document.getElementById('help-search-results');
  if (!section || !(form instanceof HTMLFormElement) || !(input instanceof HTMLInputElement) || !results)
    return;
  const language: Language = section.dataset.language === 'en' ? 'en' : 'lv';
  const text = (key: Parameters<typeof helpTexts.text>[1], values?: Record<string, string>) =>
    helpTexts.text(language, key, values);
  const page = pageId();
  let asked = 0;

  const show = (...nodes: Node[]) => results.replaceChildren(...nodes);
  const paragraph = (content: string) => {
    const element = document.createElement('p');
    element.textContent = content;
    return element;
  };
  const withFormLink = (content: string) => {
    const element = paragraph(`${content} `);
    const link = document.createElement('a');
    link.href = formPath(language);
    link.textContent = text('ask.link');
    element.append(link);
    return element;
  };

  function list(answers: readonly Answer[]): Node[] {
    const items = answers.map((answer) => {
      const item = document.createElement('li');
      const title = document.createElement(
        helpPathPrefixes.some((prefix) => answer.url.startsWith(prefix)) ? 'a' : 'span',
      );
      if (title instanceof HTMLAnchorElement) title.href = answer.url;
      title.textContent = answer.title;
      item.append(title);
      if (answer.snippet) item.append(paragraph(answer.snippet));
      return item;
    });
    const listElement = document.createElement('ul');
    listElement.className = 'help-list';
    listElement.append(...items);
    return [paragraph(text('search.found', { count: String(answers.length) })), listElement];
  }

  async function ask(question: string): Promise<void> {
    asked += 1;
    const mine = asked;
    show(paragraph(text('search.searching')));
    let nodes: Node[];
    try {
      // A help page's question: logged, but no page of the deflection (there is no form here).
      const response = await fetch('/api/assistant/answers', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ q: question, lang: language, page, source: 'help' }),
      });
      const answers = response.ok ? answersOf(await response.json()) : undefined;
      if (answers?.length) nodes = list(answers);
      else if (answers) nodes = [withFormLink(text('search.none'))];
      else if (response.status === 429) nodes = [withFormLink(text('search.rateLimited'))];
      else nodes = [withFormLink(text('search.failed'))];
    } catch {
      nodes = [withFormLink(text('search.failed'))];
    }
    // A slower answer to an earlier question must not replace the latest one.
    if (mine === asked) show(...nodes);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (question.length < 2) {
      show(paragraph(text('search.tooShort')));
      input.focus();
      return;
    }
    void ask(question.slice(0, 500));
  });
  section.hidden = false;
}

start();
