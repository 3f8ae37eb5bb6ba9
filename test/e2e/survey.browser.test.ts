/**
 * The survey page (`/aptauja/`) in Chromium against the sandbox: answered by keyboard alone (the
 * error summary first, its links to the fields, then a response sent and changed), the page in
 * English by `?lang=en` and by the switch, an expired, a forged link and a lost connection each
 * with a clear message, and axe clean in Latvian and English. The token stays in the fragment: no
 * URL the page asks for holds it, and an older link's `?t=` is replaced by the fragment at once.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../web/src/survey-texts.ts';
import {
  axeViolations,
  browserSuiteRuns,
  chromiumArgs,
  chromiumPath,
  requireChromium,
} from '../support/browser.ts';
import { useSandbox } from '../support/sandbox-client.ts';
import { answeredTicket, surveyLink } from '../support/survey-links.ts';

const runInBrowser = browserSuiteRuns('survey.browser.test.ts');

describe.skipIf(!runInBrowser)('the survey page in Chromium', () => {
  const suite = useSandbox('courtdesk-survey-browser-', { quiet: true, schedules: false });
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    requireChromium();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A page at `url`, recording script errors and every URL it asks for (`requested`). */
  async function open(url: string) {
    context = await browser.newContext({ locale: 'lv-LV', bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (entry) => {
      if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource'))
        problems.push(`console: ${entry.text()}`);
    });
    await page.goto(url);
    return { page, problems, requested };
  }

  /** No URL asked for holds the token (a fragment is never sent; the server never sees one). */
  function expectTokenInNoUrl(requested: readonly string[], token: string): void {
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) {
      const address = new URL(url);
      expect(`${address.origin}${address.pathname}${address.search}`).not.toContain(token.slice(-20));
    }
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  async function tabTo(page: Page, selector: string, limit = 25): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${limit} presses of Tab`);
  }

  const survey = async (reference: string) =>
    (
      await suite.client.documents.send(
        new GetCommand({
          TableName: suite.sandbox.tableNames.tickets,
          Key: { pk: `TICKET#${reference}`, sk: 'SURVEY' },
        }),
      )
    ).Item;

  it('is answered and changed by keyboard alone, and axe finds nothing in Latvian', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { url, token } = await surveyLink(suite.sandbox, reference);
    expect(new URL(url).hash).toMatch(/^#t=/);
    const { page, problems, requested } = await open(url);
    await page.locator('#survey-view').waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang')).toBe('lv');
    expectTokenInNoUrl(requested, token);
    expect(await page.textContent('#fact-reference')).toBe(reference);
    expect(await axeViolations(page)).toEqual([]);

    // Sent empty: the error summary takes focus and links to each field.
    await tabTo(page, '#submit-button');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('error-summary');
    expect(await page.locator('#error-summary-list a').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('satisfaction-5');

    // A radio group by arrows: 5 → 4; then into the next group and to "Daļēji".
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('satisfaction-4');
    await tabTo(page, 'input[name="answered"]');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('answered-partly');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('comment');
    await page.keyboard.type('Atbilde bija laba, bet vēlu.');
    expect(await page.textContent('#comment-counter')).toContain('972');
    await tabTo(page, '#submit-button');
    await page.keyboard.press('Enter');
    await page.locator('#thanks').waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('thanks-heading');
    expect(await survey(reference)).toMatchObject({ satisfaction: 4, answered: 'partly', version: 1 });

    // Changed: the button says so; the same keyboard path.
    expect(await page.textContent('#submit-button')).toBe(text('lv', 'submit.change'));
    await page.focus('#satisfaction-4');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, '#submit-button');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await survey(reference))?.version).toBe(2);
    expect(await survey(reference)).toMatchObject({ satisfaction: 5 });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows the survey and an existing response in English, by the address and by the switch, axe clean', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { url, token } = await surveyLink(suite.sandbox, reference, { language: 'en' });
    await fetch(`${suite.sandbox.urls.web}/api/survey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ t: token, satisfaction: 2, answered: 'no', comment: 'Too slow' }),
    });
    const { page, problems, requested } = await open(url);
    await page.locator('#survey-view').waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#page-heading')).toBe(text('en', 'page.heading'));
    expect(await page.textContent('#existing')).toContain('You responded on');
    expect(await page.isChecked('#satisfaction-2')).toBe(true);
    expect(await page.isChecked('#answered-no')).toBe(true);
    expect(await page.inputValue('#comment')).toBe('Too slow');
    expect(await axeViolations(page)).toEqual([]);

    await page.click('a[data-language="lv"]');
    expect(await page.getAttribute('html', 'lang')).toBe('lv');
    expect(await page.textContent('#page-heading')).toBe(text('lv', 'page.heading'));
    expect(new URL(page.url()).searchParams.get('t')).toBeNull();
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('t')).toBe(token);
    expectTokenInNoUrl(requested, token);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('takes an older link’s ?t= and replaces the address with the fragment form at once', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { legacyUrl, token } = await surveyLink(suite.sandbox, reference, { language: 'en' });
    const { page, problems, requested } = await open(legacyUrl);
    await page.locator('#survey-view').waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const shown = new URL(page.url());
    expect(shown.pathname).toBe('/aptauja/');
    expect(shown.search).toBe('?lang=en');
    expect(new URLSearchParams(shown.hash.slice(1)).get('t')).toBe(token);
    // The history entry itself was replaced, not added to: the new tab's blank page and the survey.
    expect(await page.evaluate(() => window.history.length)).toBe(2);
    // Only the first request (the page itself, which the CDN logged) held the token.
    expect(requested.filter((url) => url.includes(token.slice(-20)))).toEqual([legacyUrl]);
    expect(problems).toEqual([]);
  });

  it('an expired link, a forged link and a lost connection each get a clear message', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const expired = await surveyLink(suite.sandbox, reference, { expiresAt: new Date(Date.now() - 1000) });
    let { page } = await open(expired.url);
    await page.locator('#problem').waitFor({ state: 'visible' });
    expect(await page.textContent('#problem-text')).toContain('derīguma termiņš ir beidzies');
    expect(await focusedId(page)).toBe('problem-heading');
    expect(await axeViolations(page)).toEqual([]);
    await context?.close();

    const { url } = await surveyLink(suite.sandbox, reference, { language: 'en' });
    ({ page } = await open(url.replace(/t=([^&]+)/, 't=$1x')));
    await page.locator('#problem').waitFor({ state: 'visible' });
    expect(await page.textContent('#problem-text')).toContain('could not be recognised');
    expect(await axeViolations(page)).toEqual([]);
    await context?.close();

    context = await browser.newContext({ locale: 'lv-LV', bypassCSP: true });
    page = await context.newPage();
    await page.route('**/api/survey/view', (route) => route.abort('internetdisconnected'));
    await page.goto(url);
    await page.locator('#problem').waitFor({ state: 'visible' });
    expect(await page.textContent('#problem-text')).toBe(text('en', 'problem.network'));
    expect(await page.isVisible('#problem-retry')).toBe(true);
  });
});
