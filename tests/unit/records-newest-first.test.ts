import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { listAnswers } from '../../src/host/api/answers';
import type { ApiRequest, HostClient } from '../../src/host/client';

interface Stored {
  id: string;
  name: string;
  custom_object_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const at = (second: number) => new Date(Date.UTC(2026, 10, 1) + second * 1000).toISOString().replace('.000Z', 'Z');
const record = (n: number, written: number, body = 'Hi'): Stored => ({
  id: `R${String(n).padStart(3, '0')}`,
  name: `Answer ${n}`,
  custom_object_fields: { status: 'approved', answer_body: body, examples: 'a' },
  created_at: at(n),
  updated_at: at(written),
});

/**
 * Custom object records as Zendesk lists them: sorted by `updated_at` (then id), in cursor pages
 * whose cursor is the last record's place in that order, so a record written meanwhile moves
 * ahead of the cursor. `between` runs after each page is served.
 */
function host(records: Stored[], between: (page: number) => void = () => undefined) {
  const urls: string[] = [];
  const key = (r: Stored) => `${r.updated_at}|${r.id}`;
  let served = 0;
  const client = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      urls.push(req.url);
      const query = new URL(req.url, 'https://x').searchParams;
      const size = Number(query.get('page[size]') ?? 100);
      const descending = query.get('sort') === '-updated_at';
      const sorted = [...records].sort((a, b) => (key(a) < key(b) ? -1 : 1) * (descending ? -1 : 1));
      const after = query.get('page[after]');
      const rest = after ? sorted.filter((r) => (descending ? key(r) < after : key(r) > after)) : sorted;
      const page = rest.slice(0, size);
      const more = rest.length > size;
      const body = { custom_object_records: page, meta: { has_more: more, after_cursor: more ? key(page.at(-1)!) : null } };
      between(++served);
      return schema.parse(JSON.parse(JSON.stringify(body)));
    },
  } as unknown as HostClient;
  return { client, urls };
}

describe('the answer library read most recently written first', () => {
  it('starts with the newest records, and misses none written while its pages are read', async () => {
    // 250 answers, each written once, in order.
    const records = Array.from({ length: 250 }, (_, n) => record(n, n));
    const { client, urls } = host(records, (page) => {
      if (page !== 1) return;
      // After the first page: an answer not read yet, and one already read, are written again.
      records[5] = record(5, 1000, 'Edited while the library was read');
      records[240] = record(240, 1001, 'Edited as well');
    });
    const firstPages: string[][] = [];
    const answers = await listAnswers(client, (soFar) => firstPages.push(soFar.map((a) => a.id)));
    // The first page shown holds the hundred most recently written when the read began.
    expect(firstPages[0]).toEqual(Array.from({ length: 100 }, (_, i) => `R${249 - i}`));
    expect(answers).toHaveLength(250);
    expect(new Set(answers.map((a) => a.id)).size).toBe(250);
    expect(answers.find((a) => a.id === 'R005')?.body).toBe('Edited while the library was read');
    expect(answers.find((a) => a.id === 'R240')?.body).toBe('Edited as well');
    expect(answers.slice(0, 2).map((a) => a.id)).toEqual(['R240', 'R005']);
    // Three pages, then the head of the list again, down to the newest record of the first read.
    expect(urls).toHaveLength(4);
    expect(urls.every((u) => u.includes('sort=-updated_at'))).toBe(true);
  });

  it('reads a bulk import written within one second once, with one more request for its head', async () => {
    const { client, urls } = host(Array.from({ length: 250 }, (_, n) => record(n, 0)));
    expect(await listAnswers(client)).toHaveLength(250);
    expect(urls).toHaveLength(4);
  });

  it('reads a library of one page once', async () => {
    const { client, urls } = host(Array.from({ length: 40 }, (_, n) => record(n, n)));
    expect(await listAnswers(client)).toHaveLength(40);
    expect(urls).toHaveLength(1);
  });
});
