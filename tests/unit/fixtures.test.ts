import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Referential integrity and minimum sizes of the playground demo data.

type Json = any;

function load(rel: string): Json {
  const url = new URL(`../../playground/fixtures/${rel}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const ESCALATION_FIELD = 360001;
const ESCALATION_VALUES = ['escalation_none', 'escalation_requested', 'escalation_escalated', 'escalation_resolved'];
const LEAD_ROLE = 9001;

const users: Json[] = load('users.json');
const groups: Json[] = load('groups.json');
const memberships: Json[] = load('group_memberships.json');
const tickets: Json[] = load('tickets.json');
const comments: Record<string, Json[]> = load('comments.json');
const audits: Record<string, Json[]> = load('audits.json');
const sections: Json[] = load('help_center/sections.json');
const articles: Json[] = load('help_center/articles.json');
const answers: Json[] = load('answers.json');
const feedback: Json[] = load('answer_feedback.json');
const evalSet: Json[] = load('knowledge_eval.json');

const userById = new Map<number, Json>(users.map((u) => [u.id, u]));
const groupIds = new Set<number>(groups.map((g) => g.id));
const sectionIds = new Set<number>(sections.map((s) => s.id));
const articleIds = new Set<number>(articles.map((a) => a.id));
const answerIds = new Set<string>(answers.map((a) => a.id));
const ticketIds = new Set<number>(tickets.map((t) => t.id));

const leadGroup = groups.find((g) => g.name === 'Team Leads');
const isLead = (id: number) => userById.get(id)?.custom_role_id === LEAD_ROLE;
const isStaff = (id: number) => ['agent', 'admin'].includes(userById.get(id)?.role);

function escalationValue(t: Json): string | null {
  const f = (t.custom_fields as Json[]).find((c) => c.id === ESCALATION_FIELD);
  return f ? f.value : null;
}

function escalationChanges(ticketId: number): Json[] {
  const out: Json[] = [];
  for (const audit of audits[String(ticketId)] ?? []) {
    for (const ev of audit.events) {
      if (ev.type === 'Change' && ev.field_name === String(ESCALATION_FIELD)) {
        out.push({ ...ev, author_id: audit.author_id, audit });
      }
    }
  }
  return out;
}

function expectIso(ts: unknown) {
  expect(typeof ts).toBe('string');
  expect(ts as string).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Date.parse(ts as string)).toBeLessThanOrEqual(NOW);
}

describe('fixtures: users and groups', () => {
  it('has unique ids and the expected roles', () => {
    expect(userById.size).toBe(users.length);
    const staff = users.filter((u) => u.role !== 'end-user');
    const endUsers = users.filter((u) => u.role === 'end-user');
    expect(staff.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(staff.filter((u) => isLead(u.id))).toHaveLength(2);
    expect(staff.filter((u) => u.role === 'agent').length).toBeGreaterThanOrEqual(8);
    expect(endUsers.length).toBeGreaterThanOrEqual(15);
    for (const u of users) {
      expect(u.active).toBe(true);
      expect(u.photo).toBeNull();
      expect(typeof u.locale).toBe('string');
      expectIso(u.created_at);
      if (u.default_group_id != null) expect(groupIds.has(u.default_group_id)).toBe(true);
    }
  });

  it('has the four groups and consistent memberships', () => {
    expect(groups.map((g) => g.name).sort()).toEqual(['Escalations', 'Support Tier 1', 'Support Tier 2', 'Team Leads'].sort());
    expect(leadGroup).toBeDefined();
    for (const m of memberships) {
      expect(userById.has(m.user_id)).toBe(true);
      expect(groupIds.has(m.group_id)).toBe(true);
      expect(isStaff(m.user_id)).toBe(true);
    }
    for (const lead of users.filter((u) => isLead(u.id))) {
      expect(memberships.some((m) => m.user_id === lead.id && m.group_id === leadGroup.id)).toBe(true);
    }
    // Every agent's default group is one of their memberships.
    for (const u of users.filter((x) => isStaff(x.id))) {
      expect(memberships.some((m) => m.user_id === u.id && m.group_id === u.default_group_id)).toBe(true);
    }
  });
});

describe('fixtures: tickets, comments and audits', () => {
  it('has at least 36 well-formed tickets in the last 30 days', () => {
    expect(tickets.length).toBeGreaterThanOrEqual(36);
    expect(ticketIds.size).toBe(tickets.length);
    for (const t of tickets) {
      expect(['new', 'open', 'pending', 'solved']).toContain(t.status);
      expect([null, 'low', 'normal', 'high', 'urgent']).toContain(t.priority);
      expect(['email', 'web']).toContain(t.via.channel);
      expect(userById.get(t.requester_id)?.role).toBe('end-user');
      expect(userById.has(t.submitter_id)).toBe(true);
      if (t.assignee_id != null) expect(isStaff(t.assignee_id)).toBe(true);
      else expect(t.status).toBe('new');
      expect(groupIds.has(t.group_id)).toBe(true);
      expectIso(t.created_at);
      expectIso(t.updated_at);
      expect(Date.parse(t.created_at)).toBeGreaterThanOrEqual(NOW - 30 * DAY);
      expect(Date.parse(t.updated_at)).toBeGreaterThanOrEqual(Date.parse(t.created_at));
      const value = escalationValue(t);
      expect([null, ...ESCALATION_VALUES]).toContain(value);
      // The drop-down's tag mirrors its value.
      const escTags = (t.tags as string[]).filter((x) => x.startsWith('escalation_'));
      expect(escTags).toEqual(value ? [value] : []);
    }
  });

  it('has at least 6 tickets in each escalation state', () => {
    for (const state of ['escalation_requested', 'escalation_escalated', 'escalation_resolved']) {
      expect(tickets.filter((t) => escalationValue(t) === state).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('has comment threads starting with the requester description', () => {
    for (const t of tickets) {
      const list = comments[String(t.id)];
      expect(list?.length).toBeGreaterThan(0);
      const first = list![0];
      expect(first.author_id).toBe(t.requester_id);
      expect(first.public).toBe(true);
      expect(first.body).toBe(t.description);
      let prev = 0;
      for (const c of list!) {
        expect(c.type).toBe('Comment');
        expect(userById.has(c.author_id)).toBe(true);
        expect(typeof c.html_body).toBe('string');
        expect(Array.isArray(c.attachments)).toBe(true);
        expectIso(c.created_at);
        expect(Date.parse(c.created_at)).toBeGreaterThanOrEqual(prev);
        prev = Date.parse(c.created_at);
        if (!c.public) expect(isStaff(c.author_id)).toBe(true);
      }
    }
    expect(Object.keys(comments).every((k) => ticketIds.has(Number(k)))).toBe(true);
    const allComments = Object.values(comments).flat();
    expect(allComments.some((c) => !c.public)).toBe(true);
    expect(allComments.some((c) => /wrote:|a écrit :|schrieb|escribió:/.test(c.body))).toBe(true);
  });

  it('has audits whose comment events match comments.json', () => {
    const commentIds = new Set(
      Object.values(comments)
        .flat()
        .map((c) => c.id),
    );
    const seen = new Set<number>();
    for (const t of tickets) {
      const list = audits[String(t.id)];
      expect(list?.length).toBeGreaterThan(0);
      expect(list![0].events.some((e: Json) => e.type === 'Create' && e.field_name === 'subject')).toBe(true);
      for (const a of list!) {
        expect(a.ticket_id).toBe(t.id);
        expect(userById.has(a.author_id)).toBe(true);
        expectIso(a.created_at);
        for (const ev of a.events) {
          if (ev.type === 'Comment') {
            expect(commentIds.has(ev.id)).toBe(true);
            seen.add(ev.id);
          }
        }
      }
      expect(list![list!.length - 1].created_at).toBe(t.updated_at);
      // The last escalation change in the audits matches the field value.
      const changes = escalationChanges(t.id);
      if (changes.length) expect(changes[changes.length - 1].value).toBe(escalationValue(t));
    }
    expect(seen.size).toBe(commentIds.size);
  });

  it('has a full escalation trail for escalated tickets, with one non-lead escalation', () => {
    const nonLeadEscalations: number[] = [];
    for (const t of tickets) {
      const value = escalationValue(t);
      if (!value || value === 'escalation_none') continue;
      const changes = escalationChanges(t.id);
      const requested = changes.find((c) => c.value === 'escalation_requested');
      const escalated = changes.find((c) => c.value === 'escalation_escalated');
      const resolved = changes.find((c) => c.value === 'escalation_resolved');
      if (escalated && !isLead(escalated.author_id)) {
        nonLeadEscalations.push(t.id);
        continue;
      }
      expect(requested, `ticket ${t.id} request`).toBeDefined();
      expect(isLead(requested.author_id)).toBe(false);
      const note = requested.audit.events.find((e: Json) => e.type === 'Comment');
      expect(note?.public).toBe(false);
      if (value !== 'escalation_requested') {
        expect(escalated, `ticket ${t.id} escalation`).toBeDefined();
        expect(isLead(escalated.author_id)).toBe(true);
      }
      if (value === 'escalation_resolved') {
        expect(resolved).toBeDefined();
        expect(isLead(resolved.author_id)).toBe(true);
      }
    }
    expect(nonLeadEscalations).toHaveLength(1);
  });

  it('uses cla_ tags that point at existing answers', () => {
    const lower = new Set([...answerIds].map((id) => id.toLowerCase()));
    const claTickets = tickets.filter((t) => (t.tags as string[]).some((x) => x.startsWith('cla_')));
    expect(claTickets.length).toBeGreaterThanOrEqual(5);
    for (const t of claTickets) {
      for (const tag of (t.tags as string[]).filter((x) => x.startsWith('cla_'))) {
        expect(lower.has(tag.slice(4))).toBe(true);
      }
    }
  });
});

describe('fixtures: help center', () => {
  it('has 4-6 sections and at least 44 articles with valid references', () => {
    expect(sections.length).toBeGreaterThanOrEqual(4);
    expect(sections.length).toBeLessThanOrEqual(6);
    expect(articles.length).toBeGreaterThanOrEqual(44);
    expect(articleIds.size).toBe(articles.length);
    for (const a of articles) {
      expect(sectionIds.has(a.section_id)).toBe(true);
      expect(isStaff(a.author_id)).toBe(true);
      expect(a.html_url).toMatch(new RegExp(`^https://lumenbank\\.zendesk\\.com/hc/[a-z-]+/articles/${a.id}-[a-z0-9-]+$`));
      expect(a.draft).toBe(false);
      expect(a.outdated).toBe(false);
      expect(Array.isArray(a.label_names)).toBe(true);
      expectIso(a.created_at);
      expectIso(a.updated_at);
      const words = (a.body as string)
        .replace(/<[^>]*>/g, ' ')
        .split(/\s+/)
        .filter(Boolean).length;
      expect(words).toBeGreaterThanOrEqual(80);
      expect(words).toBeLessThanOrEqual(250);
    }
    const locales = new Set(articles.map((a) => a.locale));
    for (const l of ['en-us', 'de', 'fr', 'es']) expect(locales.has(l)).toBe(true);
  });

  it('has the hostile PIN article for security tests', () => {
    const a = articles.find((x) => x.id === 9999001);
    expect(a).toBeDefined();
    expect(a.title).toContain('<script>');
    expect(a.title).toContain('onerror');
    expect(a.title.toLowerCase()).toContain('pin');
    expect(a.body).toContain('<script>');
    expect(a.body).toContain('javascript:');
    expect(a.body).toContain('onerror');
  });
});

