/**
 * The reply editor's files in Chromium: choose files with the native input, see
 * them with their size, remove one by keyboard, get a wrong file refused next to the field (lv),
 * send — the page announces each file, PUTs it with the presigned URL to the bucket (a cross-origin
 * request its CSP and the bucket's CORS allow), and the reply goes out with the file attached.
 */
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../shared/http/staff-contract.ts';
import { useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import type { StoredEmail } from '../support/sandbox-client.ts';

const runInBrowser = browserSuiteRuns('reply-attachments.browser.test.ts');
const agent = 'agent.court-fees';

describe.skipIf(!runInBrowser)('reply attachments on the admin page', () => {
  const suite = useAdminPage('courtdesk-reply-files-browser-', { viewport: { width: 1280, height: 800 } });

  const staffCall = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    suite.api<Record<string, unknown>>(agent, method, path, body);

  /** A web request of the agent's unit, taken by the agent through the API. */
  async function takenTicket(): Promise<{ reference: string; email: string }> {
    const email = `klients.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
    const { reference } = (await response.json()) as { reference: string };
    const deadline = Date.now() + 20_000;
    while ((await staffCall('GET', `/api/staff/tickets/${reference}`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`${reference} not readable within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const taken = await staffCall('POST', `/api/staff/tickets/${reference}/take`, {
      reason: 'Testa pārbaude',
    });
    expect(taken.status).toBe(200);
    return { reference, email };
  }

  /** The ticket's page; `bypassCSP` only to inject axe-core (an inline script the CSP refuses). */
  const openTicket = (reference: string, bypassCSP = false) =>
    suite.openAs(agent, `/admin/?ticket=${reference}`, {
      context: { bypassCSP },
      readySelector: '#reply-files',
    });

  async function waitForEmail(address: string): Promise<StoredEmail & { attachments?: unknown[] }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const store = (await (await fetch(`${suite.sandbox.urls.mailbox}/store`)).json()) as {
        emails: (StoredEmail & { attachments?: unknown[] })[];
      };
      const found = store.emails.find(
        (email) => email.destination.to.includes(address) && email.body.text?.includes('Pielikumā'),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No reply to ${address} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const pdf = Buffer.from('%PDF-1.4\n% Izziņa par nodevas samaksu\n%%EOF\n');

  it('attaches, lists, removes and refuses files accessibly, then sends the reply with the file', async () => {
    const { reference, email } = await takenTicket();
    const { page, problems } = await openTicket(reference);

    // The field is labelled and described by its hint (limits).
    const input = page.locator('#reply-files');
    expect(await input.getAttribute('multiple')).not.toBeNull();
    expect(await page.locator('label[for="reply-files"]').textContent()).toContain('Pielikumi');
    expect(await input.getAttribute('aria-describedby')).toBe('reply-files-hint');

    await input.setInputFiles([
      { name: 'Izziņa.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'programma.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    ]);
    const items = page.locator('#reply-files-list li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('Izziņa.pdf');
    expect(await items.nth(0).textContent()).toMatch(/\d+\s*B/);
    // The wrong file is refused next to the field, linked to it.
    const error = page.locator('#reply-files-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain('Failu programma.exe nevar pievienot');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe('reply-files-hint reply-files-error');

    // Removed by keyboard: focus returns to the input, the error goes, the removal is announced.
    await page.getByRole('button', { name: 'Noņemt programma.exe' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-files');
    expect(await error.isVisible()).toBe(false);
    expect(await page.locator('#reply-files-status').textContent()).toBe('Fails programma.exe noņemts.');

    await page.locator('#reply-text').fill('Labdien! Pielikumā izziņa.');
    await page.locator('#reply-submit').click();
    await expect.poll(() => page.locator('.entry--reply').count(), { timeout: 20_000 }).toBe(1);
    const link = page.locator('.entry--reply .entry__attachments a');
    expect(await link.textContent()).toBe('Izziņa.pdf');
    expect(await items.count()).toBe(0);

    const mail = (await waitForEmail(email)) as unknown as {
      attachments: { filename: string; contentType: string; content: string }[];
    };
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'Izziņa.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(mail.attachments[0]?.content ?? '', 'base64').equals(pdf)).toBe(true);
    const detail = (await staffCall('GET', `/api/staff/tickets/${reference}`)).body.ticket as TicketDetail;
    expect(detail.thread.find((entry) => entry.kind === 'reply')?.attachments?.[0]?.name).toBe('Izziņa.pdf');
    // No CSP refusal or script error on the way (the PUT went to the bucket's origin).
    expect(problems).toEqual([]);
  });

  it('has no WCAG 2.1 A/AA violation with files chosen and one refused', async () => {
    const { reference } = await takenTicket();
    const { page } = await openTicket(reference, true);
    await page.locator('#reply-files').setInputFiles([
      { name: 'Izziņa.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'lapa.html', mimeType: 'text/html', buffer: Buffer.from('<p>') },
    ]);
    await expect.poll(() => page.locator('#reply-files-error').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
