/**
 * A loader of a chunk that downloads once per page: every call shares the first download, and a
 * failed one is tried again on the next call (a panel's "Try again").
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
