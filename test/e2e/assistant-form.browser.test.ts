/**
 * The assistant on the public form, in Chromium against the sandbox's real assistant API and its
 * seeded knowledge base: suggestions as the client types, the question box answered by keyboard
 * alone, *Nē* and "no answer" leading into the form, the page id carried to the request, the
 * related articles on the confirmation, and axe clean in Latvian and English.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../infra/local/sandbox.ts';
import { articlePath } from '../../shared/knowledge/urls.ts';
import { text } from '../../web/src/texts.ts';
import {
  axeViolations,
  browserSuiteRuns,
  chromiumArgs,
  chromiumPath,
  requireChromium,
} from '../support/browser.ts';
import { sandboxClient } from '../support/sandbox-client.ts';

const runInBrowser = browserSuiteRuns('assistant-form.browser.test.ts');

const pageIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
const answersPath = '/api/assistant/answers';
const feedbackPath = '/api/assistant/feedback';

interface AnswersBody {
  readonly questionId: string;
  readonly answers: readonly {
    articleId: string;
    topic: string;
    title: string;
    snippet: string;
    url: string;
  }[];
}

describe.skipIf(!runInBrowser)('the assistant on the public form in Chromium', () => {
  let browser: Browser;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let dataDir: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    requireChromium();
    dataDir = await mkdtemp(join(tmpdir(), 'courtdesk-assistant-form-'));
    [sandbox, browser] = await Promise.all([
      startSandbox({ dataDir, quiet: true }),
      chromium.launch({ executablePath: chromiumPath, args: chromiumArgs }),
    ]);
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * A fresh page that records script errors, dialogs, and the assistant's calls: each answers
   * request with its body (as parameters), and each feedback body with the status it got.
   */
  async function openForm(path = '/', options: { bypassCSP?: boolean } = {}) {
    context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false, locale: 'lv-LV' });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    const asked: URLSearchParams[] = [];
    const feedback: { body: unknown; status: number }[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (entry) => {
      if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${entry.text()}`);
      }
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname !== answersPath) return;
      // The question goes in a JSON body: nothing of it in the address, which CDN logs keep.
      if (request.method() !== 'POST' || url.search)
        problems.push(`answers asked by ${request.method()} ${url.pathname}${url.search}`);
      asked.push(new URLSearchParams(request.postDataJSON() as Record<string, string>));
    });
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname === feedbackPath) {
        feedback.push({ body: response.request().postDataJSON(), status: response.status() });
      }
    });
    const topicsResponse = page.waitForResponse((response) => response.url().endsWith('/api/topics'));
    await page.goto(new URL(path, sandbox.urls.web).href);
    await topicsResponse;
    await page.locator('#assistant').waitFor({ state: 'visible' });
    return { page, problems, dialogs, asked, feedback };
  }

  /** The next answers response of the page, parsed. */
  async function nextAnswers(page: Page): Promise<AnswersBody> {
    const response = await page.waitForResponse(
      (candidate) => new URL(candidate.url()).pathname === answersPath,
    );
    expect(response.status()).toBe(200);
    return (await response.json()) as AnswersBody;
  }

  /** The question log's questions asked from the page load `pageId`. */
  async function loggedQuestionsOf(pageId: string): Promise<Record<string, unknown>[]> {
    const result = await sandboxClient(sandbox).documents.send(
      new ScanCommand({
        TableName: sandbox.tableNames.knowledge,
        FilterExpression: '#type = :question AND pageId = :page',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':question': 'question', ':page': pageId },
      }),
    );
    return result.Items ?? [];
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  /**
   * Presses Tab until the element `selector` finds has focus (at most `limit` times): the way a
   * keyboard user gets there.
   */
  async function tabTo(page: Page, selector: string, limit = 15): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${limit} presses of Tab`);
  }

  /** Asks `question` in the box with the keyboard alone, from the top of the page. */
  async function askByKeyboard(page: Page, question: string): Promise<AnswersBody> {
    await tabTo(page, '#assistant-question');
    await page.keyboard.type(question);
    const answers = nextAnswers(page);
    await page.keyboard.press('Enter');
    return answers;
  }

  async function announced(page: Page): Promise<string> {
    await page.waitForFunction(() => (document.getElementById('announcer')?.textContent ?? '') !== '');
    return (await page.locator('#announcer').textContent()) ?? '';
  }

  it('suggests articles as the client types, asks after a pause only, and sends the page id with the request', async () => {
    // Prepare
    const { page, problems, asked } = await openForm();
    const posts: Record<string, unknown>[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/requests'))
        posts.push(request.postDataJSON());
    });
    await page.getByLabel('Vārds, uzvārds vai organizācijas nosaukums').fill('Anna Bērziņa');
    await page.getByLabel('E-pasta adrese').fill(`anna.${crypto.randomUUID().slice(0, 8)}@example.lv`);
    await page.getByLabel('Tēma').selectOption('court-fees');

    // Act: one word is not yet a question
    await page.getByLabel('Temats').pressSequentially('Nodeva', { delay: 20 });
    await page.waitForTimeout(700);

    // Assess
    expect(asked).toEqual([]);
    expect(await page.locator('#suggestions').isHidden()).toBe(true);

    // Act: the message, typed at a person's pace
    const suggested = nextAnswers(page);
    await page
      .getByLabel('Jūsu jautājums')
      .pressSequentially('Kā atgūt pārmaksāto valsts nodevu?', { delay: 25 });
    const answers = await suggested;

    // Assess: one question for the whole sentence, in Latvian, with this page's id
    await page.locator('#suggestions').waitFor({ state: 'visible' });
    expect(asked).toHaveLength(1);
    const pageId = asked[0]?.get('page') ?? '';
    expect(pageId).toMatch(pageIdPattern);
    expect(asked[0]?.get('lang')).toBe('lv');
    expect(asked[0]?.get('q')).toBe('Nodeva Kā atgūt pārmaksāto valsts nodevu?');
    // Asked as a suggestion: the form's text is the request, never logged as a question.
    expect(asked[0]?.get('purpose')).toBe('suggest');
    expect(answers.answers.length).toBeGreaterThan(0);
    const items = page.locator('#suggestions-list li');
    expect(await items.count()).toBe(Math.min(3, answers.answers.length));
    expect(await items.first().locator('a').textContent()).toBe(answers.answers[0]?.title);
    expect(await items.first().locator('a').getAttribute('href')).toBe(answers.answers[0]?.url);
    expect(await items.first().locator('p').textContent()).toBe(answers.answers[0]?.snippet);
    expect(
      await page
        .locator('#suggestions-list a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).toContain(articlePath('state-fee-refund', 'lv'));
    expect(await announced(page)).toBe(
      text('lv', 'suggestions.found', { count: String(Math.min(3, answers.answers.length)) }),
    );
    // The same words again (a space added and taken away) are not asked again.
    await page.getByLabel('Jūsu jautājums').press('Space');
    await page.getByLabel('Jūsu jautājums').press('Backspace');
    await page.waitForTimeout(700);
    expect(asked).toHaveLength(1);

    // Act: send the request
    await page.getByLabel(/Piekrītu, ka Tiesu administrācija apstrādā manus personas datus/).check();
    const related = nextAnswers(page);
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    const relatedAnswers = await related;

    // Assess: the request names the page; the confirmation names one or two articles, asked as such
    expect(posts).toHaveLength(1);
    expect(posts[0]?.assistantPage).toBe(pageId);
    const confirmationQuery = asked.at(-1);
    expect(confirmationQuery?.get('purpose')).toBe('confirmation');
    expect(confirmationQuery?.get('page')).toBe(pageId);
    expect(confirmationQuery?.get('q')).toBe('Nodeva Kā atgūt pārmaksāto valsts nodevu?');
    expect(relatedAnswers.answers.length).toBeGreaterThan(0);
    expect(relatedAnswers.answers.length).toBeLessThanOrEqual(2);
    await page.locator('#confirmation-articles').waitFor({ state: 'visible' });
    expect(await page.locator('#confirmation-articles-heading').textContent()).toBe(
      text('lv', 'confirmation.articles'),
    );
    expect(await page.locator('#confirmation-articles-list a').allTextContents()).toEqual(
      relatedAnswers.answers.map((answer) => answer.title),
    );
    // Neither the suggestions nor the confirmation are questions: nothing of the form is logged.
    expect(await loggedQuestionsOf(pageId)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('answers a question in the box by keyboard alone, and thanks for a Jā', async () => {
    // Prepare
    const { page, problems, feedback } = await openForm();

    // Act
    const answers = await askByKeyboard(page, 'Kā atgūt pārmaksāto valsts nodevu?');

    // Assess: the best article's own words and its link, announced
    const best = answers.answers[0];
    expect(best?.articleId).toBe('state-fee-refund');
    await page.locator('#assistant-answer').waitFor({ state: 'visible' });
    expect(await page.locator('#assistant-answer-title a').textContent()).toBe(best?.title);
    expect(await page.locator('#assistant-answer-title a').getAttribute('href')).toBe(
      articlePath('state-fee-refund', 'lv'),
    );
    expect(await page.locator('#assistant-answer-snippet').textContent()).toBe(best?.snippet);
    expect(await page.locator('#assistant-feedback legend').textContent()).toBe(
      text('lv', 'assistant.feedback.question'),
    );
    expect(await announced(page)).toBe(text('lv', 'assistant.found', { title: best?.title ?? '' }));
    expect(await focusedId(page)).toBe('assistant-question');

    // Act: on to the link, then to Jā, and press it
    await tabTo(page, '#assistant-answer-title a', 2);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(best?.url);
    await tabTo(page, '#assistant-yes', 1);
    const sent = page.waitForResponse((response) => new URL(response.url()).pathname === feedbackPath);
    await page.keyboard.press('Enter');
    await sent;

    // Assess
    expect(feedback).toEqual([
      { body: { questionId: answers.questionId, articleId: 'state-fee-refund', helpful: true }, status: 204 },
    ]);
    // The question box's question is the client's question: logged (without personal data).
    const logged = await sandboxClient(sandbox).documents.send(
      new GetCommand({
        TableName: sandbox.tableNames.knowledge,
        Key: { pk: `QUESTION#${answers.questionId}`, sk: 'QUESTION' },
      }),
    );
    expect(logged.Item).toMatchObject({ text: 'Kā atgūt pārmaksāto valsts nodevu?', helpful: true });
    expect(await focusedId(page)).toBe('assistant-thanks');
    expect(await page.locator('#assistant-thanks').textContent()).toContain(
      text('lv', 'assistant.feedback.thanks'),
    );
    expect(await page.locator('#assistant-feedback').isHidden()).toBe(true);
    // The form is left as it was.
    expect(await page.getByLabel('Jūsu jautājums').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('takes a Nē to the form, with the question written in and the best topic chosen', async () => {
    // Prepare
    const { page, problems, feedback } = await openForm('/?lang=en');
    const question = 'Where do I apply for maintenance from the fund?';
    const answers = await askByKeyboard(page, question);
    const best = answers.answers[0];
    expect(best?.topic).toBe('maintenance-fund');
    await page.locator('#assistant-answer').waitFor({ state: 'visible' });
    expect(await page.locator('#assistant-feedback legend').textContent()).toBe(
      text('en', 'assistant.feedback.question'),
    );

    // Act
    await tabTo(page, '#assistant-no', 4);
    const sent = page.waitForResponse((response) => new URL(response.url()).pathname === feedbackPath);
    await page.keyboard.press('Space');
    await sent;

    // Assess
    expect(feedback).toEqual([
      { body: { questionId: answers.questionId, articleId: best?.articleId, helpful: false }, status: 204 },
    ]);
    expect(await focusedId(page)).toBe('name');
    expect(await page.locator('#message').inputValue()).toBe(question);
    expect(await page.locator('#topic').inputValue()).toBe('maintenance-fund');
    expect(await page.locator('#assistant-note').textContent()).toBe(text('en', 'assistant.toForm'));
    expect(await announced(page)).toBe(text('en', 'assistant.toForm'));
    expect(problems).toEqual([]);
  });

  it('says plainly when it has no answer, and takes the question to the form', async () => {
    // Prepare
    const { page, problems, feedback } = await openForm();
    await page.getByLabel('Tēma').selectOption('general');

    // Act
    const answers = await askByKeyboard(page, 'zxqv plorkt wubbel');

    // Assess: no answer, no vote asked; the question is in the form and the client's topic kept
    expect(answers.answers).toEqual([]);
    await page.locator('#assistant-note').waitFor({ state: 'visible' });
    expect(await page.locator('#assistant-note').textContent()).toBe(text('lv', 'assistant.noAnswer'));
    expect(await page.locator('#assistant-answer').isHidden()).toBe(true);
    expect(await focusedId(page)).toBe('name');
    expect(await page.locator('#message').inputValue()).toBe('zxqv plorkt wubbel');
    expect(await page.locator('#topic').inputValue()).toBe('general');
    expect(await announced(page)).toBe(text('lv', 'assistant.noAnswer'));
    expect(feedback).toEqual([]);

    // Act: an empty question is not sent
    await page.locator('#assistant-question').fill(' ');
    await page.locator('#assistant-question').press('Enter');

    // Assess
    expect(await page.locator('#assistant-question').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#assistant-question-error').textContent()).toContain(
      text('lv', 'assistant.tooShort'),
    );
    expect(problems).toEqual([]);
  });

  it('has no WCAG 2.1 A/AA violations in Latvian and English, with an answer and suggestions shown', async () => {
    // axe is injected as an inline script, which the gateway's CSP rightly forbids.
    const { page } = await openForm('/', { bypassCSP: true });
    expect(await axeViolations(page)).toEqual([]);

    await askByKeyboard(page, 'Kā atgūt pārmaksāto valsts nodevu?');
    await page.locator('#assistant-answer').waitFor({ state: 'visible' });
    const suggested = nextAnswers(page);
    await page.getByLabel('Jūsu jautājums').pressSequentially('Kur pieteikties uzturlīdzekļiem no fonda?');
    await suggested;
    await page.locator('#suggestions').waitFor({ state: 'visible' });
    expect(await axeViolations(page)).toEqual([]);

    // The switch asks the suggestions again in English; the answer shown keeps its language.
    const again = nextAnswers(page);
    await page.getByRole('link', { name: 'English' }).click();
    await again;
    expect(await page.locator('#assistant-feedback legend').textContent()).toBe(
      text('en', 'assistant.feedback.question'),
    );
    // Each item in its article's language (Latvian words may find Latvian articles from the English page).
    for (const item of await page.locator('#suggestions-list li').all()) {
      const href = (await item.locator('a').getAttribute('href')) ?? '';
      expect(await item.getAttribute('lang')).toBe(href.startsWith('/en/') ? 'en' : 'lv');
    }
    expect(await page.locator('#assistant-answer-title').getAttribute('lang')).toBe('lv');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: text('en', 'assistant.feedback.no') }).click();
    await page.locator('#assistant-note').waitFor({ state: 'visible' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows what the API sends as text, refuses links off the help pages, and keeps only the newest suggestions', async () => {
    // Prepare: answers faked, the first one slow
    const { page, problems, dialogs } = await openForm();
    const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    let calls = 0;
    await page.route(`**${answersPath}`, async (route) => {
      calls += 1;
      const call = calls;
      const q = String((route.request().postDataJSON() as { q?: unknown }).q ?? '');
      if (call === 1) await new Promise((resolve) => setTimeout(resolve, 1500));
      const answer = {
        articleId: `article-${call}`,
        topic: 'general',
        title: call === 1 ? 'Stale' : `${markup} ${q}`,
        snippet: markup,
        url: q.includes('evil') ? 'javascript:alert(3)' : articlePath(`article-${call}`, 'lv'),
        score: 1,
      };
      await route
        .fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ questionId: `q-${call}`, answers: [answer] }),
        })
        // The page gave up on the stale request: there is nobody left to answer.
        .catch(() => undefined);
    });
    const message = page.getByLabel('Jūsu jautājums');

    // Act: a question, a pause long enough to ask it, then more words before it is answered
    await message.pressSequentially('valsts nodeva');
    await page.waitForTimeout(600);
    await message.pressSequentially(' atmaksa');
    await page.locator('#suggestions').waitFor({ state: 'visible' });
    await page.waitForTimeout(1500);

    // Assess: the newer answer stands, its markup as text
    expect(calls).toBe(2);
    expect(await page.locator('#suggestions-list li').count()).toBe(1);
    expect(await page.locator('#suggestions-list a').textContent()).toBe(`${markup} valsts nodeva atmaksa`);
    expect(await page.locator('#suggestions-list p').textContent()).toBe(markup);
    expect(await page.locator('#suggestions img, #suggestions script').count()).toBe(0);

    // Act: an answer that links off the help pages
    await message.pressSequentially(' evil');
    await page.waitForTimeout(900);

    // Assess: not shown; the last good suggestions stay
    expect(calls).toBe(3);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('#suggestions-list a').textContent()).toBe(`${markup} valsts nodeva atmaksa`);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
