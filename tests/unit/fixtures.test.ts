import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, loadFixtures, type Article, type Audit, type AuditEvent, type CustomObjectRecord } from '../../playground/api/store';

// Referential integrity and minimum sizes of the playground demo data.

/** The custom object fields read here (type aliases, so they convert from the records' `Record<string, unknown>`). */
type AnswerFields = {
  status: string;
  locale: string;
  owner_id: string | number;
  article_ids: string;
  examples: string;
  answer_body: string;
  approved_by_id: string | number | null;
  approved_at: string | null;
  review_interval_days: number | null;
  source_ticket_id?: number;
  review_note?: string;
  replaces_macro_id?: number;
};
type FeedbackFields = {
  kind: string;
  handled: boolean;
  answer_id: string | null;
  article_id: string | number | null;
  ticket_id: string | number;
  reporter_id: string | number;
};
interface EvalEntry {
  subject: string;
  body: string;
  locale: unknown;
  relevant_article_ids: number[];
  /** The records of connected sources and the community posts that answer it, by URL. */
  relevant_record_urls: string[];
}
interface AnswerEvalEntry {
  subject: string;
  body: string;
  locale: string;
  answer_id: string;
  also_right?: string[];
}
type HelpCenterArticle = Article & { author_id: number; outdated: boolean };
type EscalationChange = AuditEvent & { author_id: number; audit: Audit };

const NOW = FIXTURE_NOW;
const DAY = 86_400_000;
const ESCALATION_FIELD = 360001;
const ESCALATION_VALUES = ['escalation_none', 'escalation_requested', 'escalation_escalated', 'escalation_resolved'];
const LEAD_ROLE = 9001;

const fixtures = loadFixtures();
const { users, groups, tickets, comments, audits, sections, answers, feedback } = fixtures;
const memberships = fixtures.group_memberships;
const articles = fixtures.articles as HelpCenterArticle[];
const evalSet = JSON.parse(readFileSync(new URL('../../playground/fixtures/knowledge_eval.json', import.meta.url), 'utf8')) as EvalEntry[];
const answerEvalSet = JSON.parse(
  readFileSync(new URL('../../playground/fixtures/answer_eval.json', import.meta.url), 'utf8'),
) as AnswerEvalEntry[];

const userById = new Map(users.map((u) => [u.id, u]));
const groupIds = new Set(groups.map((g) => g.id));
const sectionIds = new Set(sections.map((s) => s.id));
const articleIds = new Set(articles.map((a) => a.id));
const answerIds = new Set(answers.map((a) => a.id));
const ticketIds = new Set(tickets.map((t) => t.id));

const leadGroup = groups.find((g) => g.name === 'Team Leads');
const isLead = (id: number) => userById.get(id)?.custom_role_id === LEAD_ROLE;
const isStaff = (id: number) => ['agent', 'admin'].includes(userById.get(id)?.role ?? '');

function escalationValue(t: { custom_fields: { id: number; value: unknown }[] }): unknown {
  const f = t.custom_fields.find((c) => c.id === ESCALATION_FIELD);
  return f ? f.value : null;
}

function escalationChanges(ticketId: number): EscalationChange[] {
  const out: EscalationChange[] = [];
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
    // Every agent has a custom role of the account (an Enterprise account), the leads the "Team lead" one.
    const roleIds = new Set(fixtures.custom_roles.map((r) => r.id));
    for (const u of staff.filter((s) => s.role === 'agent')) expect(roleIds.has(Number(u.custom_role_id))).toBe(true);
    for (const r of fixtures.custom_roles) expect(staff.filter((u) => u.custom_role_id === r.id)).toHaveLength(r.team_member_count);
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
      expect(memberships.some((m) => m.user_id === lead.id && m.group_id === leadGroup?.id)).toBe(true);
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
      expect(['email', 'web']).toContain((t.via as { channel: string }).channel);
      expect(userById.get(t.requester_id)?.role).toBe('end-user');
      expect(userById.has(t.submitter_id!)).toBe(true);
      if (t.assignee_id != null) expect(isStaff(t.assignee_id)).toBe(true);
      else expect(t.status).toBe('new');
      expect(groupIds.has(t.group_id!)).toBe(true);
      expectIso(t.created_at);
      expectIso(t.updated_at);
      expect(Date.parse(t.created_at)).toBeGreaterThanOrEqual(NOW - 30 * DAY);
      expect(Date.parse(t.updated_at)).toBeGreaterThanOrEqual(Date.parse(t.created_at));
      const value = escalationValue(t);
      expect([null, ...ESCALATION_VALUES]).toContain(value);
      // The drop-down's tag mirrors its value.
      const escTags = t.tags.filter((x) => x.startsWith('escalation_'));
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
      const first = list![0]!;
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
      expect(list![0]!.events.some((e) => e.type === 'Create' && e.field_name === 'subject')).toBe(true);
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
      expect(list![list!.length - 1]!.created_at).toBe(t.updated_at);
      // The last escalation change in the audits matches the field value.
      const changes = escalationChanges(t.id);
      if (changes.length) expect(changes[changes.length - 1]!.value).toBe(escalationValue(t));
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
      expect(isLead(requested!.author_id)).toBe(false);
      const note = requested!.audit.events.find((e) => e.type === 'Comment');
      expect(note?.public).toBe(false);
      if (value !== 'escalation_requested') {
        expect(escalated, `ticket ${t.id} escalation`).toBeDefined();
        expect(isLead(escalated!.author_id)).toBe(true);
      }
      if (value === 'escalation_resolved') {
        expect(resolved).toBeDefined();
        expect(isLead(resolved!.author_id)).toBe(true);
      }
    }
    expect(nonLeadEscalations).toHaveLength(1);
  });

  it('uses cla_ tags that point at existing answers', () => {
    const lower = new Set([...answerIds].map((id) => id.toLowerCase()));
    const claTickets = tickets.filter((t) => t.tags.some((x) => x.startsWith('cla_')));
    expect(claTickets.length).toBeGreaterThanOrEqual(5);
    for (const t of claTickets) {
      for (const tag of t.tags.filter((x) => x.startsWith('cla_'))) {
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
      const words = a.body
        .replace(/<[^>]*>/g, ' ')
        .split(/\s+/)
        .filter(Boolean).length;
      expect(words).toBeGreaterThanOrEqual(80);
      expect(words).toBeLessThanOrEqual(250);
    }
    const locales = new Set(articles.map((a) => a.locale));
    for (const l of ['en-us', 'de', 'fr', 'es']) expect(locales.has(l)).toBe(true);
  });
});

