import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../translations/en.json';
import type { LeadAccess } from '../../src/app/lead';
import { createSessionCache } from '../../src/app/sessionCache';
import { REVIEW_NOTE_MAX_CHARS, reviewNoteProblem, sendBackPeople, sentBack } from '../../src/domain/answers/sendBack';
import { startSendBackWatcher } from '../../src/features/background/watcher';
import type { HostClient } from '../../src/host/client';
import { createI18n } from '../../src/i18n';
import { fakeHost } from './fakeHost';

const LEAD = 10002;
const ME = 10004;
const OTHER = 10005;
const lead = (id: number) => id === LEAD;

describe('a proposal sent back', () => {
  const record = { status: 'draft' as const, reviewNote: ' Add the fee. ', updatedById: LEAD, updatedAt: '2026-11-20T12:00:00Z' };

  it('counts only for a draft with a note whose last writer Zendesk recorded is a lead', () => {
    expect(sentBack(record, lead)).toEqual({ byId: LEAD, at: '2026-11-20T12:00:00Z', note: 'Add the fee.' });
    // The proposer (or anyone not a lead) wrote last: revised since, or a note that only claims to be a lead's.
    expect(sentBack({ ...record, updatedById: ME }, lead)).toBeNull();
    expect(sentBack({ ...record, updatedById: null }, lead)).toBeNull();
    expect(sentBack({ ...record, reviewNote: '  ' }, lead)).toBeNull();
    expect(sentBack({ ...record, status: 'approved' }, lead)).toBeNull();
    expect(sentBack({ ...record, status: 'retired' }, lead)).toBeNull();
  });

  it('names the last writers of drafts with a note as the people to look up', () => {
    expect(
      sendBackPeople([
        record,
        { ...record, updatedById: ME },
        { ...record, reviewNote: '', updatedById: OTHER },
        { ...record, status: 'approved', updatedById: 1 },
      ]),
    ).toEqual([LEAD, ME]);
  });

  it('needs a note of at most the maximum length, counted in characters after trimming', () => {
    expect(reviewNoteProblem('')).toBe('empty');
    expect(reviewNoteProblem(' \n\t')).toBe('empty');
    expect(reviewNoteProblem(`  ${'a'.repeat(REVIEW_NOTE_MAX_CHARS)}  `)).toBeNull();
    expect(reviewNoteProblem('😀'.repeat(REVIEW_NOTE_MAX_CHARS))).toBeNull();
    expect(reviewNoteProblem('a'.repeat(REVIEW_NOTE_MAX_CHARS + 1))).toBe('too_long');
  });
});

describe('the proposer is told when a lead sends a proposal back', () => {
  const START = Date.parse('2026-11-20T12:00:00Z');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  const at = (ms: number) => new Date(START + ms).toISOString().replace('.000', '');
  const answer = (id: string, fields: Record<string, unknown>, meta: { by: number; creator?: number; at: number }) => ({
    id,
    name: `Answer ${id}`,
    custom_object_fields: { status: 'draft', ...fields },
    created_at: at(-86_400_000),
    updated_at: at(meta.at),
    created_by_user_id: String(meta.creator ?? ME),
    updated_by_user_id: String(meta.by),
  });

  function zendesk(library: () => ReturnType<typeof answer>[]) {
    const notices: unknown[][] = [];
    const routes = {
      'GET /api/v2/custom_objects/closed_loop_answer/records.json': (_req: unknown, url: URL) => {
        const all = [...library()].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
        const records = url.searchParams.get('page[size]') === '1' ? all.slice(0, 1) : all;
        return { custom_object_records: records, meta: { has_more: false, after_cursor: null } };
      },
    };
    const fake = fakeHost(routes);
    const host: HostClient = {
      ...fake.host,
      async invoke(name: string, ...args: unknown[]) {
        if (name === 'notify') notices.push(args);
        return null;
      },
    };
    return { host, notices, urls: fake.urls };
  }
  const access: LeadAccess = {
    cached: async () => ({ userId: ME, name: 'Sam', isLead: false }),
    fresh: async () => ({ userId: ME, name: 'Sam', isLead: false }),
    people: async (ids) =>
      new Map(ids.map((id) => [id, id === LEAD ? { name: 'Marta <b>K</b>', isLead: true } : { name: `User ${id}`, isLead: false }])),
  };
  const i18n = createI18n('en', [en]);

  it('once per send-back, as escaped text, and never for others’ proposals or notes by non-leads; without storage, only send-backs after it started', async () => {
    let records = [
      answer('A', { review_note: 'Use the <i>new</i> fee & limit.' }, { by: LEAD, at: 500 }),
      answer('B', { review_note: 'Not mine.' }, { by: LEAD, creator: OTHER, at: 500 }),
      answer('C', { review_note: 'A lead says: approve me.' }, { by: ME, at: 500 }),
      answer('D', { review_note: 'Old news.' }, { by: LEAD, at: -60_000 }),
      answer('E', { review_note: 'Approved anyway.', status: 'approved' }, { by: LEAD, at: 500 }),
    ];
    const { host, notices } = zendesk(() => records);
    const stop = startSendBackWatcher({ host, lead: access, i18n, cache: createSessionCache(null), storage: null, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(60_100);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(notices).toEqual([
      [
        'Marta &lt;b&gt;K&lt;/b&gt; sent back your proposed answer “Answer A”: Use the &lt;i&gt;new&lt;/i&gt; fee &amp; limit.',
        'notice',
        { sticky: true },
      ],
    ]);
    // Sent back a second time: a new write, a new notice.
    records = [answer('A', { review_note: 'Shorter, please.' }, { by: LEAD, at: 130_000 }), ...records.slice(1)];
    await vi.advanceTimersByTimeAsync(60_000);
    stop();
    expect(notices.map((n) => n[0])).toEqual([
      'Marta &lt;b&gt;K&lt;/b&gt; sent back your proposed answer “Answer A”: Use the &lt;i&gt;new&lt;/i&gt; fee &amp; limit.',
      'Marta &lt;b&gt;K&lt;/b&gt; sent back your proposed answer “Answer A”: Shorter, please.',
    ]);
  });

  it('with storage, tells a send-back made while the agent was away at the next start, and only once', async () => {
    const records = [
      answer('A', { review_note: 'Add the fee.' }, { by: LEAD, at: -3_600_000 }),
      answer('B', { review_note: 'Revised since.' }, { by: ME, at: -60_000 }),
    ];
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    } as unknown as Storage;
    const { host, notices } = zendesk(() => records);
    const run = async () => {
      const stop = startSendBackWatcher({ host, lead: access, i18n, cache: createSessionCache(null), storage, intervalMs: 60_000 });
      await vi.advanceTimersByTimeAsync(120_100);
      stop();
    };
    await run();
    expect(notices.map((n) => n[0])).toEqual(['Marta &lt;b&gt;K&lt;/b&gt; sent back your proposed answer “Answer A”: Add the fee.']);
    // The next sign-in (a new background location, the same browser) is not told again.
    await run();
    expect(notices).toHaveLength(1);
    // What the storage holds is checked: something else there starts afresh.
    items.set(`closed-loop:v1:sent-back-told:${ME}`, '{"not":"a list"}');
    await run();
    expect(notices).toHaveLength(2);
  });
});