describe('fixtures: answers and feedback', () => {
  const fields = (a: Json) => a.custom_object_fields;

  it('has enough answers in each status with valid references', () => {
    const by = (s: string) => answers.filter((a) => fields(a).status === s);
    expect(by('approved').length).toBeGreaterThanOrEqual(26);
    expect(by('draft').length).toBeGreaterThanOrEqual(4);
    expect(by('retired').length).toBeGreaterThanOrEqual(3);
    expect(answerIds.size).toBe(answers.length);
    for (const a of answers) {
      const f = fields(a);
      expect(a.custom_object_key).toBe('closed_loop_answer');
      expect(a.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(a.name).toBeTruthy();
      expect(a.external_id).toBeNull();
      expect(userById.has(Number(f.owner_id))).toBe(true);
      expect(userById.has(Number(a.created_by_user_id))).toBe(true);
      expect(userById.has(Number(a.updated_by_user_id))).toBe(true);
      const ids = (f.article_ids as string).split(' ').filter(Boolean).map(Number);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(articleIds.has(id)).toBe(true);
      const examples = (f.examples as string).split('\n').filter(Boolean);
      expect(examples.length).toBeGreaterThanOrEqual(3);
      expect(examples.length).toBeLessThanOrEqual(10);
      expect(f.answer_body).toContain('{{requester.first_name}}');
      if (f.status === 'draft') {
        expect(f.approved_by_id).toBeNull();
        expect(f.approved_at).toBeNull();
      } else {
        expect(isLead(Number(f.approved_by_id))).toBe(true);
        expectIso(f.approved_at);
      }
    }
    const locales = new Set(answers.map((a) => fields(a).locale));
    for (const l of ['en', 'de', 'fr', 'es']) expect(locales.has(l)).toBe(true);
  });

  it('has exactly two approved answers overdue for review', () => {
    const overdue = answers.filter((a) => {
      const f = fields(a);
      return f.status === 'approved' && f.review_interval_days != null && Date.parse(f.approved_at) + f.review_interval_days * DAY < NOW;
    });
    expect(overdue).toHaveLength(2);
  });

  it('has the hostile statement-download answer', () => {
    const a = answers.find((x) => x.id === '01HQXSS0000000000000000000');
    expect(a).toBeDefined();
    expect(fields(a).status).toBe('approved');
    expect(a.name).toContain('<script>window.__xss=1</script>');
    expect(a.name.toLowerCase()).toContain('statement');
    const body: string = fields(a).answer_body;
    expect(body).toContain('<script>window.__xss=1</script>');
    expect(body).toContain('<img src=x onerror=window.__xss=1>');
    expect(body).toContain('javascript:');
  });

  it('has feedback records pointing at existing records', () => {
    expect(feedback.length).toBeGreaterThanOrEqual(4);
    const kinds = new Set(feedback.map((f) => f.custom_object_fields.kind));
    expect(kinds).toEqual(new Set(['misfit', 'outdated_article']));
    for (const r of feedback) {
      const f = r.custom_object_fields;
      expect(r.custom_object_key).toBe('closed_loop_feedback');
      expect(f.handled).toBe(false);
      if (f.answer_id != null) expect(answerIds.has(f.answer_id)).toBe(true);
      if (f.article_id != null) expect(articleIds.has(Number(f.article_id))).toBe(true);
      if (f.kind === 'misfit') expect(f.answer_id).not.toBeNull();
      if (f.kind === 'outdated_article') expect(f.article_id).not.toBeNull();
      expect(ticketIds.has(Number(f.ticket_id))).toBe(true);
      expect(isStaff(Number(f.reporter_id))).toBe(true);
    }
  });

  it('covers every recurring ticket issue with an approved answer via shared articles', () => {
    // Each solved ticket that used an answer points at an approved (or later retired) record.
    for (const t of tickets) {
      for (const tag of (t.tags as string[]).filter((x) => x.startsWith('cla_'))) {
        const a = answers.find((x) => x.id.toLowerCase() === tag.slice(4));
        expect(['approved', 'retired']).toContain(fields(a).status);
      }
    }
  });
});

describe('fixtures: knowledge eval set', () => {
  it('has at least 55 labelled entries using existing articles', () => {
    expect(evalSet.length).toBeGreaterThanOrEqual(55);
    for (const e of evalSet) {
      expect(e.subject).toBeTruthy();
      expect(e.body).toBeTruthy();
      expect(typeof e.locale).toBe('string');
      expect(e.relevant_article_ids.length).toBeGreaterThan(0);
      for (const id of e.relevant_article_ids) expect(articleIds.has(id)).toBe(true);
    }
  });
});
