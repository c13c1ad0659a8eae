import { describe, expect, it } from 'vitest';
import type { LeadAccess } from '../../src/app/lead';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import { createMetricsModel } from '../../src/features/console/metrics';
import { createQueueModel } from '../../src/features/console/queue';
import { createI18n } from '../../src/i18n';
import { exportTickets } from '../../src/host/api/search';
import type { HostClient } from '../../src/host/client';
import { fakeHost } from './fakeHost';

const NOW = new Date('2026-11-20T12:00:00Z');

const ticket = (id: number, tags: string[] = []) => {
  const at = new Date(NOW.getTime() - 3_600_000 - id * 1000).toISOString();
  return { id, subject: `Ticket ${id}`, status: 'open', tags, created_at: at, updated_at: at };
};
type FakeTicket = ReturnType<typeof ticket>;

/**
 * Zendesk search over `tickets` (newest first): offset pages run the query again, so a ticket
 * added by `between` after the first page shifts the next ones; export pages follow a cursor.
 */
function zendesk(tickets: FakeTicket[], options: { between?: () => FakeTicket; hasMoreAlways?: boolean } = {}) {
  const list = [...tickets];
  let searches = 0;
  /** Another search run: the second is when `between` adds its ticket. */
  const searched = () => {
    if (searches++ === 1 && options.between) list.unshift(options.between());
  };
  const fake = fakeHost(
    {
      'GET /api/v2/tickets/*/audits.json': () => ({ audits: [], next_page: null }),
      'GET /api/v2/search.json': (_req, { searchParams: q }) => {
        searched();
        const perPage = Number(q.get('per_page'));
        const page = Number(q.get('page'));
        // `tags:x` keeps tickets tagged x, as Zendesk's does; the rest of the query is not needed here.
        const tags = [...(q.get('query') ?? '').matchAll(/\btags:(\S+)/g)].map((m) => m[1]!);
        const found = tags.length ? list.filter((t) => t.tags.some((tag) => tags.includes(tag))) : list;
        const results = found.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < found.length;
        return { results, count: found.length, next_page: more ? `https://x/next` : null };
      },
      'GET /api/v2/search/export.json': (_req, { searchParams: q }) => {
        searched();
        const size = Number(q.get('page[size]'));
        const after = q.get('page[after]');
        const rest = after ? list.filter((t) => t.id > Number(after)) : list;
        const results = rest.slice(0, size);
        const hasMore = options.hasMoreAlways === true || rest.length > size;
        return { results, meta: { has_more: hasMore, after_cursor: hasMore ? String(results.at(-1)?.id ?? 0) : null } };
      },
      'GET /api/v2/users/show_many.json': () => ({ users: [] }),
      'GET /api/v2/groups.json': () => ({ groups: [], next_page: null }),
      'GET /api/v2/ticket_metrics.json': () => ({ ticket_metrics: [], meta: { has_more: false, after_cursor: null } }),
      'POST /api/v2/custom_objects/closed_loop_feedback/records/search.json': () => ({
        custom_object_records: [],
        meta: { has_more: false, after_cursor: null },
      }),
      'GET /api/v2/custom_objects/closed_loop_root_cause/records.json': () => ({
        custom_object_records: [],
        meta: { has_more: false, after_cursor: null },
      }),
    },
    { 'requirement:escalation_status': { requirement_id: 360001 } },
  );
  return {
    host: fake.host,
    urls: fake.urls,
  };
}

const lead = { people: async () => new Map() } as unknown as LeadAccess;

async function metricsOf(host: HostClient) {
  const model = createMetricsModel({
    host,
    lead,
    now: () => NOW,
    cache: createSessionCache(null),
    leadResponseMinutes: 60,
    approvedIds: () => [],
    issueAnswers: () => [],
    proposals: () => [],
    analysis: () => import('../../src/domain/textAnalysis'),
  });
  await model.load(7);
  const state = model.metrics.value;
  if (state.status !== 'ready' || !model.outcomes.value) throw new Error(`metrics ${state.status}`);
  return { ...state.data, outcomes: model.outcomes.value };
}

describe('console metrics under Zendesk search limits', () => {
  it('count a ticket once though a ticket created between two page reads shifts the pages', async () => {
    // Ticket 100 is the last of the first page of 100 and used an answer.
    const tickets = Array.from({ length: 150 }, (_, i) => ticket(i + 1, i + 1 === 100 ? ['cla_boundary'] : []));
    const { host } = zendesk(tickets, { between: () => ticket(0) });
    const metrics = await metricsOf(host);
    expect(metrics.outcomes.answers.map((a) => [a.answerId, a.used])).toEqual([['boundary', 1]]);
    expect(metrics.approvedAnswerShare).toBeCloseTo(1 / 150, 6);
  });

  it('say when the window held more tickets than they read, and nothing when it did not', async () => {
    const many = zendesk(Array.from({ length: 2100 }, (_, i) => ticket(i + 1)));
    expect((await metricsOf(many.host)).truncatedAt).toBe(2000);
    expect((await metricsOf(zendesk(Array.from({ length: 150 }, (_, i) => ticket(i + 1))).host)).truncatedAt).toBeNull();
  });
});

