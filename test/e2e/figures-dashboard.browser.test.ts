/**
 * The _Pārskati_ dashboard in the admin page, in Chromium on the sandbox, with the analytics API
 * stubbed (`page.route`) by an answer that follows the contract (`test/support/service-figures.ts`):
 * a supervisor opens it by keyboard, the charts (uPlot, loaded when the view opens, under the
 * page's own CSP) and their tables render, a new period and unit are asked with the right query,
 * the CSV is downloaded with the same query and the token; an administrator chooses among every
 * unit; an agent has no such view; a failure and an empty range are said; axe finds no WCAG 2.1
 * A/AA violation in Latvian or English.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { competences } from '../../shared/domain/competences.ts';
import { presetRange } from '../../web/src/admin/figures/model.ts';
import { todayInRiga } from '../../web/src/admin/format.ts';
import { text } from '../../web/src/admin/texts.ts';
import { lv, useAdminPage } from '../support/admin-page.ts';
import { axeViolations, browserSuiteRuns } from '../support/browser.ts';
import { serviceFigures } from '../support/service-figures.ts';

const runInBrowser = browserSuiteRuns('figures-dashboard.browser.test.ts');
const en = (key: Parameters<typeof text>[1], values?: Record<string, string>) => text('en', key, values);

interface Stub {
  /** The analytics requests the page made (JSON and CSV). */
  readonly requests: Request[];
}

