import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and end-to-end files each start their own emulators on free ports; two cores.
    maxWorkers: 2,
    pool: 'forks',
  },
});
