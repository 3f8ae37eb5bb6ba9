/**
 * Mail through the sandbox's SMTP listener, seen in the admin page (Chromium): a hostile HTML mail
 * and the client's hostile HTML answer run nothing and show only in script-less frames; the answer
 * is explained as a follow-up, and a stranger's ticket quoting the reference shows why it is its
 * own and links to the other; those views pass axe (WCAG 2.1 A/AA).
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tokenKey } from '../../web/src/admin/auth.ts';
import { text } from '../../web/src/admin/texts.ts';
import { useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';

const runInBrowser = browserSuiteRuns('email-thread.browser.test.ts');
const agent = 'agent.court-fees';
const hostile = [
  '<img src=x onerror=parent.alert(1)>',
  '<script>parent.alert(2)</script>',
  '"><svg onload=parent.alert(3)>',
  '<a href="javascript:parent.alert(4)">saite</a>',
  '<iframe srcdoc="<script>parent.alert(5)</script>"></iframe>',
  '<form action="https://evil.example.test/"><button>Sūtīt</button></form>',
].join('');

describe.skipIf(!runInBrowser)('mail threads in the admin page', () => {
  const suite = useAdminPage('courtdesk-mail-ui-', { sandbox: { retryDelaySeconds: 1 } });

  const send = (mail: Mail.Options) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: suite.sandbox.smtp.port, secure: false, ignoreTLS: true })
      .sendMail({ to: `nodevas@${suite.sandbox.smtp.inboundDomain}`, ...mail });

  /** The ticket in a fresh page; `bypassCSP` only where axe must inject its script. */
  async function openTicket(reference: string, bypassCSP = false) {
    const token = await suite.tokenFor(agent);
    const context = await suite.browser.newContext({
      locale: 'lv-LV',
      viewport: { width: 1280, height: 800 },
      bypassCSP,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.addInitScript(
      ([key, value]) => {
        if (window === window.top) window.sessionStorage.setItem(key, value);
      },
      [tokenKey, token] as const,
    );
    await page.goto(new URL(`/admin/?ticket=${reference}`, suite.sandbox.urls.web).href);
    await page.locator('.ticket__subject').waitFor();
    return { page, problems, dialogs, close: () => context.close() };
  }

  async function frameSources(page: Page): Promise<string[]> {
    const frames = page.locator('iframe.email-frame');
    const sources: string[] = [];
    for (let i = 0; i < (await frames.count()); i += 1) {
      expect(await frames.nth(i).getAttribute('sandbox')).toBe('');
      sources.push((await frames.nth(i).getAttribute('srcdoc')) ?? '');
    }
    return sources;
  }

  it('shows a hostile HTML mail and its hostile follow-up as inert text, the follow-up explained', async () => {
    const from = `html.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    await send({
      from: `Klients <${from}>`,
      subject: 'Vēstule <script>parent.alert(9)</script>',
      text: 'Teksta versija',
      html: `<p>Labdien!</p>${hostile}`,
    });
    const ack = await eventually(async () => (await suite.client.emailsTo(from))[0]);
    const reference = /TA-\d{4}-\d{6}/.exec(ack.subject)?.[0] ?? '';
    await send({
      from,
      subject: `Re: ${reference}`,
      text: 'Atbildes teksts',
      html: `<p>Papildinājums</p>${hostile}`,
      inReplyTo: `<${ack.messageId}@eu-north-1.amazonses.com>`,
    });
    await eventually(async () =>
      (await suite.client.auditRecords()).some(
        (record) => record.eventName === 'AddClientMessage' && JSON.stringify(record).includes(reference),
      )
        ? true
        : undefined,
    );

    const { page, problems, dialogs, close } = await openTicket(reference);
    try {
      await expect.poll(async () => page.locator('iframe.email-frame').count()).toBe(2);
      for (const source of await frameSources(page))
        expect(source).not.toMatch(/<script|<svg|<iframe|<form|\son\w+=|href=["']?\s*javascript/i);
      expect(await page.locator('.ticket__subject').textContent()).toContain(
        '<script>parent.alert(9)</script>',
      );
      const thread = page.locator('.thread');
      expect(await thread.textContent()).toContain(text('lv', 'thread.followUp'));
      expect(await thread.textContent()).toContain(
        text('lv', 'thread.matched.message-id', { matched: `${ack.messageId}@eu-north-1.amazonses.com` }),
      );
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('explains why a stranger quoting a reference got a ticket of their own, and links both', async () => {
    const anna = `anna.${crypto.randomUUID().slice(0, 8)}@example.lv`;
    const stranger = `svesais.${crypto.randomUUID().slice(0, 8)}@example.com`;
    await send({ from: anna, subject: 'Nodeva', text: 'Jautājums par nodevu.' });
    const ack = await eventually(async () => (await suite.client.emailsTo(anna))[0]);
    const reference = /TA-\d{4}-\d{6}/.exec(ack.subject)?.[0] ?? '';
    await send({ from: stranger, subject: `Par ${reference}`, text: 'Kas notiek?' });
    const strangerAck = await eventually(async () => (await suite.client.emailsTo(stranger))[0]);
    const strangerReference = /TA-\d{4}-\d{6}/.exec(strangerAck.subject)?.[0] ?? '';

    const { page, problems, close } = await openTicket(strangerReference, true);
    try {
      const links = page.locator('section[aria-labelledby="links-heading"]');
      await links.waitFor();
      expect(await links.textContent()).toContain(text('lv', 'links.why.other-sender', { reference }));
      await links.getByRole('link', { name: reference }).click();
      await page.locator('section[aria-labelledby="links-heading"] [data-relation="quoted-by"]').waitFor();
      expect(await page.locator('.ticket__subject').textContent()).toContain('Nodeva');
      expect(await axeViolations(page)).toEqual([]);
      // And a thread with an explained follow-up.
      await send({ from: anna, subject: `Re: ${reference}`, text: 'Papildinājums.' });
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.locator('.ticket__subject').waitFor();
            return page.locator('.entry--client').count();
          },
          { timeout: 20_000 },
        )
        .toBe(2);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
