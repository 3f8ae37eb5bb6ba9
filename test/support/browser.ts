/**
 * What the browser tests share: Debian's Chromium through playwright-core, whether to run at all
 * (locally a missing browser skips the suite with a warning; in CI, `CI=true`, it fails), and the
 * axe-core WCAG 2.1 A/AA check.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const hasChromium = existsSync(chromiumPath);

/** Whether a browser suite runs: with Chromium, or in CI (where its absence then fails the suite). */
export function browserSuiteRuns(testFile: string): boolean {
  const runs = hasChromium || process.env.CI === 'true';
  if (!runs) {
    console.warn(
      `${testFile} skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium). In CI this fails.`,
    );
  }
  return runs;
}

/** Fails a suite's setup in CI when the browser is missing. */
export function requireChromium(): void {
  if (!hasChromium) throw new Error(`CI needs Chromium at ${chromiumPath} for the browser tests`);
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The page's WCAG 2.1 A and AA violations found by axe-core (logged when there are any). */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  });
  if (violations.length) console.error(JSON.stringify(violations, null, 2));
  return violations;
}
