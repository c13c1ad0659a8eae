import { describe, expect, it, vi } from 'vitest';
import en from '../../translations/en.json';
import { applyEscalation } from '../../src/app/escalation';
import { createLeadAccess } from '../../src/app/lead';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import { createEscalationModel } from '../../src/features/escalation/model';
import { createTicketModel } from '../../src/features/ticket/model';
import { ApiError } from '../../src/host/errors';
import { createI18n } from '../../src/i18n';
import { fakeHost } from './fakeHost';

const FIELD = 360001;
const PEOPLE = [
  { id: 12, name: 'Ada Agent', role: 'agent', custom_role_id: null },
  { id: 13, name: 'Lee Lead', role: 'agent', custom_role_id: 9001 },
];

/** An audit that changes the escalation field, with the note saved alongside. */
const change = (id: number, author: number, from: string, to: string, note: string) => ({
  id,
  ticket_id: 7,
  created_at: `2026-11-20T0${id}:00:00Z`,
  author_id: author,
  events: [
    { id: id * 10, type: 'Comment', body: note, public: false },
    { id: id * 10 + 1, type: 'Change', field_name: String(FIELD), previous_value: `escalation_${from}`, value: `escalation_${to}` },
  ],
});

/**
 * A host whose REST answers come from a tiny in-memory ticket and user; records every write.
 * A safe update based on an older updated_at is a 409, as in Zendesk.
 */
function zendesk(options: {
  role?: string;
  customRole?: number | null;
  state?: string;
  failPut?: number;
  audits?: () => unknown[];
  /** When Zendesk last saved the ticket. */
  updatedAt?: string;
  /** The account's groups by id (others are a 404); 504 by default. */
  groups?: Record<number, { deleted?: boolean }>;
}) {
  const groups = options.groups ?? { 504: {} };
  let ticket = {
    id: 7,
    subject: 'Card blocked',
    status: 'open',
    tags: ['vip', `escalation_${options.state ?? 'requested'}`],
    custom_fields: [{ id: FIELD, value: `escalation_${options.state ?? 'requested'}` }],
    created_at: '2026-11-01T00:00:00Z',
    updated_at: options.updatedAt ?? '2026-11-20T10:00:00Z',
  };
  const { host, writes, urls } = fakeHost(
    {
      'GET /api/v2/users/me.json': () => ({
        user: { id: 11, name: 'Sam Agent', role: options.role ?? 'agent', custom_role_id: options.customRole ?? null },
        groups: [{ id: 501, name: 'Tier 1' }],
      }),
      'GET /api/v2/users/show_many.json': () => ({ users: PEOPLE }),
      'GET /api/v2/groups/*/memberships.json': () => ({ group_memberships: [] }),
      'GET /api/v2/groups/*.json': (req, url) => {
        const id = Number(/(\d+)\.json$/.exec(url.pathname)?.[1]);
        const group = groups[id];
        if (!group) throw new ApiError(404, req.url, null, { error: 'RecordNotFound', description: 'Not found' });
        return { group: { id, name: `Group ${id}`, deleted: group.deleted ?? false } };
      },
      'GET /api/v2/tickets/7/audits.json': () => ({ audits: options.audits?.() ?? [] }),
      'GET /api/v2/tickets/7.json': () => ({ ticket }),
      'PUT /api/v2/tickets/7.json': (req) => {
        if (options.failPut) throw new ApiError(options.failPut, req.url);
        const update = (
          req.body as { ticket: { custom_fields: { value: string }[]; tags?: string[]; safe_update?: boolean; updated_stamp?: string } }
        ).ticket;
        if (update.safe_update && update.updated_stamp !== ticket.updated_at) throw new ApiError(409, req.url);
        ticket = {
          ...ticket,
          custom_fields: [{ id: FIELD, value: update.custom_fields[0]!.value }],
          tags: update.tags ?? ticket.tags,
          updated_at: '2026-11-20T11:00:00Z',
        };
        return { ticket };
      },
    },
    () => ({
      'requirement:escalation_status': { requirement_id: FIELD },
      'ticket.id': 7,
      'ticket.subject': ticket.subject,
      'ticket.requester': { id: 50, name: 'Ada Customer' },
      'ticket.tags': ticket.tags,
      'ticket.comments': [],
      'ticket.type': null,
      'ticket.updatedAt': ticket.updated_at,
    }),
  );
  const handlers = new Map<string, (value: unknown) => void>();
  host.on = (name, handler) => {
    handlers.set(name, handler);
    return () => handlers.delete(name);
  };
  /** Someone else changes the ticket in Zendesk (the sidebar has not seen it yet). */
  const elsewhere = (change: Partial<typeof ticket>) => (ticket = { ...ticket, ...change });
  /** ... and Zendesk's live update brings the new tags to the sidebar. */
  const live = () => handlers.get('ticket.tags.changed')?.(ticket.tags);
  return { host, writes, urls, elsewhere, live };
}

