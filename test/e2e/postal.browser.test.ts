/**
 * Post in the admin page, in Chromium on the sandbox: the mailroom sees only its views,
 * registers a letter with a Latvian scan and sees it accepted with its reference; a renamed
 * executable and a form without a postal code are stopped in the browser (nothing is sent); an
 * encrypted PDF is uploaded and the server's refusal appears at the file field; the acknowledgement
 * to a client without email is a letter the mailroom opens and records as posted, after which the
 * agent's ticket says so. axe finds no WCAG 2.1 A/AA violation in any of these views.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../shared/domain/deadlines.ts';
import type {
  LetterListResponse,
  PostRegistrationListResponse,
  PostRegistrationResponse,
} from '../../shared/http/staff-contract.ts';
import { formatShortDate } from '../../web/src/admin/format.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { encryptedPdf, textPdf, windowsExecutable } from '../support/scan-fixtures.ts';
import { putUpload } from '../support/upload.ts';

const runInBrowser = browserSuiteRuns('postal.browser.test.ts');
const mailroom = 'mailroom';
const agent = 'agent.court-fees';
const referencePattern = /TA-\d{4}-\d{6}/;

describe.skipIf(!runInBrowser)('post in the admin page', () => {
  const suite = useAdminPage('courtdesk-postal-page-', { sandbox: { retryDelaySeconds: 1 } });
  const { openAs, api, until } = suite;

  /** Records the page's calls to register a letter, to show that none was made. */
  function registrationCalls(page: Page): string[] {
    const calls: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/staff/post')
        calls.push(request.url());
    });
    return calls;
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  /** Fills the registration form; `postalCode: ''` leaves the code out. */
  async function fillLetter(
    page: Page,
    file: { name: string; bytes: Uint8Array },
    fields: { postalCode?: string; email?: string } = {},
  ) {
    await page.locator('#post-name').fill('Jānis Bērziņš');
    if (fields.email) await page.locator('#post-email').fill(fields.email);
    await page.locator('#post-address-line').fill('Brīvības iela 12-3');
    await page.locator('#post-place').fill('Rīga');
    await page.locator('#post-postal-code').fill(fields.postalCode ?? '1050');
    await page.locator('#post-registered-mail-number').fill('RR123456789LV');
    await page.locator('#post-subject').fill('Valsts nodevas atmaksa');
    await page.locator('#post-topic').selectOption('court-fees');
    await page
      .locator('#post-file')
      .setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: Buffer.from(file.bytes) });
  }

  async function submitByKeyboard(page: Page) {
    await page.locator('#post-submit').focus();
    await page.keyboard.press('Enter');
  }

  /** Registers a letter without an email address through the API (as the page does) and waits for its ticket. */
  async function letterWithoutEmail(name: string): Promise<{ reference: string; letterId: string }> {
    const scan = await textPdf([`Labdien! Lūdzu atmaksāt pārmaksāto valsts nodevu. Ar cieņu, ${name}`]);
    const registered = await api<PostRegistrationResponse>(mailroom, 'POST', '/api/staff/post', {
      name,
      address: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
      receivedOn: localDate(new Date()),
      topic: 'court-fees',
      file: { filename: 'vestule.pdf', contentType: 'application/pdf', size: scan.length },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const upload = registered.body.upload;
    if (!upload) throw new Error('no upload');
    const put = await putUpload(upload.url, {
      headers: { ...upload.headers, origin: suite.sandbox.urls.web },
      body: Buffer.from(scan),
    });
    expect(put.status).toBe(200);
    const id = registered.body.registration.id;
    const reference = await until(`registration ${id} accepted`, async () => {
      const { body } = await api<PostRegistrationResponse>(mailroom, 'GET', `/api/staff/post/${id}`);
      return body.registration.reference;
    });
    // send-email prints the acknowledgement as a letter for the mailroom.
    const letter = await until(`the acknowledgement letter of ${reference}`, async () => {
      const { body } = await api<LetterListResponse>(mailroom, 'GET', '/api/staff/letters?state=pending');
      return body.items.find((item) => item.reference === reference);
    });
    return { reference, letterId: letter.letterId };
  }

  it('shows the mailroom only its views; a letter with a Latvian scan is registered by keyboard and accepted with its reference', async () => {
    // Prepare
    const { page, problems } = await openAs(mailroom);

    // Assess: the registration is where the mailroom starts; no worklists, no ticket tools
    const heading = page.locator('h1#view-heading');
    expect(await heading.textContent()).toBe(lv('view.post'));
    expect(new URL(page.url()).searchParams.get('view')).toBe('post');
    expect(await page.locator('nav.views a[data-view="post"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('nav.views a[data-view="letters"]').isVisible()).toBe(true);
    for (const view of ['queue', 'mine', 'callbacks', 'call'])
      expect(await page.locator(`nav.views a[data-view="${view}"]`).isHidden(), view).toBe(true);
    expect(await page.locator('#toolbar-tools').isHidden()).toBe(true);
    expect(await page.locator('#post-received-on').inputValue()).toBe(localDate(new Date()));
    expect(await axeViolations(page)).toEqual([]);

    // Act
    const calls = registrationCalls(page);
    const scan = await textPdf([
      'Labdien! Lūdzu atmaksāt pārmaksāto valsts nodevu lietā Nr. C-1234. Ar cieņu, Jānis Bērziņš',
    ]);
    await fillLetter(
      page,
      { name: 'vēstule.pdf', bytes: scan },
      { email: `janis.${randomUUID().slice(0, 8)}@example.lv` },
    );
    await submitByKeyboard(page);

    // Assess: accepted, with the reference; focus on the outcome; the form emptied for the next one
    const result = page.locator('#post-result');
    await expect.poll(() => result.textContent(), { timeout: 45_000 }).toContain(lv('post.accepted.heading'));
    const reference = referencePattern.exec((await result.textContent()) ?? '')?.[0] ?? '';
    expect(reference).toMatch(referencePattern);
    expect(await result.textContent()).toContain(lv('post.accepted.reference', { reference }));
    expect(await result.textContent()).toContain(lv('post.accepted.ticket'));
    expect(await focusedId(page)).toBe('post-result-heading');
    expect(await page.locator('#post-name').inputValue()).toBe('');
    expect(await page.locator('#post-file').evaluate((input: HTMLInputElement) => input.files?.length)).toBe(
      0,
    );
    expect(calls).toHaveLength(1);
    const row = page.locator('#post-registrations tbody tr').filter({ hasText: reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(lv('post.state.accepted'));
    expect(await row.textContent()).toContain('RR123456789LV');
    expect(await row.textContent()).toContain('Jānis Bērziņš');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('stops a renamed executable in the browser, naming what it is, and sends nothing', async () => {
    // Prepare
    const { page, problems } = await openAs(mailroom, '/admin/?view=post');
    const calls = registrationCalls(page);

    // Act: chosen
    await fillLetter(page, { name: 'vestule.pdf', bytes: windowsExecutable() });

    // Assess: said at once, at the file field
    const message = lv('post.file.executable', { name: 'vestule.pdf', detected: 'Windows executable' });
    const error = page.locator('#post-file-error');
    await expect.poll(() => error.textContent()).toContain(message);
    expect(await page.locator('#post-file').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#post-file').getAttribute('aria-describedby')).toContain('post-file-error');

    // Act: sent anyway
    await submitByKeyboard(page);

    // Assess: the focus goes to the file, nothing was sent
    await expect.poll(() => focusedId(page)).toBe('post-file');
    expect(await error.textContent()).toContain(message);
    expect(calls).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a missing postal code at its field and sends nothing', async () => {
    // Prepare
    const { page, problems } = await openAs(mailroom, '/admin/?view=post');
    const calls = registrationCalls(page);
    await fillLetter(page, { name: 'vestule.pdf', bytes: await textPdf(['Labdien!']) }, { postalCode: '' });

    // Act
    await submitByKeyboard(page);

    // Assess
    const error = page.locator('#post-postal-code-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain(lv('error.required'));
    expect(await focusedId(page)).toBe('post-postal-code');
    expect(await page.locator('#post-postal-code').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);

    // Act: a code that is no Latvian one
    await page.locator('#post-postal-code').fill('10500');
    await submitByKeyboard(page);

    // Assess
    await expect.poll(() => error.textContent()).toContain(lv('post.error.postalCode'));
    expect(calls).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("uploads an encrypted PDF (it starts as a PDF) and shows the server's refusal at the file field", async () => {
    // Prepare
    const { page, problems } = await openAs(mailroom, '/admin/?view=post');
    await fillLetter(page, { name: 'vestule.pdf', bytes: encryptedPdf() });

    // Act
    await submitByKeyboard(page);

    // Assess: refused after the upload, with the server's message (in Latvian), at the file
    const error = page.locator('#post-file-error');
    await expect.poll(() => error.isVisible(), { timeout: 45_000 }).toBe(true);
    const listed = await api<PostRegistrationListResponse>(mailroom, 'GET', '/api/staff/post');
    const refused = listed.body.items.find((item) => item.state === 'refused');
    expect(refused?.refusal?.reason).toBe('pdf-encrypted');
    expect(await error.textContent()).toContain(refused?.refusal?.message ?? 'no message');
    expect(await focusedId(page)).toBe('post-file');
    expect(await page.locator('#post-progress').textContent()).toBe(lv('post.refused'));
    const row = page.locator(`#post-registrations tbody tr[data-registration="${refused?.id}"]`);
    await expect.poll(() => row.textContent()).toContain(lv('post.state.refused'));
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('lists the letter to a client without email, records it as posted, and the ticket says so', async () => {
    // Prepare: two letters; one of them is recorded as posted elsewhere while its page is open
    const [letter, other] = await Promise.all([
      letterWithoutEmail('Jānis Bērziņš'),
      letterWithoutEmail('Ilze Kalniņa'),
    ]);
    const { page, problems } = await openAs(mailroom);

    // Act: the letters to post, from the navigation
    const link = page.locator('nav.views a[data-view="letters"]');
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(`${lv('view.letters')}: ${lv('letters.pending')}`);
    expect(await link.getAttribute('aria-current')).toBe('page');
    const row = page.locator(`tbody tr[data-letter="${letter.letterId}"]`);
    expect(await row.textContent()).toContain(letter.reference);
    expect(await row.textContent()).toContain('Jānis Bērziņš');
    expect(await row.textContent()).toContain(lv('notice.acknowledgement'));
    expect(await axeViolations(page)).toEqual([]);

    // Act: the letter, by keyboard
    await row.locator('a').focus();
    await page.keyboard.press('Enter');

    // Assess: its PDF to print, and the dispatch form
    await expect
      .poll(() => heading.textContent())
      .toBe(lv('letter.heading', { reference: letter.reference }));
    expect(await focusedId(page)).toBe('view-heading');
    const download = page.locator('#letter-download');
    expect(await download.textContent()).toBe(lv('letter.download'));
    const pdf = await fetch(new URL((await download.getAttribute('href')) ?? '', suite.sandbox.urls.web));
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);

    // Act: posted, with its registered-mail number
    await page.locator('#dispatch-number').fill('RR987654321LV');
    await page.locator('#dispatch-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: back at the letters to post, without it; it is among the posted ones
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('letter.dispatched', { reference: letter.reference }));
    expect(await heading.textContent()).toBe(`${lv('view.letters')}: ${lv('letters.pending')}`);
    expect(await page.locator(`tbody tr[data-letter="${letter.letterId}"]`).count()).toBe(0);
    await page.locator('#letters-dispatched').click();
    await expect.poll(() => heading.textContent()).toBe(`${lv('view.letters')}: ${lv('letters.dispatched')}`);
    const posted = page.locator(`tbody tr[data-letter="${letter.letterId}"]`);
    await expect.poll(() => posted.count()).toBe(1);
    expect(await posted.textContent()).toContain('RR987654321LV');
    expect(await axeViolations(page)).toEqual([]);

    // Act: the other letter, posted by someone else while its page was open
    await page.goto(
      new URL(
        `/admin/?view=letter&reference=${other.reference}&letter=${encodeURIComponent(other.letterId)}`,
        suite.sandbox.urls.web,
      ).href,
    );
    await page.locator('#dispatch-submit').waitFor();
    const first = await api(
      mailroom,
      'POST',
      `/api/staff/letters/${other.reference}/${other.letterId}/dispatch`,
      {},
    );
    expect(first.status).toBe(200);
    await page.locator('#dispatch-submit').click();

    // Assess: the server's 409 message, in the form
    const again = await api<{ message: string }>(
      mailroom,
      'POST',
      `/api/staff/letters/${other.reference}/${other.letterId}/dispatch`,
      {},
    );
    expect(again.status).toBe(409);
    await expect.poll(() => page.locator('#dispatch-alert').textContent()).toContain(again.body.message);
    expect(problems).toEqual([]);

    // Act: the agent takes the ticket (out of queue order: the reason is given) and opens it
    await suite.closePages();
    const taken = await api(agent, 'POST', `/api/staff/tickets/${letter.reference}/take`, {
      reason: 'Pasta vēstules pārbaude',
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const agentPage = await openAs(agent, `/admin/?ticket=${letter.reference}`);

    // Assess: the reply goes by post, to the client's address; the acknowledgement was posted
    const delivery = agentPage.page.locator('#reply-text-hint');
    expect(await delivery.textContent()).toContain(lv('reply.hint.post'));
    expect(await delivery.textContent()).toContain('Rīga, LV-1050');
    expect(await agentPage.page.locator('#reply-text').getAttribute('aria-describedby')).toContain(
      'reply-text-hint',
    );
    expect(await agentPage.page.locator('section[aria-labelledby="client-heading"]').textContent()).toContain(
      'Brīvības iela 12-3',
    );
    expect(await agentPage.page.locator('section[aria-labelledby="postal-heading"]').textContent()).toContain(
      lv('postal.heading'),
    );
    const thread = agentPage.page.locator('.thread');
    expect(await thread.textContent()).toContain(
      lv('thread.delivery.postedNumber', {
        date: formatShortDate(localDate(new Date()), 'lv'),
        number: 'RR987654321LV',
      }),
    );
    expect(await axeViolations(agentPage.page)).toEqual([]);
    expect(agentPage.problems).toEqual([]);
  });
});
