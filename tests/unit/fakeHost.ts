import type * as z from 'zod/mini';
import type { ApiRequest, HostClient } from '../../src/host/client';
import { ApiError } from '../../src/host/errors';

/** Answers one REST route: the request and its parsed URL (query included); may be async. */
export type Route = (req: ApiRequest, url: URL) => unknown;

/**
 * A host for unit tests. REST answers come from `routes`, keyed by method and path
 * ("GET /api/v2/tickets/*\/audits.json", `*` standing for one path segment); a request no route
 * knows is a 404, as in Zendesk. Every request is recorded (and its URL), and writes (any method
 * but GET) apart.
 * `values` answer `client.get` by path (a function: read at each call).
 */
export function fakeHost(routes: Record<string, Route>, values: Record<string, unknown> | (() => Record<string, unknown>) = {}) {
  const requests: ApiRequest[] = [];
  const urls: string[] = [];
  const writes: ApiRequest[] = [];
  const table = Object.entries(routes).map(([key, route]) => {
    const [method, path] = key.split(' ') as [string, string];
    const pattern = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+');
    return { method, path: new RegExp(`^${pattern}$`), route };
  });
  const host: HostClient = {
    async get(schemas) {
      const now = typeof values === 'function' ? values() : values;
      return Object.fromEntries(Object.keys(schemas).map((key) => [key, now[key]])) as never;
    },
    async set() {},
    async invoke() {
      return null;
    },
    async request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T> {
      const method = req.method ?? 'GET';
      requests.push(req);
      urls.push(req.url);
      if (method !== 'GET') writes.push(req);
      const url = new URL(req.url, 'https://example.zendesk.com');
      const found = table.find((r) => r.method === method && r.path.test(url.pathname));
      if (!found) throw new ApiError(404, req.url);
      return schema.parse(await found.route(req, url));
    },
    on: () => () => undefined,
    trigger() {},
    context: async () => ({ instanceGuid: 'g', product: 'support', location: 'ticket_sidebar' }),
    metadata: async () => ({ appId: 1, installationId: 1, name: 'Closed Loop', settings: {} }),
  };
  return { host, requests, urls, writes };
}

/** An answer's record as Zendesk stores it: `fields` are its custom fields, approved unless they say otherwise. */
export function answerRecord(id: string, name: string, fields: Record<string, unknown>, createdAt: string, updatedAt = createdAt) {
  return { id, name, custom_object_fields: { status: 'approved', ...fields }, created_at: createdAt, updated_at: updatedAt };
}
