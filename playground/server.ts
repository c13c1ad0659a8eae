import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FaultBook,
  TicketUpdateLimiter,
  type CallRecord,
  type Fault,
  type FaultRule,
  type RateLimit,
  type TicketUpdateLimits,
} from './api/faults';
import type { ApiResponse } from './api/router';
import { createRoutes } from './api/routes';
import {
  loadFixtures,
  servedUrl,
  Store,
  zendeskTime,
  type Article,
  type Audit,
  type CustomObjectRecord,
  type Group,
  type Ticket,
  type User,
} from './api/store';

/**
 * The offline Zendesk: one server, one port, two origins. The agent workspace (host page) and
 * the REST API are served at http://localhost:PORT, the app's built files at
 * http://127.0.0.1:PORT/app/, so the app runs cross-origin in an iframe as it does in Zendesk.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_DIST = join(ROOT, 'dist');
const HOST_DIST = join(ROOT, '.cache', 'playground');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export type Persona = 'agent' | 'lead' | 'admin';

interface Manifest {
  parameters: { name: string; type: string; default?: unknown; required?: boolean; secure?: boolean }[];
}

export interface Playground {
  url: string;
  appOrigin: string;
  port: number;
  close(): Promise<void>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function personasFrom(store: Store): Record<Persona, number> {
  const leadGroup = [...store.groups.values()].find((g) => /lead/i.test(g.name));
  const leadIds = new Set(store.memberships.filter((m) => m.group_id === leadGroup?.id).map((m) => m.user_id));
  const staff = [...store.users.values()].filter((u) => u.role !== 'end-user');
  const admin = staff.find((u) => u.role === 'admin');
  const lead = staff.find((u) => u.role === 'agent' && leadIds.has(u.id));
  // The agent persona holds none of the leads' roles, so no lead setting makes it a lead.
  const leadRoles = new Set(staff.filter((u) => leadIds.has(u.id)).map((u) => u.custom_role_id));
  const agent = staff.find((u) => u.role === 'agent' && !leadIds.has(u.id) && !leadRoles.has(u.custom_role_id));
  if (!admin || !lead || !agent) throw new Error('The demo fixtures need an admin, a lead and an agent');
  return { agent: agent.id, lead: lead.id, admin: admin.id };
}

function defaultSettings(store: Store): Record<string, unknown> {
  const manifest = readJson<Manifest>(join(ROOT, 'manifest.json'));
  const settings: Record<string, unknown> = {};
  for (const p of manifest.parameters) settings[p.name] = p.default ?? (p.type === 'checkbox' ? false : '');
  const leadGroup = [...store.groups.values()].find((g) => /lead/i.test(g.name));
  settings.lead_group_ids = leadGroup ? String(leadGroup.id) : '';
  return settings;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: ApiResponse) {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  headers['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(response.status, headers).end(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
}

function serveFile(res: ServerResponse, base: string, relative: string, headers: Record<string, string> = {}) {
  const path = normalize(join(base, relative));
  if (!path.startsWith(base) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
  createReadStream(path).pipe(res);
}

/**
 * The Help Center's article pages show what editors wrote, i.e. untrusted HTML: the page sanitises
 * it, and this policy runs no script but the page's own and loads nothing from elsewhere.
 */