describe('escalation queue under Zendesk search limits', () => {
  const queue = (host: HostClient) => {
    const model = createQueueModel({
      host,
      lead,
      settings: readSettings({}).settings,
      i18n: createI18n('en', []),
      now: () => NOW,
      cache: createSessionCache(null),
    });
    return async (n: number) => {
      await model.load(n);
      const state = model.page.value;
      if (state.status !== 'ready') throw new Error(`queue ${state.status}`);
      return state.data;
    };
  };

  it('pages up to the 1,000th request, never to a page search refuses, and says how many more wait', async () => {
    const { host, urls } = zendesk(Array.from({ length: 1200 }, (_, i) => ticket(i + 1, ['escalation_requested'])));
    const load = queue(host);
    expect(await load(1)).toMatchObject({ requests: 1200, escalated: 0, hasNext: true, limit: 1000 });
    expect(await load(39)).toMatchObject({ hasNext: true });
    const last = await load(40);
    expect(last).toMatchObject({ page: 40, hasNext: false, limit: 1000 });
    expect(last.items.map((i) => i.ticket.id)).toContain(1000);
    const pages = urls
      .filter((u) => u.startsWith('/api/v2/search.json'))
      .map((u) => Number(new URL(u, 'https://x').searchParams.get('page')));
    expect(Math.max(...pages)).toBe(40);
  });

  it('reads a listed ticket’s audits once per version of it: the page loaded again reads none, a changed ticket is read again', async () => {
    const tickets = Array.from({ length: 30 }, (_, i) => ticket(i + 1, ['escalation_requested']));
    const { host, urls } = zendesk(tickets);
    const load = queue(host);
    const audits = () => urls.filter((u) => u.includes('/audits.json'));
    await load(1);
    expect(audits()).toHaveLength(25);
    tickets[0]!.updated_at = new Date(NOW.getTime() - 120_000).toISOString();
    await load(1);
    expect(audits().slice(25)).toEqual(['/api/v2/tickets/1/audits.json']);
  });

  it('lists all when search serves them all', async () => {
    const { host } = zendesk(Array.from({ length: 30 }, (_, i) => ticket(i + 1, ['escalation_requested'])));
    expect(await queue(host)(1)).toMatchObject({ requests: 30, hasNext: true, limit: null });
  });

  it('lists every request before the escalated tickets, the pages running on from one to the other', async () => {
    const requests = Array.from({ length: 30 }, (_, i) => ticket(i + 1, ['escalation_requested']));
    const escalated = Array.from({ length: 30 }, (_, i) => ticket(100 + i, ['escalation_escalated']));
    // Search lists them newest first, escalations among the requests.
    const load = queue(zendesk([...escalated, ...requests].sort((a, b) => b.created_at.localeCompare(a.created_at))).host);
    const pages = [await load(1), await load(2), await load(3)];
    expect(pages.map((p) => p.items.map((i) => i.state))).toEqual([
      Array<string>(25).fill('requested'),
      [...Array<string>(5).fill('requested'), ...Array<string>(20).fill('escalated')],
      Array<string>(10).fill('escalated'),
    ]);
    expect(pages.map((p) => p.hasNext)).toEqual([true, true, false]);
    // Each escalated ticket once across the pages.
    expect(pages.flatMap((p) => p.items.filter((i) => i.state === 'escalated').map((i) => i.ticket.id)).sort()).toEqual(
      escalated.map((t) => t.id).sort(),
    );
    expect(pages[0]).toMatchObject({ requests: 30, escalated: 30 });
  });

  it('does not list a ticket again on the next page when a request made meanwhile pushed it there', async () => {
    const { host } = zendesk(
      Array.from({ length: 60 }, (_, i) => ticket(i + 1, ['escalation_requested'])),
      { between: () => ticket(0, ['escalation_requested']) },
    );
    const load = queue(host);
    const first = (await load(1)).items.map((i) => i.ticket.id);
    const second = (await load(2)).items.map((i) => i.ticket.id);
    expect(first).toContain(25);
    expect(second).not.toContain(25);
    expect(second).toHaveLength(24);
  });
});

describe('export search', () => {
  it('follows the cursor with filter[type] and the recommended page size, and stops at its bound', async () => {
    const { host, urls } = zendesk(
      Array.from({ length: 250 }, (_, i) => ticket(i + 1)),
      { hasMoreAlways: true },
    );
    const found = await exportTickets(host, 'updated>2026-11-13', 3);
    expect(found.complete).toBe(false);
    expect(found.tickets).toHaveLength(250);
    expect(urls).toHaveLength(3);
    const query = new URL(urls[1]!, 'https://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      query: 'updated>2026-11-13',
      'filter[type]': 'ticket',
      'page[size]': '100',
      'page[after]': '100',
    });
  });

  it('is complete when Zendesk has no more', async () => {
    const { host, urls } = zendesk(Array.from({ length: 150 }, (_, i) => ticket(i + 1)));
    expect(await exportTickets(host, 'updated>2026-11-13')).toMatchObject({ complete: true });
    expect(urls).toHaveLength(2);
  });
});
