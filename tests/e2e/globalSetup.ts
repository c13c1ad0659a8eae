import { build } from 'vite';

/** Builds the app (dist/) and the playground's host page once for all browser tests. */
export default async function setup() {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({ configFile: new URL('../../playground/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
