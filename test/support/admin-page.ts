/**
 * What the admin-page browser suites share: a sandbox in a fresh data folder and Debian's Chromium
 * for the calling `describe` block, a page signed in as a seeded staff user that records what went
 * wrong on it, the staff API with that user's token, and a poller.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../infra/local/sandbox.ts';
import { tokenKey } from '../../web/src/admin/auth.ts';
import { text } from '../../web/src/admin/texts.ts';
import { chromiumArgs, chromiumPath, requireChromium } from './browser.ts';
import { type SandboxClient, type SandboxSuite, sandboxClient, staffToken } from './sandbox-client.ts';

/** The admin page's Latvian text for `key`. */
export const lv = (key: Parameters<typeof text>[1], values?: Record<string, string>) =>
  text('lv', key, values);

export interface AdminPageOptions {
  /** The sandbox's options, over `{ quiet: true, schedules: false }`. */
  readonly sandbox?: Omit<SandboxOptions, 'dataDir'>;
  /** The pages' viewport (default 1280 × 900). */
  readonly viewport?: { width: number; height: number };
}

export interface OpenAsOptions {
  /**
   * The browser context's options, over the suite's: `bypassCSP: true` (for axe's injected
   * script; `false` to have the page's CSP enforced), `locale: 'lv-LV'` and its viewport.
   */
  readonly context?: BrowserContextOptions;
  /** Runs on the new page before it loads, e.g. to record the requests it makes. */
  readonly beforeLoad?: (page: Page) => void;
  /** What shows that the page has loaded (default `#view-heading`). */
  readonly readySelector?: string;
}

/** A page signed in as a staff user, and what went wrong on it: script errors, console errors, dialogs. */
export interface AdminPageView {
  readonly page: Page;
  readonly problems: string[];
  readonly context: BrowserContext;
}

/** A test file's sandbox, browser and helpers: the sandbox and browser set once its `beforeAll` ran. */
export interface AdminPageSuite extends SandboxSuite {
  readonly browser: Browser;
  /**
   * Opens `path` in a fresh browser context (own storage) signed in as `username` (the token in
   * sessionStorage before the page's script runs, once per tab, so that a sign-out sticks), and
   * waits for it to load. Dialogs are dismissed and recorded as problems, as are script errors and
   * console errors other than Chromium's "Failed to load resource" for a 4xx answer. The context
   * is closed after the test.
   */
  openAs(username: string, path?: string, options?: OpenAsOptions): Promise<AdminPageView>;
  /** Closes the pages opened so far in this test. */
  closePages(): Promise<void>;
  /** Calls the staff API as `username` (in Latvian), answering the status and the JSON body. */
  api<T = unknown>(
    username: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** A staff access token for a seeded user (see `staffToken`). */
  tokenFor(username: string): Promise<string>;
  /** Polls `probe` every half second until it answers something, or fails after `timeoutMs`. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
}

/**
 * Starts a sandbox for the calling `describe` block in a fresh data folder (`<prefix>XXXXXX` in the
 * temporary directory) and Chromium before its tests (failing in CI without Chromium), closes the
 * pages it opened after each test, and stops both and removes the folder after them all. Call it
 * inside `describe.skipIf(!browserSuiteRuns(...))` so that the hooks are skipped with the suite.
 */
export function useAdminPage(prefix: string, options: AdminPageOptions = {}): AdminPageSuite {
  const state: { sandbox?: Sandbox; client?: SandboxClient; dataDir?: string; browser?: Browser } = {};
  const contexts = new Set<BrowserContext>();
  const viewport = options.viewport ?? { width: 1280, height: 900 };

  beforeAll(async () => {
    requireChromium();
    state.dataDir = mkdtempSync(join(tmpdir(), prefix));
    [state.sandbox, state.browser] = await Promise.all([
      startSandbox({ quiet: true, schedules: false, ...options.sandbox, dataDir: state.dataDir }),
      chromium.launch({ executablePath: chromiumPath, args: chromiumArgs }),
    ]);
    state.client = sandboxClient(state.sandbox);
  });

  async function closePages(): Promise<void> {
    const open = [...contexts];
    contexts.clear();
    await Promise.all(open.map((context) => context.close()));
  }

  afterEach(closePages);

  afterAll(async () => {
    state.client?.destroy();
    await state.browser?.close();
    await state.sandbox?.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  });

  const sandbox = () => {
    if (!state.sandbox) throw new Error('The sandbox is not started yet (it starts in beforeAll)');
    return state.sandbox;
  };

  const tokenFor = (username: string) => staffToken(sandbox(), username);

  async function openAs(
    username: string,
    path = '/admin/',
    open: OpenAsOptions = {},
  ): Promise<AdminPageView> {
    if (!state.browser) throw new Error('The browser is not started yet (it starts in beforeAll)');
    const context = await state.browser.newContext({
      bypassCSP: true,
      locale: 'lv-LV',
      viewport,
      ...open.context,
    });
    contexts.add(context);
    const page = await context.newPage();
    const problems: string[] = [];
    open.beforeLoad?.(page);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (entry) => {
      // Chromium logs every 4xx answer; the tests provoke some on purpose.
      if (entry.type() === 'error' && !entry.text().startsWith('Failed to load resource'))
        problems.push(`console: ${entry.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const token = await tokenFor(username);
    await page.addInitScript(
      ([key, value]) => {
        // Init scripts run in every frame; a sandboxed frame may not touch storage.
        if (window !== window.top) return;
        if (window.sessionStorage.getItem('test.seeded')) return;
        window.sessionStorage.setItem('test.seeded', 'yes');
        window.sessionStorage.setItem(key, value);
      },
      [tokenKey, token] as const,
    );
    await page.goto(new URL(path, sandbox().urls.web).href);
    await page.locator(open.readySelector ?? '#view-heading').waitFor();
    return { page, problems, context };
  }

  async function api<T = unknown>(username: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await fetch(`${sandbox().urls.web}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(username)}`,
        'accept-language': 'lv',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  return {
    get sandbox() {
      return sandbox();
    },
    get client() {
      if (!state.client) throw new Error('The sandbox is not started yet (it starts in beforeAll)');
      return state.client;
    },
    get dataDir() {
      if (!state.dataDir) throw new Error('The sandbox is not started yet (it starts in beforeAll)');
      return state.dataDir;
    },
    get browser() {
      if (!state.browser) throw new Error('The browser is not started yet (it starts in beforeAll)');
      return state.browser;
    },
    openAs,
    closePages,
    api,
    tokenFor,
    until,
  };
}
