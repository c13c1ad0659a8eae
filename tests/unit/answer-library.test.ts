import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { createSessionCache } from '../../src/app/sessionCache';
import { createAnswerLibrary, LIBRARY_FRESH_MS } from '../../src/features/answers/library';
import type { ApiRequest, HostClient } from '../../src/host/client';

function record(id: string, updatedAt: string, status = 'approved') {
  return {
    id,
    name: `Answer ${id}`,
    custom_object_fields: { status, answer_body: 'Hi', examples: 'a\nb' },
    created_at: updatedAt,
    updated_at: updatedAt,
  };
}

/** A host serving custom object records, honouring the updated_at filter; counts the calls. */
function host(records: ReturnType<typeof record>[]) {
  const urls: string[] = [];
  const client = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      urls.push(req.url);
      const since = new URL(req.url, 'https://x').searchParams.get('filter[updated_at][gt]');
      const list = records.filter((r) => !since || r.updated_at > since);
      return schema.parse({ custom_object_records: list, meta: { has_more: false, after_cursor: null } });
    },
  } as unknown as HostClient;
  return { client, urls };
}

describe('answer library', () => {
  it('is fetched once per agent session and shared by every ticket view', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z')];
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    const first = await createAnswerLibrary(client, cache, () => now).load();
    expect(first.map((a) => a.id)).toEqual(['A', 'B']);
    for (let view = 0; view < 50; view++) {
      now += 60_000;
      await createAnswerLibrary(client, cache, () => now).load();
      if (now >= LIBRARY_FRESH_MS) break;
    }
    expect(urls).toHaveLength(1);
  });

  it('afterwards asks only for records changed since the newest one it has', async () => {
    const records = [record('A', '2026-11-01T00:00:00Z'), record('B', '2026-11-02T00:00:00Z')];
    const { client, urls } = host(records);
    let now = 0;
    const cache = createSessionCache(null, () => now);
    await createAnswerLibrary(client, cache, () => now).load();
    records[0] = record('A', '2026-11-05T00:00:00Z', 'retired');
    now = LIBRARY_FRESH_MS + 1;
    const refreshed = await createAnswerLibrary(client, cache, () => now).load();
    expect(urls[1]).toContain(encodeURIComponent('filter[updated_at][gt]') + '=' + encodeURIComponent('2026-11-02T00:00:00Z'));
    expect(refreshed.find((a) => a.id === 'A')?.status).toBe('retired');
    expect(refreshed).toHaveLength(2);
  });
});
