import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod/mini';
import en from '../../translations/en.json';
import type { LeadAccess } from '../../src/app/lead';
import { readSettings } from '../../src/domain/settings';
import { startRequestWatcher } from '../../src/features/background/watcher';
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
