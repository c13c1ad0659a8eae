import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locationBundleSize } from '../../scripts/bundle-size';
import { validateManifest, type PackageFiles } from '../../scripts/manifest-rules';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(dist, path)];
  });
}

function packageFiles(): PackageFiles {
  const translations = Object.fromEntries(
    readdirSync(join(dist, 'translations')).map((f) => [f.replace('.json', ''), readJson(join(dist, 'translations', f))]),
  );
  return { files: new Set(files(dist)), translations };
}

describe('the built package (dist/)', () => {
  it('has the layout zcli expects', () => {
    const all = new Set(files(dist));
    for (const path of [
      'manifest.json',
      'requirements.json',
      'translations/en.json',
      'translations/de.json',
      'translations/fr.json',
      'translations/es.json',
      'translations/ja.json',
      // Zendesk names translation files by lowercased locale id: pt-BR.json is packaged as pt-br.json.
      'translations/pt-br.json',
      'assets/iframe.html',
      'assets/logo.png',
      'assets/logo-small.png',
      'assets/icon_nav_bar.svg',
    ]) {
      expect(all, path).toContain(path);
    }
  });

  it("passes Zendesk's manifest rules", () => {
    expect(validateManifest(readJson(join(dist, 'manifest.json')), packageFiles())).toEqual([]);
  });

  it('catches a manifest that breaks the rules', () => {
    const manifest = readJson(join(dist, 'manifest.json'));
    const broken = {
      ...manifest,
      frameworkVersion: '1.0',
      location: { support: { ticket_sidebar: { url: 'http://example.com/app.html' }, nav_bar: { url: 'assets/missing.html' } } },
      parameters: [
        { name: 'name', type: 'text' },
        { name: 'token', type: 'hidden', required: true },
        { name: 'token', type: 'colour', secure: 'yes' },
      ],
    };
    const errors = validateManifest(broken, packageFiles());
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('frameworkVersion'),
        expect.stringContaining('ticket_sidebar: url must be https or localhost'),
        expect.stringContaining('nav_bar: url assets/missing.html'),
        'duplicate parameters: token',
        'a parameter may not be called "name"',
        'token: a hidden parameter cannot be required',
        'token: unknown type colour',
        'token: secure must be true or false',
        'translations/en.json: app.parameters.name.label is missing',
      ]),
    );
  });

  it('is served by `zcli apps:server dist` offline', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, () => {
        const found = (probe.address() as { port: number }).port;
        probe.close(() => resolve(found));
      });
    });
    const zcli = spawn(join('node_modules', '.bin', 'zcli'), ['apps:server', 'dist', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let appJson: {
        apps: { name: string; locations: Record<string, Record<string, { url: string }>> }[];
        installations: { settings: Record<string, unknown>[] }[];
      } | null = null;
      for (let i = 0; i < 100 && !appJson; i++) {
        await new Promise((r) => setTimeout(r, 200));
        appJson = await fetch(`http://localhost:${port}/app.json`).then(
          (r) => r.json() as Promise<typeof appJson>,
          () => null,
        );
      }
      expect(appJson?.apps[0]?.name).toBe('Closed Loop');
      expect(appJson?.apps[0]?.locations.support?.ticket_sidebar?.url).toBe('assets/iframe.html');
      expect(appJson?.installations[0]?.settings).toContainEqual({ suggestion_count: 5 });
      const page = await fetch(`http://localhost:${port}/0/assets/iframe.html`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
    } finally {
      zcli.kill();
    }
  });

  it("keeps the sidebar's download apart from the console and within its size guard", () => {
    const assets = join(dist, 'assets');
    const sidebar = locationBundleSize(assets, 'features/sidebar/SidebarView.tsx', 'sidebar', ['domain/textAnalysis.ts']);
    const consoleView = locationBundleSize(assets, 'features/console/ConsoleView.tsx', 'console');
    const consoleOnly = consoleView.files.filter((f) => !sidebar.files.includes(f));
    expect(consoleOnly.some((f) => f.startsWith('ConsoleView-'))).toBe(true);
    expect(sidebar.files.some((f) => f.startsWith('ConsoleView-') || f.startsWith('ModalView-'))).toBe(false);
    // The matcher and query builder download after the first paint, never before it.
    expect(sidebar.files.some((f) => f.startsWith('textAnalysis-'))).toBe(false);
    expect(sidebar.deferred.files.some((f) => f.startsWith('textAnalysis-'))).toBe(true);
    // Regression guards on gzipped JS+CSS (SDK included), not the 30 KB target, which is not met.
    expect(sidebar.gzipBytes).toBeLessThanOrEqual(45_000);
    expect(sidebar.gzipBytes + sidebar.deferred.gzipBytes).toBeLessThanOrEqual(55_000);
  });
});
