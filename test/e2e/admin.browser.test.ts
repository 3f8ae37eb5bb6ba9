import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { type Sandbox, startSandbox } from '../../infra/local/sandbox.ts';
import { nextWorkingDay } from '../../shared/domain/deadlines.ts';
import { addDays } from '../../shared/domain/working-days.ts';
import type { TicketDetail, TicketSummary } from '../../shared/http/staff-contract.ts';
import { tokenKey } from '../../web/src/admin/auth.ts';
import { text } from '../../web/src/admin/texts.ts';
import {
  axeViolations,
  browserSuiteRuns,
  chromiumArgs,
  chromiumPath,
  requireChromium,
} from '../support/browser.ts';
import { type StoredEmail, staffToken } from '../support/sandbox-client.ts';

const runInBrowser = browserSuiteRuns('admin.browser.test.ts');

const agent = 'agent.court-fees';
const laptop = { width: 1280, height: 800 };
const tablet = { width: 768, height: 1024 };

/** Markup and template syntax that must reach the page as text and never run. */
const hostileTexts = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "{{constructor.constructor('alert(1)')()}}",
] as const;

describe.skipIf(!runInBrowser)('staff admin page in Chromium', () => {
  let browser: Browser;
  let sandbox: Sandbox;
  let dataDir: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    requireChromium();
    dataDir = await mkdtemp(join(tmpdir(), 'courtdesk-admin-'));
    // The sandbox builds dist/web (the form and the admin page) itself before serving it.
    [sandbox, browser] = await Promise.all([
      startSandbox({ dataDir, quiet: true, schedules: false }),
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

  // ---- Helpers ------------------------------------------------------------------------------

  const tokenFor = (username: string) => staffToken(sandbox, username);

  async function staffCall(username: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await fetch(`${sandbox.urls.web}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(username)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Submits a web request and waits until the ticket is stored and readable by `reader`. */
  async function submitRequest(
    fields: { subject?: string; message?: string; name?: string; topic?: string } = {},
    reader = agent,
  ): Promise<{ reference: string; email: string }> {
    const email = `klients.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    const response = await fetch(`${sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        name: fields.name ?? 'Anna Bērziņa',
        email,
        topic: fields.topic ?? 'court-fees',
        subject: fields.subject ?? 'Valsts nodevas atmaksa',
        message: fields.message ?? 'Labdien! Kā var atgūt pārmaksāto valsts nodevu civillietā C12345678?',
        consent: true,
        language: 'lv',
      }),
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { status } = await staffCall(reader, 'GET', `/api/staff/tickets/${reference}`);
      if (status === 200) return { reference, email };
      if (Date.now() > deadline)
        throw new Error(`${reference} not readable by ${reader} within 20 s (${status})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Takes what waits in `username`'s units, so that "take next" then takes the ticket a test made. */
  async function emptyQueue(username = agent): Promise<void> {
    for (let taken = 0; taken < 100; taken += 1) {
      const { status, body } = await staffCall(username, 'POST', '/api/staff/tickets/next', {});
      expect(status).toBe(200);
      if (body.ticket === null) return;
    }
    throw new Error('The queue did not empty');
  }

  async function takeByApi(reference: string, username = agent): Promise<TicketDetail> {
    const { status, body } = await staffCall(username, 'POST', `/api/staff/tickets/${reference}/take`, {
      reason: 'Testa pārbaude',
    });
    expect(status, JSON.stringify(body)).toBe(200);
    return body.ticket as TicketDetail;
  }

  /** A fresh page (own storage) that records script errors, CSP refusals and dialogs. */
  async function openPage(
    options: { bypassCSP?: boolean; viewport?: { width: number; height: number }; ignore?: RegExp } = {},
  ) {
    context = await browser.newContext({
      bypassCSP: options.bypassCSP ?? false,
      locale: 'lv-LV',
      viewport: options.viewport ?? laptop,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (entry) => {
      // Chromium logs every 4xx answer; the tests provoke some on purpose.
      if (entry.type() !== 'error' || entry.text().startsWith('Failed to load resource')) return;
      if (options.ignore?.test(entry.text())) return;
      problems.push(`console: ${entry.text()}`);
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { page, problems, dialogs };
  }

  /** Signs in without the sign-in page: the token is in sessionStorage before the page's script runs. */
  async function signInWithToken(page: Page, username: string, path = '/admin/'): Promise<void> {
    const token = await tokenFor(username);
    // Once per tab: after a sign-out the token must stay gone.
    await page.addInitScript(
      ([key, value]) => {
        // Init scripts run in every frame; the email's sandboxed frame may not touch storage.
        if (window !== window.top) return;
        if (window.sessionStorage.getItem('test.seeded')) return;
        window.sessionStorage.setItem('test.seeded', 'yes');
        window.sessionStorage.setItem(key, value);
      },
      [tokenKey, token] as const,
    );
    await page.goto(new URL(path, sandbox.urls.web).href);
    await page.locator('#view-heading').waitFor();
  }

  async function waitForEmail(
    address: string,
    predicate: (email: StoredEmail) => boolean,
  ): Promise<StoredEmail> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const store = (await (await fetch(`${sandbox.urls.mailbox}/store`)).json()) as {
        emails: StoredEmail[];
      };
      const found = store.emails.find(
        (email) => email.destination.to.some((to) => to.includes(address)) && predicate(email),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching email to ${address} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  async function hasHorizontalOverflow(page: Page): Promise<boolean> {
    return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }

  const lv = (key: Parameters<typeof text>[1], values?: Record<string, string>) => text('lv', key, values);
  const en = (key: Parameters<typeof text>[1], values?: Record<string, string>) => text('en', key, values);

  // ---- Tests --------------------------------------------------------------------------------

  it('signs in on the sign-in page, takes the next request and replies to the client by email', async () => {
    // Prepare
    await emptyQueue();
    const { reference, email } = await submitRequest();
    const { page, problems, dialogs } = await openPage();
    const reply = `Labdien! Pārmaksāto nodevu atmaksā pēc iesnieguma. (${crypto.randomUUID().slice(0, 8)})`;

    // Act: the page sends the browser to sign in, and the sign-in page sends it back with a token
    await page.goto(new URL('/admin/', sandbox.urls.web).href);
    await page.waitForURL(/\/local\/sign-in\?return=%2Fadmin%2F|\/local\/sign-in\?return=\/admin\//);
    await page.locator(`button[name="username"][value="${agent}"]`).click();
    await page.locator('#view-heading').waitFor();

    // Assess: the token left the address for sessionStorage, the queue shows the request
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate((key) => window.sessionStorage.getItem(key), tokenKey)).toMatch(/^ey/);
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    expect(await page.locator('#view-heading').textContent()).toBe(lv('view.queue'));
    expect(await page.locator('#session-user').textContent()).toBe(agent);
    expect(await page.locator('#session-roles').textContent()).toContain(lv('role.agent'));
    const row = page.locator('tbody tr', { hasText: reference });
    expect(await row.locator('td').first().textContent()).toBe('Valsts nodevas atmaksa');
    expect(await row.textContent()).toContain(lv('status.new'));
    expect(await row.textContent()).toContain(lv('list.unassigned'));

    // Act: take next
    await page.getByRole('button', { name: lv('takeNext.button') }).click();

    // Assess
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('ticket.heading', { reference }));
    expect(await focusedId(page)).toBe('view-heading');
    expect(new URL(page.url()).searchParams.get('ticket')).toBe(reference);
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('takeNext.taken', { reference }));
    expect(await page.locator('.ticket__facts').textContent()).toContain(agent);
    expect(await page.locator('.entry--client .entry__text').textContent()).toContain(
      'valsts nodevu civillietā',
    );
    expect(await page.locator('.ticket__side').textContent()).toContain(email);

    // Act: reply
    await page.getByLabel(lv('reply.text')).fill(reply);
    await page.getByRole('button', { name: lv('reply.submit') }).click();

    // Assess: the reply is in the conversation, queued, then sent; the client receives it
    const replyEntry = page.locator('.entry--reply', { hasText: reply });
    await replyEntry.waitFor();
    await expect.poll(() => page.locator('#toasts').textContent()).toContain(lv('reply.sent'));
    expect(await replyEntry.locator('.entry__kind').textContent()).toBe(lv('thread.reply'));
    expect(await replyEntry.locator('.entry__author').textContent()).toBe(agent);
    expect(await page.getByLabel(lv('reply.text')).inputValue()).toBe('');
    const mail = await waitForEmail(email, (candidate) => (candidate.body.text ?? '').includes(reply));
    expect(mail.subject).toContain(reference);
    await expect
      .poll(() => replyEntry.locator('.delivery').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${lv('thread.delivery.sent')}`));
    // After a reload too, from the server's record.
    await page.reload();
    await page.locator('.entry--reply', { hasText: reply }).waitFor();
    expect(
      await page.locator('.entry--reply', { hasText: reply }).locator('.delivery').textContent(),
    ).toMatch(new RegExp(`^${lv('thread.delivery.sent')}`));
    expect(await page.locator('.ticket__header').textContent()).toContain(lv('status.answered'));
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('works from the keyboard alone: skip link, take next, reply, shortcut help', async () => {
    // Prepare
    await emptyQueue();
    const { reference, email } = await submitRequest({ subject: 'Drošības naudas atmaksa' });
    const { page, problems } = await openPage();
    await signInWithToken(page, agent);
    const reply = `Atbilde no tastatūras ${crypto.randomUUID().slice(0, 8)}`;

    // Act & assess: the first Tab reaches the skip link, which leads to the main content
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('main');

    // Act: "n" takes the next request
    await page.keyboard.press('n');
    await expect
      .poll(() => page.locator('#view-heading').textContent())
      .toBe(lv('ticket.heading', { reference }));
    expect(await focusedId(page)).toBe('view-heading');

    // Act: "r" goes to the reply, the text is typed, Tab moves on to the status and the button
    await page.keyboard.press('r');
    expect(await focusedId(page)).toBe('reply-text');
    await page.keyboard.type(reply);
    // The shortcut's own key never lands in the field.
    expect(await page.locator('#reply-text').inputValue()).toBe(reply);
    // The reply's files come next (a native file input), then the status.
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('reply-files');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('reply-status-answered');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('reply-status-waiting-on-client');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('reply-submit');
    await page.keyboard.press('Enter');

    // Assess
    await page.locator('.entry--reply', { hasText: reply }).waitFor();
    expect(await focusedId(page)).toBe('reply-submit');
    await expect
      .poll(() => page.locator('.ticket__header').textContent())
      .toContain(lv('status.waiting-on-client'));
    await waitForEmail(email, (candidate) => (candidate.body.text ?? '').includes(reply));

    // Act & assess: "?" opens the shortcut list as a modal dialog; Escape returns focus
    await page.locator('#view-heading').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: lv('shortcuts.title') });
    await help.waitFor();
    expect(await help.textContent()).toContain(lv('shortcuts.takeNext'));
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await focusedId(page)).toBe('view-heading');

    // Act & assess: "g" then "m" opens my requests; "/" goes to search, where keys are typed
    await page.keyboard.press('g');
    await page.keyboard.press('m');
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(lv('view.mine'));
    await page.keyboard.press('/');
    expect(await focusedId(page)).toBe('search-input');
    await page.keyboard.type(reference);
    expect(await page.locator('#search-input').inputValue()).toBe(reference);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#view-heading').textContent())
      .toBe(lv('search.heading', { query: reference }));
    expect(await page.locator('tbody tr').first().textContent()).toContain(reference);
    // The words are in the history entry, not the address (CDN logs keep addresses): back and
    // forward bring the results again.
    const address = new URL(page.url());
    expect(address.searchParams.get('view')).toBe('search');
    expect(address.href).not.toContain(reference);
    await page.goBack();
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(lv('view.mine'));
    await page.goForward();
    await expect
      .poll(() => page.locator('#view-heading').textContent())
      .toBe(lv('search.heading', { query: reference }));
    expect(problems).toEqual([]);
  });

  it('has no WCAG 2.1 A/AA violations in Latvian and English: worklist, ticket and dialogs', async () => {
    // Prepare: a ticket of the agent with a note and a reply, so every kind of entry is on screen
    const { reference } = await submitRequest({ subject: 'Kancelejas nodeva' });
    await takeByApi(reference);
    await staffCall(agent, 'POST', `/api/staff/tickets/${reference}/notes`, {
      text: 'Jāpārbauda maksājums.',
    });
    // axe is injected as a script, which the page's CSP rightly forbids.
    const { page } = await openPage({ bypassCSP: true });
    await signInWithToken(page, agent);

    // Assess: the worklist, in Latvian and in English
    expect(await axeViolations(page)).toEqual([]);
    const englishList = page.waitForRequest((request) =>
      request.url().includes('/api/staff/tickets?view=queue'),
    );
    await page.getByRole('link', { name: 'English' }).click();
    expect((await englishList).headers()['accept-language']).toBe('en');
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(en('view.queue'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe(en('page.titleWith', { view: en('view.queue') }));
    expect(await axeViolations(page)).toEqual([]);

    // Assess: the ticket in English, then with the re-route dialog open
    await page.goto(new URL(`/admin/?ticket=${reference}&lang=en`, sandbox.urls.web).href);
    await page.locator('.entry--note').waitFor();
    expect(await page.locator('.entry--note .entry__kind').textContent()).toBe(en('thread.note'));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: en('route.button') }).click();
    const routeDialog = page.getByRole('dialog', { name: en('route.dialog.title') });
    await routeDialog.waitFor();
    expect(await focusedId(page)).toBe('route-competence');
    expect(await axeViolations(page)).toEqual([]);
    // An empty submission is explained next to each field.
    await routeDialog.getByRole('button', { name: en('route.submit') }).click();
    await expect
      .poll(() => page.locator('#route-reason-error').textContent())
      .toContain(en('error.required'));
    expect(await page.locator('#route-competence').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await routeDialog.waitFor({ state: 'detached' });
    expect(await focusedId(page)).toBe('action-route');

    // Assess: back in Latvian, the ticket, the end-service warning and the shortcut list
    await page.getByRole('link', { name: 'Latviešu' }).click();
    await expect
      .poll(() => page.locator('#view-heading').textContent())
      .toBe(lv('ticket.heading', { reference }));
    expect(await page.locator('.entry--note .entry__kind').textContent()).toBe(lv('thread.note'));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: lv('endService.button') }).click();
    const endDialog = page.getByRole('dialog', { name: lv('endService.dialog.title') });
    await endDialog.waitFor();
    expect(await endDialog.textContent()).toContain(lv('endService.warning'));
    expect(await axeViolations(page)).toEqual([]);
    await endDialog.getByRole('button', { name: lv('dialog.cancel') }).click();
    await page.getByRole('button', { name: lv('shortcuts.button') }).click();
    await page.getByRole('dialog', { name: lv('shortcuts.title') }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a tablet and a laptop without horizontal scrolling', async () => {
    // Prepare
    const { reference } = await submitRequest({
      subject:
        'Ļoti garš temats bez atstarpēm: valstsnodevasatmaksasiesniegumsparcivillietuC12345678unvēlvienu',
    });
    await takeByApi(reference);
    for (const viewport of [tablet, laptop]) {
      const { page, problems } = await openPage({ viewport });
      await signInWithToken(page, agent, '/admin/?view=mine');

      // Assess: the worklist (cards on a tablet), the ticket and a dialog
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await hasHorizontalOverflow(page), `worklist at ${viewport.width}px`).toBe(false);
      await page.goto(new URL(`/admin/?ticket=${reference}`, sandbox.urls.web).href);
      await page.locator('#reply-text').waitFor();
      expect(await hasHorizontalOverflow(page), `ticket at ${viewport.width}px`).toBe(false);
      await page.getByRole('button', { name: lv('deadline.button') }).click();
      await page.getByRole('dialog', { name: lv('deadline.dialog.title') }).waitFor();
      expect(await hasHorizontalOverflow(page), `dialog at ${viewport.width}px`).toBe(false);
      expect(problems).toEqual([]);
      await context?.close();
      context = undefined;
    }
  });

  it('shows hostile subjects, names and messages literally and runs none of it', async () => {
    // Prepare: each payload as the subject, the name and inside the message, to the general unit
    const submitted: { reference: string; payload: string }[] = [];
    for (const payload of hostileTexts) {
      const { reference } = await submitRequest(
        {
          topic: 'general',
          subject: `Jautājums ${payload}`,
          name: `Klients ${payload}`,
          message: `Teksts ${payload} beigas`,
        },
        'agent.general',
      );
      submitted.push({ reference, payload });
    }
    const { page, problems, dialogs } = await openPage();
    await signInWithToken(page, 'agent.general');

    // Assess: the queue
    for (const { reference, payload } of submitted) {
      const row = page.locator('tbody tr', { hasText: reference });
      expect(await row.locator('td').nth(0).textContent()).toBe(`Jautājums ${payload}`);
      expect(await row.locator('td').nth(1).textContent()).toBe(`Klients ${payload}`);
    }

    // Assess: each ticket
    for (const { reference, payload } of submitted) {
      await page.goto(new URL(`/admin/?ticket=${reference}`, sandbox.urls.web).href);
      await page.locator('.entry--client').waitFor();
      expect(await page.locator('.ticket__subject').textContent()).toContain(`Jautājums ${payload}`);
      expect(await page.locator('.entry--client .entry__text').textContent()).toBe(
        `Teksts ${payload} beigas`,
      );
      expect(await page.locator('.entry--client .entry__author').textContent()).toBe(`Klients ${payload}`);
    }
    await page.waitForTimeout(300);
    expect(await page.locator('main img, main svg, main script, main iframe').count()).toBe(0);
    expect(await page.locator('[onerror], [onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows an email's HTML only in a sandboxed frame, remote images blocked until asked for", async () => {
    // Prepare: email intake is not built yet, so the ticket's answer gains an HTML message here
    const { reference } = await submitRequest({ subject: 'E-pasta vēstule' });
    const html = [
      '<p>Labdien, <b>tiesa</b>!</p>',
      '<script>parent.alert(1)</script>',
      '<img src=x onerror="parent.alert(2)">',
      '<img src="https://images.example.test/pixel.png" alt="pixel">',
      '<a href="javascript:parent.alert(3)">spied šeit</a>',
      '<a href="https://phish.example.test/login">manas.tiesas.lv</a>',
      '<form action="https://phish.example.test/"><input name="password"></form>',
      '<iframe src="https://phish.example.test/"></iframe>',
      '<div style="background:url(https://images.example.test/bg.png)">stils</div>',
    ].join('');
    // Refusals are expected here: Chromium reports the page's CSP for the handlers and styles of the
    // inert document DOMPurify parses, and for the images the frame must not load.
    const { page, problems, dialogs } = await openPage({
      ignore: /violates the following Content Security Policy directive/,
    });
    const remoteRequests: string[] = [];
    await page.route('https://*.example.test/**', (route) => {
      remoteRequests.push(route.request().url());
      return route.abort();
    });
    await page.route(`**/api/staff/tickets/${reference}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ticket: TicketDetail };
      const thread = body.ticket.thread.map((entry) =>
        entry.kind === 'client' ? { ...entry, html, text: 'Labdien, tiesa!' } : entry,
      );
      await route.fulfill({ response, json: { ticket: { ...body.ticket, thread } } });
    });
    await signInWithToken(page, agent, `/admin/?ticket=${reference}`);

    // Assess: sandboxed without scripts, sanitised, images from data: only
    const frame = page.locator('iframe.email-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('title')).toBe(lv('email.frameTitle'));
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).not.toMatch(/<script|onerror|javascript:|<form|<iframe|style=/i);
    expect(srcdoc).toContain('<b>tiesa</b>');
    expect(srcdoc).toContain('img-src data:;');
    // A link's address is written out, never followable.
    expect(srcdoc).toContain('manas.tiesas.lv</a> &lt;https://phish.example.test/login&gt;');
    expect(srcdoc).not.toMatch(/<a [^>]*href/i);
    const inner = page.frameLocator('iframe.email-frame');
    expect(await inner.locator('body').textContent()).toContain('Labdien, tiesa!');
    expect(await page.locator('.email__images').textContent()).toContain(lv('email.imagesBlocked'));

    // Act: staff ask for the remote images
    await page.getByRole('button', { name: lv('email.showImages') }).click();

    // Assess
    await expect
      .poll(() => page.locator('iframe.email-frame').getAttribute('data-remote-images'))
      .toBe('shown');
    expect(await page.locator('iframe.email-frame').getAttribute('srcdoc')).toContain(
      'img-src https: data:;',
    );
    expect(await page.locator('.email__images').textContent()).toContain(lv('email.imagesShown'));
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    await page.waitForTimeout(500);
    // Nothing reached for a remote page or script; images only after the click (if the CSP allows).
    expect(remoteRequests.filter((url) => !url.startsWith('https://images.example.test/pixel.png'))).toEqual(
      [],
    );
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('runs nothing from a hostile email that arrived through intake, and serves the admin CSP', async () => {
    // Prepare: an email-channel intake message (as ingest-email will enqueue it) whose subject,
    // text and HTML carry the payloads.
    const reference = `TA-2026-9${String(Date.now()).slice(-6)}`;
    const email = `epasts.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    const html = [
      ...hostileTexts.map((payload) => `<p>${payload}</p>`),
      '<a href="jav&#x09;ascript:parent.alert(6)">saite</a>',
      '<img src="https://images.example.test/track.png" alt="">',
      '<svg><script>parent.alert(4)</script></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror=parent.alert(5)>',
    ].join('');
    const message = {
      version: 1,
      kind: 'new-request',
      sourceId: `test-email-${reference}`,
      channel: 'email',
      reference,
      receivedAt: new Date().toISOString(),
      language: 'lv',
      client: { name: `Klients ${hostileTexts[0]}`, email },
      topic: 'court-fees',
      subject: `Vēstule ${hostileTexts[1]}`,
      body: `Teksts ${hostileTexts[2]}`,
      html,
      origin: { sourceIPAddress: '192.0.2.25', userAgent: 'smtp', requestId: reference },
    };
    const sqs = new SQSClient({
      endpoint: sandbox.urls.sqs,
      region: localRegion,
      credentials: localCredentials,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox.queueUrls.intake?.url,
        MessageBody: JSON.stringify(message),
        MessageGroupId: `test-${reference}`,
        MessageDeduplicationId: reference,
      }),
    );
    sqs.destroy();
    await expect
      .poll(async () => (await staffCall(agent, 'GET', `/api/staff/tickets/${reference}`)).status, {
        timeout: 20_000,
      })
      .toBe(200);
    const served = await fetch(new URL('/admin/', sandbox.urls.web));
    expect(served.headers.get('content-security-policy')).toContain("img-src 'self' data: https:");
    expect(served.headers.get('content-security-policy')).toContain("script-src 'self';");
    const form = await fetch(new URL('/', sandbox.urls.web));
    expect(form.headers.get('content-security-policy')).toContain("img-src 'self' data:;");

    const { page, problems, dialogs } = await openPage({
      ignore: /violates the following Content Security Policy directive/,
    });
    const remoteRequests: string[] = [];
    await page.route('https://*.example.test/**', (route) => {
      remoteRequests.push(route.request().url());
      return route.abort();
    });
    await signInWithToken(page, agent, `/admin/?ticket=${reference}`);

    // Assess: the text shown literally, the HTML only sanitised in the script-less frame
    const frame = page.locator('iframe.email-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.locator('.ticket__subject').textContent()).toContain(`Vēstule ${hostileTexts[1]}`);
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    // Tags and attributes that could run anything are gone (a payload's words may remain as text).
    expect(srcdoc).not.toMatch(/<script|<svg|<math|<style|\son\w+=|href=["']?\s*jav/i);
    expect(await page.frameLocator('iframe.email-frame').locator('body').textContent()).toContain('saite');
    await page.waitForTimeout(500);
    expect(remoteRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('asks for a reason when a request is taken out of queue order', async () => {
    // Prepare: two waiting requests; the newer one is opened
    await emptyQueue();
    await submitRequest({ subject: 'Vecākais pieprasījums' });
    const { reference } = await submitRequest({ subject: 'Jaunākais pieprasījums' });
    const { page, problems } = await openPage();
    await signInWithToken(page, agent, `/admin/?ticket=${reference}`);

    // Act
    await page.getByRole('button', { name: lv('action.take') }).click();

    // Assess: the dialog asks; an empty reason is refused next to the field
    const dialog = page.getByRole('dialog', { name: lv('take.dialog.title') });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: lv('take.dialog.submit') }).click();
    await expect.poll(() => page.locator('#take-reason-error').textContent()).toContain(lv('error.required'));

    // Act: with a reason
    await dialog.getByLabel(lv('field.reason')).fill('Klients zvanīja, steidzams jautājums');
    await dialog.getByRole('button', { name: lv('take.dialog.submit') }).click();

    // Assess
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.ticket__facts').textContent()).toContain(agent);
    expect(await page.locator('.history').textContent()).toContain(lv('history.taken'));
    expect(await page.getByRole('button', { name: lv('action.take') }).count()).toBe(0);
    expect(problems).toEqual([]);
    await emptyQueue();
  });

  it('starts an administrator without ticket work in the knowledge base, and signs out', async () => {
    // Prepare
    const { page, problems } = await openPage();
    await signInWithToken(page, 'admin');

    // Assess: administrators edit the knowledge base, so that is where they start
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(lv('view.knowledge'));
    expect(await page.locator('nav.views a[data-view="knowledge"]').getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await page.locator('#session-roles').textContent()).toContain(lv('role.admin'));

    // Act
    const signOut = page.waitForRequest((request) => request.url().endsWith('/api/staff/sign-out'));
    await page.getByRole('button', { name: lv('session.signOut') }).click();

    // Assess: the API heard of it, the token is gone, the sign-in page shows
    expect((await signOut).headers().authorization).toMatch(/^Bearer ey/);
    await page.waitForURL(/\/local\/sign-in/);
    expect(await page.evaluate((key) => window.sessionStorage.getItem(key), tokenKey)).toBeNull();
    expect(problems).toEqual([]);
  });

  it('says why when the API ended the session (signed out elsewhere), and signs in again by choice', async () => {
    // Prepare: a signed-in page whose session is then signed out (another tab, say)
    const { page } = await openPage();
    const token = await tokenFor(agent);
    await page.addInitScript(
      ([key, value]) => {
        if (window !== window.top || window.sessionStorage.getItem('test.seeded')) return;
        window.sessionStorage.setItem('test.seeded', 'yes');
        window.sessionStorage.setItem(key, value);
      },
      [tokenKey, token] as const,
    );
    await page.goto(new URL('/admin/', sandbox.urls.web).href);
    await page.locator('#view-heading').waitFor();
    const out = await fetch(`${sandbox.urls.web}/api/staff/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);

    // Act: the page's next call
    await page.reload();

    // Assess: the reason in the page's language, and a button to sign in again
    await page.getByText(lv('session.ended.SessionRevoked')).waitFor();
    await page.getByRole('button', { name: lv('session.signInAgain') }).click();
    await page.waitForURL(/\/local\/sign-in/);
  });

  it('sends a refused token to sign in again', async () => {
    // Prepare
    const { page } = await openPage();
    await page.addInitScript((key) => {
      if (window.location.pathname === '/admin/') window.sessionStorage.setItem(key, 'not-a-token');
    }, tokenKey);

    // Act
    await page.goto(new URL('/admin/?view=mine', sandbox.urls.web).href);

    // Assess
    await page.waitForURL(/\/local\/sign-in/);
  });

  it('keeps notes, changes status, extends the deadline, re-routes and ends service', async () => {
    // Prepare
    const { reference } = await submitRequest({ subject: 'Nodevas apmērs' });
    const taken = await takeByApi(reference);
    const { page, problems } = await openPage();
    await signInWithToken(page, agent, `/admin/?ticket=${reference}`);
    const toasts = () => page.locator('#toasts').textContent();

    // Act & assess: a saved answer of the ticket's unit and language goes into the reply
    const templates = page.getByLabel(lv('template.label'));
    expect(await templates.locator('option', { hasText: 'Court fee payment details' }).count()).toBe(0);
    await page.getByRole('button', { name: lv('template.insert') }).click();
    await expect
      .poll(() => page.locator('#reply-template-error').textContent())
      .toContain(lv('template.nothingChosen'));
    await templates.selectOption({ label: 'Valsts nodevas samaksas rekvizīti' });
    await page.getByRole('button', { name: lv('template.insert') }).click();
    expect(await page.getByLabel(lv('reply.text')).inputValue()).toContain('Valsts nodevu var samaksāt');
    expect(await focusedId(page)).toBe('reply-text');

    // Act & assess: an empty note is explained next to its field, a written one is kept
    await page.getByRole('button', { name: lv('note.submit') }).click();
    await expect.poll(() => page.locator('#note-text-error').textContent()).toContain(lv('error.required'));
    expect(await focusedId(page)).toBe('note-text');
    await page.getByLabel(lv('note.text')).fill('Zvanīju klientam, gaida izziņu.');
    await page.getByRole('button', { name: lv('note.submit') }).click();
    const note = page.locator('.entry--note', { hasText: 'Zvanīju klientam' });
    await note.waitFor();
    expect(await note.locator('.entry__kind').textContent()).toBe(lv('thread.note'));
    expect(await note.textContent()).toContain(lv('thread.noteHint'));
    await expect.poll(toasts).toContain(lv('note.saved'));
    // What was typed in the reply survives the re-render.
    expect(await page.getByLabel(lv('reply.text')).inputValue()).toContain('Valsts nodevu var samaksāt');

    // Act & assess: status
    await page.getByLabel(lv('statusChange.label')).selectOption('waiting-on-client');
    await page.getByRole('button', { name: lv('statusChange.submit') }).click();
    await expect.poll(toasts).toContain(lv('statusChange.done', { status: lv('status.waiting-on-client') }));
    expect(await page.locator('.ticket__badges').textContent()).toContain(lv('status.waiting-on-client'));

    // Act & assess: a deadline the server refuses is explained in the dialog, a valid one is set
    await page.getByRole('button', { name: lv('deadline.button') }).click();
    const deadlineDialog = page.getByRole('dialog', { name: lv('deadline.dialog.title') });
    await deadlineDialog.waitFor();
    await page.getByLabel(lv('deadline.date')).fill('2099-01-01');
    await deadlineDialog.getByLabel(lv('field.reason')).fill('Jāpieprasa lietas materiāli no tiesas.');
    await deadlineDialog.getByRole('button', { name: lv('deadline.submit') }).click();
    const refusal = deadlineDialog.locator('[role="alert"]');
    await expect.poll(() => refusal.textContent()).toContain(lv('error.code', { code: 'Invalid' }));
    expect(await refusal.textContent()).toContain(lv('error.heading'));
    expect(await page.getByLabel(lv('deadline.date')).inputValue()).toBe('2099-01-01');
    const extended = nextWorkingDay(addDays(taken.answerDeadline, 7));
    await page.getByLabel(lv('deadline.date')).fill(extended);
    await deadlineDialog.getByRole('button', { name: lv('deadline.submit') }).click();
    await deadlineDialog.waitFor({ state: 'detached' });
    expect(await focusedId(page)).toBe('action-deadline');
    expect(await page.locator(`.facts--dates time[datetime="${extended}"]`).count()).toBe(1);
    await expect.poll(toasts).toContain(lv('deadline.done', { date: '' }).replace(/\.$/, ''));

    // Act & assess: re-routed to a unit the agent does not work, it leaves the agent's view
    await page.getByRole('button', { name: lv('route.button') }).click();
    const routeDialog = page.getByRole('dialog', { name: lv('route.dialog.title') });
    await routeDialog.waitFor();
    expect(await page.locator('#route-competence option[value="court-fees"]').count()).toBe(0);
    await page.getByLabel(lv('route.unit')).selectOption('e-services');
    await routeDialog.getByLabel(lv('field.reason')).fill('Jautājums par e-lietas portālu.');
    await routeDialog.getByRole('button', { name: lv('route.submit') }).click();
    await routeDialog.waitFor({ state: 'detached' });
    await expect.poll(toasts).toContain(lv('route.done', { unit: 'E-pakalpojumi un e-lietas portāls' }));
    await expect.poll(() => new URL(page.url()).searchParams.get('ticket')).toBeNull();
    const moved = await staffCall('agent.e-services', 'GET', `/api/staff/tickets/${reference}`);
    expect((moved.body.ticket as TicketDetail).competence).toBe('e-services');

    // Act & assess: ending service (§17) warns, asks for a reason and closes the ticket
    const second = await submitRequest({ subject: 'Atkārtots jautājums' });
    await takeByApi(second.reference);
    await page.goto(new URL(`/admin/?ticket=${second.reference}`, sandbox.urls.web).href);
    await page.getByRole('button', { name: lv('endService.button') }).click();
    const endDialog = page.getByRole('dialog', { name: lv('endService.dialog.title') });
    await endDialog.waitFor();
    await endDialog.getByRole('button', { name: lv('endService.submit') }).click();
    await expect
      .poll(() => page.locator('#end-service-reason-error').textContent())
      .toContain(lv('error.required'));
    await endDialog.getByLabel(lv('field.reason')).fill('Aizskarošs saturs bez jautājuma.');
    await endDialog.getByRole('button', { name: lv('endService.submit') }).click();
    await endDialog.waitFor({ state: 'detached' });
    await expect.poll(toasts).toContain(lv('endService.done'));
    expect(await page.locator('.ticket__badges').textContent()).toContain(lv('status.closed'));
    expect(problems).toEqual([]);
  });

  it('shows supervisors the review list, filters by unit and loads more', async () => {
    // Prepare
    const { page, problems } = await openPage();
    await signInWithToken(page, 'supervisor.court-fees');

    // Assess: the review list is offered to a supervisor
    await page.getByRole('link', { name: lv('view.review') }).click();
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(lv('view.review'));
    expect(await page.getByRole('link', { name: lv('view.review') }).getAttribute('aria-current')).toBe(
      'page',
    );
    await context?.close();

    // Prepare: an agent of two units, and a worklist whose first page says more follow
    const second = await openPage();
    const more: TicketSummary = {
      reference: 'TA-2026-999999',
      competence: 'legal-aid',
      status: 'open',
      channel: 'email',
      subject: 'Nākamās lapas pieprasījums',
      clientName: 'Jānis Kalniņš',
      receivedAt: '2026-01-05T08:00:00Z',
      answerDeadline: '2026-02-05',
      expectedAnswerBy: '2026-01-20',
      assignee: 'agent.two-units',
      deadlineBadge: 'overdue',
    };
    await second.page.route('**/api/staff/tickets?view=mine*', async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('cursor') === 'page-2') {
        await route.fulfill({ json: { items: [more] } });
        return;
      }
      const response = await route.fetch();
      const body = (await response.json()) as { items: TicketSummary[] };
      await route.fulfill({ response, json: { items: body.items, cursor: 'page-2' } });
    });
    await signInWithToken(second.page, 'agent.two-units');
    expect(await second.page.getByRole('link', { name: lv('view.review') }).isVisible()).toBe(false);

    // Act: filter the queue by one unit
    await second.page.getByLabel(lv('filter.competence')).selectOption('e-services');
    const filtered = second.page.waitForRequest((request) => request.url().includes('competence=e-services'));
    await second.page.getByRole('button', { name: lv('filter.apply') }).click();

    // Assess
    expect(new URL((await filtered).url()).searchParams.get('view')).toBe('queue');
    await expect
      .poll(() => second.page.locator('#view-heading').textContent())
      .toBe(`${lv('view.queue')}: E-pakalpojumi un e-lietas portāls`);

    // Act: my list, then its next page
    await second.page.getByRole('link', { name: lv('view.mine') }).click();
    await expect.poll(() => second.page.locator('#view-heading').textContent()).toContain(lv('view.mine'));
    await second.page.getByRole('button', { name: lv('list.more') }).click();

    // Assess: the row is added with its badge in words, and the keyboard lands on it
    const row = second.page.locator('tbody tr', { hasText: more.reference });
    await row.waitFor();
    expect(await row.textContent()).toContain(lv('badge.overdue'));
    expect(await second.page.getByRole('button', { name: lv('list.more') }).isHidden()).toBe(true);
    expect(await second.page.evaluate(() => document.activeElement?.textContent)).toBe(more.reference);
    expect(second.problems).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('signs in with Cognito: authorization code with PKCE, then the hosted sign-out', async () => {
    // Prepare: a stand-in for the hosted UI and the token endpoint. The bypassed CSP stands for the
    // cloud's, which must let the page reach the token endpoint (connect-src).
    const { page, problems } = await openPage({ bypassCSP: true });
    const domain = 'https://courtdesk-staff.auth.example.test';
    const accessToken = await tokenFor(agent);
    const authorize: URL[] = [];
    const tokenRequests: URLSearchParams[] = [];
    const revokes: URLSearchParams[] = [];
    const logouts: URL[] = [];
    await page.route('**/api/auth/config', (route) =>
      route.fulfill({
        json: {
          mode: 'cognito',
          domain,
          clientId: 'client-123',
          scopes: ['openid', 'email'],
          idleTimeoutMinutes: 15,
        },
      }),
    );
    await page.route(`${domain}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/oauth2/authorize') {
        authorize.push(url);
        const back = new URL('/admin/', sandbox.urls.web);
        back.search = new URLSearchParams({
          code: 'code-1',
          state: url.searchParams.get('state') ?? '',
        }).toString();
        await route.fulfill({ status: 302, headers: { location: back.href } });
      } else if (url.pathname === '/oauth2/token') {
        tokenRequests.push(new URLSearchParams(route.request().postData() ?? ''));
        await route.fulfill({
          headers: { 'access-control-allow-origin': new URL(sandbox.urls.web).origin },
          json: {
            access_token: accessToken,
            id_token: 'id',
            refresh_token: 'refresh-1',
            token_type: 'Bearer',
            expires_in: 3600,
          },
        });
      } else if (url.pathname === '/oauth2/revoke') {
        revokes.push(new URLSearchParams(route.request().postData() ?? ''));
        await route.fulfill({ headers: { 'access-control-allow-origin': new URL(sandbox.urls.web).origin } });
      } else if (url.pathname === '/logout') {
        logouts.push(url);
        await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Signed out</title>' });
      } else {
        await route.abort();
      }
    });

    // Act: a deep link, without a token
    await page.goto(new URL('/admin/?view=mine', sandbox.urls.web).href);
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe(lv('view.mine'));

    // Assess: the authorization request
    const origin = new URL(sandbox.urls.web).origin;
    const request = authorize[0];
    expect(request?.searchParams.get('response_type')).toBe('code');
    expect(request?.searchParams.get('client_id')).toBe('client-123');
    expect(request?.searchParams.get('redirect_uri')).toBe(`${origin}/admin/`);
    expect(request?.searchParams.get('scope')).toBe('openid email');
    expect(request?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request?.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    // Assess: the code exchange proves the verifier behind the challenge
    const exchange = tokenRequests[0];
    expect(exchange?.get('grant_type')).toBe('authorization_code');
    expect(exchange?.get('client_id')).toBe('client-123');
    expect(exchange?.get('code')).toBe('code-1');
    expect(exchange?.get('redirect_uri')).toBe(`${origin}/admin/`);
    const verifier = exchange?.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    const challenge = Buffer.from(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
    ).toString('base64url');
    expect(request?.searchParams.get('code_challenge')).toBe(challenge);
    // The code left the address; where the person was is kept.
    expect(new URL(page.url()).searchParams.get('code')).toBeNull();
    expect(new URL(page.url()).searchParams.get('view')).toBe('mine');
    expect(await page.evaluate((key) => window.sessionStorage.getItem(key), tokenKey)).toBe(accessToken);

    // Act: sign out
    await page.getByRole('button', { name: lv('session.signOut') }).click();

    // Assess: the refresh token is revoked (no new token of the sign-in), and Cognito's logout ends
    // the hosted session and comes back to the page
    await expect.poll(() => logouts.length).toBe(1);
    expect(revokes.map((form) => Object.fromEntries(form))).toEqual([
      { token: 'refresh-1', client_id: 'client-123' },
    ]);
    expect(logouts[0]?.searchParams.get('client_id')).toBe('client-123');
    expect(logouts[0]?.searchParams.get('logout_uri')).toBe(`${origin}/admin/`);
    expect(problems).toEqual([]);
  });

  it('warns a minute before the session ends and signs out when it does', async () => {
    // Prepare: a session with 90 seconds left
    const { page, problems } = await openPage();
    await page.clock.install();
    await page.route('**/api/staff/me', async (route) => {
      const response = await route.fetch();
      const me = (await response.json()) as Record<string, unknown>;
      const sessionExpiresAt = new Date(Date.now() + 90_000).toISOString();
      await route.fulfill({ response, json: { ...me, sessionExpiresAt } });
    });
    await signInWithToken(page, agent);

    // Act
    await page.clock.runFor(35_000);

    // Assess
    const warning = page.getByRole('alertdialog', { name: lv('session.expiryWarning.title') });
    await warning.waitFor();
    await warning.getByRole('button', { name: lv('session.expiryWarning.ok') }).click();
    await page.clock.runFor(60_000);
    await page.waitForURL(/\/local\/sign-in/);
    expect(problems).toEqual([]);
  });

  it('warns a minute before the idle timeout and signs out after it', async () => {
    // Prepare: the page's clock is under the test's control
    const { page, problems } = await openPage();
    await page.clock.install();
    await signInWithToken(page, agent);
    const me = (await staffCall(agent, 'GET', '/api/staff/me')).body as { idleTimeoutMinutes: number };
    const idleMs = me.idleTimeoutMinutes * 60_000;

    // Act: nearly idle for the whole period
    await page.clock.runFor(idleMs - 50_000);

    // Assess: the warning, as an alert dialog; a key press keeps the session
    const warning = page.getByRole('alertdialog', { name: lv('session.idleWarning.title') });
    await warning.waitFor();
    await page.keyboard.press('Shift');
    await warning.waitFor({ state: 'detached' });

    // Act: idle again, for the whole period
    await page.clock.runFor(idleMs + 2000);

    // Assess: signed out, with the sign-out recorded
    await page.waitForURL(/\/local\/sign-in/);
    expect(problems).toEqual([]);
  });
});
