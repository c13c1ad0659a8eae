import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser files that take minutes each (the fault matrix, the hostile corpus) start first, so
 * that the two lanes end together instead of one running a long file alone at the end. Vitest
 * orders by the last run's durations when it has them; a clean clone has none, and it then starts
 * the largest files first, which these generated matrices are not.
 */
const LONGEST_FIRST = ['faults-actions', 'faults', 'hostile'];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // Two test files at a time: the browser tests spend most of their time waiting (timeouts,
    // latency, the playground's search lag), so a second one fits beside them on 2 cores.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
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
