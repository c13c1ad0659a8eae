import { describe, expect, it, vi } from 'vitest';
import { usePlayground } from './playgroundApi';

// The offline Zendesk at Zendesk's documented limits: show_many takes 100 ids, audits and group
// memberships come 100 a page, custom object records hold at most 32 KB, timestamps have whole
// seconds, and ticket updates are rate-limited per ticket and user and per account.

const call = usePlayground();
const control = (name: string, body: unknown) => call(`/__playground/${name}`, 'POST', body);

const ZENDESK_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const TICKET = 4109;
const LEADS = 503;

const agents = (count: number, groupId: number) =>
  Array.from({ length: count }, (_, i) => ({ id: 30001 + i, name: `Agent ${30001 + i}`, group_ids: [groupId] }));

describe('playground limits', () => {
  it('show_many answers for the first 100 ids only, as Zendesk documents "up to 100"', async () => {
    await control('seed', { agents: agents(150, 501) });
    const ids = Array.from({ length: 150 }, (_, i) => 30001 + i);
    const { status, body } = await call<{ users: { id: number }[] }>(`/api/v2/users/show_many.json?ids=${ids.join(',')}`);
    expect(status).toBe(200);
    expect(body.users.map((u) => u.id)).toEqual(ids.slice(0, 100));
  });

  it('shows a group as Zendesk does: unknown ids are its 404, a deleted group is shown marked deleted', async () => {
    const shown = await call<{ group: Record<string, unknown> }>('/api/v2/groups/504.json');
    expect(shown.status).toBe(200);
    expect(shown.body.group).toMatchObject({ id: 504, name: 'Escalations', deleted: false });
    expect(shown.body.group.url).toMatch(/\/api\/v2\/groups\/504\.json$/);
    expect(await call('/api/v2/groups/998.json')).toMatchObject({
      status: 404,
      body: { error: 'RecordNotFound', description: 'Not found' },
    });
    await control('seed', { groups: [{ id: 504, deleted: true }] });
    expect((await call<{ group: { deleted: boolean } }>('/api/v2/groups/504.json')).body.group.deleted).toBe(true);
    const listed = await call<{ groups: { id: number }[] }>('/api/v2/groups.json');
    expect(listed.body.groups.map((g) => g.id)).not.toContain(504);
  });

  it('pages ticket audits 100 at a time with next_page', async () => {
    const audits = Array.from({ length: 150 }, (_, i) => ({
      ticket_id: TICKET,
      author_id: 20010,
      created_at: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString().replace('.000Z', 'Z'),
      events: [{ id: 70000000 + i, type: 'Comment', body: `Reply ${i}`, public: true }],
    }));
    await control('seed', { audits });
    const first = await call<{ audits: unknown[]; next_page: string | null; count: number }>(`/api/v2/tickets/${TICKET}/audits.json`);
    expect(first.body.audits).toHaveLength(100);
    expect(first.body.count).toBe(151);
    expect(first.body.next_page).toMatch(/\/api\/v2\/tickets\/4109\/audits\.json\?page=2$/);
    const second = await call<{ audits: unknown[]; next_page: string | null }>(new URL(first.body.next_page!).pathname + '?page=2');
    expect(second.body.audits).toHaveLength(51);
    expect(second.body.next_page).toBeNull();
  });

  it('pages group memberships 100 at a time, by group and by user', async () => {
    await control('seed', { agents: agents(120, LEADS) });
    const byGroup = await call<{ group_memberships: { user_id: number }[]; next_page: string | null; count: number }>(
      `/api/v2/groups/${LEADS}/memberships.json`,
    );
    expect(byGroup.body.group_memberships).toHaveLength(100);
    expect(byGroup.body.count).toBeGreaterThan(120);
    expect(byGroup.body.next_page).toContain(`/api/v2/groups/${LEADS}/memberships.json?page=2`);
    const rest = await call<{ group_memberships: unknown[]; next_page: string | null }>(
      new URL(byGroup.body.next_page!).pathname + '?page=2',
    );
    expect(rest.body.group_memberships.length + 100).toBe(byGroup.body.count);
    expect(rest.body.next_page).toBeNull();
    const byUser = await call<{ group_memberships: { group_id: number }[]; next_page: string | null }>(
      '/api/v2/users/30001/group_memberships.json',
    );
    expect(byUser.body.group_memberships.map((m) => m.group_id)).toEqual([LEADS]);
    expect(byUser.body.next_page).toBeNull();
  });

  it('refuses a custom object record over 32 KB, on create and on update', async () => {
    const base = '/api/v2/custom_objects/closed_loop_answer/records';
    const big = 'x'.repeat(33 * 1024);
    const created = await call(`${base}.json`, 'POST', {
      custom_object_record: { name: 'Too big', custom_object_fields: { answer_body: big } },
    });
    expect(created.status).toBe(422);
    const ok = await call<{ custom_object_record: { id: string } }>(`${base}.json`, 'POST', {
      custom_object_record: { name: 'Fits', custom_object_fields: { answer_body: 'x'.repeat(30 * 1024) } },
    });
    expect(ok.status).toBe(201);
    const id = ok.body.custom_object_record.id;
    const grown = await call(`${base}/${id}.json`, 'PATCH', {
      custom_object_record: { custom_object_fields: { examples: 'y'.repeat(3 * 1024) } },
    });
    expect(grown.status).toBe(422);
    const stored = await call<{ custom_object_record: { custom_object_fields: Record<string, unknown> } }>(`${base}/${id}.json`);
    expect(stored.body.custom_object_record.custom_object_fields.examples).toBeUndefined();
  });

  it('gives timestamps in whole seconds and does not move a record forward in time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-29T16:04:33.456Z'));
      const base = '/api/v2/custom_objects/closed_loop_answer/records';
      const created = await call<{ custom_object_record: { id: string; created_at: string; updated_at: string } }>(`${base}.json`, 'POST', {
        custom_object_record: { name: 'Stamped', custom_object_fields: { answer_body: 'Hi' } },
      });
      expect(created.body.custom_object_record.created_at).toBe('2026-11-29T16:04:33Z');
      const id = created.body.custom_object_record.id;
      // A second write in the same second keeps the same second, as Zendesk's timestamps do.
      const patched = await call<{ custom_object_record: { updated_at: string } }>(`${base}/${id}.json`, 'PATCH', {
        custom_object_record: { custom_object_fields: { answer_body: 'Hello' } },
      });
      expect(patched.body.custom_object_record.updated_at).toBe('2026-11-29T16:04:33Z');
      const ticket = await call<{ ticket: { updated_at: string }; audit: { created_at: string } }>(
        `/api/v2/tickets/${TICKET}.json`,
        'PUT',
        {
          ticket: { comment: { body: 'Checked.', public: false } },
        },
      );
      expect(ticket.body.ticket.updated_at).toMatch(ZENDESK_SECONDS);
      expect(ticket.body.audit.created_at).toBe(ticket.body.ticket.updated_at);
      const list = await call<{ custom_object_records: { created_at: string; updated_at: string }[] }>(`${base}.json?page[size]=100`);
      for (const record of list.body.custom_object_records) {
        expect(record.created_at).toMatch(ZENDESK_SECONDS);
        expect(record.updated_at).toMatch(ZENDESK_SECONDS);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('limits updates to one ticket by one user, with a 429 and Retry-After', async () => {
    await control('limits', { ticket_updates_per_user: { max: 2, window_seconds: 600 } });
    const update = (id: number) => call(`/api/v2/tickets/${id}.json`, 'PUT', { ticket: { comment: { body: 'Note', public: false } } });
    expect((await update(TICKET)).status).toBe(200);
    expect((await update(TICKET)).status).toBe(200);
    const limited = await update(TICKET);
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(600);
    // Another ticket, or another user on the same ticket, is not limited by it.
    expect((await update(4105)).status).toBe(200);
    await control('persona', { persona: 'lead' });
    expect((await update(TICKET)).status).toBe(200);
  });

  it('limits ticket update requests per account, with a 429 and Retry-After', async () => {
    await control('limits', { ticket_updates_per_account: { max: 3, window_seconds: 60 } });
    const update = (id: number) => call(`/api/v2/tickets/${id}.json`, 'PUT', { ticket: { comment: { body: 'Note', public: false } } });
    for (const id of [4101, 4102, 4103]) expect((await update(id)).status).toBe(200);
    const limited = await update(4104);
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    // Refused requests change nothing.
    const audits = await call<{ audits: unknown[] }>('/api/v2/tickets/4104/audits.json');
    expect(audits.body.audits).toHaveLength(8);
  });

  it("uses Zendesk's own limits by default: 30 updates per ticket and user in 10 minutes", async () => {
    const update = () => call(`/api/v2/tickets/${TICKET}.json`, 'PUT', { ticket: { comment: { body: 'Note', public: false } } });
    for (let i = 0; i < 30; i++) expect((await update()).status).toBe(200);
    expect((await update()).status).toBe(429);
  });
});
