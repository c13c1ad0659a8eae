import { describe, expect, it } from 'vitest';
import { byVersion, createSessionCache } from '../../src/app/sessionCache';

/** A Storage with a byte quota, like the browser's (about 5 MB per origin; small here). */
class QuotaStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private quota: number) {}
  get length() {
    return this.items.size;
  }
  private used() {
    let n = 0;
    for (const [k, v] of this.items) n += k.length + v.length;
    return n;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const before = this.items.get(key);
    this.items.set(key, value);
    if (this.used() > this.quota) {
      if (before === undefined) this.items.delete(key);
      else this.items.set(key, before);
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

const HOUR = 60 * 60 * 1000;

describe('the session cache', () => {
  it('evicts the oldest entries when the storage is full, and keeps the new one', () => {
    let t = 1_000;
    const storage = new QuotaStorage(600);
    const cache = createSessionCache(storage, () => t);
    for (const key of ['a', 'b', 'c', 'd']) {
      cache.set(key, 'x'.repeat(100));
      t += 1_000;
    }
    cache.set('e', 'y'.repeat(250));
    const other = createSessionCache(storage, () => t);
    expect(other.get('e', HOUR)?.value).toBe('y'.repeat(250));
    expect(other.get('a', HOUR)).toBeNull();
    expect(other.get('d', HOUR)?.value).toBe('x'.repeat(100));
  });

  it('a value too large for the storage is still read back in this frame, and no instance reads the stale copy', () => {
    const storage = new QuotaStorage(600);
    const cache = createSessionCache(storage);
    const other = createSessionCache(storage);
    cache.set('library', ['old']);
    expect(other.get('library', HOUR)?.value).toEqual(['old']);
    const big = ['new', 'z'.repeat(1_000)];
    cache.set('library', big);
    expect(cache.get('library', HOUR)?.value).toEqual(big);
    expect(other.get('library', HOUR)).toBeNull();
  });

  it('never writes an entry too large to share the storage: the others stay, and no instance reads its stale copy', () => {
    let t = 1_000;
    const storage = new QuotaStorage(3_000_000);
    const cache = createSessionCache(storage, () => t);
    const other = createSessionCache(storage, () => t);
    cache.set('matcher', 'w'.repeat(1_000_000));
    cache.set('library', ['old']);
    t += 1_000;
    // Too large to write with the rest, though it would fit alone: writing it would push out every other entry.
    const big = ['new', 'z'.repeat(2_500_000)];
    cache.set('library', big);
    expect(other.get('matcher', HOUR)?.value).toHaveLength(1_000_000);
    expect(cache.get('library', HOUR)?.value).toEqual(big);
    expect(other.get('library', HOUR)).toBeNull();
  });

  it('reads what another instance wrote later, not its own older copy', () => {
    let t = 1_000;
    const storage = new QuotaStorage(10_000);
    const sidebar = createSessionCache(storage, () => t);
    const console = createSessionCache(storage, () => t);
    sidebar.set('answers', 1);
    expect(sidebar.get('answers', HOUR)?.value).toBe(1);
    t += 5;
    console.set('answers', 2);
    expect(sidebar.get('answers', HOUR)?.value).toBe(2);
  });

  it('forgets an entry another instance evicted', () => {
    let t = 1_000;
    const storage = new QuotaStorage(400);
    const a = createSessionCache(storage, () => t);
    const b = createSessionCache(storage, () => t);
    a.set('users', 'u'.repeat(150));
    expect(a.get('users', HOUR)).not.toBeNull();
    t += 1_000;
    b.set('results', 'r'.repeat(200));
    expect(a.get('users', HOUR)).toBeNull();
  });

  it('works without storage (a frame whose storage is blocked), and honours the age limit', () => {
    let t = 1_000;
    const cache = createSessionCache(null, () => t);
    cache.set('me', { id: 1 });
    expect(cache.get('me', 60_000)?.value).toEqual({ id: 1 });
    t += 60_001;
    expect(cache.get('me', 60_000)).toBeNull();
  });

  it('survives a storage that throws on every call', () => {
    const broken = new QuotaStorage(0);
    broken.getItem = () => {
      throw new Error('denied');
    };
    const cache = createSessionCache(broken);
    cache.set('k', 'v');
    expect(cache.get('k', HOUR)?.value).toBe('v');
  });

  it('treats an unreadable stored entry as absent', () => {
    const storage = new QuotaStorage(10_000);
    storage.setItem('closed-loop:v2:k', '12|{not json');
    expect(createSessionCache(storage).get('k', Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});

describe('what was read of a ticket, kept by its version', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const kept = (cache = createSessionCache(null, () => now)) => byVersion<string>(cache, 'trail:7', () => now);

  it('gives the value back for the version it was read at, and for no other', () => {
    const trail = kept();
    trail.set('2026-11-30T10:00:00Z', 'as of ten');
    expect(trail.get('2026-11-30T10:00:00Z')).toBe('as of ten');
    expect(trail.get('2026-11-30T11:00:00Z')).toBeNull();
    expect(trail.get(null)).toBeNull();
    // The same time, written as another client writes it.
    expect(trail.get('2026-11-30T10:00:00.000Z')).toBe('as of ten');
  });

  it('keeps nothing read while the version was under a minute old, nor without a version', () => {
    const trail = kept();
    trail.set('2026-11-30T11:59:30Z', 'too fresh');
    expect(trail.get('2026-11-30T11:59:30Z')).toBeNull();
    trail.set(null, 'unknown version');
    expect(trail.get(null)).toBeNull();
  });

  it('is shared by the sidebars of one session', () => {
    const cache = createSessionCache(null, () => now);
    kept(cache).set('2026-11-30T10:00:00Z', 'as of ten');
    expect(kept(cache).get('2026-11-30T10:00:00Z')).toBe('as of ten');
  });
});
