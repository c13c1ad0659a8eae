import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod/mini';
import en from '../../translations/en.json';
import type { LeadAccess } from '../../src/app/lead';
import { readSettings } from '../../src/domain/settings';
import { startDecisionWatcher, startRequestWatcher } from '../../src/features/background/watcher';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { createI18n } from '../../src/i18n';
import { shortText } from '../../src/domain/text';
import { PAYLOADS } from '../e2e/hostile/payloads';

const ticket = (id: number) => ({
  id,
  subject: `Ticket ${id}`,
  status: 'open',
  tags: ['escalation_requested'],
  created_at: '2026-11-20T00:00:00Z',
  updated_at: '2026-11-20T00:00:00Z',
});

function fakeHost(pages: ReturnType<typeof ticket>[][]) {
  const notices: unknown[][] = [];
  const queries: string[] = [];
  const host = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      queries.push(new URL(req.url, 'https://x').searchParams.get('query') ?? '');
      const results = pages.shift() ?? [];
      return schema.parse({ results, count: results.length, next_page: null });
    },
    async invoke(name: string, ...args: unknown[]) {
      if (name === 'notify') notices.push(args);
      return null;
    },
  } as unknown as HostClient;
  return { host, notices, queries };
}

const lead = (isLead: boolean): LeadAccess => ({
  cached: async () => ({ userId: 1, name: 'Marta', isLead }),
  fresh: async () => ({ userId: 1, name: 'Marta', isLead }),
  people: async () => new Map(),
});
const i18n = createI18n('en', [en]);

