/**
 * _Datu subjekti_ in the admin page, in Chromium on the sandbox. The data protection officer
 * starts there and sees no other view; other roles never see it. Then, with the staff API's
 * data-subject answers served by the test (their shapes checked by the page against the contract),
 * the whole view by keyboard: the form's problems, the preview, a legal hold set and lifted, the
 * erasure's confirmation naming how many tickets and the held ones with their reasons, the export's
 * link, English — axe-clean throughout, and no personal data in any address the page calls. Last,
 * the same path against the real routes: a subject created through the web form, found, held,
 * erased and exported (this one needs the erasure and export routes behind the contract).
 */
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type {
  DataSubjectEraseResponse,
  DataSubjectSearchResponse,
  LegalHoldResponse,
  SubjectTicketView,
} from '../../shared/use-cases/views/data-subjects.ts';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';

const runInBrowser = browserSuiteRuns('data-subjects.browser.test.ts');
const email = 'anna.subjekts@example.lv';
const phone = '+371 29123456';
const holdReason = 'Tiesvedība lietā C-1234/2026';

/** A ticket as the search answers it, with what it holds of the client. */
function subjectTicket(reference: string, more: Partial<SubjectTicketView> = {}): SubjectTicketView {
  return {
    reference,
    competence: 'court-fees',
    channel: 'email',
    receivedAt: '2026-11-02T08:30:00.000Z',
    status: 'answered',
    legalHold: null,
    client: { name: 'Anna Bērziņa', email, phone },
    subject: 'Valsts nodevas atmaksa',
    messages: [
      { id: 'm1', kind: 'client', at: '2026-11-02T08:30:00.000Z' },
      { id: 'm2', kind: 'reply', at: '2026-11-03T09:00:00.000Z' },
    ],
    files: [{ kind: 'attachment', name: 'kvits.pdf', contentType: 'application/pdf', size: 20480 }],
    survey: { satisfaction: 2, answered: 'no', comment: 'Atbilde nāca vēlu.' },
    ...more,
  };
}

const erasedTicket = (reference: string): SubjectTicketView => {
  const { client: _client, subject: _subject, ...kept } = subjectTicket(reference);
  return { ...kept, erasedAt: '2026-12-07T10:00:00.000Z', messages: [], files: [], survey: null };
};

/** The staff API's data-subject routes, answered by the test; what the page sent is recorded. */
class FakeRoutes {
  readonly sent: { method: string; url: string; body: Record<string, unknown> }[] = [];
  tickets: SubjectTicketView[] = [
    subjectTicket('TA-2026-000101'),
    subjectTicket('TA-2026-000102', {
      channel: 'web',
      legalHold: { reason: holdReason, by: 'dpo', at: '2026-12-01T10:00:00.000Z' },
    }),
  ];
  questions = [{ id: 'q1', askedAt: '2026-11-01T07:00:00.000Z', text: 'Kā atgūt nodevu? [e-pasts]' }];

  async install(page: Page): Promise<void> {
    await page.route('**/api/staff/data-subjects/*', async (route) => {
      const request = route.request();
      const body = this.#record(request);
      const path = new URL(request.url()).pathname;
      if (path.endsWith('/search')) return route.fulfill({ json: this.#search() });
      if (path.endsWith('/export'))
        return route.fulfill({
          json: {
            url: 'https://mail-bucket.example.test/exports/x.zip?X-Amz-Signature=abc',
            expiresAt: '2026-12-07T10:05:00.000Z',
            tickets: this.tickets.length,
          },
        });
      const answer: DataSubjectEraseResponse = { erased: [], held: [], questions: this.questions.length };
      for (const ticket of this.tickets) {
        if (ticket.legalHold)
          answer.held.push({ reference: ticket.reference, reason: ticket.legalHold.reason });
        else answer.erased.push(ticket.reference);
      }
      expect(body.reason).toBeTypeOf('string');
      this.tickets = this.tickets.map((ticket) =>
        ticket.legalHold ? ticket : erasedTicket(ticket.reference),
      );
      this.questions = [];
      return route.fulfill({ json: answer });
    });
    await page.route('**/api/staff/tickets/*/legal-hold', async (route) => {
      const request = route.request();
      const body = this.#record(request);
      const reference = new URL(request.url()).pathname.split('/')[4] ?? '';
      const legalHold =
        request.method() === 'DELETE'
          ? null
          : { reason: String(body.reason), by: 'dpo', at: '2026-12-07T09:00:00.000Z' };
      this.tickets = this.tickets.map((ticket) =>
        ticket.reference === reference ? { ...ticket, legalHold } : ticket,
      );
      const answer: LegalHoldResponse = { reference, legalHold };
      return route.fulfill({ json: answer });
    });
  }

  #record(request: Request): Record<string, unknown> {
    const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
    this.sent.push({ method: request.method(), url: request.url(), body });
    return body;
  }

  #search(): DataSubjectSearchResponse {
    return { tickets: this.tickets, questions: this.questions, matchedBy: ['email'] };
  }
}

