import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // Two test files at a time: the browser tests spend most of their time waiting (timeouts,
    // latency, the playground's search lag), so a second one fits beside them on 2 cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Compute-heavy cases (the matcher's cross-validation) take seconds on a loaded 2-core machine.
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 180_000,
          // CI shares a loaded 2-core machine: a condition may take seconds to come true there.
          expect: { poll: { timeout: 30_000 } },
          hookTimeout: 120_000,
          // One Chromium and one playground per file (each on a port of its own), two files at once.
          maxWorkers: 2,
        },
      },
    ],
  },
});
