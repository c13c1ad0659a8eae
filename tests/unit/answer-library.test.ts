import { describe, expect, it, vi } from 'vitest';
import type * as z from 'zod/mini';
import { createSessionCache } from '../../src/app/sessionCache';
import { createAnswerLibrary, LIBRARY_CHECK_MS, LIBRARY_FRESH_MS } from '../../src/features/answers/cachedLibrary';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { createMatcherServer } from '../../src/features/answers/matcherServer';
import type { KeptPart, MatcherClient } from '../../src/features/answers/sharedMatcher';
import { workerPorts } from './workerPorts';

function record(id: string, updatedAt: string, status = 'approved') {
  return {
    id,
    name: `Answer ${id}`,
    custom_object_fields: { status, answer_body: 'Hi', examples: 'a\nb' },
    created_at: updatedAt,
    updated_at: updatedAt,
  };
}

/**
 * A host serving custom object records in cursor pages, as Zendesk does: it ignores query
 * parameters it does not document (so a "changed since" filter does nothing); counts the calls.
 */
function host(records: ReturnType<typeof record>[], pageSize = 100) {
  const urls: string[] = [];
  const client = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      urls.push(req.url);
      const query = new URL(req.url, 'https://x').searchParams;
      const size = Math.min(pageSize, Number(query.get('page[size]') ?? 100));
      const start = Number(query.get('page[after]') ?? 0);
      const sorted = query.get('sort') === '-updated_at' ? [...records].sort((a, b) => b.updated_at.localeCompare(a.updated_at)) : records;
      const list = sorted.slice(start, start + size);
      const more = start + size < records.length;
      return schema.parse({ custom_object_records: list, meta: { has_more: more, after_cursor: more ? String(start + size) : null } });
    },
  } as unknown as HostClient;
  return { client, urls };
}

const pageSize = (url: string) => new URL(url, 'https://x').searchParams.get('page[size]');

describe('answer library', () => {
  it('is fetched once per agent session and shared by every ticket view', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z')];
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    const first = await createAnswerLibrary(client, cache, () => now).load();
    // Most recently written first.
    expect(first.map((a) => a.id)).toEqual(['B', 'A']);
    for (let view = 0; view < 50; view++) {
      now += 60_000;
      await createAnswerLibrary(client, cache, () => now).load();
      if (now >= LIBRARY_FRESH_MS) break;
    }
    // One full read; each later view only checks the record written last (one small request).
    const full = urls.filter((u) => pageSize(u) === '100');
    expect(full).toHaveLength(1);
    expect(urls.filter((u) => pageSize(u) === '1').length).toBeLessThanOrEqual(50);
  });

  it('a change made elsewhere reaches the next ticket view after a check of one small request', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z')];
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    await createAnswerLibrary(client, cache, () => now).load();
    // Another agent's lead retires A.
    records[0] = record('A', '2026-11-20T00:00:00Z', 'retired');
    now += 5_000;
    // Views close together share one check.
    expect((await createAnswerLibrary(client, cache, () => now).load()).find((a) => a.id === 'A')?.status).toBe('approved');
    expect(urls).toHaveLength(1);
    now += LIBRARY_CHECK_MS + 1;
    const next = await createAnswerLibrary(client, cache, () => now).load();
    expect(next.find((a) => a.id === 'A')?.status).toBe('retired');
    expect(urls).toHaveLength(3); // the check, then the full read it called for
    now += LIBRARY_CHECK_MS + 1;
    await createAnswerLibrary(client, cache, () => now).load();
    expect(urls).toHaveLength(4); // nothing new: the check alone
  });

  it('reads every cursor page of 100 with documented parameters only, at first and on refresh', async () => {
    const records = Array.from({ length: 250 }, (_, i) =>
      record(`R${i}`, `2026-11-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`),
    );
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    expect(await createAnswerLibrary(client, cache, () => now).load()).toHaveLength(250);
    now = LIBRARY_FRESH_MS + 1;
    expect(await createAnswerLibrary(client, cache, () => now).load()).toHaveLength(250);
    // Each read: three pages, then the first again for the records written meanwhile.
    expect(urls).toHaveLength(8);
    for (const url of urls) {
      const params = new URL(url, 'https://x').searchParams;
      expect(
        [...params.keys()].every((n) => ['sort', 'page[size]', 'page[after]'].includes(n)),
        url,
      ).toBe(true);
      expect(params.get('sort')).toBe('-updated_at');
      expect(params.get('page[size]')).toBe('100');
    }
  });

  it('after an hour reads the library again: changed records change and deleted ones disappear', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z'), record('C', '2026-11-03T00:00:00Z')];
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    await createAnswerLibrary(client, cache, () => now).load();
    records[0] = record('A', '2026-11-05T00:00:00Z', 'retired');
    records.splice(1, 1); // B deleted in Zendesk
    now = LIBRARY_FRESH_MS + 1;
    const refreshed = await createAnswerLibrary(client, cache, () => now).load();
    expect(urls).toHaveLength(2);
    expect(refreshed.map((a) => a.id)).toEqual(['A', 'C']);
    expect(refreshed.find((a) => a.id === 'A')?.status).toBe('retired');
  });
});

