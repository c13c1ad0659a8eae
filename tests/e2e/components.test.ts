import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadedText, launchChromium } from './browser';

/**
 * Component tests: views rendered into a real DOM in Chromium (components/page.tsx, built here
 * into one script), for view logic that the browser tests over the whole app reach only partly.
 */
let browser: Browser;
let page: Page;
let script: string;
const out = mkdtempSync(join(tmpdir(), 'closed-loop-components-'));

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: out,
      emptyOutDir: true,
      minify: false,
      // A script, not a module, has no import.meta (empty here, which the bundler would otherwise warn
      // about): the library model cannot start the session's shared worker and runs without it, as
      // in a browser without shared workers.
      rolldownOptions: { transform: { define: { 'import.meta': '{}' } } },
      lib: {
        entry: fileURLToPath(new URL('./components/page.tsx', import.meta.url)),
        formats: ['iife'],
        name: 'components',
        fileName: () => 'page.js',
      },
    },
  });
  script = readFileSync(join(out, 'page.js'), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

async function show(scene: string) {
  page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="en"><body><div id="root"></div></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate((name) => window.show(name), scene);
}

describe('components in a real DOM', () => {
  it('the status line says why an action was refused, as an error, in words', async () => {
    await show('refused');
    const status = page.getByRole('status');
    expect(await status.textContent()).toBe('');
    await page.getByRole('button', { name: 'Act' }).click();
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toBe('Only team leads can do this. Your lead status was checked just now.');
    expect(await status.getAttribute('class')).toBe('status status--error');
  });

  it('an editor whose answer changed meanwhile shows both versions and lets the lead choose', async () => {
    await show('conflict');
    await page.getByRole('button', { name: 'Edit: Card blocked' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Their newer text');
    expect(await alert.textContent()).toContain('Mine to edit');
    expect(await alert.getByRole('button').allTextContents()).toEqual(['Save my version', 'Use their version']);
    await alert.getByRole('button', { name: 'Use their version' }).click();
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByLabel('Answer', { exact: true }).inputValue()).toBe('Their newer text');
  });

  it('a panel that crashes shows a translated message and a retry, and the others stay', async () => {
    await show('boundary');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Something went wrong. Try again in a moment.');
    expect(await alert.textContent()).not.toContain('Cannot read');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await page.getByText('The other panel').count()).toBe(1);
  });

  it('a long figures table shows a hundred rows at a time, and its CSV has them all', async () => {
    await show('longTable');
    const rows = page.getByTestId('long').locator('tbody tr');
    expect(await rows.count()).toBe(100);
    expect(await page.getByText('Showing 100 of 250').count()).toBe(1);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => rows.count()).toBe(200);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => rows.count()).toBe(250);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    const csv = (await downloadedText(page, page.getByTestId('long-csv'))).trim().split(/\r?\n/);
    expect(csv).toHaveLength(251);
    expect(csv.at(-1)).toBe('Answer 249,249');
  });
});
