import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../src/app/loadOnce';

const chunk = 'https://app.example/assets/SidebarPanels-4jg9e9i.js';
/** What Chromium throws when a chunk's download fails, and answers to the same import for the page's life. */
const failed = (url: string) => new TypeError(`Failed to fetch dynamically imported module: ${url}`);

describe('loading a chunk once', () => {
  it('shares one download between calls', async () => {
    let loads = 0;
    const load = loadOnce(() => Promise.resolve(++loads));
    expect(await Promise.all([load(), load()])).toEqual([1, 1]);
    expect(await load()).toBe(1);
  });

  it('asks for a chunk that failed at a URL of its own, as the browser keeps the failure of the first', async () => {
    let plain = 0;
    const asked: string[] = [];
    const load = loadOnce(
      () => {
        plain++;
        return Promise.reject(failed(chunk));
      },
      (url) => {
        asked.push(url);
        return asked.length === 1 ? Promise.reject(failed(url)) : Promise.resolve({ default: 'panels' });
      },
    );
    await expect(load()).rejects.toThrow(chunk);
    await expect(load()).rejects.toThrow(`${chunk}?retry=1`);
    await expect(load()).resolves.toEqual({ default: 'panels' });
    expect(plain).toBe(1);
    expect(asked).toEqual([`${chunk}?retry=1`, `${chunk}?retry=2`]);
    await load();
    expect(asked).toHaveLength(2);
  });

  it('tries the same import again when the error names no chunk', async () => {
    let calls = 0;
    const load = loadOnce(() => (++calls === 1 ? Promise.reject(new Error('Importing a module script failed.')) : Promise.resolve('ok')));
    await expect(load()).rejects.toThrow();
    await expect(load()).resolves.toBe('ok');
    expect(calls).toBe(2);
  });
});
