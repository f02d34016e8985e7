import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    // CI runs on a loaded 2-core machine where a terminal frame can arrive late; a feature that is
    // really broken fails the retry too. Locally a failure shows at once.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
    // The JSON report is what .ci/run reads to print its `N passed, N failed` line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
