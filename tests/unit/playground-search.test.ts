import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TicketUpdateLimiter } from '../../playground/api/faults';
import { createRoutes } from '../../playground/api/routes';
import { loadFixtures, Store, type Ticket } from '../../playground/api/store';

/** The playground's ticket search against Zendesk's documented limits, through its routes. */
function account(lagMs = 0) {
  const store = new Store(loadFixtures());
  const lag = { ms: lagMs };
  const router = createRoutes({
    store,
    meId: () => 10002,
    baseUrl: () => 'http://zd.test',
    searchLagMs: () => lag.ms,
    limits: new TicketUpdateLimiter(),
  });
  const call = async (method: string, url: string, body: unknown = null) => {
    const { pathname, searchParams } = new URL(url, 'http://zd.test');
    const found = router.match(method, pathname)!;
    const response = await found.route.handler({ method, path: pathname, query: searchParams, params: found.params, body });
    return response as { status: number; body: Record<string, unknown> };
  };
  const search = async (query: string, params: Record<string, string> = {}) =>
    call('GET', `/api/v2/search.json?${new URLSearchParams({ query, ...params })}`);
  const exportPage = async (query: string, params: Record<string, string> = {}) =>
    call('GET', `/api/v2/search/export.json?${new URLSearchParams({ query, 'filter[type]': 'ticket', ...params })}`);
  /** A ticket written at `at`, as the seed control adds one. */
  const add = (id: number, tag: string, at: string) =>
    store.tickets.set(id, { ...store.tickets.get(4101)!, id, subject: `Bulk ${id}`, tags: [tag], created_at: at, updated_at: at });
  /** `count` tickets written over the hour before now, newest first. */
  const seed = (count: number, tag: string) => {
    for (let i = 0; i < count; i++) add(8_000_000 + i, tag, new Date(Date.now() - 3_600_000 - i * 1000).toISOString());
  };
  return { store, lag, call, search, exportPage, add, seed };
}

const ids = (body: Record<string, unknown>) => (body.results as Ticket[]).map((t) => t.id);

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-20T12:00:00Z'), toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

describe('playground search: results limit', () => {
  it('serves at most 1,000 results: the page past them is a 422, while count and next_page say there are more', async () => {
    const zd = account();
    zd.seed(1050, 'bulk');
    const tenth = await zd.search('type:ticket tags:bulk', { page: '10', per_page: '100' });
    expect(tenth.status).toBe(200);
    expect(ids(tenth.body)).toHaveLength(100);
    expect(tenth.body.count).toBe(1050);
    expect(tenth.body.next_page).toContain('page=11');
    const eleventh = await zd.search('type:ticket tags:bulk', { page: '11', per_page: '100' });
    expect(eleventh).toEqual({
      status: 422,
      body: { error: 'invalid', description: 'Invalid search: Requested response size was greater than Search Response Limits' },
    });
    expect((await zd.search('type:ticket tags:bulk', { page: '20', per_page: '50' })).status).toBe(200);
    expect((await zd.search('type:ticket tags:bulk', { page: '21', per_page: '50' })).status).toBe(422);
  });

  it('gives at most 100 results per page', async () => {
    const zd = account();
    zd.seed(150, 'bulk');
    expect(ids((await zd.search('tags:bulk', { per_page: '500' })).body)).toHaveLength(100);
  });
});

describe('playground search: group and assignee', () => {
  it('finds tickets by group id and assignee id, and unassigned ones with assignee:none', async () => {
    const zd = account();
    const queue = 'type:ticket tags:escalation_requested order_by:created_at sort:asc';
    expect(ids((await zd.search(`${queue} group:502`)).body)).toEqual([4127]);
    expect(ids((await zd.search(`${queue} assignee:10009`)).body)).toEqual([4115]);
    expect(ids((await zd.search(`${queue} assignee:none`)).body)).toEqual([]);
  });
});

