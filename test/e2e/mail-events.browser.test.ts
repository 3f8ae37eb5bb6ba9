/**
 * The admin page's banner for an undeliverable address, in Chromium: a request
 * from SES's bouncing simulator address, its acknowledgement bounced, and the ticket shows staff
 * in Latvian and English, by heading and text (not by colour alone), that they must answer by post.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { tokenKey } from '../../web/src/admin/auth.ts';
import { text } from '../../web/src/admin/texts.ts';
import { useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';

const runInBrowser = browserSuiteRuns('mail-events.browser.test.ts');
const agent = 'agent.e-services';

describe.skipIf(!runInBrowser)('the undeliverable-address banner in Chromium', () => {
  const suite = useAdminPage('courtdesk-bounce-');

  const token = () => suite.tokenFor(agent);

  it('tells staff in both languages to answer by post, and passes WCAG 2.1 A/AA', async () => {
    // Prepare: a request from the bouncing address, and its acknowledgement's bounce on the ticket.
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        name: 'Anna Bērziņa',
        email: 'bounce@simulator.amazonses.com',
        topic: 'e-services',
        subject: 'Piekļuve e-lietas portālam',
        message: 'Nevaru pieslēgties.',
        consent: true,
        language: 'lv',
      }),
    });
    const { reference } = (await response.json()) as { reference: string };
    const staffToken = await token();
    await eventually(async () => {
      const detail = await fetch(`${suite.sandbox.urls.web}/api/staff/tickets/${reference}`, {
        headers: { authorization: `Bearer ${staffToken}` },
      });
      if (detail.status !== 200) return undefined;
      const { ticket } = (await detail.json()) as { ticket: TicketDetail };
      return ticket.client.emailUndeliverable;
    });

    // Act: the ticket on the admin page (axe is injected as a script, which the CSP forbids).
    const context = await suite.browser.newContext({ bypassCSP: true, locale: 'lv-LV' });
    try {
      const page = await context.newPage();
      await page.addInitScript(
        ([key, value]) => {
          // Init scripts run in every frame; a sandboxed frame may not touch storage.
          if (window === window.top) window.sessionStorage.setItem(key, value);
        },
        [tokenKey, staffToken] as const,
      );
      await page.goto(new URL(`/admin/?ticket=${reference}`, suite.sandbox.urls.web).href);

      // Assess: a named region with a heading, the reason, the message and what to do, in Latvian …
      const banner = page.getByRole('region', { name: text('lv', 'undeliverable.heading') });
      await banner.waitFor();
      const lvText = await banner.textContent();
      expect(lvText).toContain(text('lv', 'undeliverable.action'));
      expect(lvText).toContain(text('lv', 'notice.acknowledgement'));
      expect(await axeViolations(page)).toEqual([]);

      // … and in English.
      await page.goto(new URL(`/admin/?ticket=${reference}&lang=en`, suite.sandbox.urls.web).href);
      const english = page.getByRole('region', { name: text('en', 'undeliverable.heading') });
      await english.waitFor();
      expect(await english.textContent()).toContain(text('en', 'undeliverable.action'));
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
