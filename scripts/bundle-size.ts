import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

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

export interface BundleSize {
  /** What the location downloads before its first paint. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** What loads lazily alongside (the sidebar's text analysis), not counted above. */
  deferred: { files: string[]; gzipBytes: number };
}

/**
 * What a location downloads before its first paint: the iframe entry with its static imports and
 * CSS, the location's lazily loaded view chunk with its own, and its English strings (`namespace`
 * names the string bundle, e.g. 'sidebar'); and, apart, the chunks of `deferredSources` (source paths,
 * or the names of chunk groups) that load
 * lazily alongside it (with what they import and the first paint does not already have).
 * Read from Vite's build manifest, so the figures are exact for the build.
 */
export function locationBundleSize(distAssets: string, viewSource: string, namespace: string, deferredSources: string[] = []): BundleSize {
  const manifest = JSON.parse(readFileSync(join(distAssets, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const files = new Set<string>(['iframe.html']);
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`No chunk ${key} in the build manifest`);
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const view = Object.keys(manifest).find((key) => key.endsWith(viewSource));
  if (!entry || !view) throw new Error(`Entry or ${viewSource} missing from the build manifest`);
  const strings = Object.keys(manifest).find(
    (key) => /translations\/en\.json\?ns=/.test(key) && key.split('ns=')[1]!.split(',').includes(namespace),
  );
  if (!strings) throw new Error(`No English strings with namespace ${namespace} in the build manifest`);
  visit(entry);
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