describe('playground search: offset pages run the query again', () => {
  it('repeats a result on the next page when one is added before it between the reads', async () => {
    const zd = account();
    zd.seed(150, 'bulk');
    const first = ids((await zd.search('tags:bulk')).body);
    // A ticket newer than all of them is created.
    zd.add(9_000_000, 'bulk', new Date().toISOString());
    const second = ids((await zd.search('tags:bulk', { page: '2' })).body);
    expect(second[0]).toBe(first.at(-1));
  });
});

describe('playground search: the index lags behind writes', () => {
  it('finds a changed ticket only once the lag has passed, and the old version until then', async () => {
    const zd = account(60_000);
    expect(ids((await zd.search('tags:escalation_requested')).body)).not.toContain(4101);
    expect(ids((await zd.search('status:solved')).body)).toContain(4101);
    await zd.call('PUT', '/api/v2/tickets/4101.json', {
      ticket: { status: 'open', custom_fields: [{ id: 360001, value: 'escalation_requested' }] },
    });
    vi.setSystemTime(Date.now() + 59_000);
    expect(ids((await zd.search('tags:escalation_requested')).body)).not.toContain(4101);
    expect(ids((await zd.search('status:solved')).body)).toContain(4101);
    vi.setSystemTime(Date.now() + 2_000);
    expect(ids((await zd.search('tags:escalation_requested')).body)).toContain(4101);
    expect(ids((await zd.search('status:solved')).body)).not.toContain(4101);
  });

  it('applies a changed lag at once: the index catches up', async () => {
    const zd = account(600_000);
    await zd.call('PUT', '/api/v2/tickets/4101.json', { ticket: { status: 'pending' } });
    expect(ids((await zd.search('status:pending')).body)).not.toContain(4101);
    zd.lag.ms = 0;
    expect(ids((await zd.search('status:pending')).body)).toContain(4101);
  });
});

describe('playground export search', () => {
  it('pages by cursor past 1,000 results without a count, and never repeats a result', async () => {
    const zd = account();
    zd.seed(1050, 'bulk');
    const seen: number[] = [];
    let page = await zd.exportPage('tags:bulk', { 'page[size]': '1000' });
    expect(page.body).not.toHaveProperty('count');
    seen.push(...ids(page.body));
    expect(page.body.meta).toMatchObject({ has_more: true });
    expect((page.body.links as { next: string }).next).toContain('page%5Bafter%5D=');
    // A newer ticket is created between the pages: it is not given, and nothing repeats.
    zd.add(9_000_000, 'bulk', new Date().toISOString());
    const after = (page.body.meta as { after_cursor: string }).after_cursor;
    page = await zd.exportPage('tags:bulk', { 'page[size]': '1000', 'page[after]': after });
    seen.push(...ids(page.body));
    expect(page.body.meta).toMatchObject({ has_more: false, after_cursor: null });
    expect((page.body.links as { next: string | null }).next).toBeNull();
    expect(seen).toHaveLength(1050);
    expect(new Set(seen).size).toBe(1050);
  });

  it('orders by created_at, newest first, and refuses a type in the query or a missing filter[type]', async () => {
    const zd = account();
    const created = (await zd.exportPage('status<solved')).body.results as Ticket[];
    expect(created.map((t) => t.created_at)).toEqual(
      created
        .map((t) => t.created_at)
        .sort()
        .reverse(),
    );
    expect((await zd.exportPage('type:ticket status<solved')).status).toBe(400);
    expect((await zd.call('GET', '/api/v2/search/export.json?query=status%3Copen')).status).toBe(400);
  });

  it('finds tickets someone commented on with commenter:me or an id, internal notes included', async () => {
    const { search } = account();
    // Marta Kowalski (10002, the signed-in user here) escalated 4102 with a note; Lena Vogel (10005) asked for it.
    const mine = ids((await search('type:ticket tags:escalation_escalated commenter:me')).body);
    expect(mine).toContain(4102);
    expect(ids((await search('type:ticket tags:escalation_escalated commenter:10005')).body)).toContain(4102);
    // Sam Whitfield (10004) asked for nothing that is escalated.
    expect(ids((await search('type:ticket tags:escalation_escalated commenter:10004')).body)).not.toContain(4102);
  });
});

