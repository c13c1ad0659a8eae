import { browserStorage } from './storage';

/**
 * Data kept for the agent's browser session (sessionStorage is shared by every instance of the
 * app in the tab, so each ticket's sidebar reuses it). Falls back to memory where storage is
 * blocked; anything unreadable counts as absent.
 */
export interface SessionCache {
  get<T>(key: string, maxAgeMs: number): { value: T; savedAt: number } | null;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

const PREFIX = 'closed-loop:v1:';

export function createSessionCache(storage: Storage | null = browserStorage('sessionStorage'), now: () => number = Date.now): SessionCache {
  const memory = new Map<string, string>();
  const read = (key: string) => {
    try {
      return storage ? storage.getItem(PREFIX + key) : (memory.get(key) ?? null);
    } catch {
      return memory.get(key) ?? null;
    }
  };
  const write = (key: string, value: string | null) => {
    try {
      if (!storage) throw new Error('no storage');
      if (value === null) storage.removeItem(PREFIX + key);
      else storage.setItem(PREFIX + key, value);
    } catch {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
    }
  };
  return {
    get<T>(key: string, maxAgeMs: number) {
      const raw = read(key);
      if (!raw) return null;
      try {
        const entry = JSON.parse(raw) as { value: T; savedAt: number };
        return typeof entry.savedAt === 'number' && now() - entry.savedAt <= maxAgeMs ? entry : null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      write(key, JSON.stringify({ value, savedAt: now() }));
    },
    remove(key) {
      write(key, null);
    },
  };
}
