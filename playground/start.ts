import { build } from 'vite';
import { startPlayground } from './server';

/** `npm start`: builds the app and the host page, then serves the offline Zendesk. */
const args = new Set(process.argv.slice(2));
if (!args.has('--no-build')) {
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({ configFile: new URL('./vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
const port = Number(process.env.PORT ?? 4567);
const playground = await startPlayground({ port });
console.log(`Closed Loop playground (offline Zendesk): ${playground.url}`);
console.log('Switch persona at the top right; the app settings are under "Admin Center · App settings".');
