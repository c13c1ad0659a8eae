import { build } from 'vite';
import { clearCoverage, coverageLine } from './contractCoverage';

/** Shared by the browser-test projects (vitest.config.ts), which run side by side in one process. */
const shared = globalThis as { closedLoopE2e?: { built: Promise<void>; projects: number } };

async function buildAll() {
  clearCoverage();
  // Vitest sets NODE_ENV=test, under which Vite builds with development JSX (source paths in the
  // bundle, larger chunks): the tests must drive the package that ships, so build as production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
    await build({ configFile: new URL('../../playground/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Builds the app (dist/) and the playground's host page once for all browser tests, however many
 * projects run them; when the last project ends, prints what the run's API calls covered of
 * Zendesk's contract (see harness.ts).
 */
export default async function setup() {
  const state = (shared.closedLoopE2e ??= { built: buildAll(), projects: 0 });
  state.projects++;
  await state.built;
  return () => {
    if (--state.projects > 0) return;
    delete shared.closedLoopE2e;
    const line = coverageLine();
    if (line) console.log(line);
  };
}