describe('fixtures: answers and feedback', () => {
  const fields = (a: CustomObjectRecord) => a.custom_object_fields as AnswerFields;

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
      const ids = f.article_ids.split(' ').filter(Boolean).map(Number);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(articleIds.has(id)).toBe(true);
      const examples = f.examples.split('\n').filter(Boolean);
      expect(examples.length).toBeGreaterThanOrEqual(3);
      expect(examples.length).toBeLessThanOrEqual(10);
      expect(f.answer_body).toContain('{{requester.first_name}}');
      if (f.status === 'draft') {
        expect(f.approved_by_id).toBeNull();
        expect(f.approved_at).toBeNull();
        // A proposal names the ticket it came from, when it was made in the sidebar.
        if (f.source_ticket_id !== undefined) expect(ticketIds.has(f.source_ticket_id)).toBe(true);
        // A proposal sent back with a note was last written by the lead who sent it back.
        if (f.review_note) expect(isLead(Number(a.updated_by_user_id))).toBe(true);
      } else {
        expect(f.review_note).toBeUndefined();
        expect(f.source_ticket_id).toBeUndefined();
        expect(isLead(Number(f.approved_by_id))).toBe(true);
        expectIso(f.approved_at);
      }
    }
    const locales = new Set(answers.map((a) => fields(a).locale));
    for (const l of ['en', 'de', 'fr', 'es']) expect(locales.has(l)).toBe(true);
    // Answers that name the macro they replace name one of the account's macros.
    const macroIds = new Set(fixtures.macros.map((m) => m.id));
    const replaced = answers.flatMap((a) => fields(a).replaces_macro_id ?? []);
    expect(replaced.length).toBeGreaterThan(0);
    for (const id of replaced) expect(macroIds.has(id)).toBe(true);
  });

  it('has exactly two approved answers overdue for review', () => {
    const overdue = answers.filter((a) => {
      const f = fields(a);
      return f.status === 'approved' && f.review_interval_days != null && Date.parse(f.approved_at!) + f.review_interval_days * DAY < NOW;
    });
    expect(overdue).toHaveLength(2);
  });

  it('has feedback records pointing at existing records', () => {
    expect(feedback.length).toBeGreaterThanOrEqual(4);
    const feedbackFields = (r: CustomObjectRecord) => r.custom_object_fields as FeedbackFields;
    const kinds = new Set(feedback.map((r) => feedbackFields(r).kind));
    expect(kinds).toEqual(new Set(['misfit', 'outdated_article']));
    for (const r of feedback) {
      const f = feedbackFields(r);
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
      for (const tag of t.tags.filter((x) => x.startsWith('cla_'))) {
        const a = answers.find((x) => x.id.toLowerCase() === tag.slice(4))!;
        expect(['approved', 'retired']).toContain(fields(a).status);
      }
    }
  });
});

