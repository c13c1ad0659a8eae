import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { createHostClient } from '../../src/host/client';
import { ApiError, HostPathError, HostTimeoutError, InvalidPayloadError } from '../../src/host/errors';
import type { ZafClient } from '../../src/host/zaf';

/** A stand-in for the SDK client: each method answers as the test says. */
function fakeZaf(overrides: Partial<ZafClient> = {}): ZafClient {
  const handlers = new Map<string, ((d: unknown) => void)[]>();
  const zaf: ZafClient = {
    get: async () => ({ errors: {} }),
    set: async () => ({ errors: {} }),
    invoke: async () => ({ errors: {} }),
    request: async () => ({ status: 200, responseJSON: {}, headers: {} }),
    on: (name, handler) => handlers.set(name, [...(handlers.get(name) ?? []), handler]),
    off: (name, handler) =>
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((h) => h !== handler),
      ),
    trigger: (name, data) => (handlers.get(name) ?? []).forEach((h) => h(data)),
    context: async () => ({ instanceGuid: 'g', product: 'support', location: 'ticket_sidebar', ticketId: 7 }),
    metadata: async () => ({ appId: 1, installationId: 2, name: 'Closed Loop', settings: {} }),
    instance: () => zaf,
    ...overrides,
  };
  return zaf;
}

describe('host client get', () => {
  it('batches paths into one call and validates each value', async () => {
    const get = vi.fn(async (paths: string | string[]) => ({ 'ticket.id': 7, 'ticket.subject': 'Card declined', errors: {}, paths }));
    const host = createHostClient(fakeZaf({ get }));
    const result = await host.get({ 'ticket.id': z.number(), 'ticket.subject': z.string() });
    expect(result).toEqual({ 'ticket.id': 7, 'ticket.subject': 'Card declined' });
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith(['ticket.id', 'ticket.subject']);
  });

  it("turns the get's errors map into a typed path error", async () => {
    const host = createHostClient(
      fakeZaf({
        get: async () => ({ errors: { 'ticket.subject': { name: 'InvalidPathError', message: 'nope', path: 'ticket.subject' } } }),
      }),
    );
    const failure = host.get({ 'ticket.subject': z.string() });
    await expect(failure).rejects.toBeInstanceOf(HostPathError);
    await expect(failure).rejects.toMatchObject({ path: 'ticket.subject' });
  });

  it('rejects a value of the wrong shape with the path named', async () => {
    const host = createHostClient(fakeZaf({ get: async () => ({ 'ticket.id': 'seven', errors: {} }) }));
    const failure = host.get({ 'ticket.id': z.number() });
    await expect(failure).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(failure).rejects.toMatchObject({ source: 'ticket.id' });
  });

  it("treats the SDK's resolved TimeoutError object as a timeout", async () => {
    const timeoutShape = { name: 'TimeoutError', message: 'Timeout when invoking "get"', invocationName: 'get', paramsArray: ['x'] };
    const host = createHostClient(fakeZaf({ get: async () => timeoutShape, invoke: async () => timeoutShape }));
    await expect(host.get({ x: z.string() })).rejects.toBeInstanceOf(HostTimeoutError);
    await expect(host.invoke('resize', { height: '10px' })).rejects.toBeInstanceOf(HostTimeoutError);
  });

  it('gives up on a host that never answers', async () => {
    const host = createHostClient(fakeZaf({ get: () => new Promise(() => undefined) }), { callTimeoutMs: 20 });
    await expect(host.get({ x: z.string() })).rejects.toBeInstanceOf(HostTimeoutError);
  });

  it('turns an SDK rejection into a path error', async () => {
    const host = createHostClient(fakeZaf({ set: async () => Promise.reject(new Error('"ticket.subject" is read only')) }));
    await expect(host.set('ticket.subject', 'x')).rejects.toBeInstanceOf(HostPathError);
  });
});

/** The SDK rejects a failed request with the jQuery-style response itself, not with an Error. */
function failedRequest(response: Record<string, unknown>): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the shape the SDK really rejects with
  return Promise.reject(response);
}