const ARTICLE_PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PlaygroundOptions {
  port?: number;
  host?: string;
  /** How long a ticket change takes to reach search, as Zendesk's index lags behind writes (default 0). */
  searchLagMs?: number;
  /** Where the app's files are (default: the build in dist/); the bench serves its SDK-only page this way. */
  appDist?: string;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const fixtures = loadFixtures();
  let store = new Store(fixtures);
  const personas = personasFrom(store);
  let persona: Persona = 'agent';
  let settings = defaultSettings(store);
  const faults = new FaultBook();
  const limits = new TicketUpdateLimiter();
  const hanging = new Set<ServerResponse>();
  let baseUrl = '';
  let searchLagMs = options.searchLagMs ?? 0;
  const routes = () =>
    createRoutes({ store, meId: () => personas[persona], baseUrl: () => baseUrl, searchLagMs: () => searchLagMs, limits });
  let router = routes();

  /** Each call's answer body as the JSON text sent, spliced into the call log without parsing it again. */
  const answeredJson = new WeakMap<CallRecord, string>();
  const callJson = (call: CallRecord) => {
    const text = answeredJson.get(call);
    if (!call.response || text === undefined) return JSON.stringify(call);
    const { response, ...rest } = call;
    return `${JSON.stringify(rest).slice(0, -1)},"response":{"status":${response.status},"body":${text}}}`;
  };
  const control: Record<string, (body: unknown) => ApiResponse> = {
    'GET state': () => ({
      status: 200,
      body: { persona, personas, settings, searchLagMs, appOrigin: baseUrl.replace('localhost', '127.0.0.1') },
    }),
    'POST persona': (body) => {
      const next = (body as { persona?: Persona }).persona;
      if (!next || !(next in personas)) return { status: 422, body: { error: 'unknown persona' } };
      persona = next;
      return { status: 200, body: { persona } };
    },
    'POST settings': (body) => {
      settings = { ...settings, ...(body as Record<string, unknown>) };
      return { status: 200, body: { settings } };
    },
    'POST faults': (body) => {
      const rules = Array.isArray(body) ? body : [body];
      for (const rule of rules as FaultRule[]) faults.add(rule);
      return { status: 200, body: { ok: true } };
    },
    // The search index lag: a ticket change reaches search this long after it was written.
    'POST search': (body) => {
      const lag = (body as { lagMs?: unknown }).lagMs;
      if (typeof lag !== 'number' || !Number.isFinite(lag) || lag < 0)
        return { status: 422, body: { error: 'lagMs must be a number ≥ 0' } };
      searchLagMs = lag;
      return { status: 200, body: { searchLagMs } };
    },
    'DELETE faults': () => {
      faults.clear();
      return { status: 200, body: { ok: true } };
    },
    // Zendesk's ticket update rate limits, lowered by tests that need to reach them.
    'GET limits': () => ({ status: 200, body: limits.limits }),
    'POST limits': (body) => {
      const changes = body as Partial<Record<keyof TicketUpdateLimits, RateLimit>>;
      const valid = (l: RateLimit | undefined) => l === undefined || (Number.isInteger(l.max) && l.max >= 0 && l.window_seconds > 0);
      if (!valid(changes.ticket_updates_per_user) || !valid(changes.ticket_updates_per_account)) {
        return { status: 422, body: { error: 'limits need a whole max >= 0 and window_seconds > 0' } };
      }
      limits.configure(changes);
      return { status: 200, body: limits.limits };
    },
    // The host page's live updates: the open ticket's updated_at, read without counting as an API call.
    'GET stamps': () => ({ status: 200, body: Object.fromEntries([...store.tickets.values()].map((t) => [t.id, t.updated_at])) }),
    'GET calls': () => ({
      status: 200,
      body: `{"counts":${JSON.stringify(faults.counts())},"calls":[${faults.calls.map(callJson).join(',')}]}`,
    }),
    'DELETE calls': () => {
      faults.calls = [];
      return { status: 200, body: { ok: true } };
    },
    'POST reset': () => {
      store = new Store(fixtures);
      router = routes();
      persona = 'agent';
      settings = defaultSettings(store);
      searchLagMs = options.searchLagMs ?? 0;
      faults.clear();
      faults.calls = [];
      limits.reset();
      return { status: 200, body: { ok: true } };
    },
    // Data the REST API cannot write (user names, Help Center articles, tickets with past dates),
    // e.g. hostile input or a large account for tests. Also what tests need in bulk: agents with
    // their groups (large groups), groups added or changed (a deleted one), tickets created or
    // patched without an audit, audits appended to a ticket's trail (long histories), and custom
    // object records by object key (a large answer library).
    'POST seed': (body) => {
      const {
        users = [],
        articles = [],
        agents = [],
        groups = [],
        tickets = [],
        audits = [],
        records = {},
      } = body as {
        users?: (Partial<User> & { id: number })[];
        articles?: Partial<Article>[];
        agents?: (Partial<User> & { id: number; name: string; group_ids?: number[] })[];
        groups?: (Partial<Group> & { id: number })[];
        tickets?: Partial<Ticket>[];
        audits?: (Partial<Audit> & Pick<Audit, 'ticket_id' | 'author_id' | 'events'>)[];
        records?: Record<
          string,
          (Partial<CustomObjectRecord> &
            Pick<CustomObjectRecord, 'name' | 'custom_object_fields' | 'created_by_user_id' | 'updated_by_user_id'>)[]
        >;
      };
      const unknownObject = Object.keys(records).find((key) => !store.records.has(key));
      if (unknownObject) return { status: 404, body: { error: `unknown custom object ${unknownObject}` } };
      const missing = users.find((u) => !store.users.has(u.id));
      if (missing) return { status: 404, body: { error: `unknown user ${missing.id}` } };
      const missingTicket = audits.map((a) => ({ id: a.ticket_id })).find((t) => !store.tickets.has(t.id));
      if (missingTicket) return { status: 404, body: { error: `unknown ticket ${missingTicket.id}` } };
      for (const patch of users) Object.assign(store.users.get(patch.id)!, patch);
      const now = zendeskTime();
      for (const group of groups) {
        const known = store.groups.get(group.id);
        store.groups.set(group.id, { name: `Group ${group.id}`, created_at: now, updated_at: now, ...known, ...group });
      }
      for (const { group_ids: groupIds = [], ...agent } of agents) {
        store.users.set(agent.id, {
          email: `agent${agent.id}@lumenbank.example`,
          role: 'agent',
          custom_role_id: null,
          locale: 'en-US',
          created_at: now,
          updated_at: now,
          ...agent,
        });
        for (const groupId of groupIds) store.memberships.push({ id: store.id(), user_id: agent.id, group_id: groupId, created_at: now });
      }
      for (const audit of audits) {
        const trail = store.audits.get(audit.ticket_id) ?? [];
        trail.push({ id: store.id(), created_at: now, metadata: {}, via: { channel: 'web' }, ...audit });
        store.audits.set(audit.ticket_id, trail);
      }
      for (const article of articles) {
        store.articles.push({
          title: '',
          body: '',
          html_url: '',
          locale: 'en-us',
          section_id: store.sections[0]?.id ?? 0,
          label_names: [],
          vote_sum: 0,
          created_at: now,
          updated_at: now,
          ...article,
          id: article.id ?? store.id(),
        });
      }
      for (const [key, list] of Object.entries(records)) {
        for (const record of list) {
          // Zendesk's record ids are 26-character ULIDs, as the records the API creates here.
          const id = record.id ?? `01CL${String(store.id()).padStart(22, '0')}`;
          store.records.get(key)!.push({ external_id: null, created_at: now, updated_at: now, ...record, id, custom_object_key: key });
        }
      }
      const requester = [...store.users.values()].find((u) => u.role === 'end-user')?.id ?? 0;
      for (const ticket of tickets) {
        // A known id is a patch of that ticket; any other creates one.
        const existing = ticket.id !== undefined ? store.tickets.get(ticket.id) : undefined;
        if (existing) {
          Object.assign(existing, ticket);
          continue;
        }
        const id = ticket.id ?? store.id();
        const created = ticket.created_at ?? now;
        store.tickets.set(id, {
          subject: '',
          description: '',
          status: 'open',
          priority: 'normal',
          requester_id: requester,
          assignee_id: null,
          group_id: null,
          tags: [],
          custom_fields: [],
          updated_at: created,
          ...ticket,
          id,
          created_at: created,
          url: `${baseUrl}/api/v2/tickets/${id}.json`,
        });
      }
      // The article search index is built on first use; tickets reach search after the index lag.
      router = routes();
      return { status: 200, body: { ok: true } };
    },
    'GET manifest': () => ({
      status: 200,
      body: {
        manifest: readJson(join(ROOT, 'manifest.json')),
        translations: Object.fromEntries(
          readdirSync(join(ROOT, 'translations'))
            .filter((f) => f.endsWith('.json'))
            .map((f) => [f.replace('.json', ''), readJson(join(ROOT, 'translations', f))]),
        ),
      },
    }),
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? 'GET';
    const found = router.match(method, url.pathname);
    if (!found) {
      send(res, { status: 404, body: { error: 'InvalidEndpoint', description: `No such endpoint: ${method} ${url.pathname}` } });
      return;
    }
    const endpoint = found.route.endpoint;
    const app = req.headers['x-playground-app'];
    const raw = await readBody(req);
    let body: unknown = null;
    let invalidJson = false;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      invalidJson = true;
    }
    // Everything about the call is kept, for call counts and for the API contract check.
    const call: CallRecord = {
      endpoint,
      method,
      path: url.pathname + url.search,
      at: Date.now(),
      app: typeof app === 'string' ? app : null,
      body,
      response: null,
      fault: null,
    };
    faults.record(call);
    const answer = (response: ApiResponse, fault: Fault['kind'] | null = null) => {
      const text = response.body === undefined || typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      call.response = { status: response.status };
      call.fault = fault;
      // The JSON as sent, not the store's objects (later writes change those); parsed only when asked for.
      if (text !== undefined) answeredJson.set(call, typeof response.body === 'string' ? JSON.stringify(text) : text);
      send(res, text === undefined ? response : { ...response, body: text });
    };
    if (invalidJson) return answer({ status: 400, body: { error: 'InvalidJSON', description: 'Request body is not JSON' } });
    for (const fault of faults.take(endpoint, typeof app === 'string' ? app : null)) {
      if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
      else if (fault.kind === 'timeout') {
        // Zendesk may have done the work although the answer never arrives.
        if (fault.applied) await found.route.handler({ method, path: url.pathname, query: url.searchParams, params: found.params, body });
        call.fault = fault.kind;
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      } else if (fault.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
        const errorBody = fault.body ?? {
          error: fault.status === 429 ? 'TooManyRequests' : 'InternalError',
          description: `Injected ${fault.status}`,
        };
        return answer({ status: fault.status, headers, body: errorBody }, fault.kind);
      } else if (fault.kind === 'malformed') {
        call.response = { status: 200 };
        call.fault = fault.kind;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [ {"id": 1, "title": ');
        return;
      } else if (fault.kind === 'wrong_shape') {
        return answer({ status: 200, body: { unexpected: true, data: 'not what Zendesk documents' } }, fault.kind);
      }
    }
    answer(await found.route.handler({ method, path: url.pathname, query: url.searchParams, params: found.params, body }));
  }

  /**
   * The account's Help Center, where the API's `html_url`s point: `/hc/<locale>/articles/<id>-<slug>`
   * is the article page (it reads the article from the API), and `/hc/articles/<id>`, the address
   * without locale and slug, redirects there as Zendesk does.
   */
  function helpCenter(res: ServerResponse, url: URL) {
    if (/^\/hc\/[\w-]+\/articles\/\d+(-[^/]*)?$/.test(url.pathname)) {
      return serveFile(res, HOST_DIST, 'article.html', { 'content-security-policy': ARTICLE_PAGE_POLICY });
    }
    const id = /^\/hc\/articles\/(\d+)(-[^/]*)?$/.exec(url.pathname)?.[1];
    const article = id === undefined ? undefined : store.articles.find((a) => a.id === Number(id));
    const target = article && servedUrl(article.html_url, baseUrl);
    if (target?.startsWith(`${baseUrl}/hc/`)) {
      res.writeHead(302, { location: target, 'cache-control': 'no-store' }).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname.startsWith('/api/v2/')) return api(req, res, url);
      if (url.pathname.startsWith('/__playground/')) {
        const name = `${req.method} ${url.pathname.slice('/__playground/'.length)}`;
        const action = control[name];
        if (!action) return send(res, { status: 404, body: { error: 'unknown control' } });
        const raw = await readBody(req);
        return send(res, action(raw ? JSON.parse(raw) : {}));
      }
      if (url.pathname.startsWith('/app/')) return serveFile(res, options.appDist ?? APP_DIST, url.pathname.slice('/app/'.length));
      if (url.pathname.startsWith('/hc/')) return helpCenter(res, url);
      return serveFile(res, HOST_DIST, url.pathname === '/' || !extname(url.pathname) ? 'index.html' : url.pathname);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: 'PlaygroundError', description: String(error) } });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://localhost:${port}`;
  return {
    url: `${baseUrl}/`,
    appOrigin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