/** Answers `/api/staff/analytics` from the fixture, for the units asked (else `units`). */
function stubAnalytics(
  page: Page,
  units: readonly string[],
  answer: 'figures' | 'empty' | 'failure' = 'figures',
): Stub {
  const requests: Request[] = [];
  void page.route('**/api/staff/analytics?**', async (route) => {
    const request = route.request();
    requests.push(request);
    const query = new URL(request.url()).searchParams;
    if (answer === 'failure') {
      await route.fulfill({ status: 500, contentType: 'application/json', body: '{"requestId":"req-1"}' });
      return;
    }
    if (query.get('format') === 'csv') {
      await route.fulfill({
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="courtdesk-figures.csv"',
        },
        body: '\ufeffPeriods;Struktūrvienība;Saņemti\n2026-01-01;court-fees;12\n',
      });
      return;
    }
    const competence = query.get('competence');
    const body = serviceFigures({
      from: query.get('from') ?? '',
      to: query.get('to') ?? '',
      competences: competence ? [competence] : units,
      channel: (query.get('channel') as 'web' | null) ?? null,
      empty: answer === 'empty',
    });
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  return { requests };
}

function parameters(request: Request | undefined): Record<string, string> {
  return Object.fromEntries(new URL(request?.url() ?? 'http://x/').searchParams);
}

describe.skipIf(!runInBrowser)('the Pārskati dashboard in the admin page', () => {
  const suite = useAdminPage('courtdesk-figures-page-');

  it('lets a supervisor open it by keyboard, choose a period and a unit, and download the CSV', async () => {
    // Prepare: the page's own CSP enforced (axe comes later, in a page that bypasses it)
    let stub: Stub = { requests: [] };
    const { page, problems } = await suite.openAs('supervisor.court-fees', '/admin/', {
      context: { bypassCSP: false },
      beforeLoad: (page) => {
        stub = stubAnalytics(page, ['court-fees']);
      },
    });
    const heading = page.locator('h1#view-heading');
    const link = page.locator('nav.views a[data-view="figures"]');
    expect(await link.isVisible()).toBe(true);

    // Act: to the view by keyboard
    await link.focus();
    await page.keyboard.press('Enter');

    // Assess: the last 90 days by week asked, every chart drawn from its chunk, every table there
    await expect.poll(() => heading.textContent()).toBe(lv('view.figures'));
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(new URL(page.url()).searchParams.get('view')).toBe('figures');
    const today = todayInRiga();
    expect(parameters(stub.requests[0])).toEqual({ ...presetRange('last90', today), granularity: 'week' });
    for (const chart of ['volume', 'backlog', 'answer-time', 'compliance', 'satisfaction']) {
      await page.locator(`#figures-${chart}-chart canvas`).first().waitFor();
      expect(await page.locator(`#figures-${chart}-summary`).textContent()).not.toBe('');
      expect(await page.locator(`#figures-${chart} table caption`).count()).toBe(1);
    }
    expect(await page.locator('#figures-volume table tbody tr').count()).toBe(14);
    expect(await page.locator('#figures-volume table thead th[scope="col"]').count()).toBe(4);
    expect(await page.locator('#figures-units table tbody th[scope="row"]').allTextContents()).toEqual([
      competences.find((unit) => unit.id === 'court-fees')?.name.lv,
      lv('figures.total'),
    ]);
    expect(await page.locator('#figures-out-of-order tbody tr').count()).toBe(2);
    expect(await page.locator('#figures-out-of-order tbody a').first().textContent()).toBe('TA-2026-000412');
    expect(await page.locator('#figures-assistant').textContent()).toContain('412');
    expect(
      await page.evaluate(() => document.querySelectorAll('script[src="/admin/charts.js"]').length),
    ).toBe(1);
    expect(problems).toEqual([]);

    // Act: the last 30 days of one unit, by day
    await page.locator('#figures-preset').focus();
    await page.locator('#figures-preset').selectOption('last30');
    await page.locator('#figures-unit').selectOption('court-fees');
    await page.locator('#figures-granularity').selectOption('day');
    await page.locator('#figures-submit').focus();
    await page.keyboard.press('Enter');

    // Assess: asked as chosen, shown, and the focus on what was shown
    await expect.poll(() => stub.requests.length).toBe(2);
    const asked = { ...presetRange('last30', today), competence: 'court-fees', granularity: 'day' };
    expect(parameters(stub.requests[1])).toEqual(asked);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('figures-shown');
    expect(await page.locator('#figures-from').inputValue()).toBe(asked.from);

    // Act: the CSV, by keyboard
    await page.locator('#figures-download').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);

    // Assess: the same query as CSV, with the token, saved as the API named it
    const csvRequest = stub.requests[2];
    expect(parameters(csvRequest)).toEqual({ ...asked, format: 'csv' });
    const headers = await csvRequest?.allHeaders();
    expect(headers?.accept).toBe('text/csv');
    expect(headers?.authorization).toMatch(/^Bearer \S+$/);
    expect(download.suggestedFilename()).toBe('courtdesk-figures.csv');
    expect(await readFile((await download.path()) ?? '', 'utf8')).toContain('Saņemti');
    await expect.poll(() => page.locator('#toasts').textContent()).toContain(lv('figures.downloaded'));
    expect(problems).toEqual([]);
  });

  it('has no axe violations in Latvian or in English, its tables opened', async () => {
    // Prepare
    const { page, problems } = await suite.openAs('supervisor.court-fees', '/admin/?view=figures', {
      beforeLoad: (page) => void stubAnalytics(page, ['court-fees']),
    });
    await page.locator('#figures-volume-chart canvas').first().waitFor();
    for (const summary of await page.locator('details.figures__details > summary').all()) {
      await summary.focus();
      await page.keyboard.press('Enter');
    }

    // Assess: Latvian
    expect(await page.locator('details.figures__details[open]').count()).toBe(5);
    expect(await axeViolations(page)).toEqual([]);

    // Act: English
    await page.locator('a[data-language="en"]').click();

    // Assess
    await expect.poll(() => page.locator('h1#view-heading').textContent()).toBe(en('view.figures'));
    await page.locator('#figures-volume-chart canvas').first().waitFor();
    expect(await page.locator('#figures-units caption').textContent()).toBe(en('figures.byUnit'));
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('lets an administrator choose among every unit, and keeps it from an agent', async () => {
    // Prepare
    const all = competences.map((unit) => unit.id);
    const admin = await suite.openAs('admin', '/admin/?view=figures', {
      beforeLoad: (page) => void stubAnalytics(page, all),
    });
    const agent = await suite.openAs('agent.court-fees', '/admin/?view=figures');

    // Assess: every unit in the administrator's picker and table
    const options = await admin.page
      .locator('#figures-unit option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    expect(options).toEqual(['', ...all]);
    await expect.poll(() => admin.page.locator('#figures-units tbody tr').count()).toBe(all.length + 1);

    // Assess: the agent sees no such view, not even by its address
    expect(await agent.page.locator('nav.views a[data-view="figures"]').isVisible()).toBe(false);
    expect(await agent.page.locator('h1#view-heading').textContent()).not.toBe(lv('view.figures'));
    expect(admin.problems).toEqual([]);
  });

  it('says an empty range in words, and a failure in the alert', async () => {
    // Prepare
    const empty = await suite.openAs('supervisor.court-fees', '/admin/?view=figures', {
      beforeLoad: (page) => void stubAnalytics(page, ['court-fees'], 'empty'),
    });
    const failed = await suite.openAs('supervisor.court-fees', '/admin/?view=figures', {
      beforeLoad: (page) => void stubAnalytics(page, ['court-fees'], 'failure'),
    });

    // Assess
    await expect.poll(() => empty.page.locator('#figures-empty').textContent()).toBe(lv('figures.empty'));
    expect(await empty.page.locator('canvas').count()).toBe(0);
    await expect.poll(() => failed.page.locator('#alert').textContent()).not.toBe('');
    expect(await failed.page.locator('#figures-form').count()).toBe(1);
    expect(await failed.page.locator('#figures-shown').count()).toBe(0);
  });
});
