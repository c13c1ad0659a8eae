/**
 * Screenshots of the sidebar and the lead console in the playground, light and dark, for the
 * README: `npm run screenshots` writes docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import setup from '../tests/e2e/globalSetup';
import { startSession } from '../tests/e2e/harness';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const ESCALATED_TICKET = 4103;

async function main() {
  await setup();
  mkdirSync(out, { recursive: true });
  const s = await startSession();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await s.fresh();
      await s.page.setViewportSize({ width: 1280, height: 2000 });
      await s.page.emulateMedia({ colorScheme: scheme });
      await s.persona('lead');
      await s.open({ ticket: ESCALATED_TICKET });
      await s.sidebar().locator('[data-panel="knowledge"] li.article').first().waitFor();
      await s.sidebar().getByRole('button', { name: 'Escalate' }).waitFor();
      await s.page.waitForTimeout(500);
      await s.page.locator('iframe[data-location="ticket_sidebar"]').screenshot({ path: `${out}sidebar-${scheme}.png` });

      await s.page.setViewportSize({ width: 1280, height: 800 });
      await s.open({ route: 'console' });
      await s.console().getByTestId('queue-row').first().waitFor();
      await s.page.waitForTimeout(500);
      await s.page.locator('iframe[data-location="nav_bar"]').screenshot({ path: `${out}console-${scheme}.png` });
    }
  } finally {
    await s.close();
  }
  console.log(`screenshots written to docs/screenshots/`);
}

await main();
