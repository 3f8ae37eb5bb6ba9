/**
 * The knowledge base in the admin page, in Chromium on the sandbox: an editor creates an article
 * by keyboard (the page's own field errors first, then the server's at the field it names),
 * publishes it after confirming, and sees the history; a taken glossary id is said at the id; an
 * agent has no such view, not even by its address; the reply editor finds a published article and
 * inserts its text and its link at the cursor; the client questions' view shows a period to
 * supervisors; axe finds no WCAG 2.1 A/AA violation in Latvian or English.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';

const runInBrowser = browserSuiteRuns('knowledge-admin.browser.test.ts');

describe.skipIf(!runInBrowser)('the knowledge base in the admin page', () => {
  const suite = useAdminPage('courtdesk-knowledge-page-');
  const slug = `e2e-${randomUUID().slice(0, 8)}`;
  const titleLv = `Tiesas nodevas atmaksa pārbaudei ${slug}`;

  async function type(page: Page, id: string, value: string): Promise<void> {
    await page.locator(`#${id}`).focus();
    await page.keyboard.insertText(value);
  }

  async function toast(page: Page): Promise<string> {
    return (await page.locator('#toasts').textContent()) ?? '';
  }

  it('lets an editor create an article by keyboard, publish it and see its history', async () => {
    // Prepare
    const { page, problems } = await suite.openAs('editor', '/admin/?view=knowledge');
    const heading = page.locator('h1#view-heading');
    await expect.poll(() => heading.textContent()).toBe(lv('view.knowledge'));
    expect(await page.locator('nav.views a[data-view="knowledge"]').getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await page.locator('table.kb__table tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Act: a new article, sent empty first
    await page.locator('#kb-new').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => heading.textContent()).toBe(lv('kb.heading.newArticle'));
    await page.locator('#kb-entry-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: the page's own errors sit at their fields, the first one focused
    await expect.poll(() => page.locator('#kb-topic').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kb-title-lv').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kb-title-lv-error').textContent()).toContain(lv('error.required'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-topic');
    expect(await axeViolations(page)).toEqual([]);

    // Act: filled in, by keyboard
    await page.locator('#kb-topic').selectOption('court-fees');
    await type(page, 'kb-slug', slug);
    await type(page, 'kb-title-lv', titleLv);
    await type(page, 'kb-summary-lv', 'Kā atgūt pārmaksāto tiesas nodevu.');
    await type(page, 'kb-paragraphs-lv', 'Pirmā rindkopa <b>ne HTML</b>.\n\n- pirmais\n- otrais');
    await type(page, 'kb-keywords-lv', 'nodeva\natmaksa');
    await type(page, 'kb-title-en', `Refund of a court fee ${slug}`);
    await type(page, 'kb-summary-en', 'How to get an overpaid court fee back.');
    await type(page, 'kb-paragraphs-en', 'The first paragraph.');
    await type(page, 'kb-synonyms', 'nodeva = valsts nodeva');
    await type(page, 'kb-sources', 'Civilprocesa likums | https://likumi.lv/ta/id/50500');
    await page.locator('#kb-preview-button').click();

    // Assess: the preview shows the text as text, a `- ` paragraph as a list
    await page.locator('#kb-preview-heading').waitFor();
    const preview = page.locator('#kb-preview article[lang="lv"]');
    expect(await preview.locator('p', { hasText: '<b>ne HTML</b>' }).count()).toBe(1);
    expect(await preview.locator('b').count()).toBe(0);
    expect(await preview.locator(':scope > ul li').allTextContents()).toEqual(['pirmais', 'otrais']);

    // Act: a keyword with a text-direction override, which only the server refuses
    await page.locator('#kb-keywords-lv').fill('nodeva\natmaksa\u202e');
    await page.locator('#kb-entry-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: the server's 400 (`keywords.lv.1`) sits at the keywords' field, in Latvian
    await expect.poll(() => page.locator('#kb-keywords-lv').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kb-keywords-lv-error').textContent()).toContain(
      'vadības vai teksta virziena',
    );
    expect(await page.locator('#kb-title-lv').getAttribute('aria-invalid')).not.toBe('true');

    // Act: corrected, then created
    await page.locator('#kb-keywords-lv').fill('nodeva, valsts\natmaksa');
    await page.locator('#kb-entry-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: a draft with one version
    await expect.poll(() => heading.textContent()).toBe(titleLv);
    expect(new URL(page.url()).searchParams.get('article')).toBeTruthy();
    await expect.poll(() => toast(page)).toContain(lv('kb.created'));
    expect(await page.locator('.facts').textContent()).toContain(lv('kb.status.draft'));
    expect(await page.locator('table.kb__history tbody tr').count()).toBe(1);
    // The saved keywords shown back as they were typed (a comma kept within its keyword)
    expect(await page.locator('#kb-keywords-lv').inputValue()).toBe('nodeva, valsts\natmaksa');

    // Act: published after confirming
    await page.locator('#kb-publish').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog#kb-confirm');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe(lv('kb.confirm.publish.title', { title: titleLv }));
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#kb-confirm-submit').click();

    // Assess: published, and the history names the editor and both actions
    await expect.poll(() => toast(page)).toContain(lv('kb.done.publish', { title: titleLv }));
    await expect.poll(() => page.locator('.facts').textContent()).toContain(lv('kb.status.published'));
    const history = page.locator('table.kb__history tbody tr');
    await expect.poll(() => history.count()).toBe(2);
    const rows = await history.allTextContents();
    expect(rows[0]).toContain(lv('kb.action.published'));
    expect(rows[1]).toContain(lv('kb.action.created'));
    for (const row of rows) expect(row).toContain('editor');
    expect(await page.locator('#kb-publish').count()).toBe(0);
    expect(await page.locator('#kb-unpublish').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Assess: the reply editor's search finds it (its index looks for a new set at most every 30 s)
    await eventually(async () => {
      const found = await suite.api<{ items: { id: string; title: string }[] }>(
        'agent.court-fees',
        'POST',
        '/api/staff/knowledge/search',
        { q: titleLv, lang: 'lv' },
      );
      expect(found.status).toBe(200);
      expect(found.body.items.map((item) => item.title)).toContain(titleLv);
      return found.body;
    }, 40_000);
    expect(problems).toEqual([]);
  });

  it('says a glossary id that is taken at its field', async () => {
    // Prepare
    const { page, problems } = await suite.openAs('editor', '/admin/?view=knowledge&new=term');
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(lv('kb.heading.newTerm'));

    // Act: the seed's own id
    await type(page, 'kb-id', 'valsts-nodeva');
    await type(page, 'kb-term-lv', 'valsts nodeva');
    await type(page, 'kb-explanation-lv', 'Maksājums valstij.');
    await type(page, 'kb-term-en', 'state fee');
    await type(page, 'kb-explanation-en', 'A payment to the state.');
    await page.locator('#kb-entry-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: the 409 at the id's field; nothing else marked
    await expect.poll(() => page.locator('#kb-id').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kb-id-error').textContent()).toContain('identifikators jau ir aizņemts');
    expect(await page.locator('#kb-term-lv').getAttribute('aria-invalid')).not.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows an agent no knowledge base view, not even by its address', async () => {
    // Act
    const { page, problems } = await suite.openAs('agent.court-fees', '/admin/?view=knowledge');

    // Assess
    await expect.poll(() => page.locator('h1#view-heading').textContent()).not.toBe(lv('view.knowledge'));
    expect(await page.locator('nav.views a[data-view="knowledge"]').isVisible()).toBe(false);
    expect(await page.locator('nav.views a[data-view="questions"]').isVisible()).toBe(false);
    expect(new URL(page.url()).searchParams.get('view')).not.toBe('knowledge');
    expect(problems).toEqual([]);
  });

  it('inserts a published article’s text and link into a reply at the cursor', async () => {
    // Prepare: a request in Latvian, taken by the agent
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        name: 'Anna Bērziņa',
        email: `kb.reply-${randomUUID().slice(0, 8)}@example.lv`,
        topic: 'court-fees',
        subject: 'Nodevas atmaksa',
        message: 'Kā atgūt pārmaksāto valsts nodevu?',
        consent: true,
        language: 'lv',
      }),
    });
    const { reference } = (await response.json()) as { reference: string };
    await eventually(async () => expect(await suite.client.ticket(reference)).toBeDefined());
    const taken = await suite.api('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/take`, {});
    expect(taken.status).toBe(200);
    const { page, problems } = await suite.openAs('agent.court-fees', `/admin/?ticket=${reference}`);
    await page.locator('#reply-text').waitFor();
    await type(page, 'reply-text', 'Labdien!\n\nAr cieņu');
    await page.evaluate(() => {
      const reply = document.getElementById('reply-text') as HTMLTextAreaElement;
      reply.setSelectionRange('Labdien!\n\n'.length, 'Labdien!\n\n'.length);
    });

    // Act: a search by keyboard
    await type(page, 'kb-search-input', 'valsts nodevas atmaksa');
    await page.keyboard.press('Enter');

    // Assess: results in the ticket's language, said in the status region
    const hits = page.locator('#kb-search-results li');
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    expect(await page.locator('#kb-search-status').textContent()).toContain(
      lv('kbSearch.results', { count: String(await hits.count()) }),
    );
    expect(await axeViolations(page)).toEqual([]);
    const article = page.locator('#kb-search-results li[data-kind="article"]').first();
    const title = (await article.locator('strong').textContent()) ?? '';

    // Act: the article's text inserted where the cursor was
    await article.locator('button[id$="-text"]').click();

    // Assess
    const reply = page.locator('#reply-text');
    const value = await reply.inputValue();
    expect(value.startsWith('Labdien!\n\n')).toBe(true);
    expect(value.endsWith('Ar cieņu')).toBe(true);
    expect(value.length).toBeGreaterThan('Labdien!\n\nAr cieņu'.length + 20);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-text');
    await expect.poll(() => toast(page)).toContain(lv('kbSearch.inserted', { title }));

    // Act: and its link
    await article.locator('button[id$="-link"]').click();

    // Assess: an address on the help pages
    expect(await reply.inputValue()).toMatch(/\/palidziba\/[a-z0-9-]+\//);
    expect(problems).toEqual([]);
  });

  it('shows supervisors the client questions for a period', async () => {
    // Prepare: a client's question to the assistant, logged
    const question = `ka samaksat valsts nodevu ${randomUUID().slice(0, 4)}`;
    const asked = await fetch(`${suite.sandbox.urls.web}/api/assistant/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: question, lang: 'lv', page: randomUUID().replaceAll('-', '') }),
    });
    expect(asked.status).toBe(200);

    // Act
    const { page, problems } = await suite.openAs('supervisor.court-fees', '/admin/?view=questions');

    // Assess: the totals and the question among the most asked
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(lv('view.questions'));
    expect(await page.locator('nav.views a[data-view="questions"]').isVisible()).toBe(true);
    expect(await page.locator('nav.views a[data-view="knowledge"]').isVisible()).toBe(false);
    await page.locator('#questions-summary-heading').waitFor();
    expect(
      await page.locator('section[aria-labelledby="questions-summary-heading"] .facts').textContent(),
    ).toContain(lv('questions.total'));
    expect(
      await page.locator('section[aria-labelledby="questions-top-heading"] table tbody').textContent(),
    ).toContain(question);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('has no axe violations in English', async () => {
    // Prepare
    const en = (key: Parameters<typeof text>[1]) => text('en', key);
    const { page, problems } = await suite.openAs('editor', '/admin/?view=knowledge&tab=terms&lang=en');

    // Assess: the glossary list, a term's page, a new article's form, a new term's with its errors
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(en('view.knowledge'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('table.kb__table tbody a').first().click();
    await page.locator('#kb-history-heading').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(new URL('/admin/?view=knowledge&new=article&lang=en', suite.sandbox.urls.web).href);
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(en('kb.heading.newArticle'));
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(new URL('/admin/?view=knowledge&new=term&lang=en', suite.sandbox.urls.web).href);
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(en('kb.heading.newTerm'));
    await page.locator('#kb-entry-submit').click();
    await expect.poll(() => page.locator('#kb-id').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(new URL('/admin/?view=questions&lang=en', suite.sandbox.urls.web).href);
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(en('view.questions'));
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
