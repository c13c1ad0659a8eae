import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPlayground, type Playground } from '../../playground/server';

interface PlaygroundReply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * One playground for a test file, reset before each test; returns its REST client, which answers
 * with the status, headers and parsed body as the playground sent them.
 */
export function usePlayground() {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startPlayground();
  });
  afterAll(async () => {
    await playground.close();
  });
  beforeEach(async () => {
    await call('/__playground/reset', 'POST', {});
  });
  async function call<T = unknown>(path: string, method = 'GET', body?: unknown): Promise<PlaygroundReply<T>> {
    const response = await fetch(new URL(path, playground.url), {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }
  return call;
}
