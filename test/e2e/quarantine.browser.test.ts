/**
 * The mail quarantine in the admin page, in Chromium on the sandbox: a supervisor finds the held
 * mail under "Karantīna", reads its text-only preview (the sender's markup stays text) and releases
 * it with a reason, by keyboard; agents do not see the view; axe finds no WCAG 2.1 A/AA violation.
 */
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';

const runInBrowser = browserSuiteRuns('quarantine.browser.test.ts');
const supervisor = 'supervisor.court-fees';
const hostileSubject = '<img src=x onerror=alert(1)> nodeva';

describe.skipIf(!runInBrowser)('the mail quarantine in the admin page', () => {
  const suite = useAdminPage('courtdesk-quarantine-page-', { viewport: { width: 1280, height: 800 } });
  const { openAs, tokenFor } = suite;

  async function quarantinedMail(): Promise<string> {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: suite.sandbox.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    const sent = await transport.sendMail({
      from: 'Anna <anna.karantina@example.lv>',
      to: `nodevas@${suite.sandbox.smtp.inboundDomain}`,
      subject: hostileSubject,
      text: 'Labdien! <script>alert(2)</script> Pielikumā dokumenti.',
      html: '<p onclick="alert(3)">Labdien!</p><script>alert(4)</script>',
      attachments: Array.from({ length: 21 }, (_, index) => ({
        filename: `fails-${index + 1}.txt`,
        content: `saturs ${index + 1}`,
      })),
    });
    transport.close();
    const id = /queued as (\w+)/.exec(sent.response)?.[1] ?? '';
    // Wait until the supervisor's list has it.
    const token = await tokenFor(supervisor);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await fetch(`${suite.sandbox.urls.web}/api/staff/quarantine`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { items?: { id: string }[] };
      if (body.items?.some((item) => item.id === id)) return id;
      if (Date.now() > deadline) throw new Error(`${id} not in quarantine within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function focusedId(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  it('lets a supervisor find, read and release a held mail by keyboard, showing the sender’s markup as text', async () => {
    // Prepare
    const id = await quarantinedMail();
    const { page, problems } = await openAs(supervisor, '/admin/');

    // Act: the Quarantine view from the navigation
    const link = page.locator('nav.views a[data-view="quarantine"]');
    expect(await link.isVisible()).toBe(true);
    expect(await link.textContent()).toBe(lv('view.quarantine'));
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess: the list, with the reason in words
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.quarantine'));
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(new URL(page.url()).searchParams.get('view')).toBe('quarantine');
    const row = page.locator('tbody tr').filter({ has: page.locator(`a[href*="mail=${id}"]`) });
    expect(await row.textContent()).toContain(lv('quarantine.reason.too-many-attachments'));
    expect(await axeViolations(page)).toEqual([]);

    // Act: open the mail by keyboard
    await row.locator('a').focus();
    await page.keyboard.press('Enter');

    // Assess: the preview, as text only
    await expect.poll(() => heading.textContent()).toBe(lv('quarantine.heading'));
    expect(await focusedId(page)).toBe('view-heading');
    const preview = page.locator('section[aria-labelledby="preview-heading"]');
    expect(await preview.textContent()).toContain(hostileSubject);
    expect(await page.locator('#quarantine-text').textContent()).toContain('<script>alert(2)</script>');
    expect(await preview.locator('img, script, iframe').count()).toBe(0);
    expect(await preview.textContent()).toContain(lv('quarantine.preview.hasHtml'));
    expect(await preview.locator('li').count()).toBe(21);
    expect(await page.locator('#quarantine-download').getAttribute('href')).toMatch(/X-Amz-Expires=300/);
    expect(await axeViolations(page)).toEqual([]);

    // Act: release without a reason, then with one
    await page.locator('#quarantine-release').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog#release-dialog');
    await dialog.waitFor();
    expect(await focusedId(page)).toBe('release-reason');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#release-dialog-submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('#release-reason-error').isVisible()).toBe(true);
    await page.locator('#release-reason').fill('Klients pazīstams, pielikumi pārbaudīti');
    await page.locator('#release-dialog-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: closed; the toast names the new request; the mail shows as released
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('#toasts').textContent()).toMatch(/TA-\d{4}-\d{6}/);
    const reference = /TA-\d{4}-\d{6}/.exec((await page.locator('#toasts').textContent()) ?? '')?.[0] ?? '';
    expect(await page.locator('#toasts').textContent()).toContain(lv('quarantine.released', { reference }));
    expect(await page.locator('#quarantine-release').count()).toBe(0);
    expect(await page.locator('.quarantine-mail').textContent()).toContain(lv('quarantine.state.released'));
    expect(problems).toEqual([]);
  });

  it('shows agents no quarantine, and tells them so when they open its address', async () => {
    const { page } = await openAs('agent.court-fees', '/admin/?view=quarantine');
    expect(await page.locator('#view-quarantine-item').isHidden()).toBe(true);
    await expect.poll(() => page.locator('#content').textContent()).toContain(text('lv', 'error.heading'));
  });
});
