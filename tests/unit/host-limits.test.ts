import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import en from '../../translations/en.json';
import { createSessionCache } from '../../src/app/sessionCache';
import { toAnswer, versionOf } from '../../src/host/api/answers';
import { createAnswer } from '../../src/host/api/answerWrites';
import { getAudits } from '../../src/host/api/tickets';
import { getGroupMemberIds, getUsers } from '../../src/host/api/users';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { ApiError } from '../../src/host/errors';
import { answerRecord } from './fakeHost';
import { createLibraryModel } from '../../src/features/console/library';
import { readSettings } from '../../src/domain/settings';
import { createI18n } from '../../src/i18n';
import { errorMessage } from '../../src/ui/errorMessage';

// The app at Zendesk's documented limits, against a fake host that answers like Zendesk.

/** A host whose answers come from `answer(req)`; records every request and gives up after 50 (a loop). */
function fakeHost(answer: (req: ApiRequest) => unknown) {
  const requests: ApiRequest[] = [];
  const host = {
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      requests.push(req);
      if (requests.length > 50) throw new Error('the app keeps asking: an endless loop');
      await Promise.resolve();
      return schema.parse(answer(req));
    },
  } as unknown as HostClient;
  return { host, requests };
}

const BASE = 'https://lumen.zendesk.com';
const query = (req: ApiRequest) => new URL(req.url, BASE).searchParams;
const audit = (id: number) => ({ id, ticket_id: 7, created_at: '2026-11-20T10:00:00Z', author_id: 11, events: [] });
const t = createI18n('en', [en]).t;

describe('users/show_many: at most 100 ids a call', () => {
  it('asks in chunks of 100, in parallel, and gets every user even though Zendesk answers only the first 100 ids', async () => {
    let inFlight = 0;
    let most = 0;
    const { host, requests } = fakeHost((req) => {
      inFlight++;
      most = Math.max(most, inFlight);
      queueMicrotask(() => inFlight--);
      const ids = query(req).get('ids')!.split(',').map(Number);
      return { users: ids.slice(0, 100).map((id) => ({ id, name: `User ${id}`, role: 'agent' })) };
    });
    const ids = Array.from({ length: 250 }, (_, i) => 1000 + i);
    const users = await getUsers(host, [...ids, 1000, 1001]);
    expect(users.map((u) => u.id).sort()).toEqual(ids);
    expect(requests).toHaveLength(3);
    for (const req of requests) expect(query(req).get('ids')!.split(',').length).toBeLessThanOrEqual(100);
    expect(most).toBe(3);
  });
});

describe('audits and group memberships: 100 a page, next_page followed with care', () => {
  const pages = (total: number, make: (i: number) => unknown, key: string, path: string) => (req: ApiRequest) => {
    const page = Number(query(req).get('page') ?? 1);
    const items = Array.from({ length: Math.min(100, total - (page - 1) * 100) }, (_, i) => make((page - 1) * 100 + i));
    return { [key]: items, next_page: page * 100 < total ? `${BASE}${path}?page=${page + 1}` : null, previous_page: null, count: total };
  };

  it('reads every audit page and sends no parameter of its own', async () => {
    const { host, requests } = fakeHost(pages(250, audit, 'audits', '/api/v2/tickets/7/audits.json'));
    expect(await getAudits(host, 7)).toHaveLength(250);
    expect(requests.map((r) => r.url)).toEqual([
      '/api/v2/tickets/7/audits.json',
      '/api/v2/tickets/7/audits.json?page=2',
      '/api/v2/tickets/7/audits.json?page=3',
    ]);
  });

  it('stops when next_page repeats a page it already read', async () => {
    const { host, requests } = fakeHost(() => ({ audits: [audit(1)], next_page: `${BASE}/api/v2/tickets/7/audits.json?page=2` }));
    await expect(getAudits(host, 7)).resolves.toHaveLength(2);
    expect(requests).toHaveLength(2);
  });

  it('gives up with a typed error past its page cap instead of reading without end', async () => {
    const { host, requests } = fakeHost(pages(5000, audit, 'audits', '/api/v2/tickets/7/audits.json'));
    await expect(getAudits(host, 7)).rejects.toMatchObject({ name: 'TooManyPagesError' });
    expect(requests).toHaveLength(10);
    const error = await getAudits(host, 7).catch((e: unknown) => e);
    expect(errorMessage(error, t)).toContain('more records here than the app can read');
  });

  it('does the same for the members of a group', async () => {
    const member = (i: number) => ({ user_id: 5000 + i, group_id: 503 });
    const many = fakeHost(pages(230, member, 'group_memberships', '/api/v2/groups/503/memberships.json'));
    expect(await getGroupMemberIds(many.host, 503)).toHaveLength(230);
    expect(many.requests).toHaveLength(3);
    const looping = fakeHost(() => ({ group_memberships: [member(1)], next_page: `${BASE}/api/v2/groups/503/memberships.json` }));
    await expect(getGroupMemberIds(looping.host, 503)).resolves.toEqual([5001]);
    expect(looping.requests).toHaveLength(1);
    const endless = fakeHost(pages(5000, member, 'group_memberships', '/api/v2/groups/503/memberships.json'));
    await expect(getGroupMemberIds(endless.host, 503)).rejects.toMatchObject({ name: 'TooManyPagesError' });
    expect(endless.requests).toHaveLength(10);
  });
});

