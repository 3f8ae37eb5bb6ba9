/**
 * Clients' survey feedback in the admin page, in Chromium on the sandbox: a supervisor opens
 * "Atsauksmes" by keyboard, finds the low score to follow up with its comment masked, marks it as
 * followed up after confirming, and sees the response on the ticket; agents have no such view; axe
 * finds no WCAG 2.1 A/AA violation in Latvian or in English. The responses are stored as survey-api
 * stores them (the `SURVEY` and `SURVEY#COMMENT` items).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../shared/domain/survey-response.ts';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { surveyItems } from '../support/survey-items.ts';

const runInBrowser = browserSuiteRuns('survey-feedback.browser.test.ts');
const supervisor = 'supervisor.court-fees';
const clientEmail = 'anna.atsauksme@example.lv';

describe.skipIf(!runInBrowser)('clients’ survey feedback in the admin page', () => {
  const suite = useAdminPage('courtdesk-feedback-page-', { viewport: { width: 1280, height: 800 } });
  const { openAs, api, until } = suite;

  /** A ticket of court-fees from the web form, readable by the unit's supervisor. */
  async function aTicket(): Promise<string> {
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        name: 'Anna Bērziņa',
        email: `klients.${crypto.randomUUID().slice(0, 8)}@example.lv`,
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
      (await api(supervisor, 'GET', `/api/staff/tickets/${reference}`)).status === 200 ? true : undefined,
    );
    return reference;
  }

  async function respond(response: SurveyResponse): Promise<void> {
    for (const item of surveyItems(response))
      await suite.client.documents.send(
        new PutCommand({ TableName: suite.sandbox.tableNames.tickets, Item: item }),
      );
  }

  async function focusedText(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }

  it('lets a supervisor follow up a low score by keyboard, with the comment masked; axe-clean in lv and en', async () => {
    // Prepare: a low score with personal data in its comment, and a good one with a comment
    const [low, good] = [await aTicket(), await aTicket()];
    const at = new Date().toISOString();
    await respond({
      reference: low,
      competence: 'court-fees',
      channel: 'web',
      language: 'lv',
      satisfaction: 1,
      answered: 'no',
      comment: `Neviens neatbildēja. Rakstiet ${clientEmail} vai zvaniet 29123456.`,
      respondedAt: at,
      updatedAt: at,
      version: 1,
    });
    await respond({
      reference: good,
      competence: 'court-fees',
      channel: 'web',
      language: 'lv',
      satisfaction: 5,
      answered: 'yes',
      comment: 'Paldies par ātro atbildi!',
      respondedAt: at,
      updatedAt: at,
      version: 1,
    });
    const { page, problems } = await openAs(supervisor, '/admin/');

    // Act: the Feedback view from the navigation, by keyboard
    const link = page.locator('nav.views a[data-view="feedback"]');
    expect(await link.textContent()).toBe(lv('view.feedback'));
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess: the list to follow up holds the low score only, its comment masked
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.feedback'));
    expect(await link.getAttribute('aria-current')).toBe('page');
    const followup = page.locator('#feedback-followup');
    await expect.poll(() => followup.locator('tbody tr').count()).toBe(1);
    const row = followup.locator('tbody tr');
    expect(await row.textContent()).toContain(low);
    expect(await row.textContent()).toContain(lv('survey.answered.no'));
    expect(await page.content()).not.toContain(clientEmail);
    expect(await page.content()).not.toContain('29123456');
    expect(await row.textContent()).toContain('[e-pasts]');
    const comments = page.locator('#feedback-comments tbody tr');
    expect(await comments.count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    // Act: "followed up" by keyboard, confirmed in the dialog with a note
    const button = row.getByRole('button', { name: `${lv('feedback.followUp.button')} ${low}` });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(lv('feedback.followUp.title'));
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('Piezvanīju klientei');
    await page.locator('#follow-up-dialog-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: off the list, said in a toast; the focus back on the list's heading
    await expect.poll(() => followup.locator('tbody tr').count()).toBe(0);
    await expect
      .poll(() => page.locator('#toasts').textContent())
      .toContain(lv('feedback.followedUp', { reference: low }));
    expect(await focusedText(page)).toBe(lv('feedback.followup.heading'));
    const { body } = await api<{ items: unknown[] }>(
      supervisor,
      'GET',
      '/api/staff/feedback?competence=court-fees',
    );
    expect(body.items).toEqual([]);

    // The ticket shows the response, as the client wrote it, followed up
    const ticket = await openAs(supervisor, `/admin/?ticket=${low}`);
    const survey = ticket.page.locator('#survey');
    await survey.waitFor();
    expect(await survey.textContent()).toContain(lv('survey.score', { score: '1' }));
    expect(await survey.textContent()).toContain(clientEmail);
    expect(await survey.textContent()).toContain('Piezvanīju klientei');
    expect(await axeViolations(ticket.page)).toEqual([]);

    // In English, the same view is axe-clean too
    const english = await openAs(supervisor, '/admin/?view=feedback&lang=en');
    await expect
      .poll(() => english.page.locator('h1#view-heading').textContent())
      .toBe(text('en', 'view.feedback'));
    expect(await english.page.locator('#feedback-followup').textContent()).toContain(
      text('en', 'feedback.followup.empty'),
    );
    expect(await axeViolations(english.page)).toEqual([]);
    expect([...problems, ...ticket.problems, ...english.problems]).toEqual([]);
  });

  it('shows the view to supervisors and admins only', async () => {
    const agent = await openAs('agent.court-fees', '/admin/?view=feedback');
    expect(await agent.page.locator('nav.views a[data-view="feedback"]').isVisible()).toBe(false);
    expect(await agent.page.locator('h1#view-heading').textContent()).not.toBe(lv('view.feedback'));
    const admin = await openAs('admin', '/admin/?view=feedback&competence=legal-aid');
    expect(await admin.page.locator('nav.views a[data-view="feedback"]').isVisible()).toBe(true);
    await expect.poll(() => admin.page.locator('h1#view-heading').textContent()).toBe(lv('view.feedback'));
    expect(await admin.page.locator('#feedback-unit').inputValue()).toBe('legal-aid');
    expect(await axeViolations(admin.page)).toEqual([]);
  });
});
