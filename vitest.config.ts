import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fixed pseudonym key, as a function has once its cold start loaded the real one.
    setupFiles: ['test/support/pseudonym-test-key.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and end-to-end files each start their own emulators on free ports; two cores.
    maxWorkers: 2,
    pool: 'forks',
    // A page's answer to a click waits on a Lambda handler and the emulators: on two busy cores
    // that can take more than vitest's default second, which is no failure of the page.
    expect: { poll: { timeout: 10_000 } },
  },
});
