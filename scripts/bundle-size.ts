import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCATION_PAGES } from './zendesk-package';

interface ManifestChunk {
  file: string;
  /** A chunk's name: that of its group in vite.config.ts for a chunk made by one. */
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/**
 * What the sidebar downloads alongside its first paint and runs after it: the panels with their
 * strings, the text analysis and Unified Search's request (`deferredSources` below).
 */
export const SIDEBAR_DEFERRED = [
  'domain/textAnalysis.ts',
  'unified-search',
  'features/sidebar/SidebarPanels.tsx',
  'translations/en.json?ns=answers,known_issue,knowledge',
];

export interface BundleSize {
  /** What the location downloads before its first paint. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** What loads lazily alongside (the sidebar's text analysis), not counted above. */
  deferred: { files: string[]; gzipBytes: number };
}

/**
 * What a location downloads before its first paint: its page (`page`, e.g. 'sidebar.html', see
 * LOCATION_PAGES) with the entry's static imports and CSS, the location's lazily loaded view chunk
 * with its own, and its English strings; and, apart, the chunks of `deferredSources` (source
 * paths, or the names of chunk groups) that load
 * lazily alongside it (with what they import and the first paint does not already have).
 * Read from the built page and Vite's build manifest, so the figures are exact for the build.
 */
export function locationBundleSize(distAssets: string, page: string, deferredSources: string[] = []): BundleSize {
  const manifest = JSON.parse(readFileSync(join(distAssets, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const location = LOCATION_PAGES[page];
  if (!location) throw new Error(`No location page ${page}`);
  const seen = new Set<string>();
  const files = new Set<string>([page]);
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`No chunk ${key} in the build manifest`);
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  // The page's own script, stylesheet and preloads: every location's page runs the same entry,
  // which the build may merge into a shared chunk, so the page is where its download starts.
  const html = readFileSync(join(distAssets, page), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
  if (!referenced.some((file) => file.endsWith('.js'))) throw new Error(`${page} loads no script`);
  for (const file of referenced) {
    const key = Object.keys(manifest).find((k) => manifest[k]!.file === file);
    if (key) visit(key);
    else files.add(file);
  }
  const view = Object.keys(manifest).find((key) => key.endsWith(location.view));
  if (!view) throw new Error(`${location.view} missing from the build manifest`);
  const strings = Object.keys(manifest).find((key) => key.endsWith(`translations/en.json?ns=${location.strings}`));
  if (!strings) throw new Error(`No English strings ?ns=${location.strings} in the build manifest`);
  visit(view);
  visit(strings);
  const firstPaint = new Set(files);
  files.clear();
  for (const source of deferredSources) {
    const lazy = Object.keys(manifest).find((key) => key.endsWith(source) || manifest[key]!.name === source);
    if (!lazy) throw new Error(`No chunk for ${source} in the build manifest`);
    visit(lazy);
  }
  const deferred = [...files].filter((f) => !firstPaint.has(f)).sort();
  const measure = (list: Iterable<string>) => {
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of list) {
      const content = readFileSync(join(distAssets, file));
      bytes += content.length;
      gzipBytes += gzipSync(content, { level: 9 }).length;
    }
    return { bytes, gzipBytes };
  };
  return { files: [...firstPaint].sort(), ...measure(firstPaint), deferred: { files: deferred, gzipBytes: measure(deferred).gzipBytes } };
}