async function model(
  options: Parameters<typeof zendesk>[0],
  rawSettings: Record<string, unknown> = { lead_role_ids: '9001', admins_are_leads: false },
  groups?: Record<number, { deleted?: boolean }>,
  /** The agent's session: a sidebar opened before on the same ticket shares it. */
  cache = createSessionCache(null),
) {
  const { host, writes, urls, elsewhere, live } = zendesk(groups ? { ...options, groups } : options);
  const settings = readSettings(rawSettings).settings;
  const ticket = createTicketModel(
    host,
    await host.get({
      'ticket.id': null,
      'ticket.subject': null,
      'ticket.requester': null,
      'ticket.tags': null,
      'ticket.comments': null,
      'ticket.updatedAt': null,
    } as never),
  );
  const i18n = createI18n('en', [en]);
  return {
    writes,
    /** How many times this sidebar read the ticket's audits. */
    auditReads: () => urls.filter((url) => url.includes('/audits.json')).length,
    elsewhere,
    live,
    escalation: createEscalationModel({
      host,
      settings,
      ticket,
      lead: createLeadAccess(host, settings, cache, 11),
      i18n,
      now: () => new Date('2026-11-20T12:00:00Z'),
      cache,
    }),
  };
}

describe('escalation trail across sidebars', () => {
  const trail = [change(1, 12, 'none', 'requested', 'First request')];
  /** A sidebar opened on the ticket in the agent's session `cache`, once its trail is on screen. */
  async function opened(cache: ReturnType<typeof createSessionCache>, updatedAt?: string) {
    const sidebar = await model({ audits: () => trail, updatedAt }, undefined, undefined, cache);
    await vi.waitFor(() =>
      expect(sidebar.escalation.history.value).toMatchObject({
        status: 'ready',
        data: { lastRequest: { auditId: 1 }, reason: 'First request' },
      }),
    );
    return sidebar;
  }

  it('reads no audits when the ticket is opened again on the same version, and reads them for a new one', async () => {
    const cache = createSessionCache(null);
    expect((await opened(cache)).auditReads()).toBe(1);
    expect((await opened(cache)).auditReads()).toBe(0);
    expect((await opened(cache, '2026-11-20T11:00:00Z')).auditReads()).toBe(1);
  });

  it('reads them every time while the version is under a minute old (a later save may share its stamp)', async () => {
    const cache = createSessionCache(null);
    expect((await opened(cache, '2026-11-20T11:59:30Z')).auditReads()).toBe(1);
    expect((await opened(cache, '2026-11-20T11:59:30Z')).auditReads()).toBe(1);
  });

  it('reads them again on retry, whatever was kept', async () => {
    const cache = createSessionCache(null);
    await opened(cache);
    const again = await opened(cache);
    again.escalation.retry();
    await vi.waitFor(() => expect(again.auditReads()).toBe(1));
  });
});

