import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const host = (file: string) => fileURLToPath(new URL(`./host/${file}`, import.meta.url));

/** Builds the playground's pages (the agent workspace, Help Center article pages) into .cache/playground. */
export default defineConfig({
  root: host(''),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../.cache/playground', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: { index: host('index.html'), article: host('article.html') } },
  },
});
