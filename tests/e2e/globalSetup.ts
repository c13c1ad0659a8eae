import { build } from 'vite';
import { clearCoverage, coverageLine } from './contractCoverage';

/**
 * Builds the app (dist/) and the playground's host page once for all browser tests; at the end,
 * prints what the run's API calls covered of Zendesk's contract (see harness.ts).
 */
export default async function setup() {
  clearCoverage();
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({ configFile: new URL('../../playground/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  return () => {
    const line = coverageLine();
    if (line) console.log(line);
  };
}
