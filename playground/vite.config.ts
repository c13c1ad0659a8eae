import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the playground's host page (the offline agent workspace) into .cache/playground. */
export default defineConfig({
  root: fileURLToPath(new URL('./host', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../.cache/playground', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