describe('escalation model actions', () => {
  it('refuses a lead action for a non-lead, checked fresh, and writes nothing', async () => {
    const { escalation, writes } = await model({ role: 'agent' });
    await expect(escalation.act.run('escalate')).resolves.toEqual({ kind: 'refused', reason: 'ui.escalation.refused_not_lead' });
    expect(writes).toHaveLength(0);
  });

  it('lets a lead (by custom role) escalate in one safe update with tags and an internal note', async () => {
    const { escalation, writes } = await model({ role: 'agent', customRole: 9001 });
    await expect(escalation.act.run('escalate')).resolves.toEqual({ kind: 'done', value: 'escalate' });
    expect(writes).toHaveLength(1);
    const body = (writes[0]!.body as { ticket: Record<string, unknown> }).ticket;
    expect(body).toMatchObject({
      safe_update: true,
      updated_stamp: '2026-11-20T10:00:00Z',
      custom_fields: [{ id: FIELD, value: 'escalation_escalated' }],
      // The whole list (Zendesk documents no add/remove lists for one ticket), guarded by safe_update.
      tags: ['vip', 'escalation_escalated'],
      comment: { public: false },
    });
    expect((body.comment as { body: string }).body).toContain('Sam Agent escalated');
    expect(body).not.toHaveProperty('additional_tags');
    expect(body).not.toHaveProperty('remove_tags');
    expect(escalation.state.value).toBe('escalated');
  });

  it('sends the tags of the ticket as read fresh for the action, so tags added elsewhere are kept', async () => {
    const { escalation, writes, elsewhere } = await model({ role: 'agent', customRole: 9001 });
    elsewhere({ tags: ['vip', 'escalation_requested', 'billing_dispute'], updated_at: '2026-11-20T10:30:00Z' });
    await expect(escalation.act.run('escalate')).resolves.toEqual({ kind: 'done', value: 'escalate' });
    expect((writes[0]!.body as { ticket: object }).ticket).toMatchObject({
      updated_stamp: '2026-11-20T10:30:00Z',
      tags: ['vip', 'billing_dispute', 'escalation_escalated'],
    });
  });

  it('moves an escalated ticket to the escalation group with the escalation priority, when set', async () => {
    const routed = await model(
      { customRole: 9001 },
      { lead_role_ids: '9001', admins_are_leads: false, escalation_group_id: '504', escalation_priority: 'Urgent' },
    );
    await routed.escalation.act.run('escalate');
    expect((routed.writes[0]!.body as { ticket: object }).ticket).toMatchObject({ group_id: 504, priority: 'urgent' });
    const plain = await model({ customRole: 9001 });
    await plain.escalation.act.run('escalate');
    const body = (plain.writes[0]!.body as { ticket: object }).ticket;
    expect(body).not.toHaveProperty('group_id');
    expect(body).not.toHaveProperty('priority');
  });

  describe('refuses an escalation the settings would send astray, and writes nothing', () => {
    const lead = { customRole: 9001 };
    const routing = (extra: Record<string, unknown>) => ({ lead_role_ids: '9001', admins_are_leads: false, ...extra });
    const i18n = createI18n('en', [en]);

    it('a group the account does not have: the message names the setting and the id', async () => {
      const { escalation, writes } = await model(lead, routing({ escalation_group_id: '998', escalation_priority: 'urgent' }));
      const outcome = await escalation.act.run('escalate');
      expect(outcome).toEqual({
        kind: 'refused',
        reason: 'ui.escalation.refused_group_missing',
        vars: { setting: 'Escalation group id', value: '998', allowed: 'low, normal, high, urgent' },
      });
      expect(writes).toHaveLength(0);
      expect(escalation.state.value).toBe('requested');
      if (outcome.kind !== 'refused') throw new Error('not refused');
      expect(i18n.t(outcome.reason, outcome.vars)).toBe(
        "The app's settings send escalations to group 998, which does not exist in this account. The ticket was not changed. " +
          'Ask an admin to fix “Escalation group id” in Admin Center > Apps and integrations.',
      );
    });

    it('a deleted group', async () => {
      const { escalation, writes } = await model(lead, routing({ escalation_group_id: '504' }), { 504: { deleted: true } });
      await expect(escalation.act.run('escalate')).resolves.toMatchObject({
        kind: 'refused',
        reason: 'ui.escalation.refused_group_deleted',
      });
      expect(writes).toHaveLength(0);
    });

    it('a priority Zendesk does not have: the message lists the allowed ones', async () => {
      const { escalation, writes } = await model(lead, routing({ escalation_group_id: '504', escalation_priority: 'asap' }));
      const outcome = await escalation.act.run('escalate');
      expect(outcome).toMatchObject({ kind: 'refused', reason: 'ui.escalation.refused_priority_invalid' });
      if (outcome.kind !== 'refused') throw new Error('not refused');
      const text = i18n.t(outcome.reason, outcome.vars);
      expect(text).toContain('priority “asap”');
      expect(text).toContain('(allowed: low, normal, high, urgent)');
      expect(text).toContain('“Escalation priority”');
      expect(writes).toHaveLength(0);
    });

    it('the same from the console queue, which shares the step', async () => {
      const { host, writes } = zendesk({ ...lead, groups: {} });
      const settings = readSettings(routing({ escalation_group_id: '998' })).settings;
      const deps = { host, settings, i18n, lead: createLeadAccess(host, settings, createSessionCache(null), 11) };
      await expect(applyEscalation(deps, 7, { action: 'escalate', seen: 'requested' })).resolves.toMatchObject({
        kind: 'refused',
        reason: 'ui.escalation.refused_group_missing',
        vars: { value: '998' },
      });
      expect(writes).toHaveLength(0);
    });

    it('a non-lead is told the rule first', async () => {
      const { escalation } = await model({ role: 'agent' }, routing({ escalation_group_id: '998' }));
      await expect(escalation.act.run('escalate')).resolves.toEqual({ kind: 'refused', reason: 'ui.escalation.refused_not_lead' });
    });

    it('decline and resolve are not held up by the escalation settings', async () => {
      const broken = routing({ escalation_group_id: '998', escalation_priority: 'asap' });
      const declined = await model(lead, broken);
      await expect(declined.escalation.act.run('decline', 'Tier 1 can handle this.')).resolves.toEqual({ kind: 'done', value: 'decline' });
      const resolved = await model({ ...lead, state: 'escalated' }, broken);
      await expect(resolved.escalation.act.run('resolve')).resolves.toEqual({ kind: 'done', value: 'resolve' });
      const sent = declined.writes.concat(resolved.writes).map((w) => (w.body as { ticket: Record<string, unknown> }).ticket);
      expect(sent).toHaveLength(2);
      for (const ticket of sent) expect(ticket).not.toHaveProperty('group_id');
    });
  });

  it('requires a reason for a request', async () => {
    const { escalation, writes } = await model({ state: 'none' });
    await expect(escalation.act.run('request', '  ')).resolves.toEqual({
      kind: 'refused',
      reason: 'ui.escalation.refused_reason_required',
    });
    expect(writes).toHaveLength(0);
  });

  it('reports a conflict on 409 and keeps the state it reads back', async () => {
    const { escalation } = await model({ customRole: 9001, failPut: 409 });
    const outcome = await escalation.act.run('escalate');
    expect(outcome.kind).toBe('conflict');
    expect(escalation.state.value).toBe('requested');
  });

  it('reports a conflict when the ticket moved on after the lead chose the action', async () => {
    // The ticket is already escalated; the lead opened the decline form while it was requested.
    const { escalation, writes } = await model({ customRole: 9001, state: 'escalated' });
    await expect(escalation.act.run('decline', 'Tier 1 can handle this.', { state: 'requested', lastChange: null })).resolves.toEqual({
      kind: 'conflict',
      current: { state: 'escalated', change: null },
    });
    expect(writes).toHaveLength(0);
  });

  it('does not act when the trail moved behind the panel in the same state, says who changed what, and acts when asked again', async () => {
    const trail = [change(1, 12, 'none', 'requested', 'First request')];
    const { escalation, writes } = await model({ customRole: 9001, audits: () => trail });
    await vi.waitFor(() => expect(escalation.shown.value).toEqual({ state: 'requested', lastChange: 1 }));
    // Meanwhile a lead declines it and someone asks again: the state reads "requested" as before.
    trail.push(
      change(2, 13, 'requested', 'none', 'Lee Lead declined the escalation request (Closed Loop).\n\nReason: No.'),
      change(3, 12, 'none', 'requested', 'Ada Agent requested an escalation (Closed Loop).\n\nReason: Customer called again.'),
    );
    const outcome = await escalation.act.run('escalate', undefined, escalation.shown.value);
    expect(outcome).toMatchObject({
      kind: 'conflict',
      current: { state: 'requested', change: { kind: 'requested', name: 'Ada Agent', reason: 'Customer called again.' } },
    });
    expect(writes).toHaveLength(0);
    // The panel now shows the trail the check read; deciding on it goes through.
    expect(escalation.shown.value).toEqual({ state: 'requested', lastChange: 3 });
    await expect(escalation.act.run('escalate', undefined, escalation.shown.value)).resolves.toEqual({ kind: 'done', value: 'escalate' });
    expect(writes).toHaveLength(1);
  });

  it('takes a click that lands as someone else’s change arrives live as meant for the state before; once it has been on screen, as meant for it', async () => {
    const trail = [change(1, 12, 'none', 'requested', 'First request')];
    const { escalation, writes, elsewhere, live } = await model({ customRole: 9001, audits: () => trail });
    await vi.waitFor(() => expect(escalation.shown.value).toEqual({ state: 'requested', lastChange: 1 }));
    trail.push(change(2, 13, 'requested', 'none', 'Lee Lead declined the escalation request (Closed Loop).\n\nReason: No.'));
    elsewhere({
      tags: ['vip', 'escalation_none'],
      custom_fields: [{ id: FIELD, value: 'escalation_none' }],
      updated_at: '2026-11-20T10:30:00Z',
    });
    live();
    expect(escalation.state.value).toBe('none');
    // The panel has caught up (decline and all) when the lead's click, meant for the request, lands.
    await vi.waitFor(() => {
      const view = escalation.history.value;
      expect(view.status === 'ready' && view.data.changes.length).toBe(2);
    });
    await expect(escalation.act.run('escalate', undefined, escalation.shown.value)).resolves.toMatchObject({
      kind: 'conflict',
      current: { state: 'none', change: { kind: 'declined', name: 'Lee Lead', reason: 'No.' } },
    });
    expect(writes).toHaveLength(0);
    // Told what changed, the lead decides on what is on screen now: no waiting for it to settle.
    await vi.waitFor(() => expect(escalation.shown.value).toEqual({ state: 'none', lastChange: 2 }), { timeout: 500 });

    // Someone else asks again; this time the lead looks at it for a while before escalating.
    trail.push(change(3, 12, 'none', 'requested', 'Ada Agent requested an escalation (Closed Loop).\n\nReason: Again.'));
    elsewhere({
      tags: ['vip', 'escalation_requested'],
      custom_fields: [{ id: FIELD, value: 'escalation_requested' }],
      updated_at: '2026-11-20T10:40:00Z',
    });
    live();
    await vi.waitFor(() => expect(escalation.shown.value).toEqual({ state: 'requested', lastChange: 3 }), { timeout: 6000 });
    await expect(escalation.act.run('escalate', undefined, escalation.shown.value)).resolves.toEqual({ kind: 'done', value: 'escalate' });
    expect(writes).toHaveLength(1);
  });

  it('reports a failure on 500 without changing the state', async () => {
    const { escalation } = await model({ customRole: 9001, failPut: 500 });
    const outcome = await escalation.act.run('escalate');
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(escalation.state.value).toBe('requested');
  });
});
