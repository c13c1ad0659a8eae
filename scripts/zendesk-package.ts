import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * One page per location, each the URL Zendesk loads for it (manifest.json's `url`; the modal's is
 * the `instances.create` url in src/features/answers/proposal.ts). The page names its location so
 * the app starts that location's view, strings and data before the SDK's handshake says where it
 * runs. `view` and `strings` (the English strings' `?ns=` query in src/i18n/bundles.ts) name what
 * the page preloads: the build fails if either is missing from the bundle.
 */
export const LOCATION_PAGES: Record<string, { location: string; view: string; strings: string }> = {
  'sidebar.html': {
    location: 'ticket_sidebar',
    view: 'features/sidebar/SidebarView.tsx',
    strings: 'common,boot,sidebar,escalation',
  },
  'console.html': {
    location: 'nav_bar',
    view: 'features/console/ConsoleView.tsx',
    strings: 'common,boot,console,setup,escalation,root_cause,answers,known_issue',
  },
  'background.html': { location: 'background', view: 'features/background/BackgroundView.tsx', strings: 'common,boot,background' },
  'modal.html': { location: 'modal', view: 'features/modal/ModalView.tsx', strings: 'common,boot,answers' },
};

/**
 * Builds every location's page from the one template (src/page.html: CSP, markup, entry script),
 * with its location on `<html data-location>`; the pages exist only in the build.
 */
export function locationPages(srcDir: string): Plugin {
  const template = join(srcDir, 'page.html');
  const pages = new Map(Object.entries(LOCATION_PAGES).map(([file, page]) => [join(srcDir, file), page]));
  return {
    name: 'location-pages',
    enforce: 'pre',
    resolveId(id) {
      return pages.has(id) ? id : null;
    },
    load(id) {
      const page = pages.get(id);
      if (!page) return null;
      this.addWatchFile(template);
      const html = readFileSync(template, 'utf8');
      if (!html.includes('<html lang="en">')) throw new Error('src/page.html must open with <html lang="en">');
      return html.replace('<html lang="en">', `<html lang="en" data-location="${page.location}">`);
    },
    // The page preloads its view and English strings, so they download beside the entry rather
    // than once it runs.
    transformIndexHtml: {
      order: 'post',
      handler(_html, { filename, bundle }) {
        const page = pages.get(filename);
        if (!page || !bundle) return;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const find = (suffix: string) => {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(suffix));
          if (!chunk) throw new Error(`${filename}: no chunk for ${suffix} to preload`);
          return chunk.fileName;
        };
        const preloads = [find(page.view), find(`translations/en.json?ns=${page.strings}`)];
        return preloads.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * Lays out `dist/` as zcli expects it: manifest.json, requirements.json and translations/ at the
 * top, the built iframe page and the logos in assets/. The sources stay single: the repo's
 * manifest.json and translations/*.json are the only copies edited by hand.
 */
/**
 * The app imports translations/*.json for its UI strings. A `?ns=a,b` query keeps only those
 * `ui.*` namespaces, so each location downloads its own strings; the `app` section (Admin
 * Center texts) is Zendesk's: only `app.name` stays in the bundle, and the settings' labels
 * where the setup check uses them (the escalation settings' where an escalation is refused).
 */
export function uiTranslations(): Plugin {
  return {
    name: 'ui-translations',
    enforce: 'pre',
    transform(code, id) {
      const [path = '', query = ''] = id.split('?');
      if (!/[\\/]translations[\\/][^\\/]+\.json$/.test(path)) return null;
      type Parameters = Record<string, { label?: string }>;
      const { app, ui = {} } = JSON.parse(code) as { app?: { name?: string; parameters?: Parameters }; ui?: Record<string, unknown> };
      const namespaces = new URLSearchParams(query).get('ns')?.split(',');
      const kept = namespaces ? Object.fromEntries(Object.entries(ui).filter(([ns]) => namespaces.includes(ns))) : ui;
      // The setup check and a refused escalation name a setting by the label Admin Center shows for it.
      const labelled = (name: string) =>
        !namespaces || namespaces.includes('setup') || (namespaces.includes('escalation') && name.startsWith('escalation_'));
      const parameters = Object.entries(app?.parameters ?? {}).filter(([name]) => labelled(name));
      const labels = parameters.length ? Object.fromEntries(parameters.map(([name, p]) => [name, { label: p.label }])) : undefined;
      const json = JSON.stringify({ app: { name: app?.name, parameters: labels }, ui: kept });
      // Vite's JSON plugin skips ids with a query, so those become a module here.
      return { code: query ? `export default JSON.parse(${JSON.stringify(json)});` : json, map: null };
    },
  };
}

/**
 * Which translations/*.json go into the package and under which name. Zendesk keys an app's
 * translations by lowercased locale id (its own tooling writes `pt-br.json`, `zh-cn.json`), so
 * `pt-BR.json` is packaged as `pt-br.json`; the content is copied unchanged.
 */
export function translationFiles(files: string[]): [source: string, target: string][] {
  const pairs = files.filter((f) => f.endsWith('.json')).map((f) => [f, f.toLowerCase()] as [string, string]);
  const targets = pairs.map(([, target]) => target);
  const clash = targets.find((target, i) => targets.indexOf(target) !== i);
  if (clash) throw new Error(`Two translation files would both be packaged as translations/${clash}`);
  return pairs;
}

export function zendeskPackage(root: string): Plugin {
  const dist = join(root, 'dist');
  return {
    name: 'zendesk-package',
    apply: 'build',
    closeBundle() {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify({ ...manifest, version: pkg.version }, null, 2)}\n`);
      copyFileSync(join(root, 'requirements.json'), join(dist, 'requirements.json'));
      // zcli prompts for every setting it has no value for; the defaults keep `zcli apps:server dist`
      // non-interactive, and .zcliignore keeps this local file out of the uploaded package.
      const configPath = join(dist, 'zcli.apps.config.json');
      const previous = existsSync(configPath) ? readFileSync(configPath, 'utf8') : null;
      writeFileSync(configPath, zcliAppsConfig(previous, manifest.parameters as { name: string; default?: unknown }[]));
      writeFileSync(join(dist, '.zcliignore'), 'zcli.apps.config.json\nassets/.vite\n');
      mkdirSync(join(dist, 'translations'), { recursive: true });
      for (const [source, target] of translationFiles(readdirSync(join(root, 'translations')))) {
        copyFileSync(join(root, 'translations', source), join(dist, 'translations', target));
      }
      for (const file of readdirSync(join(root, 'assets'))) {
        copyFileSync(join(root, 'assets', file), join(dist, 'assets', file));
      }
    },
  };
}

/**
 * dist/zcli.apps.config.json: the settings' defaults for `zcli apps:server`, and whatever zcli
 * wrote there itself, kept across builds: `apps:create` records the new app's `app_id` in it, and
 * `apps:update` reads it back.
 */
export function zcliAppsConfig(previous: string | null, parameters: { name: string; default?: unknown }[]): string {
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = previous ? JSON.parse(previous) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch {
    // An unreadable file is rewritten from the defaults.
  }
  const defaults = Object.fromEntries(parameters.map((p) => [p.name, p.default ?? '']));
  return `${JSON.stringify({ ...config, parameters: defaults }, null, 2)}\n`;
}
