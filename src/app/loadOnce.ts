/** Imports a module by its URL: a chunk's own, as the build wrote it. */
type ImportUrl = (url: string) => Promise<unknown>;
const importUrl: ImportUrl = (url) => import(/* @vite-ignore */ url);

/**
 * A loader of a chunk that downloads once per page: every call shares the first download, and a
 * failed one is tried again on the next call (a panel's "Try again"). Browsers may keep a failed
 * import's failure for the page's life and answer the same import with it again without a request,
 * so the retry asks for the chunk at a URL of its own (`?retry=1`): the same file, loaded afresh.
 * The URL is the one the browser's error names ("Failed to fetch dynamically imported module:
 * <url>"); `load` is therefore a chunk's import as it is, resolving to the chunk's module.
 */
export function loadOnce<T>(load: () => Promise<T>, byUrl: ImportUrl = importUrl): () => Promise<T> {
  let pending: Promise<T> | null = null;
  let failed = '';
  let retries = 0;
  return () =>
    (pending ??= (failed ? (byUrl(`${failed}?retry=${++retries}`) as Promise<T>) : load()).catch((error: unknown) => {
      pending = null;
      failed = /[a-z]+:\/\/[^\s'"?]+\.js/.exec(String(error))?.[0] ?? failed;
      throw error;
    }));
}
