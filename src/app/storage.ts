/**
 * The browser's storage of that name, or null where it is missing or blocked (merely reading
 * `localStorage` throws in a frame whose storage the browser denies, e.g. a third-party iframe).
 */
export function browserStorage(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[name] ?? null;
  } catch {
    return null;
  }
}
