/**
 * Phone in the admin page, in Chromium on the sandbox: an agent logs a call under "Log a
 * call" with the phone menu's digit and sees the new request's reference and unit; a web request
 * asking for a callback to a Latvian mobile number waits in the callback list, and recording the
 * call as reached takes it off the list. axe finds no WCAG 2.1 A/AA violation.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findCompetence } from '../../shared/domain/competences.ts';
import type { TicketListResponse } from '../../shared/http/staff-contract.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';

const runInBrowser = browserSuiteRuns('phone.browser.test.ts');
const agent = 'agent.court-fees';
const referencePattern = /TA-\d{4}-\d{6}/;

describe.skipIf(!runInBrowser)('phone in the admin page', () => {
  const suite = useAdminPage('courtdesk-phone-page-', { sandbox: { retryDelaySeconds: 1 } });
  const { openAs, api, until } = suite;

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  it('logs a call by the phone menu digit and shows the new request’s reference and unit', async () => {
    // Prepare
    const { page, problems } = await openAs(agent);
    const calls: Record<string, string>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/staff/calls')
        calls.push(request.headers());
    });

    // Act: "Log a call" from the navigation, by keyboard
    const link = page.locator('nav.views a[data-view="call"]');
    expect(await link.textContent()).toBe(lv('view.call'));
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.call'));
    expect(await link.getAttribute('aria-current')).toBe('page');
    const digits = await page.locator('#call-digit option').allTextContents();
    expect(digits).toContain(lv('call.digit.option', { digit: '1', topic: 'Tiesu izdevumi un maksājumi' }));
    expect(digits.at(-1)).toBe(lv('call.digit.option', { digit: '0', topic: 'Cits jautājums' }));
    expect(await axeViolations(page)).toEqual([]);

    // Act: sent empty
    await page.locator('#call-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: each required field says so; nothing sent
    await expect.poll(() => focusedId(page)).toBe('call-digit');
    expect(await page.locator('#call-digit-error').textContent()).toContain(lv('error.choose'));
    expect(await page.locator('#call-phone-error').textContent()).toContain(lv('error.required'));
    expect(calls).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Act: filled in
    await page.locator('#call-digit').selectOption('1');
    await page.locator('#call-phone').fill('+371 29 123 456');
    await page.locator('#call-name').fill('Pēteris Kalniņš');
    await page.locator('#call-summary').fill('Jautā, kā samaksāt valsts nodevu par prasības pieteikumu.');
    await page.locator('#call-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: the reference and the unit, focused; the form emptied; sent once with a key
    const result = page.locator('#call-result');
    await expect.poll(() => result.textContent()).toContain(lv('call.logged.heading'));
    const reference = referencePattern.exec((await result.textContent()) ?? '')?.[0] ?? '';
    expect(reference).toMatch(referencePattern);
    expect(await result.textContent()).toContain(findCompetence('court-fees')?.name.lv);
    expect(await focusedId(page)).toBe('call-result-heading');
    expect(await page.locator('#call-phone').inputValue()).toBe('');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.['idempotency-key']).toMatch(/^[\w-]{8,128}$/);
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('call.logged', { reference }));
    expect(await axeViolations(page)).toEqual([]);

    // Act: the request, once stored
    await until(`${reference} stored`, async () => {
      const { status } = await api(agent, 'GET', `/api/staff/tickets/${reference}`);
      return status === 200 ? true : undefined;
    });
    await page.locator('#call-reference').click();

    // Assess: the call as logged; nobody to write to
    await expect.poll(() => heading.textContent()).toBe(lv('ticket.heading', { reference }));
    const call = page.locator('section[aria-labelledby="call-heading"]');
    expect(await call.textContent()).toContain(
      lv('call.digit.option', { digit: '1', topic: 'Tiesu izdevumi un maksājumi' }),
    );
    expect(await call.textContent()).toContain(agent);
    expect(await page.locator('section[aria-labelledby="client-heading"]').textContent()).not.toContain(
      '.invalid',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('lists a callback request and takes it off the list once the call is recorded as reached', async () => {
    // Prepare: a web request asking for a callback to a Latvian mobile number
    const submitted = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        name: 'Ilze Ozola',
        email: `ilze.${randomUUID().slice(0, 8)}@example.lv`,
        phone: '+371 26 000 001',
        callback: true,
        topic: 'court-fees',
        subject: 'Lūdzu atzvanīt',
        message: 'Vēlos pārrunāt nodevas samaksu pa tālruni.',
        consent: true,
        language: 'lv',
      }),
    });
    expect(submitted.status).toBe(202);
    const { reference } = (await submitted.json()) as { reference: string };
    await until(`${reference} in the callback list`, async () => {
      const { body } = await api<TicketListResponse>(agent, 'GET', '/api/staff/tickets?view=callbacks');
      return body.items.find((item) => item.reference === reference);
    });
    const { page, problems } = await openAs(agent);

    // Act: the callback list, from the navigation
    const link = page.locator('nav.views a[data-view="callbacks"]');
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess: the row, with its badge in words
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.callbacks'));
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.list__intro').textContent()).toBe(lv('view.callbacks.intro'));
    const row = page.locator('tbody tr').filter({ has: page.locator(`a[href*="ticket=${reference}"]`) });
    expect(await row.locator('.badge--callback').textContent()).toBe(lv('badge.callback'));
    // The number to call, dialable from the list.
    expect(await row.locator('a.tickets__phone').getAttribute('href')).toBe('tel:+37126000001');
    expect(await axeViolations(page)).toEqual([]);

    // Act: the ticket
    await row.locator(`a[href*="ticket=${reference}"]`).focus();
    await page.keyboard.press('Enter');

    // Assess: the number to call, as a link
    await expect.poll(() => heading.textContent()).toBe(lv('ticket.heading', { reference }));
    const callback = page.locator('#callback');
    expect(await callback.textContent()).toContain(lv('callback.pending'));
    expect(await page.locator('#callback-phone').getAttribute('href')).toBe('tel:+37126000001');
    expect(await axeViolations(page)).toEqual([]);

    // Act: saved without an outcome
    await page.locator('#callback-submit').focus();
    await page.keyboard.press('Enter');

    // Assess
    await expect
      .poll(() => page.locator('#callback-alert').textContent())
      .toContain(lv('callback.outcome.required'));
    expect(await focusedId(page)).toBe('callback-outcome-reached');

    // Act: reached, with a note, by keyboard
    await page.keyboard.press('Space');
    await page.locator('#callback-note').fill('Izskaidrots, kā samaksāt nodevu.');
    await page.locator('#callback-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: recorded; focus on the callback's heading; the form is gone
    const done = page.locator('#callback-done');
    await expect.poll(() => done.count()).toBe(1);
    // "{by} atzvanīja {at}: klients sazvanīts."
    const [before = '', after = ''] = lv('callback.done.reached', { by: agent }).split('{at}');
    expect(await done.textContent()).toMatch(new RegExp(`^${before}.+${after.replace('.', '\\.')}$`));
    expect(await page.locator('#callback-form').count()).toBe(0);
    expect(await focusedId(page)).toBe('callback-heading');
    await expect.poll(() => page.locator('#toasts').textContent()).toContain(lv('callback.saved'));
    expect(await page.locator('.thread').textContent()).toContain('Izskaidrots, kā samaksāt nodevu.');
    expect(await axeViolations(page)).toEqual([]);

    // Act: back to the list
    await page.locator('.back-link a').click();

    // Assess: no longer there
    await expect.poll(() => heading.textContent()).toBe(lv('view.callbacks'));
    expect(
      await page
        .locator('tbody tr')
        .filter({ has: page.locator(`a[href*="ticket=${reference}"]`) })
        .count(),
    ).toBe(0);
    expect(problems).toEqual([]);
  });
});