describe('custom object records: at most 32 KB', () => {
  const stored = answerRecord(
    '01ANSWER',
    'Card on its way',
    { answer_body: 'Hi', examples: 'where is my card' },
    '2026-11-01T10:00:00Z',
    '2026-11-02T10:00:00Z',
  );

  it('the console refuses to save an answer that would make the record larger than 32 KB, and sends nothing', async () => {
    let record: typeof stored = stored;
    const { host, requests } = fakeHost((req) => {
      if (req.method === 'PATCH') {
        const change = (req.body as { custom_object_record: { custom_object_fields: object } }).custom_object_record;
        record = { ...record, custom_object_fields: { ...record.custom_object_fields, ...change.custom_object_fields } };
      }
      return { custom_object_record: record };
    });
    const library = createLibraryModel({
      host,
      settings: readSettings({}).settings,
      // A lead editing an approved answer re-approves it in the same save.
      lead: { fresh: () => Promise.resolve({ userId: 10002, name: 'Marta', isLead: true }) } as never,
      now: () => new Date('2026-11-20T12:00:00Z'),
      cache: createSessionCache(null),
      instanceGuid: 'console',
    });
    const base = versionOf(toAnswer(stored));
    const result = await library.edit.run(stored.id, base, { body: 'x'.repeat(33 * 1024) });
    expect(result).toMatchObject({ kind: 'failed', error: { name: 'RecordTooLargeError' } });
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    expect(errorMessage((result as { error: unknown }).error, t)).toContain('32 KB');
    await expect(library.edit.run(stored.id, base, { body: 'x'.repeat(30 * 1024) })).resolves.toMatchObject({ kind: 'done' });
  });

  it('a proposal that would be larger than 32 KB is refused before it is sent', async () => {
    const { host, requests } = fakeHost(() => ({ custom_object_record: stored }));
    const draft = {
      title: 'Huge',
      summary: '',
      body: 'x'.repeat(33 * 1024),
      examples: [],
      tags: [],
      locale: null,
      status: 'draft' as const,
    };
    await expect(createAnswer(host, draft, 'proposal-1')).rejects.toMatchObject({ name: 'RecordTooLargeError' });
    expect(requests).toHaveLength(0);
  });
});

describe('ticket update limits', () => {
  it('a 429 says to wait and try again, in minutes when the wait is long', () => {
    expect(errorMessage(new ApiError(429, '/api/v2/tickets/7.json', 600), t)).toMatch(/Wait 10 minutes, then try again/);
    expect(errorMessage(new ApiError(429, '/api/v2/tickets/7.json', 45), t)).toMatch(/Wait 45 seconds, then try again/);
    expect(errorMessage(new ApiError(429, '/api/v2/tickets/7.json', null), t)).toMatch(/then try again/);
  });
});
