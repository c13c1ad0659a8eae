import { defineConfig } from 'vitest/config';

/** The fault matrices: mostly waiting on timeouts and latency, so they run beside the other browser tests. */
const FAULT_FILES = ['tests/e2e/faults*.test.ts'];

/** What both browser-test projects share: one Chromium and one playground per file, files one after another. */
const browserTests = {
  globalSetup: ['tests/e2e/globalSetup.ts'],
  testTimeout: 180_000,
  // CI shares a loaded 2-core machine: a condition may take seconds to come true there.
  expect: { poll: { timeout: 30_000 } },
  hookTimeout: 120_000,
  fileParallelism: false,
};

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // The projects run side by side (each runs its own files one at a time): at most two browsers at once.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        // Compute-heavy cases (the matcher's cross-validation) take seconds on a loaded 2-core machine.
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 60_000 },
      },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: FAULT_FILES, ...browserTests } },
      { extends: true, test: { name: 'e2e-faults', include: FAULT_FILES, ...browserTests } },
    ],
  },
});
