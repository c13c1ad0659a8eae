import type { TicketUpdateLimiter } from './faults';
import { json, invalid, notFound, Router, type ApiRequest } from './router';
import { ArticleIndex } from './search';
import { ticketMetric } from './ticketMetrics';
import {
  EXPORT_DEFAULT_PAGE_SIZE,
  EXPORT_MAX_PAGE_SIZE,
  exportPage,
  LIMIT_ERROR,
  SEARCH_MAX_PER_PAGE,
  SEARCH_RESULT_LIMIT,
  searchTickets,
  ticketIndex,
} from './ticketSearch';
import {
  servedUrl,
  zendeskTime,
  type Article,
  type Audit,
  type AuditEvent,
  type Comment,
  type CustomObjectRecord,
  type Store,
  type Ticket,
} from './store';

export interface ApiContext {
  store: Store;
  /** The signed-in agent (the playground's persona). */
  meId: () => number;
  baseUrl: () => string;
  /** How long a ticket change takes to reach search (the index lag); none when absent. */
  searchLagMs?: () => number;
  /** Zendesk's rate limits on ticket updates. */
  limits: TicketUpdateLimiter;
}

/** Unified Search: "Returns a maximum of 50 records per page." */
const UNIFIED_MAX_PAGE_SIZE = 50;
/** Unified Search's cursors are opaque to the caller; here, the offset of the next result. */
const encodeCursor = (offset: number) => Buffer.from(JSON.stringify([offset])).toString('base64');
function decodeCursor(cursor: string): number | null {
  try {
    const [offset] = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown[];
    return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : null;
  } catch {
    return null;
  }
}

