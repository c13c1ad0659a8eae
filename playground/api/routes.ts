import { json, invalid, notFound, Router, type ApiRequest } from './router';
import { ArticleIndex } from './search';
import type { Audit, AuditEvent, Comment, CustomObjectRecord, Store, Ticket } from './store';

export interface ApiContext {
  store: Store;
  /** The signed-in agent (the playground's persona). */
  meId: () => number;
  baseUrl: () => string;
}

const page = <T>(items: T[], req: ApiRequest, defaultSize = 100) => {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? defaultSize) || defaultSize));
  const pageNo = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  return { slice, perPage, pageNo, pageCount: Math.ceil(items.length / perPage), hasMore: pageNo * perPage < items.length };
};

function nextPageUrl(ctx: ApiContext, req: ApiRequest, pageNo: number): string {
  const query = new URLSearchParams(req.query);
  query.set('page', String(pageNo));
  return `${ctx.baseUrl()}${req.path}?${query}`;
}

/** Zendesk's REST API as far as the app uses it, with its documented request and response shapes. */
export function createRoutes(ctx: ApiContext): Router {
  const { store } = ctx;
  const router = new Router();
  let articleIndex: ArticleIndex | null = null;
  const index = () => (articleIndex ??= new ArticleIndex(store.articles));

  const userJson = (id: number) => {
    const user = store.users.get(id);
    return user ? { ...user, url: `${ctx.baseUrl()}/api/v2/users/${id}.json` } : null;
  };

  // ---- users and groups
  router.add('users.me', 'GET', '/api/v2/users/me.json', (req) => {
    const user = userJson(ctx.meId());
    if (!user) return notFound();
    const include = (req.query.get('include') ?? '').split(',');
    return json(200, include.includes('groups') ? { user, groups: store.groupsOf(user.id) } : { user });
  });
  router.add('users.show_many', 'GET', '/api/v2/users/show_many.json', (req) => {
    const ids = (req.query.get('ids') ?? '').split(',').map(Number);
    return json(200, { users: ids.map(userJson).filter(Boolean) });
  });
  router.add('users.show', 'GET', '/api/v2/users/:id.json', (req) => {
    const user = userJson(Number(req.params.id));
    return user ? json(200, { user }) : notFound();
  });
  router.add('users.group_memberships', 'GET', '/api/v2/users/:id/group_memberships.json', (req) => {
    const memberships = store.memberships.filter((m) => m.user_id === Number(req.params.id));
    return json(200, { group_memberships: memberships, next_page: null, previous_page: null, count: memberships.length });
  });
  router.add('groups.list', 'GET', '/api/v2/groups.json', (req) => {
    const groups = [...store.groups.values()].filter((g) => !g.deleted);
    const { slice, pageNo, hasMore } = page(groups, req);
    return json(200, {
      groups: slice,
      next_page: hasMore ? nextPageUrl(ctx, req, pageNo + 1) : null,
      previous_page: null,
      count: groups.length,
    });
  });
  router.add('groups.memberships', 'GET', '/api/v2/groups/:id/memberships.json', (req) => {
    const memberships = store.memberships.filter((m) => m.group_id === Number(req.params.id));
    return json(200, { group_memberships: memberships, next_page: null, previous_page: null, count: memberships.length });
  });
  router.add('groups.show', 'GET', '/api/v2/groups/:id.json', (req) => {
    const group = store.groups.get(Number(req.params.id));
    return group && !group.deleted ? json(200, { group }) : notFound();
  });

  // ---- tickets
  router.add('tickets.show', 'GET', '/api/v2/tickets/:id.json', (req) => {
    const ticket = store.tickets.get(Number(req.params.id));
    return ticket ? json(200, { ticket }) : notFound();
  });
  router.add('tickets.show_many', 'GET', '/api/v2/tickets/show_many.json', (req) => {
    const ids = (req.query.get('ids') ?? '').split(',').map(Number);
    return json(200, { tickets: ids.map((id) => store.tickets.get(id)).filter(Boolean) });
  });
  router.add('tickets.update', 'PUT', '/api/v2/tickets/:id.json', (req) => {
    const ticket = store.tickets.get(Number(req.params.id));
    if (!ticket) return notFound();
    const update = (req.body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (!update || typeof update !== 'object') return invalid('Missing ticket');
    return updateTicket(ctx, ticket, update);
  });
  router.add('tickets.comments', 'GET', '/api/v2/tickets/:id/comments.json', (req) => {
    const id = Number(req.params.id);
    if (!store.tickets.has(id)) return notFound();
    const comments = store.comments.get(id) ?? [];
    return json(200, { comments, next_page: null, previous_page: null, count: comments.length });
  });
  router.add('tickets.audits', 'GET', '/api/v2/tickets/:id/audits.json', (req) => {
    const id = Number(req.params.id);
    if (!store.tickets.has(id)) return notFound();
    const audits = store.audits.get(id) ?? [];
    return json(200, { audits, next_page: null, previous_page: null, count: audits.length });
  });
  router.add('ticket_fields.list', 'GET', '/api/v2/ticket_fields.json', () =>
    json(200, {
      ticket_fields: store.ticketFields.map((f) => ({
        id: f.id,
        type: f.type,
        title: f.title,
        active: true,
        custom_field_options: ['none', 'requested', 'escalated', 'resolved'].map((s, i) => ({
          id: 1000 + i,
          name: s[0]!.toUpperCase() + s.slice(1),
          value: `escalation_${s}`,
        })),
      })),
      next_page: null,
      previous_page: null,
      count: store.ticketFields.length,
    }),
  );

  // ---- search
  router.add('search', 'GET', '/api/v2/search.json', (req) => {
    const results = searchTickets(store, req.query.get('query') ?? '');
    const { slice, pageNo, hasMore } = page(results, req);
    return json(200, {
      results: slice.map((t) => ({ ...t, result_type: 'ticket' })),
      facets: null,
      next_page: hasMore ? nextPageUrl(ctx, req, pageNo + 1) : null,
      previous_page: pageNo > 1 ? nextPageUrl(ctx, req, pageNo - 1) : null,
      count: results.length,
    });
  });

  // ---- Help Center
  router.add('help_center.search', 'GET', '/api/v2/help_center/articles/search.json', (req) => {
    const query = req.query.get('query') ?? '';
    if (!query.trim()) return invalid('query is required');
    const locale = req.query.get('locale');
    const hits = index().search(query, locale);
    const { slice, perPage, pageNo, pageCount, hasMore } = page(hits, req, 25);
    return json(200, {
      // A seeded article may bring its own snippet, to test what the app does with any markup in one.
      results: slice.map(({ article, snippet }) => ({
        ...article,
        snippet: typeof article.snippet === 'string' ? article.snippet : snippet,
        result_type: 'article',
      })),
      count: hits.length,
      page: pageNo,
      per_page: perPage,
      page_count: pageCount,
      next_page: hasMore ? nextPageUrl(ctx, req, pageNo + 1) : null,
      previous_page: pageNo > 1 ? nextPageUrl(ctx, req, pageNo - 1) : null,
    });
  });
  router.add('help_center.locales', 'GET', '/api/v2/help_center/locales.json', () => {
    const locales = [...new Set(store.articles.map((a) => a.locale.toLowerCase()))];
    return json(200, { locales, default_locale: 'en-us' });
  });
  router.add('help_center.article', 'GET', '/api/v2/help_center/:locale/articles/:id.json', (req) => {
    const article = store.articles.find((a) => a.id === Number(req.params.id));
    return article ? json(200, { article }) : notFound();
  });

  // ---- custom objects (v2)
  router.add('custom_objects.show', 'GET', '/api/v2/custom_objects/:key.json', (req) => {
    const object = store.objects.find((o) => o.key === req.params.key);
    return object
      ? json(200, { custom_object: { ...object, url: `${ctx.baseUrl()}/api/v2/custom_objects/${object.key}.json` } })
      : notFound();
  });
  router.add('custom_objects.records.search', 'GET', '/api/v2/custom_objects/:key/records/search.json', (req) => {
    const records = store.records.get(req.params.key!);
    if (!records) return notFound();
    const q = (req.query.get('query') ?? '').toLowerCase();
    const found = records.filter((r) => JSON.stringify([r.name, r.custom_object_fields]).toLowerCase().includes(q));
    return cursorPage(ctx, req, found);
  });
  router.add('custom_objects.records.list', 'GET', '/api/v2/custom_objects/:key/records.json', (req) => {
    const records = store.records.get(req.params.key!);
    if (!records) return notFound();
    // Only the documented filters; Zendesk ignores query parameters it does not know.
    const ids = req.query.get('filter[ids]')?.split(',');
    const list = records.filter((r) => !ids || ids.includes(r.id));
    return cursorPage(ctx, req, list);
  });
  router.add('custom_objects.records.show', 'GET', '/api/v2/custom_objects/:key/records/:id.json', (req) => {
    const record = store.records.get(req.params.key!)?.find((r) => r.id === req.params.id);
    return record ? json(200, { custom_object_record: record }) : notFound();
  });
  router.add('custom_objects.records.create', 'POST', '/api/v2/custom_objects/:key/records.json', (req) => {
    const records = store.records.get(req.params.key!);
    if (!records) return notFound();
    const input = (req.body as { custom_object_record?: Partial<CustomObjectRecord> } | null)?.custom_object_record;
    if (!input || typeof input.name !== 'string' || !input.name.trim()) return invalid('Name: cannot be blank');
    const now = new Date().toISOString();
    const record: CustomObjectRecord = {
      id: `01CL${String(store.id()).padStart(22, '0')}`,
      name: input.name,
      custom_object_key: req.params.key!,
      custom_object_fields: { ...(input.custom_object_fields ?? {}) },
      external_id: input.external_id ?? null,
      created_at: now,
      updated_at: now,
      created_by_user_id: String(ctx.meId()),
      updated_by_user_id: String(ctx.meId()),
    };
    records.push(record);
    return json(201, { custom_object_record: record });
  });
  router.add('custom_objects.records.update', 'PATCH', '/api/v2/custom_objects/:key/records/:id.json', (req) => {
    const record = store.records.get(req.params.key!)?.find((r) => r.id === req.params.id);
    if (!record) return notFound();
    const input = (req.body as { custom_object_record?: Partial<CustomObjectRecord> } | null)?.custom_object_record;
    if (!input) return invalid('Missing custom_object_record');
    if (input.name !== undefined) record.name = String(input.name);
    Object.assign(record.custom_object_fields, input.custom_object_fields ?? {});
    record.updated_at = laterThan(record.updated_at);
    record.updated_by_user_id = String(ctx.meId());
    return json(200, { custom_object_record: record });
  });
  router.add('custom_objects.records.delete', 'DELETE', '/api/v2/custom_objects/:key/records/:id.json', (req) => {
    const records = store.records.get(req.params.key!);
    const index = records?.findIndex((r) => r.id === req.params.id) ?? -1;
    if (!records || index < 0) return notFound();
    records.splice(index, 1);
    return json(204);
  });

  return router;
}

/** An ISO time after both now and `previous`, so every write moves updated_at forward. */
function laterThan(previous: string): string {
  const now = Date.now();
  const prev = Date.parse(previous);
  return new Date(Number.isFinite(prev) && prev >= now ? prev + 1000 : now).toISOString();
}

function cursorPage(ctx: ApiContext, req: ApiRequest, records: CustomObjectRecord[]) {
  const size = Math.min(100, Math.max(1, Number(req.query.get('page[size]') ?? 100) || 100));
  const after = req.query.get('page[after]');
  const sorted = [...records].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id));
  const start = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
  const slice = sorted.slice(start, start + size);
  const hasMore = start + size < sorted.length;
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  const next = new URLSearchParams(req.query);
  next.set('page[after]', cursor(start + size));
  return json(200, {
    custom_object_records: slice,
    meta: {
      has_more: hasMore,
      after_cursor: hasMore ? cursor(start + size) : null,
      before_cursor: start > 0 ? cursor(Math.max(0, start - size)) : null,
    },
    links: { next: hasMore ? `${ctx.baseUrl()}${req.path}?${next}` : null, prev: null },
    count: records.length,
  });
}

