import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { createLeadAccess } from '../../src/app/lead';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import { listOpenFeedback } from '../../src/host/api/feedbackReview';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { CurrentUserSchema } from '../../src/host/schemas';

/** A host answering every REST call with `body` (through the schema, as the real client does). */
function hostAnswering(body: (req: ApiRequest) => unknown): HostClient {
  return {
    request: async <T>(req: ApiRequest, schema: z.ZodMiniType<T>) => schema.parse(body(req)),
  } as unknown as HostClient;
}

const feedbackRecord = (id: string, fields: Record<string, unknown>) => ({
  id,
  name: `Feedback ${id}`,
  custom_object_fields: fields,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
});

describe('what Zendesk may vary does not blank a panel', () => {
  it('lists a feedback record made in Zendesk (no kind, or one the app does not know) as "other"', async () => {
    const host = hostAnswering(() => ({
      custom_object_records: [
        feedbackRecord('1', { kind: 'misfit', answer_id: 'A', ticket_id: '4131', handled: false }),
        feedbackRecord('2', { note: 'Typed in by hand in the records list', handled: null }),
        feedbackRecord('3', { kind: 'Complaint', note: 'A kind the app never writes' }),
      ],
      meta: { has_more: false, after_cursor: null },
    }));
    const records = await listOpenFeedback(host);
    expect(records.map((r) => [r.id, r.custom_object_fields.kind])).toEqual([
      ['1', 'misfit'],
      ['2', 'other'],
      ['3', 'other'],
    ]);
  });

  it('reads the article title of a feedback record from its field, and from the name of a record written before the field', async () => {
    const host = hostAnswering(() => ({
      custom_object_records: [
        { ...feedbackRecord('1', { kind: 'outdated_article', article_id: 9001, article_title: 'Outdated: fees 2025' }), name: 'Anything' },
        { ...feedbackRecord('2', { kind: 'outdated_article', article_id: 9002 }), name: 'Outdated: Card limits' },
        { ...feedbackRecord('3', { kind: 'article_used', article_id: 9003 }), name: 'quote: Travel notice' },
        feedbackRecord('4', { kind: 'misfit', answer_id: 'A' }),
      ],
      meta: { has_more: false, after_cursor: null },
    }));
    expect((await listOpenFeedback(host)).map((r) => r.custom_object_fields.article_title)).toEqual([
      'Outdated: fees 2025',
      'Card limits',
      'Travel notice',
      null,
    ]);
  });

  it('accepts a current user whose role is a custom role id, as the agent workspace may report it', () => {
    const user = { id: 11, name: 'Sam Agent', locale: 'en-US', groups: [] };
    expect(CurrentUserSchema.safeParse({ ...user, role: 360001234567 }).success).toBe(true);
    expect(CurrentUserSchema.safeParse({ ...user, role: 'agent' }).success).toBe(true);
    expect(CurrentUserSchema.safeParse({ ...user, role: 'admin' }).success).toBe(true);
  });

  it('reads lead powers of an agent whose custom_role_id Zendesk sends as a string', async () => {
    const host = hostAnswering((req) =>
      req.url.startsWith('/api/v2/users/me')
        ? { user: { id: 11, name: 'Sam Agent', role: 'agent', role_type: '0', custom_role_id: '9001' }, groups: [] }
        : { users: [{ id: 12, name: 'Lee Lead', role: 'agent', role_type: 0, custom_role_id: '9001' }] },
    );
    const settings = readSettings({ lead_role_ids: '9001', admins_are_leads: false }).settings;
    const lead = createLeadAccess(host, settings, createSessionCache(null), 11);
    await expect(lead.fresh()).resolves.toEqual({ userId: 11, name: 'Sam Agent', isLead: true });
    const people = await lead.people([12]);
    expect(people.get(12)).toEqual({ name: 'Lee Lead', isLead: true });
  });
});
