import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium from PATH (or CHROMIUM_PATH): Playwright cannot download its own here. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('No Chromium found on PATH; install Debian\'s "chromium" package or set CHROMIUM_PATH');
}

/**
 * Debian's Chromium denies storage to cross-site iframes (third-party cookie phase-out), which
 * mainstream browsers do not do by default; `thirdPartyStorage: false` keeps that stricter mode
 * so tests can check the app still works there.
 */
export function launchChromium(options: { thirdPartyStorage?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.thirdPartyStorage === false ? [] : ['--disable-features=TrackingProtection3pcd']),
    ],
  });
}

/** The text of the file that clicking `link` (on `page`, or in a frame of it) downloads. */
export async function downloadedText(page: Page, link: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFileSync(await download.path(), 'utf8');
}