describe('host client request', () => {
  const Body = z.object({ ok: z.boolean() });

  it('sends JSON with the complete-response option and validates the body', async () => {
    const request = vi.fn(async (_options: Record<string, unknown>) => ({ status: 200, responseJSON: { ok: true }, headers: {} }));
    const host = createHostClient(fakeZaf({ request }));
    await expect(host.request({ url: '/api/v2/x.json', method: 'PUT', body: { a: 1 } }, Body)).resolves.toEqual({ ok: true });
    expect(request.mock.calls[0]![0]).toMatchObject({
      url: '/api/v2/x.json',
      type: 'PUT',
      data: '{"a":1}',
      contentType: 'application/json',
      httpCompleteResponse: true,
    });
  });

  it('carries the HTTP status of a failure', async () => {
    const host = createHostClient(
      fakeZaf({ request: async () => failedRequest({ status: 500, responseText: '{"error":"boom"}', headers: {} }) }),
    );
    const failure = host.request({ url: '/api/v2/x.json' }, Body);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 500, body: { error: 'boom' } });
  });

  it('retries a 429 after Retry-After, a bounded number of times', async () => {
    const sleep = vi.fn(async () => undefined);
    let calls = 0;
    const request = async () => {
      calls += 1;
      if (calls < 3) return failedRequest({ status: 429, headers: { 'Retry-After': '2' } });
      return { status: 200, responseJSON: { ok: true } };
    };
    const host = createHostClient(fakeZaf({ request }), { sleep });
    await expect(host.request({ url: '/x' }, Body)).resolves.toEqual({ ok: true });
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(2000);
  });

  it('stops retrying and reports the wait when 429 persists', async () => {
    const sleep = vi.fn(async () => undefined);
    const request = vi.fn(async () => failedRequest({ status: 429, headers: { 'retry-after': '1' } }));
    const host = createHostClient(fakeZaf({ request }), { sleep, maxRetries: 2 });
    await expect(host.request({ url: '/x' }, Body)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('does not wait out a Retry-After longer than the cap', async () => {
    const sleep = vi.fn(async () => undefined);
    const host = createHostClient(fakeZaf({ request: async () => failedRequest({ status: 429, headers: { 'retry-after': '120' } }) }), {
      sleep,
    });
    await expect(host.request({ url: '/x' }, Body)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('rejects a body of the wrong shape and a body that is not JSON', async () => {
    const wrong = createHostClient(fakeZaf({ request: async () => ({ status: 200, responseJSON: { unexpected: true } }) }));
    await expect(wrong.request({ url: '/x' }, Body)).rejects.toBeInstanceOf(InvalidPayloadError);
    const garbled = createHostClient(fakeZaf({ request: async () => ({ status: 200, responseText: '{"ok": tr' }) }));
    await expect(garbled.request({ url: '/x' }, Body)).rejects.toBeInstanceOf(InvalidPayloadError);
  });

  it('treats a parse failure reported by the host as bad data, not an HTTP error', async () => {
    const host = createHostClient(fakeZaf({ request: async () => failedRequest({ status: 200, responseText: '{"ok": tr' }) }));
    await expect(host.request({ url: '/x' }, Body)).rejects.toBeInstanceOf(InvalidPayloadError);
  });

  it('times out a request the host never answers', async () => {
    const host = createHostClient(fakeZaf({ request: () => new Promise(() => undefined) }), { requestTimeoutMs: 20 });
    await expect(host.request({ url: '/x' }, Body)).rejects.toBeInstanceOf(HostTimeoutError);
  });
});

describe('host client events and context', () => {
  it('subscribes and unsubscribes', () => {
    const zaf = fakeZaf();
    const host = createHostClient(zaf);
    const seen: unknown[] = [];
    const off = host.on('ticket.subject.changed', (d) => seen.push(d));
    zaf.trigger('ticket.subject.changed', 'A');
    off();
    zaf.trigger('ticket.subject.changed', 'B');
    expect(seen).toEqual(['A']);
  });

  it('validates context and metadata', async () => {
    const host = createHostClient(fakeZaf());
    await expect(host.context()).resolves.toMatchObject({ location: 'ticket_sidebar', ticketId: 7 });
    await expect(host.metadata()).resolves.toMatchObject({ name: 'Closed Loop' });
    const broken = createHostClient(fakeZaf({ metadata: async () => ({ appId: 'x' }) }));
    await expect(broken.metadata()).rejects.toBeInstanceOf(InvalidPayloadError);
  });
});