describe("the playground's filtered search of custom object records", () => {
  const find = (filter: unknown) =>
    account().call('POST', '/api/v2/custom_objects/closed_loop_feedback/records/search.json?page%5Bsize%5D=100', { filter });
  const tickets = (body: Record<string, unknown>) =>
    (body.custom_object_records as { custom_object_fields: { ticket_id: unknown } }[]).map((r) => String(r.custom_object_fields.ticket_id));

  it('finds the records whose field equals the value, as Zendesk compares an integer field', async () => {
    const { status, body } = await find({ $and: [{ 'custom_object_fields.ticket_id': { $eq: 4126 } }] });
    expect(status).toBe(200);
    expect(tickets(body)).toEqual(['4126']);
    expect((await find({ 'custom_object_fields.ticket_id': { $eq: 999 } })).body.custom_object_records).toEqual([]);
  });

  it('compares a checkbox with true or false, a box never ticked being unchecked', async () => {
    const zd = account();
    const all = (await zd.call('GET', '/api/v2/custom_objects/closed_loop_feedback/records.json?page%5Bsize%5D=100')).body
      .custom_object_records as { id: string }[];
    const [first] = all;
    await zd.call('PATCH', `/api/v2/custom_objects/closed_loop_feedback/records/${first!.id}.json`, {
      custom_object_record: { custom_object_fields: { handled: true } },
    });
    await zd.call('POST', '/api/v2/custom_objects/closed_loop_feedback/records.json', {
      custom_object_record: { name: 'Made in the records list', custom_object_fields: { note: 'no box ticked' } },
    });
    const search = async (handled: boolean) =>
      (
        (
          await zd.call('POST', '/api/v2/custom_objects/closed_loop_feedback/records/search.json?page%5Bsize%5D=100', {
            filter: { 'custom_object_fields.handled': { $eq: handled } },
          })
        ).body.custom_object_records as { id: string; name: string }[]
      ).map((r) => r.name);
    expect(await search(true)).toHaveLength(1);
    expect(await search(false)).toHaveLength(all.length);
    expect(await search(false)).toContain('Made in the records list');
  });

  it('finds the records made after a time with $gt on created_at, in cursor pages sorted as asked', async () => {
    const zd = account();
    const body = () => ({
      filter: { $and: [{ 'custom_object_fields.kind': { $eq: 'misfit' } }, { created_at: { $gt: '2026-11-01T00:00:00Z' } }] },
    });
    const all = (await zd.call('GET', '/api/v2/custom_objects/closed_loop_feedback/records.json?page%5Bsize%5D=100')).body
      .custom_object_records as { created_at: string; custom_object_fields: { kind: string } }[];
    const cutoff = Date.parse('2026-11-01T00:00:00Z');
    const expected = all.filter((r) => r.custom_object_fields.kind === 'misfit' && Date.parse(r.created_at) > cutoff);
    expect(expected.length).toBeGreaterThan(1);
    const url = '/api/v2/custom_objects/closed_loop_feedback/records/search.json?page%5Bsize%5D=1&sort=-created_at';
    const seen: string[] = [];
    let page = (await zd.call('POST', url, body())).body as {
      custom_object_records: { created_at: string }[];
      meta: { has_more: boolean; after_cursor: string | null };
    };
    seen.push(...page.custom_object_records.map((r) => r.created_at));
    while (page.meta.has_more) {
      page = (await zd.call('POST', `${url}&page%5Bafter%5D=${page.meta.after_cursor}`, body())).body as typeof page;
      seen.push(...page.custom_object_records.map((r) => r.created_at));
    }
    expect(seen).toEqual(
      expected
        .map((r) => r.created_at)
        .sort()
        .reverse(),
    );
  });

  it('refuses a filter it does not emulate rather than ignoring it', async () => {
    expect((await find({ 'custom_object_fields.ticket_id': { $gt: 4126 } })).status).toBe(422);
    // Zendesk documents only $gt ("after") for the timestamps.
    expect((await find({ created_at: { $eq: '2026-11-01T00:00:00Z' } })).status).toBe(422);
    expect((await find({ created_at: { $gt: 'yesterday' } })).status).toBe(422);
    expect((await find(null)).status).toBe(422);
  });
});