describe("the library's copies", () => {
  it('are named alike in every frame that reads the same copy, and anew once the copy changes', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z')];
    const { client } = host(records);
    let now = 1_000;
    const cache = createSessionCache(null, () => now);
    const first = createAnswerLibrary(client, cache, () => now);
    const list = await first.load();
    now += 1_000;
    const next = createAnswerLibrary(client, cache, () => now);
    const same = await next.load();
    expect(first.copyOf(list)).toBeDefined();
    expect(next.copyOf(same)).toBe(first.copyOf(list));
    // The console changed B: the copy holds the change, under a new name.
    next.remember({ ...same.find((a) => a.id === 'B')!, title: 'Changed', updatedAt: '2026-11-03T00:00:00Z' });
    const third = createAnswerLibrary(client, cache, () => now);
    const changed = await third.load();
    expect(changed.find((a) => a.id === 'B')?.title).toBe('Changed');
    expect(third.copyOf(changed)).not.toBe(first.copyOf(list));
  });
});

describe('answer library too large for the browser storage', () => {
  const connectTo = workerPorts();
  /** A storage that refuses every write, as a full one does a library of thousands of answers. */
  const full = {
    length: 0,
    key: () => null,
    getItem: () => null,
    setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: () => undefined,
    clear: () => undefined,
  } satisfies Storage;

  it("is shared through the session's worker: the next ticket view reads it there, not from Zendesk", async () => {
    const records = Array.from({ length: 250 }, (_, i) => record(`A${i}`, `2026-11-01T00:00:${String(i % 60).padStart(2, '0')}Z`));
    const { client, urls } = host(records);
    const serve = createMatcherServer();
    /** Each frame's own connection to the one worker. */
    const connect = () => connectTo(serve);
    const reader = createAnswerLibrary(client, createSessionCache(full), Date.now, connect);
    const first = await reader.load();
    expect(reader.copyOf(first)).toBeDefined();
    const lists = urls.length;
    // Three pages, then the first again for the records written meanwhile.
    expect(lists).toBe(4);
    // The copy reaches the worker in a task of its own.
    const probe = connect();
    await vi.waitFor(async () => expect((await probe.ask({ kind: 'recall', key: 'answers', index: 0 })).part).not.toBeNull());
    // Another sidebar: its own cache (the storage kept nothing), the same worker.
    const frame = createAnswerLibrary(client, createSessionCache(full), Date.now, connect);
    const next = await frame.load();
    expect(next).toEqual(first);
    // Named as the frame that read it from Zendesk named it.
    expect(frame.copyOf(next)).toBe(reader.copyOf(first));
    // No full read again: at most the check of the record written last.
    expect(urls.slice(lists).every((u) => u.includes('sort=-updated_at') && pageSize(u) === '1')).toBe(true);
  });
  it('comes back from the worker in parts of 500 answers, each a message of its own, so no frame takes thousands at once', async () => {
    const records = Array.from({ length: 1200 }, (_, i) => record(`A${i}`, `2026-11-01T00:00:${String(i % 60).padStart(2, '0')}Z`));
    const { client } = host(records);
    const serve = createMatcherServer();
    const connect = () => connectTo(serve);
    const first = await createAnswerLibrary(client, createSessionCache(full), Date.now, connect).load();
    const probe = connect();
    await vi.waitFor(async () => expect((await probe.ask({ kind: 'recall', key: 'answers', index: 2 })).part).not.toBeNull());
    const next = connect();
    const received: number[] = [];
    const counting: MatcherClient = {
      ask: (request) =>
        next.ask(request).then((reply) => {
          const { part } = reply as { part?: KeptPart | null };
          if (part) received.push(part.items.length);
          return reply;
        }),
      fail: () => next.fail(),
    };
    const copy = await createAnswerLibrary(client, createSessionCache(full), Date.now, () => counting).load();
    expect(received).toEqual([500, 500, 200]);
    expect(copy).toEqual(first);
  });

  it('keeps the newest whole list in the worker: parts of an older one never mix in', async () => {
    const worker = connectTo(createMatcherServer());
    const keep = (savedAt: number, index: number, items: string[]) =>
      worker.ask({ kind: 'keep', key: 'answers', part: { savedAt, index, count: 2, items } });
    const recall = async () =>
      (await Promise.all([0, 1].map((index) => worker.ask({ kind: 'recall', key: 'answers', index })))).map((r) => r.part?.items ?? null);
    await keep(1, 0, ['old 0']);
    await keep(2, 0, ['new 0']);
    await keep(1, 1, ['old 1']);
    // The older list is left unfinished, the newer one is not whole yet: nothing to give.
    expect(await recall()).toEqual([null, null]);
    await keep(2, 1, ['new 1']);
    expect(await recall()).toEqual([['new 0'], ['new 1']]);
    // A frame still handing over an older list does not replace it.
    await keep(1, 0, ['old 0']);
    await keep(1, 1, ['old 1']);
    expect(await recall()).toEqual([['new 0'], ['new 1']]);
  });
});