describe.skipIf(!runInBrowser)('Datu subjekti in the admin page', () => {
  const suite = useAdminPage('courtdesk-data-subjects-page-', { viewport: { width: 1280, height: 900 } });
  const { openAs, api, until } = suite;

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  async function visibleViews(page: Page): Promise<string[]> {
    return page
      .locator('nav.views a[data-view]')
      .evaluateAll((links) =>
        links
          .filter((link) => (link as HTMLElement).offsetParent !== null)
          .map((link) => link.getAttribute('data-view') ?? ''),
      );
  }

  it('is where a data protection officer starts, their only view; no other role sees it', async () => {
    const dpo = await openAs('dpo', '/admin/?view=queue');
    await expect.poll(() => dpo.page.locator('h1#view-heading').textContent()).toBe(lv('view.dataSubjects'));
    expect(await visibleViews(dpo.page)).toEqual(['data-subjects']);
    expect(
      await dpo.page.locator('nav.views a[data-view="data-subjects"]').getAttribute('aria-current'),
    ).toBe('page');
    expect(await dpo.page.locator('#toolbar-tools').isVisible()).toBe(false);
    expect(await axeViolations(dpo.page)).toEqual([]);

    for (const username of ['agent.court-fees', 'supervisor.court-fees', 'admin', 'auditor']) {
      const other = await openAs(username, '/admin/?view=data-subjects');
      expect(await visibleViews(other.page), username).not.toContain('data-subjects');
      expect(await other.page.locator('h1#view-heading').textContent(), username).not.toBe(
        lv('view.dataSubjects'),
      );
      expect(await other.page.locator('#data-subjects-form').count(), username).toBe(0);
    }
    expect(dpo.problems).toEqual([]);
  });

  it('finds, holds, erases and exports by keyboard from the answers of the routes; axe-clean in lv and en', async () => {
    // Prepare
    const fake = new FakeRoutes();
    const { page, problems } = await openAs('dpo', '/admin/?view=data-subjects');
    await fake.install(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    // Act: the form sent empty, by keyboard
    await page.locator('#data-subjects-email').focus();
    await page.keyboard.press('Enter');

    // Assess: nothing sent; the problem said at the email field, which has the focus
    await expect.poll(() => page.locator('#data-subjects-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#data-subjects-email-error').textContent()).toContain(
      lv('dataSubjects.error.nothing'),
    );
    expect(await focusedId(page)).toBe('data-subjects-email');
    expect(fake.sent).toEqual([]);

    // Act: the email typed in, Enter
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');

    // Assess: the preview, its heading focused; both tickets, the hold's reason, the files, the question
    await expect.poll(() => focusedId(page)).toBe('data-subjects-results-heading');
    expect(fake.sent[0]).toMatchObject({ method: 'POST', body: { email } });
    const summary = await page.locator('#data-subjects-summary').textContent();
    expect(summary).toBe(
      lv('dataSubjects.results.summary', {
        tickets: '2',
        held: '1',
        erased: '0',
        messages: '4',
        files: '2',
        surveys: '2',
        questions: '1',
      }),
    );
    const first = page.locator('#data-subjects-ticket-TA-2026-000101');
    const held = page.locator('#data-subjects-ticket-TA-2026-000102');
    expect(await first.textContent()).toContain(lv('channel.email'));
    expect(await first.textContent()).toContain('kvits.pdf');
    expect(await first.textContent()).toContain(phone);
    expect(await held.textContent()).toContain(holdReason);
    expect(await page.locator('#data-subjects-questions').textContent()).toContain('Kā atgūt nodevu?');
    expect(await axeViolations(page)).toEqual([]);

    // Act: the erasure, by keyboard, then the dialog's confirmation without a legal basis
    await page.locator('#data-subjects-erase').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();

    // Assess: it names how many tickets, and lists the held one with its reason
    expect(await dialog.textContent()).toContain(lv('dataSubjects.erase.count', { count: '1' }));
    expect(await page.locator('#erase-dialog-held').textContent()).toContain(
      lv('dataSubjects.erase.held', { reference: 'TA-2026-000102', reason: holdReason }),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#erase-dialog-submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#erase-reason').getAttribute('aria-invalid')).toBe('true');
    expect(fake.sent.filter((call) => call.url.endsWith('/erase'))).toEqual([]);

    // Act: the legal basis typed in, confirmed
    await page.locator('#erase-reason').focus();
    await page.keyboard.type('Datu subjekta pieprasījums, VDAR 17. pants');
    await page.locator('#erase-dialog-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: the search's own query sent with the reason; the outcome, and the preview searched again
    await expect.poll(() => page.locator('#data-subjects-outcome').count()).toBe(1);
    const erase = fake.sent.find((call) => call.url.endsWith('/erase'));
    expect(erase?.body).toEqual({ email, reason: 'Datu subjekta pieprasījums, VDAR 17. pants' });
    const outcome = await page.locator('#data-subjects-outcome').textContent();
    expect(outcome).toContain(lv('dataSubjects.outcome.erased', { references: 'TA-2026-000101' }));
    expect(outcome).toContain(
      lv('dataSubjects.erase.held', { reference: 'TA-2026-000102', reason: holdReason }),
    );
    await expect.poll(() => focusedId(page)).toBe('data-subjects-outcome-heading');
    // Said with the erasure's time (as Chromium formats dates in Latvian).
    const erasedNotice = lv('dataSubjects.ticket.erasedAt', { at: '@' }).split('@')[0] ?? '';
    expect(await first.textContent()).toMatch(new RegExp(`${erasedNotice}07\\.12\\.2026`));
    expect(await first.textContent()).not.toContain(phone);
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('dataSubjects.erased', { erased: '1', held: '1', questions: '1' }));
    expect(await axeViolations(page)).toEqual([]);

    // Act: the hold lifted from its card, by keyboard, without a reason
    await page.locator('#data-subjects-hold-TA-2026-000102').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      lv('dataSubjects.hold.liftTitle', { reference: 'TA-2026-000102' }),
    );
    await page.locator('#hold-dialog-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: DELETE sent; the card says no hold; the focus back on its button, now "Hold"
    await expect.poll(() => held.textContent()).toContain(lv('dataSubjects.ticket.noHold'));
    expect(fake.sent.at(-1)).toMatchObject({ method: 'DELETE', body: {} });
    expect(await focusedId(page)).toBe('data-subjects-hold-TA-2026-000102');
    expect(await page.locator('#data-subjects-hold-TA-2026-000102').textContent()).toContain(
      lv('dataSubjects.hold.set'),
    );

    // Act: the hold set again with a reason
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.type('Prokuratūras pieprasījums');
    await page.locator('#hold-dialog-submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => held.textContent()).toContain('Prokuratūras pieprasījums');
    expect(fake.sent.at(-1)).toMatchObject({ method: 'POST', body: { reason: 'Prokuratūras pieprasījums' } });

    // Act: the export, its summary in English
    await page.locator('#data-subjects-export-language').selectOption('en');
    await page.locator('#data-subjects-export').focus();
    await page.keyboard.press('Enter');

    // Assess: the link shown and focused; the query and the language sent
    await expect.poll(() => focusedId(page)).toBe('data-subjects-export-link');
    expect(await page.locator('#data-subjects-export-link').getAttribute('href')).toContain('/exports/x.zip');
    expect(fake.sent.find((call) => call.url.endsWith('/export'))?.body).toEqual({ email, language: 'en' });
    expect(await axeViolations(page)).toEqual([]);

    // Act: English
    await page.locator('a[data-language="en"]').click();

    // Assess: the same view in English, what was found kept; axe-clean
    await expect
      .poll(() => page.locator('h1#view-heading').textContent())
      .toBe(text('en', 'view.dataSubjects'));
    expect(await page.locator('#data-subjects-email').inputValue()).toBe(email);
    expect(await page.locator('#data-subjects-outcome-heading').textContent()).toBe(
      text('en', 'dataSubjects.outcome.heading'),
    );
    expect(await axeViolations(page)).toEqual([]);

    // No address the page called, nor its own, holds the person's data
    for (const url of [...requests, page.url()]) {
      expect(decodeURIComponent(url)).not.toContain(email);
      expect(decodeURIComponent(url)).not.toContain('29123456');
    }
    expect(problems).toEqual([]);
  });

  it('finds a subject from the web form, holds one ticket, erases the other and exports (the real routes)', async () => {
    // Prepare: two requests from the same person through the web form
    const subjectEmail = `dzesama.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    const references: string[] = [];
    for (const subject of ['Valsts nodevas atmaksa', 'Vēlreiz par nodevu']) {
      const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          name: 'Ilze Dzēšama',
          email: subjectEmail,
          topic: 'court-fees',
          subject,
          message: 'Labdien! Kā var atgūt pārmaksāto valsts nodevu?',
          consent: true,
          language: 'lv',
        }),
      });
      expect(response.status).toBe(202);
      references.push(((await response.json()) as { reference: string }).reference);
    }
    const [erased = '', kept = ''] = references;
    await until('both tickets found', async () => {
      const found = await api<DataSubjectSearchResponse>('dpo', 'POST', '/api/staff/data-subjects/search', {
        email: subjectEmail,
      });
      return found.status === 200 && found.body.tickets.length === 2 ? true : undefined;
    });
    const { page, problems } = await openAs('dpo', '/admin/');

    // Act: found by email, by keyboard
    await page.locator('#data-subjects-email').focus();
    await page.keyboard.type(subjectEmail);
    await page.keyboard.press('Enter');

    // Assess: both tickets with their unit and channel
    await expect.poll(() => focusedId(page)).toBe('data-subjects-results-heading');
    const keptCard = page.locator(`#data-subjects-ticket-${kept}`);
    const erasedCard = page.locator(`#data-subjects-ticket-${erased}`);
    expect(await keptCard.textContent()).toContain(lv('channel.web'));
    expect(await erasedCard.textContent()).toContain(subjectEmail);
    expect(await axeViolations(page)).toEqual([]);

    // Act: one ticket held
    await page.locator(`#data-subjects-hold-${kept}`).focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.type(holdReason);
    await page.locator('#hold-dialog-submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => keptCard.textContent()).toContain(holdReason);

    // Act: the erasure confirmed with the legal basis
    await page.locator('#data-subjects-erase').focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    expect(await page.locator('dialog[open]').textContent()).toContain(
      lv('dataSubjects.erase.count', { count: '1' }),
    );
    expect(await page.locator('#erase-dialog-held').textContent()).toContain(holdReason);
    await page.keyboard.type('Datu subjekta pieprasījums, VDAR 17. pants');
    await page.locator('#erase-dialog-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: erased and held as the outcome says; the erased ticket holds no client data any more
    await expect.poll(() => page.locator('#data-subjects-outcome').count()).toBe(1);
    const outcome = await page.locator('#data-subjects-outcome').textContent();
    expect(outcome).toContain(lv('dataSubjects.outcome.erased', { references: erased }));
    expect(outcome).toContain(lv('dataSubjects.erase.held', { reference: kept, reason: holdReason }));
    await expect.poll(() => erasedCard.count()).toBeLessThanOrEqual(1);
    if ((await erasedCard.count()) === 1) expect(await erasedCard.textContent()).not.toContain(subjectEmail);
    expect(await axeViolations(page)).toEqual([]);

    // Act: the export of what is left
    await page.locator('#data-subjects-export').focus();
    await page.keyboard.press('Enter');

    // Assess: a link to download the ZIP
    await expect.poll(() => focusedId(page)).toBe('data-subjects-export-link');
    expect(await page.locator('#data-subjects-export-link').getAttribute('href')).toMatch(/^https?:\/\//);
    expect(problems).toEqual([]);
  });
});
