import * as z from 'zod/mini';
import { ApiError, HostError, HostPathError, HostTimeoutError, InvalidPayloadError } from './errors';
import { parsePayload } from './parse';
import { ContextSchema, MetadataSchema, type AppContext, type AppMetadata } from './schemas';
import type { ZafClient, ZafHandler } from './zaf';

type Schemas = Record<string, z.ZodMiniType>;
export type Parsed<S extends Schemas> = { [K in keyof S]: z.infer<S[K]> };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  url: string;
  method?: HttpMethod;
  body?: unknown;
}

/** The one typed door to Zendesk. Features receive it; nothing else touches the SDK. */
export interface HostClient {
  /** One batched `client.get`; each path's value is validated by its schema. */
  get<S extends Schemas>(schemas: S): Promise<Parsed<S>>;
  set(path: string, value: unknown): Promise<void>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  /** A Zendesk REST call through the host; the JSON body is validated by `schema`. */
  request<T>(req: ApiRequest, schema: z.ZodMiniType<T>): Promise<T>;
  /** Subscribes to a host event; returns the unsubscribe function. */
  on(event: string, handler: (data: unknown) => void): () => void;
  /** Sends an event to this app's own instance or, with `guid`, to another instance. */
  trigger(event: string, data?: unknown, guid?: string): void;
  context(): Promise<AppContext>;
  metadata(): Promise<AppMetadata>;
}

export interface HostClientOptions {
  /** Our own limit for SDK calls; the SDK's 5 s timer usually fires first. */
  callTimeoutMs?: number;
  /** The SDK puts no limit on `client.request`; a host that never answers must not hang a panel. */
  requestTimeoutMs?: number;
  /** How often a 429 is retried after its Retry-After, and the longest wait worth making. */
  maxRetries?: number;
  maxRetryWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

const GetResultSchema = z.object({
  errors: z.optional(z.record(z.string(), z.object({ message: z.optional(z.string()) }))),
});

/** What `client.request` settles with when `httpCompleteResponse` is set (and on failure). */
const HttpResponseSchema = z.object({
  status: z.optional(z.number()),
  responseJSON: z.optional(z.unknown()),
  responseText: z.optional(z.nullable(z.string())),
  headers: z.optional(z.record(z.string(), z.unknown())),
});
type HttpResponse = z.infer<typeof HttpResponseSchema>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * npm's SDK 2.0.x *resolves* (not rejects) with a TimeoutError-shaped object when the host is
 * silent for 5 s, and with a nameless error object when the host errs without a name.
 */
function sdkFailure(result: unknown): { name: string; message: string } | null {
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    const { name, message } = result as { name?: unknown; message?: unknown };
    if (name === 'TimeoutError') return { name, message: String(message ?? '') };
    if (typeof message === 'string' && !('errors' in result)) {
      return { name: typeof name === 'string' ? name : 'Error', message };
    }
  }
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostTimeoutError(operation)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function header(response: HttpResponse, name: string): string | undefined {
  const headers = response.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return value === undefined || value === null ? undefined : String(value);
}

function bodyOf(response: HttpResponse, url: string): unknown {
  if (response.responseJSON !== undefined) return response.responseJSON;
  const text = response.responseText;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidPayloadError(url, ['the body is not JSON']);
  }
}

export function createHostClient(zaf: ZafClient, options: HostClientOptions = {}): HostClient {
  const callTimeoutMs = options.callTimeoutMs ?? 8000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 12000;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryWaitSeconds = options.maxRetryWaitSeconds ?? 10;
  const sleep = options.sleep ?? defaultSleep;

  /** Runs one SDK call and turns its three ways of failing into typed errors. */
  async function call(operation: string, path: string, run: () => Promise<unknown>): Promise<unknown> {
    let result: unknown;
    try {
      result = await withTimeout(run(), callTimeoutMs, operation);
    } catch (error) {
      if (error instanceof HostError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new HostPathError(path, message);
    }
    const failure = sdkFailure(result);
    if (failure?.name === 'TimeoutError') throw new HostTimeoutError(operation);
    if (failure) throw new HostPathError(path, failure.message);
    return result;
  }

  async function requestOnce(req: ApiRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const options: Record<string, unknown> = {
      url: req.url,
      type: method,
      dataType: 'json',
      httpCompleteResponse: true,
    };
    if (req.body !== undefined) {
      options.contentType = 'application/json';
      options.data = JSON.stringify(req.body);
    }
    let raw: unknown;
    try {
      raw = await withTimeout(zaf.request(options), requestTimeoutMs, `${method} ${req.url}`);
    } catch (error) {
      if (error instanceof HostError) throw error;
      const failed = HttpResponseSchema.safeParse(error);
      const response = failed.success ? failed.data : {};
      const status = response.status ?? 0;
      // The host reports a 2xx whose body would not parse as a failure; that is bad data, not HTTP.
      if (status >= 200 && status < 300) throw new InvalidPayloadError(req.url, ['the body is not JSON']);
      const retryAfter = Number(header(response, 'retry-after'));
      let body: unknown;
      try {
        body = bodyOf(response, req.url) ?? null;
      } catch {
        body = response.responseText ?? null;
      }
      throw new ApiError(status, req.url, Number.isFinite(retryAfter) ? retryAfter : null, body);
    }
    return parsePayload(HttpResponseSchema, raw, req.url);
  }

  return {
    async get(schemas) {
      const paths = Object.keys(schemas);
      const result = (await call(`get ${paths.join(', ')}`, paths.join(', '), () => zaf.get(paths))) as Record<string, unknown>;
      const { errors } = parsePayload(GetResultSchema, result, 'client.get');
      const failed = Object.entries(errors ?? {})[0];
      if (failed) throw new HostPathError(failed[0], failed[1].message ?? 'failed');
      const out: Record<string, unknown> = {};
      for (const path of paths) out[path] = parsePayload(schemas[path]!, result[path], path);
      return out as Parsed<typeof schemas>;
    },

    async set(path, value) {
      const result = await call(`set ${path}`, path, () => zaf.set({ [path]: value }));
      const errors = (result as { errors?: Record<string, { message?: string }> } | null)?.errors;
      const failed = errors?.[path];
      if (failed) throw new HostPathError(path, failed.message ?? 'failed');
    },

    invoke(name, ...args) {
      return call(`invoke ${name}`, name, () => zaf.invoke(name, ...args));
    },

    async request(req, schema) {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await requestOnce(req);
          return parsePayload(schema, bodyOf(response, req.url), req.url);
        } catch (error) {
          const wait = error instanceof ApiError && error.status === 429 ? (error.retryAfterSeconds ?? 1) : null;
          if (wait === null || attempt >= maxRetries || wait > maxRetryWaitSeconds) throw error;
          await sleep(wait * 1000);
        }
      }
    },

    on(event, handler) {
      const wrapped: ZafHandler = (data) => handler(data);
      zaf.on(event, wrapped);
      return () => zaf.off(event, wrapped);
    },

    trigger(event, data, guid) {
      (guid ? zaf.instance(guid) : zaf).trigger(event, data);
    },

    async context() {
      return parsePayload(ContextSchema, await call('context', 'context', () => zaf.context()), 'context');
    },

    async metadata() {
      return parsePayload(MetadataSchema, await call('metadata', 'metadata', () => zaf.metadata()), 'metadata');
    },
  };
}
