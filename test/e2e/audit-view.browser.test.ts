/**
 * The auditor's views in the admin page, in Chromium on the sandbox: an auditor
 * lands on the audit trail, finds an agent's read of a ticket with the filter form by keyboard,
 * downloads it as CSV and sees the agent in the client's data-subject report; the client's address
 * never leaves the page (only its key, in a POST's body) and no URL names the client or a staff
 * member filtered by; an incomplete report says so; field errors
 * sit next to their fields; others have no such views; axe finds no WCAG 2.1 A/AA violation.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientGroupId, legacyClientKey } from '../../shared/domain/ids.ts';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';

const runInBrowser = browserSuiteRuns('audit-view.browser.test.ts');

describe.skipIf(!runInBrowser)('the auditor’s views in the admin page', () => {
  const suite = useAdminPage('courtdesk-audit-page-');
  let reference: string;
  const email = `audit.page-${randomUUID().slice(0, 8)}@example.lv`;

  beforeAll(async () => {
    // A client's request, read by an agent.
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ilze Liepa',
        email,
        topic: 'court-fees',
        subject: 'Nodevas atmaksa',
        message: 'Lūdzu atmaksāt.',
        consent: true,
        language: 'lv',
      }),
    });
    reference = ((await response.json()) as { reference: string }).reference;
    await eventually(async () => expect(await suite.client.ticket(reference)).toBeDefined());
    const agent = await suite.tokenFor('agent.court-fees');
    const read = await fetch(`${suite.sandbox.urls.web}/api/staff/tickets/${reference}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(read.status).toBe(200);
  });

  /** A page signed in as `username`, recording script errors and every URL (and body) it asks for. */
  async function openAs(username: string, path: string) {
    const requested: string[] = [];
    const bodies: { url: string; body: string }[] = [];
    const opened = await suite.openAs(username, path, {
      context: { acceptDownloads: true },
      beforeLoad: (page) =>
        page.on('request', (request) => {
          requested.push(request.url());
          bodies.push({ url: request.url(), body: request.postData() ?? '' });
        }),
    });
    return { ...opened, requested, bodies };
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  it('lets an auditor find a read by ticket and event, by keyboard, and download it as CSV', async () => {
    // Prepare
    const { page, problems } = await openAs('auditor', '/admin/');
    const heading = page.locator('h1#view-heading');

    // Assess: the audit trail is where an auditor starts, with the last 24 hours listed
    await expect.poll(() => heading.textContent()).toBe(lv('view.audit'));
    expect(new URL(page.url()).searchParams.get('view')).toBe('audit');
    expect(await page.locator('nav.views a[data-view="audit"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('nav.views a[data-view="subject"]').isVisible()).toBe(true);
    expect(await page.locator('nav.views a[data-view="queue"]').isVisible()).toBe(false);
    expect(await page.locator('#toolbar-tools').isVisible()).toBe(false);
    await page.locator('table.audit__table').waitFor();
    expect(await page.locator('table.audit__table tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: the ticket and the event, by keyboard
    await page.locator('#audit-ticket').focus();
    await page.keyboard.type(reference);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('audit-event');
    await page.locator('#audit-event').selectOption('GetTicket');
    await page.locator('#audit-ticket').focus();
    await page.keyboard.press('Enter');

    // Assess: one row, the agent's read, in words; the keyboard is at the results
    await expect.poll(() => focusedId(page)).toBe('audit-results-heading');
    const rows = page.locator('table.audit__table tbody tr');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('agent.court-fees');
    expect(row).toContain(lv('audit.success'));
    expect(row).toContain('Atvērts pieprasījums');
    expect(row).toContain(reference);
    expect(await rows.first().locator('a').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: the CSV download
    await page.locator('#audit-download').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);

    // Assess: a CSV of that row, fetched with the token
    expect(download.suggestedFilename()).toMatch(/^courtdesk-audit-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toContain('"eventTime","eventName","category","user"');
    expect(csv).toContain('"GetTicket","read","agent.court-fees","success"');
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('audit.downloaded', { rows: '1' }));
    expect(problems).toEqual([]);
  });

  it('shows field errors next to their fields', async () => {
    const { page } = await openAs('auditor', '/admin/?view=audit');
    await page.locator('#audit-ticket').fill('C-1234');
    await page.locator('#audit-search').click();
    await expect.poll(() => page.locator('#audit-ticket').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#audit-ticket-error').textContent()).toContain('TA-2026-000123');
    expect(await focusedId(page)).toBe('audit-ticket');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the agent in the client’s data-subject report, in Latvian and in English', async () => {
    // Prepare
    const { page, problems, requested, bodies } = await openAs('auditor', '/admin/');
    await page.locator('table.audit__table').waitFor();

    // Act: the report's view from the navigation, the client's address, Enter
    await page.locator('nav.views a[data-view="subject"]').focus();
    await page.keyboard.press('Enter');
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.subject'));
    expect(await page.locator('nav.views a[data-view="subject"]').getAttribute('aria-current')).toBe('page');
    await page.locator('#subject-client').fill(email);
    await page.locator('#subject-client').press('Enter');

    // Assess: the client's ticket, who read it and why
    await expect.poll(() => focusedId(page)).toBe('subject-results-heading');
    const ticket = page.locator(`section[aria-labelledby="subject-${reference}"]`);
    expect(await ticket.locator('h3').textContent()).toContain(reference);
    const read = ticket.locator('tbody tr').filter({ hasText: 'agent.court-fees' });
    expect(await read.textContent()).toContain('Atvērts pieprasījums');
    expect(await read.textContent()).toContain(lv('audit.category.read'));
    expect(await ticket.locator('tbody tr').filter({ hasText: 'process-intake' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Act: English
    await page.locator('a[data-language="en"]').click();

    // Assess: the same report, in English
    await expect.poll(() => heading.textContent()).toBe(text('en', 'view.subject'));
    expect(await ticket.locator('tbody tr').filter({ hasText: 'agent.court-fees' }).textContent()).toContain(
      'Ticket opened',
    );
    expect(await page.locator('#subject-truncated').count()).toBe(0);

    // Act: the report as CSV, then the trail filtered by the client, and its CSV
    await page.locator('#subject-client').fill(` ${email.toUpperCase()} `);
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#subject-download').click(),
    ]);
    expect(await readFile((await report.path()) ?? '', 'utf8')).toContain(`"${reference}","court-fees"`);
    await page.locator('nav.views a[data-view="audit"]').click();
    await page.locator('#audit-client').waitFor();
    await page.locator('#audit-client').fill(email);
    await page.locator('#audit-event').selectOption('GetTicket');
    await page.locator('#audit-search').click();
    await expect.poll(() => focusedId(page)).toBe('audit-results-heading');
    expect(await page.locator('table.audit__table tbody tr').filter({ hasText: reference }).count()).toBe(1);
    const [trail] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#audit-download').click(),
    ]);
    expect(await readFile((await trail.path()) ?? '', 'utf8')).toContain(
      '"GetTicket","read","agent.court-fees"',
    );

    // Assess: the client was asked about by key only, in a POST's body; no URL the page asked for
    // holds the address, the key or the staff member filtered by (access logs keep URLs). The
    // browser holds no secret: it sends the unkeyed key, which the server maps to the keyed one.
    const key = legacyClientKey(email);
    const clientAsked = bodies.filter(
      ({ url, body }) => new URL(url).pathname.startsWith('/api/staff/audit') && body.includes('"client"'),
    );
    expect(clientAsked.length).toBeGreaterThanOrEqual(4);
    for (const { body } of clientAsked) expect((JSON.parse(body) as { client: string }).client).toBe(key);
    const local = email.split('@')[0] ?? email;
    for (const url of requested) {
      const seen = decodeURIComponent(url).toLowerCase();
      expect(seen).not.toContain(email.toLowerCase());
      expect(seen).not.toContain(local.toLowerCase());
      expect(seen).not.toContain(key);
      expect(seen).not.toContain('client=');
      expect(seen).not.toContain('agent.court-fees');
    }
    expect(problems).toEqual([]);
  });

  it('says when a data-subject report is incomplete, in Latvian and in English', async () => {
    // Prepare: an answer with every report-level mark (a real one needs over 100 requests)
    const { page, problems } = await openAs('auditor', '/admin/?view=subject');
    await page.route('**/api/staff/audit/subject', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          clientKey: clientGroupId('many@example.lv'),
          generatedAt: new Date().toISOString(),
          tickets: [
            {
              reference: 'TA-2026-000101',
              competence: 'court-fees',
              unit: { lv: 'Tiesu nodevas', en: 'Court fees' },
              receivedAt: '2026-12-01T08:00:00.000Z',
              entries: [],
              truncated: true,
            },
          ],
          truncated: true,
          ticketsLeftOut: 3,
          moreTickets: true,
        }),
      }),
    );

    // Act
    await page.locator('#subject-client').fill('many@example.lv');
    await page.locator('#subject-submit').click();

    // Assess
    const notice = page.locator('#subject-truncated');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Neiekļauto pieprasījumu skaits: 3.');
    expect(await notice.textContent()).toContain('tikai jaunākie 4');
    expect(await page.locator('.audit__ticket .warning').textContent()).toBe(lv('subject.truncated'));
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('a[data-language="en"]').click();
    await expect.poll(() => notice.textContent()).toContain('Requests left out: 3.');
    expect(await notice.textContent()).toContain('only the newest 4');
    expect(problems).toEqual([]);
  });

  it('says when a listing by client looked at the newest requests only, in Latvian and in English', async () => {
    // Prepare: the answer for a client with more than 100 requests
    const { page, problems } = await openAs('auditor', '/admin/?view=audit');
    await page.route('**/api/staff/audit', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ records: [], moreTickets: true }),
      }),
    );

    // Act
    await page.locator('#audit-client').waitFor();
    await page.locator('#audit-client').fill('many@example.lv');
    await page.locator('#audit-search').click();

    // Assess
    const notice = page.locator('#audit-more-tickets');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('tikai jaunāko 100 pieprasījumu');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('a[data-language="en"]').click();
    await expect
      .poll(() => page.locator('#audit-more-tickets').textContent())
      .toContain('the newest 100 only');
    expect(problems).toEqual([]);
  });

  it('gives agents no audit views', async () => {
    const { page } = await openAs('agent.court-fees', '/admin/?view=audit');
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(lv('view.queue'));
    expect(await page.locator('#view-audit-item').isHidden()).toBe(true);
    expect(await page.locator('#view-subject-item').isHidden()).toBe(true);
  });
});
