import { browserStorage } from './storage';

/**
 * Data kept for the agent's browser session (sessionStorage is shared by every instance of the
 * app in the tab, so each ticket's sidebar reuses it). Anything unreadable counts as absent.
 */
export interface SessionCache {
  get<T>(key: string, maxAgeMs: number): { value: T; savedAt: number } | null;
  set(key: string, value: unknown): void;
}

// v2: an entry is stored as `<savedAt>|<JSON>`, so its age is known without parsing it.
const PREFIX = 'closed-loop:v2:';

/**
 * An entry longer than this is never written to the storage: to fit, it would push out every
 * other entry, if it fits at all (the browser gives a session about 5 million characters). A
 * large account's answer library is one (features/answers/cachedLibrary.ts keeps it elsewhere).
 */
const MAX_STORED_CHARS = 2_000_000;

/**
 * Whether `value` written as JSON surely takes more than `limit` characters: its strings and keys
 * are counted, without writing it, until the count passes the limit. A large value is told so in a
 * fraction of the time writing it takes.
 */
function surelyLongerThan(value: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length && count <= limit) {
    const next = pending.pop();
    if (typeof next === 'string') count += next.length + 2;
    else if (typeof next !== 'object' || next === null) count += 1;
    else
      for (const [key, item] of Object.entries(next)) {
        count += Array.isArray(next) ? 1 : key.length + 3;
        pending.push(item);
      }
  }
  return count > limit;
}

interface Entry {
  value: unknown;
  savedAt: number;
  /** Written by this frame but not stored (storage full or blocked): only this frame has it. */
  memoryOnly: boolean;
}

const savedAtOf = (raw: string) => Number(raw.slice(0, raw.indexOf('|')));

/**
 * Reads come from this frame's memory unless the storage holds a newer entry (another instance
 * wrote it), so a value is parsed once per change, not once per read. A write that does not fit
 * evicts the oldest entries until it does; one that never fits, or is too large to try (or a
 * frame without storage) lives in memory only, and its older stored copy is removed so no instance reads stale data; an
 * entry gone from the storage (evicted by another instance) is gone from memory too.
 */
export function createSessionCache(storage: Storage | null = browserStorage('sessionStorage'), now: () => number = Date.now): SessionCache {
  const memory = new Map<string, Entry>();

  const stored = (key: string): string | null => {
    try {
      return storage?.getItem(PREFIX + key) ?? null;
    } catch {
      return null;
    }
  };

  /** The app's stored keys, oldest entry first. */
  const byAge = (store: Storage) => {
    const keys: { key: string; savedAt: number }[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX)) keys.push({ key, savedAt: savedAtOf(store.getItem(key) ?? '') || 0 });
    }
    return keys.sort((a, b) => a.savedAt - b.savedAt).map((k) => k.key);
  };

  /** Stores `raw` under `key`, evicting the oldest other entries while the storage is full; null: too large to try. */
  const store = (key: string, raw: string | null): boolean => {
    if (!storage) return false;
    try {
      if (raw === null || raw.length > MAX_STORED_CHARS) {
        storage.removeItem(PREFIX + key);
        return false;
      }
      const evictable = () => byAge(storage).filter((k) => k !== PREFIX + key);
      for (let victims: string[] | null = null; ;) {
        try {
          storage.setItem(PREFIX + key, raw);
          return true;
        } catch {
          victims ??= evictable();
          const oldest = victims.shift();
          if (!oldest) break;
          storage.removeItem(oldest);
        }
      }
      storage.removeItem(PREFIX + key);
    } catch {
      // A storage that throws on every call: memory only.
    }
    return false;
  };

  return {
    get<T>(key: string, maxAgeMs: number) {
      let entry = memory.get(key);
      const raw = stored(key);
      if (!raw && entry && !entry.memoryOnly) {
        memory.delete(key);
        entry = undefined;
      }
      if (raw && (!entry || savedAtOf(raw) > entry.savedAt)) {
        try {
          const value = JSON.parse(raw.slice(raw.indexOf('|') + 1)) as unknown;
          entry = { value, savedAt: savedAtOf(raw), memoryOnly: false };
          memory.set(key, entry);
        } catch {
          return null;
        }
      }
      if (!entry || !Number.isFinite(entry.savedAt) || now() - entry.savedAt > maxAgeMs) return null;
      return entry as { value: T; savedAt: number };
    },
    set(key, value) {
      const savedAt = now();
      const kept = store(key, surelyLongerThan(value, MAX_STORED_CHARS) ? null : `${savedAt}|${JSON.stringify(value)}`);
      memory.set(key, { value, savedAt, memoryOnly: !kept });
    },
  };
}

/** How old a ticket's version must be when read for the read to be kept (see `byVersion`). */
const SETTLED_MS = 60_000;
const VERSION_KEPT_MS = 8 * 3600_000;

/**
 * What was read of one ticket at one version (its `updated_at`: any change to a ticket is a new
 * version, and a new audit). It is kept only when the version was over a minute old at the read,
 * so no later save can share its second-precision stamp, and given back only for that version
 * (compared as a time: the SDK and the REST API need not write it alike).
 */
export function byVersion<T>(cache: SessionCache, key: string, now: () => number) {
  const time = (version: string | null) => (version ? Date.parse(version) : NaN);
  const get = (version: string | null): T | null => {
    const kept = Number.isNaN(time(version)) ? undefined : cache.get<{ version: string; value: T }>(key, VERSION_KEPT_MS)?.value;
    return kept && time(kept.version) === time(version) ? kept.value : null;
  };
  const set = (version: string | null, value: T) => {
    if (now() - time(version) > SETTLED_MS) cache.set(key, { version, value });
  };
  return {
    get,
    set,
    /** The value kept for `version`, else `read` (kept when settled). */
    async orRead(version: string | null, read: () => Promise<T>): Promise<T> {
      const kept = get(version);
      if (kept !== null) return kept;
      const value = await read();
      set(version, value);
      return value;
    },
  };
}