/**
 * Ticket update as Zendesk does it: fields, tags replaced, custom fields,
 * one comment, one audit; `safe_update` with a stale `updated_stamp` is a 409 and changes nothing.
 */
function updateTicket(ctx: ApiContext, ticket: Ticket, update: Record<string, unknown>) {
  const { store } = ctx;
  if (update.safe_update === true) {
    const stamp = update.updated_stamp;
    if (typeof stamp !== 'string' || Date.parse(stamp) !== Date.parse(ticket.updated_at)) {
      return json(409, {
        error: 'UpdateConflict',
        description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        details: { updated_at: ticket.updated_at },
      });
    }
  }
  const events: AuditEvent[] = [];
  const change = (field: string, previous: unknown, value: unknown) => {
    if (JSON.stringify(previous) !== JSON.stringify(value))
      events.push({ id: store.id(), type: 'Change', field_name: field, previous_value: previous, value });
  };
  const next: Ticket = { ...ticket, tags: [...ticket.tags], custom_fields: ticket.custom_fields.map((f) => ({ ...f })) };

  for (const field of ['subject', 'status', 'priority', 'group_id', 'assignee_id', 'type'] as const) {
    if (field in update) {
      change(field, ticket[field], update[field]);
      (next as Record<string, unknown>)[field] = update[field];
    }
  }
  // Zendesk keeps tags in lower case. A single ticket's update takes the whole list (`tags`);
  // add/remove lists are not documented for it, and like any unknown property they do nothing.
  if (Array.isArray(update.tags)) next.tags = [...new Set(update.tags.map((t) => String(t).toLowerCase()))];

  if (Array.isArray(update.custom_fields)) {
    for (const entry of update.custom_fields as { id?: unknown; value?: unknown }[]) {
      const id = Number(entry.id);
      if (!Number.isFinite(id)) return invalid('custom_fields: id is required');
      const field = store.ticketFields.find((f) => f.id === id);
      const existing = next.custom_fields.find((f) => f.id === id);
      const previous = existing?.value ?? null;
      if (existing) existing.value = entry.value;
      else next.custom_fields.push({ id, value: entry.value });
      change(String(id), previous, entry.value);
      // Drop-down fields tag the ticket with the chosen option's value, as Zendesk does.
      if (field?.type === 'tagger') {
        next.tags = next.tags.filter((t) => t !== previous);
        if (typeof entry.value === 'string' && entry.value) next.tags = [...new Set([...next.tags, entry.value])];
      }
    }
  }
  change('tags', ticket.tags, next.tags);

  const comment = update.comment as { body?: unknown; html_body?: unknown; public?: unknown; author_id?: unknown } | undefined;
  let newComment: Comment | null = null;
  if (comment && (typeof comment.body === 'string' || typeof comment.html_body === 'string')) {
    const html = typeof comment.html_body === 'string' ? comment.html_body : `<p>${escape(String(comment.body))}</p>`;
    const plain = typeof comment.body === 'string' ? comment.body : html.replace(/<[^>]*>/g, '');
    newComment = {
      id: store.id(),
      type: 'Comment',
      author_id: typeof comment.author_id === 'number' ? comment.author_id : ctx.meId(),
      body: plain,
      html_body: html,
      plain_body: plain,
      public: comment.public !== false,
      created_at: new Date().toISOString(),
      attachments: [],
    };
    events.push({
      id: store.id(),
      type: 'Comment',
      body: plain,
      html_body: html,
      public: newComment.public,
      author_id: newComment.author_id,
    });
  }
  if (!events.length) return json(200, { ticket, audit: null });

  next.updated_at = laterThan(ticket.updated_at);
  store.tickets.set(ticket.id, next);
  if (newComment) store.comments.set(ticket.id, [...(store.comments.get(ticket.id) ?? []), newComment]);
  const audit: Audit = {
    id: store.id(),
    ticket_id: ticket.id,
    created_at: next.updated_at,
    author_id: ctx.meId(),
    metadata: { system: { client: 'Closed Loop playground' } },
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    events,
  };
  store.audits.set(ticket.id, [...(store.audits.get(ticket.id) ?? []), audit]);
  return json(200, { ticket: next, audit });
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Zendesk search syntax, the parts the app uses: `type:ticket`, `tags:x` (any of several),
 * `status:x` / `status<solved`, `created>2026-11-01`, `order_by:created_at sort:asc`, free text.
 */
function searchTickets(store: Store, query: string): Ticket[] {
  const STATUS = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
  let list = [...store.tickets.values()];
  let orderBy: string = 'created_at';
  let sort = 'desc';
  const tagAny: string[] = [];
  for (const token of query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const m = /^(\w+)(:|<|>)(.+)$/.exec(token);
    const value = m?.[3]?.replace(/^"|"$/g, '') ?? '';
    if (!m) {
      const word = token.replace(/^"|"$/g, '').toLowerCase();
      list = list.filter((t) => `${t.subject} ${t.description}`.toLowerCase().includes(word));
      continue;
    }
    const [, key, op] = m;
    if (key === 'type' && value !== 'ticket') return [];
    else if (key === 'tags' || key === 'tag') tagAny.push(...value.split(','));
    else if (key === 'status') {
      if (op === ':') list = list.filter((t) => t.status === value);
      else if (op === '<') list = list.filter((t) => STATUS.indexOf(t.status) < STATUS.indexOf(value));
      else list = list.filter((t) => STATUS.indexOf(t.status) > STATUS.indexOf(value));
    } else if (key === 'created' || key === 'updated') {
      const field = key === 'created' ? 'created_at' : 'updated_at';
      const time = Date.parse(value);
      list = list.filter((t) =>
        op === '>' ? Date.parse(t[field]) > time : op === '<' ? Date.parse(t[field]) < time : t[field].startsWith(value),
      );
    } else if (key === 'order_by') orderBy = value;
    else if (key === 'sort') sort = value;
  }
  if (tagAny.length) list = list.filter((t) => t.tags.some((tag) => tagAny.includes(tag)));
  const field = orderBy === 'updated_at' ? 'updated_at' : 'created_at';
  list.sort((a, b) => (sort === 'asc' ? 1 : -1) * a[field].localeCompare(b[field]) || a.id - b.id);
  return list;
}