describe('playground Unified Search (GET /api/v2/guide/search)', () => {
  const unified = (params: Record<string, string>, on = account()) => on.call('GET', `/api/v2/guide/search?${new URLSearchParams(params)}`);
  type Page = {
    results: Record<string, unknown>[];
    meta: { has_more: boolean; after_cursor: string | null };
    links: { next: string | null };
  };

  it('requires filter[locales], as documented', async () => {
    expect((await unified({ query: 'card' })).status).toBe(400);
  });

  it('returns articles, community posts and external records with the documented properties only', async () => {
    const page = (await unified({ query: 'unrecognised card payment', 'filter[locales]': 'en-us', 'page[size]': '50' })).body as Page;
    const types = new Set(page.results.map((r) => r.type));
    expect(types).toEqual(new Set(['ARTICLE', 'POST', 'EXTERNAL_RECORD']));
    for (const result of page.results) expect(Object.keys(result).sort()).toEqual(['snippet', 'title', 'type', 'updated_at', 'url']);
    const urls = page.results.map((r) => String(r.url));
    expect(urls.some((u) => u.startsWith('https://lumenbank.atlassian.net/wiki/'))).toBe(true);
    expect(urls.some((u) => u.startsWith('https://app.getguru.com/card/'))).toBe(true);
    expect(urls.some((u) => u.includes('/hc/en-us/community/posts/'))).toBe(true);
  });

  it('keeps to the locales asked for, and leaves external records out when content types are filtered', async () => {
    const german = (await unified({ query: 'Kartenzahlung', 'filter[locales]': 'de' })).body as Page;
    expect(german.results.map((r) => r.title)).toContain('Unbekannte Kartenzahlung: Checkliste vor einer Reklamation');
    const articlesOnly = (await unified({ query: 'chargeback', 'filter[locales]': 'en-us', 'filter[content_types]': 'ARTICLE' }))
      .body as Page;
    expect(articlesOnly.results.length).toBeGreaterThan(0);
    expect(articlesOnly.results.every((r) => r.type === 'ARTICLE')).toBe(true);
  });

  it('pages with a cursor, 10 results by default and at most 50, never backwards', async () => {
    const zd = account();
    // More than one page of 50: copies of a Guru card.
    const card = zd.store.externalContent.records.find((r) => r.url.includes('getguru'))!;
    for (let i = 0; i < 30; i++) zd.store.externalContent.records.push({ ...card, id: `copy${i}`, url: `${card.url}-${i}` });
    const first = (await unified({ 'filter[locales]': 'en-us' }, zd)).body as Page & { meta: { before_cursor: null } };
    expect(first.results).toHaveLength(10);
    expect(first.meta.has_more).toBe(true);
    expect(first.meta.before_cursor).toBeNull();
    const seen = new Set(first.results.map((r) => r.url));
    let cursor = first.meta.after_cursor;
    while (cursor) {
      const page = (await unified({ 'filter[locales]': 'en-us', 'page[after]': cursor }, zd)).body as Page;
      for (const r of page.results) seen.add(r.url);
      cursor = page.meta.after_cursor;
    }
    const big = (await unified({ 'filter[locales]': 'en-us', 'page[size]': '500' }, zd)).body as Page;
    expect(big.results).toHaveLength(50);
    expect(big.meta.has_more).toBe(true);
    expect(seen.size).toBeGreaterThan(50);
    expect((await unified({ 'filter[locales]': 'en-us', 'page[after]': 'not-a-cursor' })).status).toBe(400);
  });
});