/** Zendesk: "Each record has a maximum size of 32 KB" (Custom Object Record Limitations). */
const RECORD_MAX_BYTES = 32 * 1024;

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
  // External content records are ranked by the same engine as articles: each stands in as an
  // article whose id is its place in the store's list.
  let recordIndex: ArticleIndex | null = null;
  const records = () => store.externalContent.records;
  const recordsIndex = () =>
    (recordIndex ??= new ArticleIndex(
      records().map((r, i) => ({ ...r, id: i, html_url: r.url, section_id: 0, label_names: [], vote_sum: 0, draft: false })),
    ));
  // Community posts likewise; the demo's community writes in the Help Center's default locale.
  const POST_LOCALE = 'en-us';
  let postIndex: ArticleIndex | null = null;
  const postsIndex = () =>
    (postIndex ??= new ArticleIndex(
      store.posts.map((p, i) => ({ ...p, id: i, body: p.details, locale: POST_LOCALE, section_id: 0, label_names: [], vote_sum: 0 })),
    ));

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
    // "Accepts a comma-separated list of up to 100 user ids": ids past the hundredth go unanswered.
    const ids = (req.query.get('ids') ?? '').split(',').slice(0, 100).map(Number);
    return json(200, { users: ids.map(userJson).filter(Boolean) });
  });
  router.add('users.show', 'GET', '/api/v2/users/:id.json', (req) => {
    const user = userJson(Number(req.params.id));
    return user ? json(200, { user }) : notFound();
  });
  router.add('users.group_memberships', 'GET', '/api/v2/users/:id/group_memberships.json', (req) =>
    offsetPage(
      ctx,
      req,
      'group_memberships',
      store.memberships.filter((m) => m.user_id === Number(req.params.id)),
    ),
  );
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
  router.add('groups.memberships', 'GET', '/api/v2/groups/:id/memberships.json', (req) =>
    offsetPage(
      ctx,
      req,
      'group_memberships',
      store.memberships.filter((m) => m.group_id === Number(req.params.id)),
    ),
  );
  // List Macros: shared and personal macros, active and inactive unless `active` filters them,
  // 100 a page; each usage count only when side-loaded with `include` (e.g. `include=usage_30d`).
  router.add('macros.list', 'GET', '/api/v2/macros.json', (req) => {
    const include = new Set((req.query.get('include') ?? '').split(','));
    const active = req.query.get('active');
    const macros = store.macros
      .filter((m) => active === null || String(m.active) === active)
      .map(({ usage_1h, usage_24h, usage_7d, usage_30d, ...macro }) => ({
        ...macro,
        url: `${ctx.baseUrl()}/api/v2/macros/${macro.id}.json`,
        ...(include.has('usage_1h') && { usage_1h }),
        ...(include.has('usage_24h') && { usage_24h }),
        ...(include.has('usage_7d') && { usage_7d }),
        ...(include.has('usage_30d') && { usage_30d }),
      }));
    return offsetPage(ctx, req, 'macros', macros);
  });
  // Enterprise's custom agent roles; Zendesk documents no pagination for this list.
  router.add('custom_roles.list', 'GET', '/api/v2/custom_roles.json', () =>
    json(200, { custom_roles: store.customRoles, next_page: null, previous_page: null, count: store.customRoles.length }),
  );
  // Zendesk keeps a deleted group and shows it marked `deleted` ("Deleted groups get marked as
  // such"); only an id the account never had is a 404.
  router.add('groups.show', 'GET', '/api/v2/groups/:id.json', (req) => {
    const group = store.groups.get(Number(req.params.id));
    return group ? json(200, { group }) : notFound();
  });

  // ---- tickets
  // Before tickets.show, whose `:id` would otherwise take "show_many" for an id.
  router.add('tickets.show_many', 'GET', '/api/v2/tickets/show_many.json', (req) => {
    const ids = (req.query.get('ids') ?? '').split(',').map(Number);
    return json(200, { tickets: ids.map((id) => store.tickets.get(id)).filter(Boolean) });
  });
  router.add('tickets.show', 'GET', '/api/v2/tickets/:id.json', (req) => {
    const ticket = store.tickets.get(Number(req.params.id));
    return ticket ? json(200, { ticket }) : notFound();
  });
  router.add('tickets.update', 'PUT', '/api/v2/tickets/:id.json', (req) => {
    const ticket = store.tickets.get(Number(req.params.id));
    if (!ticket) return notFound();
    const wait = ctx.limits.take(ticket.id, ctx.meId());
    if (wait !== null) {
      return json(
        429,
        { error: 'TooManyRequests', description: 'Rate limit for ticket updates exceeded. Please wait and try again.' },
        { 'retry-after': String(wait) },
      );
    }
    const update = (req.body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (!update || typeof update !== 'object') return invalid('Missing ticket');
    return updateTicket(ctx, ticket, update);
  });
  // "List Ticket Incidents": the incidents linked to a problem ticket (offset or cursor pages).
  router.add('tickets.incidents', 'GET', '/api/v2/tickets/:id/incidents.json', (req) => {
    const id = Number(req.params.id);
    if (!store.tickets.has(id)) return notFound();
    const incidents = [...store.tickets.values()].filter((t) => t.type === 'incident' && t.problem_id === id).sort((a, b) => a.id - b.id);
    return offsetPage(ctx, req, 'tickets', incidents);
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
    return offsetPage(ctx, req, 'audits', store.audits.get(id) ?? []);
  });
  /**
   * List Ticket Metrics: every ticket's metrics, newest created first, cursor pages of at most
   * 100 (the documented default and maximum).
   */
  router.add('ticket_metrics.list', 'GET', '/api/v2/ticket_metrics.json', (req) => {
    const size = Math.min(100, Math.max(1, Number(req.query.get('page[size]') ?? 100) || 100));
    const after = req.query.get('page[after]');
    const offset = after === null ? 0 : decodeCursor(after);
    if (offset === null) return json(400, { error: 'InvalidPaginationParameter', description: 'page[after] is not a valid cursor' });
    const tickets = [...store.tickets.values()].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
    const slice = tickets.slice(offset, offset + size);
    const hasMore = offset + size < tickets.length;
    const afterCursor = hasMore ? encodeCursor(offset + size) : null;
    const next = new URLSearchParams(req.query);
    if (afterCursor) next.set('page[after]', afterCursor);
    return json(200, {
      ticket_metrics: slice.map((t) =>
        ticketMetric(t, store.comments.get(t.id) ?? [], store.audits.get(t.id) ?? [], store.users, ctx.baseUrl()),
      ),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: { next: afterCursor ? `${ctx.baseUrl()}${req.path}?${next}` : null, prev: null },
    });
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

  // ---- search: the ticket index trails writes; offset search stops at 1,000 results, the export does not
  const searchIndex = ticketIndex(store);
  const indexed = () => searchIndex.visible(ctx.searchLagMs?.() ?? 0);
  router.add('search', 'GET', '/api/v2/search.json', (req) => {
    const perPage = Math.min(
      SEARCH_MAX_PER_PAGE,
      Math.max(1, Number(req.query.get('per_page') ?? SEARCH_MAX_PER_PAGE) || SEARCH_MAX_PER_PAGE),
    );
    const pageNo = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    if (pageNo * perPage > SEARCH_RESULT_LIMIT) return json(422, LIMIT_ERROR);
    // Each page runs the query again: a result added or moved meanwhile shifts the offsets.
    const searcher = { meId: ctx.meId(), commenterIds: (id: number) => (store.comments.get(id) ?? []).map((c) => c.author_id) };
    const results = searchTickets(indexed(), req.query.get('query') ?? '', searcher);
    const slice = results.slice((pageNo - 1) * perPage, pageNo * perPage);
    return json(200, {
      results: slice.map((t) => ({ ...t, result_type: 'ticket' })),
      facets: null,
      // Like Zendesk, next_page follows the count, even to a page past the limit.
      next_page: pageNo * perPage < results.length ? nextPageUrl(ctx, req, pageNo + 1) : null,
      previous_page: pageNo > 1 ? nextPageUrl(ctx, req, pageNo - 1) : null,
      count: results.length,
    });
  });
  router.add('search.export', 'GET', '/api/v2/search/export.json', (req) => {
    if (req.query.get('filter[type]') !== 'ticket') return json(400, { error: 'invalid', description: 'filter[type] must be ticket' });
    const size = Math.min(
      EXPORT_MAX_PAGE_SIZE,
      Math.max(1, Number(req.query.get('page[size]') ?? EXPORT_DEFAULT_PAGE_SIZE) || EXPORT_DEFAULT_PAGE_SIZE),
    );
    const found = exportPage(indexed(), req.query.get('query') ?? '', size, req.query.get('page[after]'));
    if (!found.ok) return json(400, { error: 'invalid', description: found.description });
    const next = new URLSearchParams(req.query);
    if (found.afterCursor) next.set('page[after]', found.afterCursor);
    return json(200, {
      results: found.results.map((t) => ({ ...t, result_type: 'ticket' })),
      facets: null,
      meta: { has_more: found.hasMore, after_cursor: found.afterCursor, before_cursor: null },
      links: { next: found.afterCursor ? `${ctx.baseUrl()}${req.path}?${next}` : null, prev: null },
    });
  });

  // ---- Help Center
  // The account's Help Center is the playground's own (see server.ts): its URLs point there.
  const articleJson = (article: Article): Article => ({ ...article, html_url: servedUrl(article.html_url, ctx.baseUrl()) });
  router.add('help_center.search', 'GET', '/api/v2/help_center/articles/search.json', (req) => {
    const query = req.query.get('query') ?? '';
    if (!query.trim()) return invalid('query is required');
    const locale = req.query.get('locale');
    const hits = index().search(query, locale);
    const { slice, perPage, pageNo, pageCount, hasMore } = page(hits, req, 25);
    return json(200, {
      // A seeded article may bring its own snippet, to test what the app does with any markup in one.
      results: slice.map(({ article, snippet }) => ({
        ...articleJson(article),
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
  /**
   * Unified Search (GET /api/v2/guide/search): articles, community posts and external content records in the given
   * locales, one ranking, cursor paging (page[size] 10 by default, at most 50; no paging backwards).
   * filter[content_types] (ARTICLE, POST) leaves external records out; filter[external_source_ids]
   * keeps only those sources' records.
   */
  router.add('help_center.unified_search', 'GET', '/api/v2/guide/search', (req) => {
    const locales = (req.query.get('filter[locales]') ?? '').toLowerCase().split(',').filter(Boolean);
    if (!locales.length) return json(400, { error: 'InvalidParameter', description: 'filter[locales] is required' });
    const size = Math.min(UNIFIED_MAX_PAGE_SIZE, Math.max(1, Number(req.query.get('page[size]') ?? 10) || 10));
    const after = req.query.get('page[after]');
    const offset = after === null ? 0 : decodeCursor(after);
    if (offset === null) return json(400, { error: 'InvalidParameter', description: 'page[after] is not a valid cursor' });
    const types = req.query.get('filter[content_types]')?.toUpperCase().split(',');
    const sources = req.query.get('filter[external_source_ids]')?.split(',');
    const query = req.query.get('query') ?? '';
    const inLocale = (locale: string) => locales.includes(locale.toLowerCase());
    type Hit = {
      type: 'ARTICLE' | 'POST' | 'EXTERNAL_RECORD';
      title: string;
      url: string;
      updated_at: string;
      snippet: string;
      score: number;
    };
    const hits: Hit[] = [];
    if (!sources && (!types || types.includes('ARTICLE'))) {
      const found = query.trim()
        ? index().search(query, null)
        : store.articles.filter((a) => !a.draft).map((article) => ({ article, score: 0, snippet: '' }));
      for (const { article, score, snippet } of found) {
        if (!inLocale(article.locale)) continue;
        const { title, html_url, updated_at } = articleJson(article);
        hits.push({ type: 'ARTICLE', title, url: html_url, updated_at, snippet, score });
      }
    }
    if (!sources && (!types || types.includes('POST')) && inLocale(POST_LOCALE)) {
      const found = query.trim()
        ? postsIndex()
            .search(query, null)
            .map(({ article, score, snippet }) => ({ post: store.posts[article.id]!, score, snippet }))
        : store.posts.map((post) => ({ post, score: 0, snippet: '' }));
      for (const { post, score, snippet } of found) {
        hits.push({
          type: 'POST',
          title: post.title,
          url: servedUrl(post.html_url, ctx.baseUrl()),
          updated_at: post.updated_at,
          snippet,
          score,
        });
      }
    }
    if (!types) {
      const all = records();
      const found = query.trim()
        ? recordsIndex()
            .search(query, null)
            .map(({ article, score, snippet }) => ({ record: all[article.id]!, score, snippet }))
        : all.map((record) => ({ record, score: 0, snippet: '' }));
      for (const { record, score, snippet } of found) {
        if (!inLocale(record.locale) || (sources && !sources.includes(record.source_id))) continue;
        hits.push({ type: 'EXTERNAL_RECORD', title: record.title, url: record.url, updated_at: record.updated_at, snippet, score });
      }
    }
    // Without a query Zendesk uses "an internal ordering": here, the latest change first.
    hits.sort((a, b) => b.score - a.score || b.updated_at.localeCompare(a.updated_at));
    const slice = hits.slice(offset, offset + size);
    const hasMore = offset + size < hits.length;
    const afterCursor = hasMore ? encodeCursor(offset + size) : null;
    const link = (cursor: string | null) => {
      const params = new URLSearchParams(req.query);
      params.delete('page[after]');
      if (cursor) params.set('page[after]', cursor);
      return `${ctx.baseUrl()}${req.path}?${params}`;
    };
    return json(200, {
      results: slice.map(({ score: _score, ...result }) => result),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: { first: link(null), last: null, next: afterCursor ? link(afterCursor) : null, prev: null },
    });
  });
  router.add('help_center.locales', 'GET', '/api/v2/help_center/locales.json', () => {
    const locales = [...new Set(store.articles.map((a) => a.locale.toLowerCase()))];
    return json(200, { locales, default_locale: 'en-us' });
  });
  router.add('help_center.article', 'GET', '/api/v2/help_center/:locale/articles/:id.json', (req) => {
    const article = store.articles.find((a) => a.id === Number(req.params.id));
    return article ? json(200, { article: articleJson(article) }) : notFound();
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
  // Filtered search: the documented filter (an attribute comparison, or `$and` / `$or` lists of
  // them) with `$eq` on a custom field or `external_id`, and `$gt` ("after") on `created_at` and
  // `updated_at`; other operators are not emulated and are refused.
  router.add('custom_objects.records.filtered_search', 'POST', '/api/v2/custom_objects/:key/records/search.json', (req) => {
    const records = store.records.get(req.params.key!);
    if (!records) return notFound();
    const test = recordFilter((req.body as { filter?: unknown } | null)?.filter, store.fieldTypes.get(req.params.key!) ?? new Map());
    if (!test) return invalid('Invalid filter');
    return cursorPage(ctx, req, records.filter(test));
  });
  router.add('custom_objects.records.list', 'GET', '/api/v2/custom_objects/:key/records.json', (req) => {
    const records = store.records.get(req.params.key!);
    if (!records) return notFound();
    // Only the documented filters; Zendesk ignores query parameters it does not know.
    const ids = req.query.get('filter[ids]')?.split(',');
    const externalIds = req.query.get('filter[external_ids]')?.split(',');
    const list = records.filter(
      (r) => (!ids || ids.includes(r.id)) && (!externalIds || (r.external_id !== null && externalIds.includes(r.external_id))),
    );
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
    // An external id names one record of the object: Zendesk upserts and deletes by it, so a
    // second record with the same one is refused.
    const externalId = typeof input.external_id === 'string' && input.external_id ? input.external_id : null;
    if (externalId !== null && records.some((r) => r.external_id === externalId)) {
      return invalid('External id has already been taken', {
        external_id: [{ error: 'DuplicateValue', description: 'External id has already been taken' }],
      });
    }
    const now = zendeskTime();
    const record: CustomObjectRecord = {
      id: `01CL${String(store.id()).padStart(22, '0')}`,
      name: input.name,
      custom_object_key: req.params.key!,
      custom_object_fields: { ...(input.custom_object_fields ?? {}) },
      external_id: externalId,
      created_at: now,
      updated_at: now,
      created_by_user_id: String(ctx.meId()),
      updated_by_user_id: String(ctx.meId()),
    };
    const refused = tooLarge(record);
    if (refused) return refused;
    records.push(record);
    return json(201, { custom_object_record: record });
  });
  router.add('custom_objects.records.update', 'PATCH', '/api/v2/custom_objects/:key/records/:id.json', (req) => {
    const record = store.records.get(req.params.key!)?.find((r) => r.id === req.params.id);
    if (!record) return notFound();
    const input = (req.body as { custom_object_record?: Partial<CustomObjectRecord> } | null)?.custom_object_record;
    if (!input) return invalid('Missing custom_object_record');
    const next: CustomObjectRecord = {
      ...record,
      name: input.name !== undefined ? String(input.name) : record.name,
      custom_object_fields: { ...record.custom_object_fields, ...(input.custom_object_fields ?? {}) },
    };
    const refused = tooLarge(next);
    if (refused) return refused;
    Object.assign(record, next, { updated_at: zendeskTime(), updated_by_user_id: String(ctx.meId()) });
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

/**
 * A ticket's new updated_at, in Zendesk's whole seconds. Zendesk documents that a safe update
 * fails with 409 "if the ticket was updated since you retrieved the ticket's last updated_at
 * timestamp", so every update must give a new timestamp: a second update within the same second
 * takes the next one.
 */
function ticketStamp(previous: string): string {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const prev = Date.parse(previous);
  return zendeskTime(Number.isFinite(prev) && prev >= now ? prev + 1000 : now);
}

/** Offset pagination as Zendesk answers it when no cursor is asked for: 100 a page with next_page. */
function offsetPage<T>(ctx: ApiContext, req: ApiRequest, key: string, items: T[]) {
  const { slice, pageNo, hasMore } = page(items, req);
  return json(200, {
    [key]: slice,
    next_page: hasMore ? nextPageUrl(ctx, req, pageNo + 1) : null,
    previous_page: pageNo > 1 ? nextPageUrl(ctx, req, pageNo - 1) : null,
    count: items.length,
  });
}

/** The 422 Zendesk gives a record over its 32 KB (name and fields as JSON, in UTF-8), or null. */
function tooLarge(record: CustomObjectRecord) {
  const bytes = Buffer.byteLength(JSON.stringify({ name: record.name, custom_object_fields: record.custom_object_fields }));
  return bytes > RECORD_MAX_BYTES
    ? invalid(`Record is too large: ${bytes} bytes, the maximum is ${RECORD_MAX_BYTES}`, {
        base: [{ error: 'RecordTooLarge', description: `A record can hold at most ${RECORD_MAX_BYTES / 1024} KB` }],
      })
    : null;
}

type RecordTest = (record: CustomObjectRecord) => boolean;

/** A filtered search's filter as a test, or null when it is not one the playground understands. */
function recordFilter(filter: unknown, types: ReadonlyMap<string, string>): RecordTest | null {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return null;
  const tests: RecordTest[] = [];
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) return null;
      const parts = condition.map((part) => recordFilter(part, types));
      if (parts.some((p) => p === null)) return null;
      const all = parts as RecordTest[];
      tests.push(key === '$and' ? (r) => all.every((t) => t(r)) : (r) => all.some((t) => t(r)));
      continue;
    }
    const operators: [string, unknown][] = condition && typeof condition === 'object' ? Object.entries(condition) : [];
    if (operators.length !== 1) return null;
    const [operator, operand] = operators[0]!;
    // Standard timestamps: `$gt`, after the given time.
    if (key === 'created_at' || key === 'updated_at') {
      const after = typeof operand === 'string' ? Date.parse(operand) : NaN;
      if (operator !== '$gt' || !Number.isFinite(after)) return null;
      tests.push((r) => Date.parse(r[key]) > after);
      continue;
    }
    if (operator !== '$eq') return null;
    const wanted = String(operand);
    const field = key.startsWith('custom_object_fields.') ? key.slice('custom_object_fields.'.length) : null;
    if (field === null && key !== 'external_id') return null;
    // A checkbox never ticked is unchecked: it equals false.
    const checkbox = field !== null && types.get(field) === 'checkbox';
    tests.push((r) => {
      const value = field === null ? r.external_id : r.custom_object_fields[field];
      if (checkbox) return String(value === true) === wanted;
      return value !== null && value !== undefined && String(value) === wanted;
    });
  }
  return tests.length ? (r) => tests.every((t) => t(r)) : null;
}

function cursorPage(ctx: ApiContext, req: ApiRequest, records: CustomObjectRecord[]) {
  const size = Math.min(100, Math.max(1, Number(req.query.get('page[size]') ?? 100) || 100));
  const after = req.query.get('page[after]');
  // Zendesk's documented orders: `id` and `updated_at` for the list, `name`, `created_at` and
  // `updated_at` for the searches (descending with `-`); by `updated_at` when none is given.
  const sort = req.query.get('sort') ?? '';
  const byId = (a: CustomObjectRecord, b: CustomObjectRecord) => a.id.localeCompare(b.id);
  const by = (attribute: 'name' | 'created_at' | 'updated_at') => (a: CustomObjectRecord, b: CustomObjectRecord) =>
    a[attribute].localeCompare(b[attribute]) || byId(a, b);
  const orders: Record<string, (a: CustomObjectRecord, b: CustomObjectRecord) => number> = {
    id: byId,
    name: by('name'),
    created_at: by('created_at'),
  };
  const order = orders[sort.replace(/^-/, '')] ?? by('updated_at');
  const sorted = [...records].sort(sort.startsWith('-') ? (a, b) => order(b, a) : order);
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
  const linkError = problemLinkError(store, ticket, update);
  if (linkError) return linkError;
  const events: AuditEvent[] = [];
  const change = (field: string, previous: unknown, value: unknown) => {
    if (JSON.stringify(previous) !== JSON.stringify(value))
      events.push({ id: store.id(), type: 'Change', field_name: field, previous_value: previous, value });
  };
  const next: Ticket = { ...ticket, tags: [...ticket.tags], custom_fields: ticket.custom_fields.map((f) => ({ ...f })) };

  for (const field of ['subject', 'status', 'priority', 'group_id', 'assignee_id', 'type', 'problem_id'] as const) {
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

  const stamp = ticketStamp(ticket.updated_at);
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
      created_at: stamp,
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

  // Zendesk keeps `problem_id` only on incidents: a ticket that stops being one loses its link.
  if (next.type !== 'incident' && next.problem_id != null) {
    change('problem_id', next.problem_id, null);
    next.problem_id = null;
  }
  next.updated_at = stamp;
  store.tickets.set(ticket.id, next);
  const problem = typeof next.problem_id === 'number' ? store.tickets.get(next.problem_id) : undefined;
  if (problem && !problem.has_incidents) store.tickets.set(problem.id, { ...problem, has_incidents: true });
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

/**
 * Zendesk links an incident to a problem only: `problem_id` on a ticket that is not (or does not
 * become) an incident, or naming a ticket that is not a problem, is refused as invalid.
 */
function problemLinkError(store: Store, ticket: Ticket, update: Record<string, unknown>) {
  if (!('problem_id' in update) || update.problem_id === null) return null;
  const refuse = (description: string) => invalid('Record validation errors', { problem_id: [{ error: 'InvalidValue', description }] });
  const type = 'type' in update ? update.type : ticket.type;
  if (type !== 'incident') return refuse('Problem: only an incident can be linked to a problem');
  const problem = typeof update.problem_id === 'number' ? store.tickets.get(update.problem_id) : undefined;
  if (!problem || problem.type !== 'problem' || problem.id === ticket.id)
    return refuse('Problem: the linked ticket must be a problem ticket');
  return null;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
