import { fileURLToPath } from 'node:url';
import { defineConfig, type Rolldown } from 'vite';
import { join } from 'node:path';
import { LOCATION_PAGES, locationPages, uiTranslations, zendeskPackage } from './scripts/zendesk-package.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = join(root, 'src');

/** The modules the sidebar's first paint runs: the boot and its view, with what they import statically. */
const firstPaints = new WeakMap<object, Set<string>>();
function sidebarFirstPaint(ctx: Rolldown.ChunkingContext): Set<string> {
  const boot = ctx.getModuleInfo(join(src, 'main.tsx'));
  if (!boot) throw new Error('src/main.tsx is not part of the build');
  const known = firstPaints.get(boot);
  if (known) return known;
  const found = new Set<string>();
  const visit = (id: string) => {
    if (found.has(id)) return;
    found.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  visit(boot.id);
  visit(join(src, LOCATION_PAGES['sidebar.html']!.view));
  firstPaints.set(boot, found);
  return found;
}

export default defineConfig({
  root: 'src',
  base: './',
  publicDir: false,
  resolve: {
    alias: [
      { find: /^\.\/vendor\/native-promise-only$/, replacement: fileURLToPath(new URL('./src/host/vendor/promise.ts', import.meta.url)) },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/assets',
    emptyOutDir: true,
    assetsDir: '.',
    target: 'es2022',
    // The HTML preloads the entry's own chunks, so they download side by side rather than one
    // after the other; no polyfill (every browser Zendesk supports has modulepreload).
    modulePreload: { polyfill: false },
    // Lists which chunks each entry loads, for the size budget (scripts/bundle-size.ts).
    manifest: true,
    rolldownOptions: {
      // One page per location (scripts/zendesk-package.ts), all from src/page.html.
      input: Object.keys(LOCATION_PAGES).map((file) => join(src, file)),
      // Whatever two locations use goes into one chunk: fewer, better-compressed files (-1.8 KB
      // gzipped for the sidebar than rolldown's default split) and one cached file for every location.
      // Editing answers (the form and the writes: proposal modal and console, never the sidebar; with
      // them the leads' root-cause updates) gets a chunk of its own, without its other dependencies (they stay shared), so the sidebar does not
      // download it (-0.9 KB gzipped for the form, -1 KB for the writes).
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'answer-editing',
              test: /[\\/](features[\\/]answers[\\/](AnswerForm\.tsx|form\.css|knownIssueWrites\.ts)|host[\\/]api[\\/](answerWrites|recordWrites|rootCauseReview)\.ts)/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // Ticket search: the console and the background watcher, not the sidebar.
            { name: 'ticket-search', test: /[\\/]host[\\/]api[\\/]search\.ts/, priority: 1, includeDependenciesRecursively: false },
            // A proposal sent back: the console shows it, the background tells its proposer; never the sidebar.
            { name: 'send-back', test: /[\\/]domain[\\/]answers[\\/]sendBack\.ts/, priority: 1, includeDependenciesRecursively: false },
            // The answers' Markdown: the sidebar gets it with the text analysis, after its first paint.
            {
              name: 'answer-text',
              test: /[\\/]domain[\\/]answers[\\/](markdown|filled)\.ts/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // Root causes: the console's, and the sidebar's only once a lead resolves an escalation.
            {
              name: 'root-causes',
              test: /[\\/](domain[\\/]rootCauses|host[\\/]api[\\/]rootCauses)\.ts/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // Unified Search: the sidebar loads it beside the query builder, after its first paint.
            {
              name: 'unified-search',
              test: /[\\/](host[\\/]api[\\/]unifiedSearch|domain[\\/]knowledge[\\/]sources)\.ts/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // Known issues: the sidebar loads them after its first paint; the console with its view.
            {
              name: 'known-issues',
              test: /[\\/](domain[\\/]answers[\\/]knownIssue|host[\\/]api[\\/]problems|features[\\/]answers[\\/](knownIssue|knownIssuePart|KnownIssueView))\.tsx?$/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // What the text analysis, the session's matcher (features/answers/sessionMatcher.ts) and the
            // matcher's own code for a frame that trains it (domain/matching/persist.ts) have in common:
            // the words of a text and the library's fingerprint. After the first paint, not in the shared chunk.
            {
              name: 'text-common',
              test: /[\\/](domain[\\/]matching[\\/](text|stemmer|fingerprint|tuning)|features[\\/]answers[\\/](sessionMatcher|sharedMatcher|cachedLibrary))\.ts$/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // The glossary of support words in five languages: the matcher's (the shared worker has a copy
            // of its own), and the knowledge suggestions' for a customer who wrote in another language.
            {
              name: 'glossary',
              test: /[\\/]domain[\\/](matching[\\/]glossary|knowledge[\\/]english)\.ts$/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            // What two locations share splits in two: what the sidebar's first paint runs (the boot and
            // its view, statically imported) and the rest, so the first paint downloads only the former.
            {
              name: (id, ctx) => (sidebarFirstPaint(ctx).has(id) ? 'shared' : 'shared-later'),
              debugName: 'shared',
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  // The session's shared matcher (features/answers/matcherWorker.ts): a module of its own, loaded by the worker alone.
  worker: { format: 'es' },
  plugins: [locationPages(src), uiTranslations(), zendeskPackage(root)],
});
