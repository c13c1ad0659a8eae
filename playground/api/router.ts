export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  endpoint: string;
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A small method + path router whose routes carry an endpoint name for faults and counts. */
export class Router {
  private routes: Route[] = [];

  add(endpoint: string, method: string, path: string, handler: Handler) {
    const keys: string[] = [];
    const source = path.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+?)';
    });
    this.routes.push({ endpoint, method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1] ?? '')));
      return { route, params };
    }
    return null;
  }
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ApiResponse =>
  headers ? { status, body, headers } : { status, body };

export const notFound = () => json(404, { error: 'RecordNotFound', description: 'Not found' });
export const invalid = (description: string, details?: unknown) =>
  json(422, { error: 'RecordInvalid', description, details: details ?? {} });
