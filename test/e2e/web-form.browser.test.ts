import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../infra/local/sandbox.ts';
import { message } from '../../shared/i18n/messages.ts';
import { text } from '../../web/src/texts.ts';
import {
  axeViolations,
  browserSuiteRuns,
  chromiumArgs,
  chromiumPath,
  requireChromium,
} from '../support/browser.ts';

const runInBrowser = browserSuiteRuns('web-form.browser.test.ts');

const referencePattern = /^TA-\d{4}-\d{6,}$/;
const latvianDate = /^\d{4}\. gada \d{1,2}\. [a-zāčēģīķļņšūž]+$/;
const englishDate = /^\d{1,2} [A-Z][a-z]+ \d{4}$/;
const fieldsWithControls = ['name', 'email', 'topic', 'subject', 'message', 'consent'] as const;

interface StoredEmail {
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
}

describe.skipIf(!runInBrowser)('public web form in Chromium', () => {
  let browser: Browser;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let dataDir: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    requireChromium();
    dataDir = await mkdtemp(join(tmpdir(), 'courtdesk-web-form-'));
    // The sandbox builds dist/web itself before serving it.
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

  /** A fresh page (own storage) that records script errors, CSP refusals and dialogs. */
  async function openForm(path = '/', options: { bypassCSP?: boolean } = {}) {
    context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false, locale: 'lv-LV' });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (entry) => {
      // Chromium logs every 4xx answer and aborted request; the tests provoke some on purpose.
      if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${entry.text()}`);
      }
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const topicsResponse = page.waitForResponse((response) => response.url().endsWith('/api/topics'));
    await page.goto(new URL(path, sandbox.urls.web).href);
    expect((await topicsResponse).status()).toBe(200);
    return { page, problems, dialogs };
  }

  async function fillValidForm(page: Page, fields: { email: string; subject?: string; message?: string }) {
    await page.getByLabel('Vārds, uzvārds vai organizācijas nosaukums').fill('Anna Bērziņa');
    await page.getByLabel('E-pasta adrese').fill(fields.email);
    await page.getByLabel('Tālruņa numurs').fill('+371 20000000');
    await page.getByLabel('Tēma').selectOption({ label: 'Tiesu izdevumi un maksājumi' });
    await page.getByLabel('Temats').fill(fields.subject ?? 'Valsts nodevas atmaksa');
    await page
      .getByLabel('Jūsu jautājums')
      .fill(fields.message ?? 'Labdien! Kā var atgūt pārmaksāto valsts nodevu civillietā C12345678?');
    await page.getByLabel(/Piekrītu, ka Tiesu administrācija apstrādā manus personas datus/).check();
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  async function waitForEmail(address: string, reference: string): Promise<StoredEmail> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const store = (await (await fetch(`${sandbox.urls.mailbox}/store`)).json()) as {
        emails: StoredEmail[];
      };
      const found = store.emails.find(
        (email) =>
          email.destination.to.some((to) => to.includes(address)) &&
          `${email.subject}\n${email.body.text ?? ''}`.includes(reference),
      );
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`No acknowledgement of ${reference} to ${address} within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  function uniqueAddress(): string {
    return `anna.${crypto.randomUUID().slice(0, 8)}@example.lv`;
  }

  it('accepts a request filled in Latvian and sends the acknowledgement by email', async () => {
    // Prepare
    const { page, problems } = await openForm();
    const address = uniqueAddress();
    const posts: { key: string | undefined; body: unknown }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/requests')) {
        posts.push({ key: request.headers()['idempotency-key'], body: request.postDataJSON() });
      }
    });
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    expect(await page.title()).toBe(text('lv', 'page.title'));
    await fillValidForm(page, { email: address });

    // Act
    await page.getByRole('button', { name: text('lv', 'submit.button') }).press('Enter');

    // Assess
    const confirmation = page.locator('#confirmation');
    await confirmation.waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('confirmation-heading');
    expect(await page.locator('#form-view').isHidden()).toBe(true);
    const reference = (await page.locator('#confirmation-reference').textContent()) ?? '';
    expect(reference).toMatch(referencePattern);
    expect(await page.locator('#confirmation-expected').textContent()).toMatch(latvianDate);
    expect(await page.locator('#confirmation-expected').getAttribute('datetime')).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    // The competent unit and, as it differs from the expected date, the legal deadline.
    expect(await page.locator('#confirmation-unit').textContent()).toBe('Tiesu izdevumi un maksājumi');
    expect(await page.locator('#confirmation-deadline').textContent()).toMatch(latvianDate);
    expect(await page.locator('#confirmation-callback-row').isHidden()).toBe(true);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(posts[0]?.body).toEqual({
      name: 'Anna Bērziņa',
      email: address,
      phone: '+371 20000000',
      topic: 'court-fees',
      subject: 'Valsts nodevas atmaksa',
      message: 'Labdien! Kā var atgūt pārmaksāto valsts nodevu civillietā C12345678?',
      consent: true,
      language: 'lv',
      // The page load's id, for the assistant's deflection figure (§26).
      assistantPage: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    const email = await waitForEmail(address, reference);
    expect(email.subject).toContain(reference);
    // The confirmation follows the language switch too.
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('#confirmation-expected').textContent()).toMatch(englishDate);
    expect(await page.locator('#confirmation-unit').textContent()).toBe('Court fees and payments');
    expect(problems).toEqual([]);
  });

  it('explains missing fields in Latvian, then in English after the switch', async () => {
    // Prepare
    const { page, problems } = await openForm();

    // Act
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();

    // Assess
    const summary = page.locator('#error-summary');
    await summary.waitFor({ state: 'visible' });
    expect(await focusedId(page)).toBe('error-summary');
    for (const field of fieldsWithControls) {
      const control = page.locator(`#${field}`);
      expect(await control.getAttribute('aria-invalid'), field).toBe('true');
      expect(await control.getAttribute('aria-describedby'), field).toContain(`${field}-error`);
      expect(await page.locator(`#${field}-error`).isVisible(), field).toBe(true);
    }
    expect(await page.locator('#phone').getAttribute('aria-invalid')).toBeNull();
    await expectSummary(page, 'lv');
    expect(await page.locator('#name-error').textContent()).toBe(
      `${text('lv', 'field.errorPrefix')} ${message('lv', 'error.required')}`,
    );
    expect(await page.locator('#announcer').textContent()).toBe(text('lv', 'submit.errorsAnnouncement'));

    // A summary link takes the keyboard to its field.
    await page.locator('#error-summary a[href="#email"]').focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('email');

    // Act: switch to English
    await page.getByRole('link', { name: 'English' }).click();

    // Assess
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe(text('en', 'page.title'));
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(text('en', 'page.heading'));
    expect(await page.getByRole('button', { name: text('en', 'submit.button') }).isVisible()).toBe(true);
    expect(await page.locator('label[for="email"]').textContent()).toContain(text('en', 'field.email.label'));
    expect(await page.locator('#topic option[value="court-fees"]').textContent()).toBe(
      'Court fees and payments',
    );
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
    await expectSummary(page, 'en');
    // The choice survives a reload.
    await page.goto(sandbox.urls.web);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(text('en', 'page.heading'));
    expect(problems).toEqual([]);
  });

  it('has no WCAG 2.1 A/AA violations: empty, with errors and confirmed', async () => {
    // axe is injected as an inline script, which the gateway's CSP rightly forbids.
    const { page } = await openForm('/', { bypassCSP: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await axeViolations(page)).toEqual([]);

    await fillValidForm(page, { email: uniqueAddress() });
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('offers a callback only to a Latvian mobile number, and confirms the number to call', async () => {
    // Prepare
    const { page, problems } = await openForm('/', { bypassCSP: true });
    const posts: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/requests'))
        posts.push(request.postDataJSON());
    });
    const address = uniqueAddress();
    const phone = page.locator('#phone');
    await fillValidForm(page, { email: address });
    expect(await phone.getAttribute('aria-required')).toBeNull();
    expect(await page.locator('label[for="phone"]').textContent()).toContain(text('lv', 'field.optional'));

    // Act: ask for a callback to a landline
    await page.getByLabel(text('lv', 'field.callback.label')).check();
    await phone.fill('+371 67 000 000');
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();

    // Assess: explained at the phone field and in the summary, before anything is sent
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await phone.getAttribute('aria-required')).toBe('true');
    expect(await page.locator('label[for="phone"]').textContent()).toContain(text('lv', 'field.required'));
    expect(await page.locator('#callback').getAttribute('aria-describedby')).toBe('callback-hint');
    expect(await page.locator('#callback-hint').textContent()).toBe(text('lv', 'field.callback.hint'));
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#phone-error').textContent()).toBe(
      `${text('lv', 'field.errorPrefix')} ${message('lv', 'error.phone.callback')}`,
    );
    expect(await page.locator('#error-summary li').allTextContents()).toEqual([
      `${text('lv', 'field.phone.label')}: ${message('lv', 'error.phone.callback')}`,
    ]);
    expect(posts).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Act: in English, the same words the server would use; then a mobile number
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('#phone-error').textContent()).toContain(message('en', 'error.phone.callback'));
    expect(await page.locator('label[for="phone"]').textContent()).toContain(text('en', 'field.required'));
    await page.getByRole('link', { name: 'Latviešu' }).click();
    await phone.fill('29-123-456');
    await phone.blur();
    expect(await phone.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();

    // Assess: sent with the box, and the receipt names the number we will call
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ callback: true, phone: '29-123-456', email: address });
    expect(await page.locator('#confirmation-callback-row').isVisible()).toBe(true);
    expect(await page.locator('#confirmation-callback-row dt').textContent()).toBe(
      text('lv', 'confirmation.callback'),
    );
    expect(await page.locator('#confirmation-callback').textContent()).toBe('+371 29 123 456');
    expect(await axeViolations(page)).toEqual([]);

    // Act: another question starts without the callback
    await page.getByRole('button', { name: text('lv', 'confirmation.another') }).click();

    // Assess
    expect(await page.locator('#callback').isChecked()).toBe(false);
    expect(await phone.getAttribute('aria-required')).toBeNull();
    expect(await page.locator('label[for="phone"]').textContent()).toContain(text('lv', 'field.optional'));
    expect(problems).toEqual([]);
  });

  it('sends markup as text and runs none of it', async () => {
    // Prepare
    const { page, problems, dialogs } = await openForm();
    const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const address = uniqueAddress();
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/requests')) {
        keys.push(request.headers()['idempotency-key']);
      }
    });
    await fillValidForm(page, {
      email: address,
      subject: `Jautājums ${markup}`,
      message: `Teksts ${markup}`,
    });
    const send = page.getByRole('button', { name: text('lv', 'submit.button') });

    // Act: the server's words are shown as text too (a faked answer carrying markup)
    await page.route('**/api/requests', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [
            { field: 'subject', message: markup },
            { field: 'body', message: markup },
          ],
        }),
      }),
    );
    await send.click();

    // Assess
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await page.locator('#subject-error').textContent()).toContain(markup);
    expect(await page.locator('#error-summary li').nth(1).textContent()).toBe(markup);
    await page.unroute('**/api/requests');

    // Act: the real thing, with an impatient double click
    await send.dblclick();

    // Assess
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    const reference = (await page.locator('#confirmation-reference').textContent()) ?? '';
    expect(reference).toMatch(referencePattern);
    expect(new Set(keys).size).toBe(1);
    const email = await waitForEmail(address, reference);
    if (email.body.text?.includes('Jautājums')) expect(email.body.text).toContain(markup);
    if (email.body.html) expect(email.body.html).not.toContain('<script>alert(1)');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('hides the honeypot from people and still answers a bot that fills it', async () => {
    // Prepare
    const { page, problems } = await openForm();
    const honeypot = page.locator('input[name="website"]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await honeypot.getAttribute('aria-hidden')).toBe('true');
    expect(await page.getByRole('textbox', { name: text('lv', 'field.website.label') }).count()).toBe(0);
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/requests'))
        bodies.push(request.postDataJSON());
    });
    await fillValidForm(page, { email: uniqueAddress() });
    await honeypot.fill('https://spam.example');

    // Act
    await page.getByRole('button', { name: text('lv', 'submit.button') }).click();

    // Assess
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    expect(bodies[0]?.website).toBe('https://spam.example');
    expect(problems).toEqual([]);
  });

  it('keeps the form after a network error and retries with the same idempotency key', async () => {
    // Prepare
    const { page, problems } = await openForm('/?lang=en');
    const keys: (string | undefined)[] = [];
    let failNext = true;
    await page.route('**/api/requests', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (failNext) {
        failNext = false;
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.getByRole('link', { name: 'Latviešu' }).click();
    await fillValidForm(page, { email: uniqueAddress() });
    const send = page.getByRole('button', { name: text('lv', 'submit.button') });

    // Act
    await send.click();

    // Assess
    await page.locator('#general-error').waitFor({ state: 'visible' });
    expect(await page.locator('#general-error-text').textContent()).toBe(text('lv', 'submit.error.network'));
    expect(await page.getByLabel('E-pasta adrese').inputValue()).toContain('@example.lv');

    // Act: try again
    await send.click();

    // Assess
    await page.locator('#confirmation').waitFor({ state: 'visible' });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(problems).toEqual([]);
  });

  async function expectSummary(page: Page, language: 'lv' | 'en') {
    const items = await page.locator('#error-summary li').allTextContents();
    const required = (field: 'name' | 'email' | 'topic' | 'subject' | 'message') =>
      `${text(language, `field.${field}.label`)}: ${message(language, 'error.required')}`;
    expect(items).toEqual([
      ...(['name', 'email', 'topic', 'subject', 'message'] as const).map(required),
      `${text(language, 'field.consent.short')}: ${message(language, 'error.consent.invalid')}`,
    ]);
    expect(await page.locator('#error-summary h2').textContent()).toBe(text(language, 'submit.errorSummary'));
  }
});
