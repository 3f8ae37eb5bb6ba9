/**
 * Correcting a client's data in the admin page, in Chromium on the sandbox: the unit's agent opens
 * the ticket, opens "Labot klienta datus" by keyboard, is told what is missing, corrects the email
 * with a reason, and sees the corrected address among the client's facts; axe finds no WCAG 2.1
 * A/AA violation in Latvian or in English.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';

const runInBrowser = browserSuiteRuns('client-correction.browser.test.ts');
const agent = 'agent.court-fees';

describe.skipIf(!runInBrowser)('correcting the client’s data in the admin page', () => {
  const suite = useAdminPage('courtdesk-client-correction-', { viewport: { width: 1280, height: 900 } });
  const { openAs, api, until } = suite;

  async function aTicket(email: string): Promise<string> {
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        name: 'Anna Bērziņa',
        email,
        topic: 'court-fees',
        subject: 'Valsts nodevas atmaksa',
        message: 'Labdien! Kā var atgūt pārmaksāto valsts nodevu?',
        consent: true,
        language: 'lv',
      }),
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    await until(`${reference} readable`, async () =>
      (await api(agent, 'GET', `/api/staff/tickets/${reference}`)).status === 200 ? true : undefined,
    );
    return reference;
  }

  /** Tabs forward until the element with `id` has the focus (keyboard only), at most `limit` times. */
  async function tabTo(page: Page, id: string, limit = 80): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`no focus on #${id} after ${limit} tabs`);
  }

  it('corrects the email by keyboard, says what is missing first, and is axe-clean in lv and en', async () => {
    // Prepare
    const id = crypto.randomUUID().slice(0, 8);
    const old = `anna.${id}@exmaple.lv`;
    const corrected = `anna.${id}@example.lv`;
    const reference = await aTicket(old);
    const { page, problems } = await openAs(agent, `/admin/?ticket=${reference}`);
    const client = page.locator('section[aria-labelledby="client-heading"]');
    await client.waitFor();

    // Act: open the disclosure by keyboard; send without a reason
    await tabTo(page, 'client-correction-summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('#client-correction').getAttribute('open')).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'client-correction-email');
    await page.keyboard.type(corrected);
    await tabTo(page, 'client-correction-submit');
    await page.keyboard.press('Enter');

    // Assess: the reason is asked for at its field, with the focus there; nothing was sent
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('client-correction-reason');
    expect(await page.locator('#client-correction-reason-error').textContent()).toContain(
      lv('field.required'),
    );
    expect(await axeViolations(page)).toEqual([]);

    // Act: the reason, then send
    await page.keyboard.type('Klients pa tālruni norādīja pareizo adresi');
    await tabTo(page, 'client-correction-submit');
    await page.keyboard.press('Enter');

    // Assess: confirmed, and the client's facts show the corrected address; the focus back on the form's summary
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('clientCorrection.saved', { fields: lv('clientCorrection.field.email') }));
    await expect.poll(() => client.textContent()).toContain(corrected);
    expect(await client.textContent()).not.toContain(old);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('client-correction-summary');
    const { body } = await api<{ ticket: TicketDetail }>(agent, 'GET', `/api/staff/tickets/${reference}`);
    expect(body.ticket.client.email).toBe(corrected);
    expect(await axeViolations(page)).toEqual([]);

    // In English: the same form, axe-clean
    const english = await openAs(agent, `/admin/?ticket=${reference}&lang=en`);
    const summary = english.page.locator('#client-correction-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(text('en', 'clientCorrection.open'));
    await summary.focus();
    await english.page.keyboard.press('Enter');
    expect(await axeViolations(english.page)).toEqual([]);
    expect([...problems, ...english.problems]).toEqual([]);
  });
});