describe('fixtures: knowledge eval set', () => {
  const recordUrls = new Set([
    ...(fixtures.external_content as { records: { url: string }[] }).records.map((r) => r.url),
    ...(fixtures.posts as { html_url: string }[]).map((p) => p.html_url),
  ]);
  it('has at least 55 labelled entries using existing articles, records and posts, and tickets no article answers', () => {
    expect(evalSet.length).toBeGreaterThanOrEqual(55);
    for (const e of evalSet) {
      expect(e.subject).toBeTruthy();
      expect(e.body).toBeTruthy();
      expect(typeof e.locale).toBe('string');
      for (const id of e.relevant_article_ids) expect(articleIds.has(id)).toBe(true);
      for (const url of e.relevant_record_urls) expect(recordUrls.has(url)).toBe(true);
    }
    expect(evalSet.filter((e) => e.relevant_article_ids.length > 0).length).toBeGreaterThanOrEqual(55);
    // Unified Search's results are labelled too: most tickets have no record or post about them.
    expect(evalSet.filter((e) => e.relevant_record_urls.length > 0).length).toBeGreaterThanOrEqual(25);
    expect(evalSet.filter((e) => e.relevant_article_ids.length === 0).length).toBeGreaterThanOrEqual(5);
  });
});

describe('fixtures: answer eval set', () => {
  it('has at least 60 labelled tickets in all six languages, labelled with approved answers or "none"', () => {
    expect(answerEvalSet.length).toBeGreaterThanOrEqual(60);
    const approvedIds = new Set(answers.filter((a) => (a.custom_object_fields as AnswerFields).status === 'approved').map((a) => a.id));
    for (const e of answerEvalSet) {
      expect(e.subject).toBeTruthy();
      expect(e.body).toBeTruthy();
      if (e.answer_id !== 'none') expect(approvedIds.has(e.answer_id), e.subject).toBe(true);
      for (const id of e.also_right ?? []) expect(approvedIds.has(id), e.subject).toBe(true);
      if (e.answer_id === 'none') expect(e.also_right ?? []).toEqual([]);
    }
    const languages = new Set(answerEvalSet.map((e) => e.locale.split('-')[0]));
    for (const l of ['en', 'de', 'fr', 'es', 'pt', 'ja']) expect(languages.has(l)).toBe(true);
    expect(answerEvalSet.filter((e) => e.locale === 'pt-BR').length).toBeGreaterThan(0);
    expect(answerEvalSet.filter((e) => e.answer_id === 'none').length).toBeGreaterThanOrEqual(8);
  });
});

/**
 * Test payloads: markup that runs or loads something, script URLs, hidden or reordering characters,
 * template injection and oversized strings. The hostile-input tests seed these themselves.
 */
const PAYLOADS: [string, RegExp][] = [
  [
    'a script, frame, form, media or foreign element',
    /<\/?\s*(script|iframe|frame|object|embed|svg|math|style|template|noscript|meta|base|link|form|input|button|img|video|audio|source|details|marquee|body)\b/i,
  ],
  ['an event handler or style attribute', /<[^>]*\s(on[a-z]+|style)\s*=/i],
  ['a script URL', /(java|vb)\s*script\s*:|data:\s*text\/html/i],
  ['a test marker or template injection', /__xss|srcdoc|\{\{\s*constructor|\$\{|<%|<!\[CDATA\[|<!--/i],
  ['stacked combining marks', /\p{M}{3,}/u],
  ['a word too long to wrap', /\S{300}/],
];
/** Bidi overrides, zero-width characters, line and paragraph separators, control characters other than tab and line breaks. */
const hidden = (char: string) => {
  const code = char.codePointAt(0)!;
  return (
    (code < 0x20 && !'\t\n\r'.includes(char)) ||
    (code >= 0x200b && code <= 0x200d) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x2060 ||
    code === 0xfeff
  );
};
/** Longer than any demo text (the longest, an article body, is about 1,100 characters). */
const LONGEST_STRING = 10_000;

describe('fixtures: demo data', () => {
  const dir = new URL('../../playground/fixtures/', import.meta.url);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

  /** Every string in a JSON value, with where it is. */
  function* strings(value: unknown, path: string): Generator<[string, string]> {
    if (typeof value === 'string') yield [path, value];
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
  }

  it('holds no test payloads: a person reads it in the playground', () => {
    expect(files).toEqual(
      expect.arrayContaining(['users.json', 'tickets.json', 'comments.json', 'answers.json', 'help_center/articles.json']),
    );
    const found: string[] = [];
    for (const file of files) {
      for (const [path, text] of strings(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file)) {
        for (const [what, pattern] of PAYLOADS)
          if (pattern.test(text)) found.push(`${path}: ${what}: ${JSON.stringify(text.slice(0, 80))}`);
        if ([...text].some(hidden)) found.push(`${path}: bidi override, zero-width or control character`);
        if (text.length > LONGEST_STRING) found.push(`${path}: ${text.length} characters`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has article bodies with only the markup Help Center articles use, and links within the Help Center', () => {
    for (const a of articles) {
      const tags = new Set([...a.body.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
      for (const tag of tags)
        expect(['p', 'h2', 'h3', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br', 'table', 'tr', 'td', 'th']).toContain(tag);
      for (const [, href] of a.body.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^\/hc\/[a-z-]+\/articles\/\d+$/);
    }
  });
});
