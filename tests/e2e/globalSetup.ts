import { build } from 'vite';
import { clearCoverage, coverageLine } from './contractCoverage';

/**
 * Builds the app (dist/) and the playground's host page once for all browser tests; at the end,
 * prints what the run's API calls covered of Zendesk's contract (see harness.ts).
 */
export default async function setup() {
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
  return () => {
    const line = coverageLine();
    if (line) console.log(line);
  };
}