describe('lead notifications for new escalation requests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells a lead once about each new request', async () => {
    const { host, notices, queries } = fakeHost([[ticket(7)], [ticket(7), ticket(8)], []]);
    const stop = startRequestWatcher({ host, settings: readSettings({}).settings, lead: lead(true), i18n, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3100);
    stop();
    expect(queries).toHaveLength(3);
    expect(queries[0]).toContain('tags:escalation_requested');
    expect(notices.map((n) => n[0])).toEqual([
      'Escalation requested on ticket #7: Ticket 7',
      'Escalation requested on ticket #8: Ticket 8',
    ]);
  });

  it('still tells about a request that reached search after the check that should have found it, and only once', async () => {
    // Search's view: ticket 9 was requested 0.5 s in, but indexed only 1.5 s in, after the first check.
    const start = Date.parse('2026-11-20T10:00:00Z');
    vi.setSystemTime(start);
    const requested = { ...ticket(9), updated_at: new Date(start + 500).toISOString() };
    const notices: unknown[][] = [];
    const queries: string[] = [];
    const host = {
      async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
        const query = new URL(req.url, 'https://x').searchParams.get('query') ?? '';
        queries.push(query);
        const from = Date.parse(/updated>(\S+)/.exec(query)![1]!);
        const indexed = Date.now() >= start + 1500;
        const results = indexed && Date.parse(requested.updated_at) > from ? [requested] : [];
        return schema.parse({ results, count: results.length, next_page: null });
      },
      async invoke(name: string, ...args: unknown[]) {
        if (name === 'notify') notices.push(args);
        return null;
      },
    } as unknown as HostClient;
    const stop = startRequestWatcher({ host, settings: readSettings({}).settings, lead: lead(true), i18n, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(4100);
    stop();
    expect(queries).toHaveLength(4);
    expect(notices.map((n) => n[0])).toEqual(['Escalation requested on ticket #9: Ticket 9']);
    // Never further back than the watcher's start: older requests are not new to the lead.
    expect(queries.every((q) => q.includes(`updated>${new Date(start).toISOString()}`))).toBe(true);
  });

  it('asks nothing for agents who are not leads, or when notify_leads is off', async () => {
    const agent = fakeHost([[ticket(7)]]);
    const stopAgent = startRequestWatcher({
      host: agent.host,
      settings: readSettings({}).settings,
      lead: lead(false),
      i18n,
      intervalMs: 1000,
    });
    const off = fakeHost([[ticket(7)]]);
    const stopOff = startRequestWatcher({
      host: off.host,
      settings: readSettings({ notify_leads: false }).settings,
      lead: lead(true),
      i18n,
      intervalMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(5000);
    stopAgent();
    stopOff();
    expect(agent.queries).toHaveLength(0);
    expect(off.queries).toHaveLength(0);
  });
});

describe('a notice is text, whatever the subject', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  // Zendesk renders a notify message as HTML (apps put <b> in theirs), so a subject goes in escaped.
  it('escapes every hostile subject and keeps it short', async () => {
    const tickets = PAYLOADS.map((p, i) => ({ ...ticket(100 + i), subject: p.value }));
    const { host, notices } = fakeHost([tickets]);
    const stop = startRequestWatcher({ host, settings: readSettings({}).settings, lead: lead(true), i18n, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1100);
    stop();
    expect(notices).toHaveLength(PAYLOADS.length);
    const decode = (html: string) =>
      html.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
    for (const [i, [message]] of notices.entries()) {
      const text = String(message);
      expect(text).not.toMatch(/[<>"]/);
      expect(text.length).toBeLessThan(400);
      expect(decode(text)).toContain(shortText(PAYLOADS[i]!.value).slice(0, 40));
    }
  });
});

describe('a notice to the agent who asked, when a lead decides', () => {
  const START = Date.parse('2026-11-20T10:00:00Z');
  const ME = 11;
  const LEAD = 22;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  const change = (id: number, author: number, at: number, from: string, to: string, note?: string) => ({
    id,
    ticket_id: 0,
    created_at: new Date(at).toISOString(),
    author_id: author,
    events: [
      ...(note ? [{ id: id * 10, type: 'Comment', body: note, public: false }] : []),
      { id: id * 10 + 1, type: 'Change', field_name: '360001', previous_value: `escalation_${from}`, value: `escalation_${to}` },
    ],
  });

  /** Zendesk with decided tickets (search answers all of them) and each one's audits; counts the calls. */
  function zendesk(trails: Map<number, ReturnType<typeof change>[]>) {
    const notices: unknown[][] = [];
    const calls: string[] = [];
    const host = {
      async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
        const url = new URL(req.url, 'https://x');
        calls.push(url.pathname);
        const audits = /^\/api\/v2\/tickets\/(\d+)\/audits\.json$/.exec(url.pathname);
        if (audits) return schema.parse({ audits: trails.get(Number(audits[1])) ?? [], next_page: null });
        const results = [...trails.keys()].map((id) => ({
          ...ticket(id),
          tags: ['escalation_none'],
          updated_at: new Date(START + 1000).toISOString(),
        }));
        return schema.parse({ results, count: results.length, next_page: null });
      },
      async get() {
        return { 'requirement:escalation_status': { requirement_id: 360001 } };
      },
      async invoke(name: string, ...args: unknown[]) {
        if (name === 'notify') notices.push(args);
        return null;
      },
    } as unknown as HostClient;
    return { host, notices, calls };
  }
  const access: LeadAccess = {
    cached: async () => ({ userId: ME, name: 'Sam', isLead: false }),
    fresh: async () => ({ userId: ME, name: 'Sam', isLead: false }),
    people: async (ids) =>
      new Map(ids.map((id) => [id, id === LEAD ? { name: 'Marta <b>K</b>', isLead: true } : { name: `User ${id}`, isLead: false }])),
  };

  it('tells the requester once about a lead’s decline with its reason, as escaped text, and nothing about others’ requests or old decisions', async () => {
    const trails = new Map([
      // My request, declined by a lead after the watcher started.
      [
        7,
        [
          change(1, ME, START - 60_000, 'none', 'requested'),
          change(2, LEAD, START + 1000, 'requested', 'none', 'M declined (Closed Loop).\n\nReason: Use <i>form</i> B.'),
        ],
      ],
      // Someone else's request, escalated.
      [8, [change(3, 33, START - 60_000, 'none', 'requested'), change(4, LEAD, START + 1000, 'requested', 'escalated')]],
      // My request, escalated before the watcher started: no news.
      [9, [change(5, ME, START - 120_000, 'none', 'requested'), change(6, LEAD, START - 60_000, 'requested', 'escalated')]],
    ]);
    const { host, notices, calls } = zendesk(trails);
    const stop = startDecisionWatcher({ host, lead: access, i18n, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3100);
    stop();
    expect(notices).toEqual([
      [
        'Marta &lt;b&gt;K&lt;/b&gt; declined your escalation request on ticket #7: Use &lt;i&gt;form&lt;/i&gt; B.',
        'notice',
        { sticky: true },
      ],
    ]);
    // One search per check; each ticket's audits read once for the version search showed.
    expect(calls.filter((c) => c === '/api/v2/search.json')).toHaveLength(3);
    expect(calls.filter((c) => c.endsWith('/audits.json'))).toHaveLength(3);
  });

  it('reads at most ten trails per check, and the rest at the next', async () => {
    const trails = new Map(
      Array.from({ length: 15 }, (_, i) => [
        100 + i,
        [change(1000 + 2 * i, ME, START - 60_000, 'none', 'requested'), change(1001 + 2 * i, LEAD, START + 1000, 'requested', 'escalated')],
      ]),
    );
    const { host, notices, calls } = zendesk(trails);
    const stop = startDecisionWatcher({ host, lead: access, i18n, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1100);
    expect(calls.filter((c) => c.endsWith('/audits.json'))).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(calls.filter((c) => c.endsWith('/audits.json'))).toHaveLength(15);
    expect(notices).toHaveLength(15);
    expect(notices[0]![0]).toBe('Marta &lt;b&gt;K&lt;/b&gt; escalated ticket #100, as you requested.');
  });
});
