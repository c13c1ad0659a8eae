import { describe, expect, it } from 'vitest';
import { sourceName } from '../../src/domain/knowledge/sources';
import { searchExternalRecords, unifiedSearchSources } from '../../src/host/api/unifiedSearch';
import { ApiError } from '../../src/host/errors';
import { fakeHost } from './fakeHost';

describe('the source of an external content record, from its URL', () => {
  it.each([
    ['https://lumenbank.atlassian.net/wiki/spaces/OPS/pages/41001/Checklist', 'Confluence'],
    ['https://www.notion.so/lumen/Refunds-123', 'Notion'],
    ['https://lumen.notion.site/Refunds-123', 'Notion'],
    ['https://app.getguru.com/card/cLb7Xq9T/Chargebacks', 'Guru'],
    ['https://lumenbank.sharepoint.com/sites/ops/Refunds.aspx', 'SharePoint'],
    ['https://lumen-business.zendesk.com/hc/en-us/articles/1-x', 'Help Center'],
    // Jira lives on atlassian.net too, outside /wiki: named by its host, not as Confluence.
    ['https://lumenbank.atlassian.net/browse/OPS-1', 'lumenbank.atlassian.net'],
    ['https://www.wiki.lumen.example/page', 'wiki.lumen.example'],
    ['not a url', ''],
  ])('%s → %s', (url, name) => {
    expect(sourceName(url)).toBe(name);
  });
});

describe('the sources an account’s Unified Search returns', () => {
  const record = (url: string) => ({ type: 'EXTERNAL_RECORD', title: 't', url, snippet: null, updated_at: '2026-01-01T00:00:00Z' });
  const article = {
    type: 'ARTICLE',
    title: 'a',
    url: 'https://x.zendesk.com/hc/en-us/articles/1',
    snippet: null,
    updated_at: '2026-01-01T00:00:00Z',
  };

  it('follows the cursor and names each source once', async () => {
    const { host, urls } = fakeHost({
      'GET /api/v2/guide/search': (_req, url) =>
        url.searchParams.get('page[after]') === 'c2'
          ? { results: [record('https://app.getguru.com/card/1')], meta: { has_more: false, after_cursor: null } }
          : { results: [article, record('https://x.atlassian.net/wiki/a')], meta: { has_more: true, after_cursor: 'c2' } },
    });
    expect(await unifiedSearchSources(host, ['en-us', 'de'])).toEqual(['Confluence', 'Guru']);
    expect(urls).toHaveLength(2);
    const first = new URL(urls[0]!, 'https://x');
    expect(first.searchParams.get('filter[locales]')).toBe('en-us,de');
    expect(first.searchParams.get('page[size]')).toBe('50');
  });

  it('is null where the account has no Unified Search (403 or 404), and fails on anything else', async () => {
    const failing = (status: number) =>
      fakeHost({
        'GET /api/v2/guide/search': (req) => {
          throw new ApiError(status, req.url);
        },
      }).host;
    expect(await unifiedSearchSources(failing(403), ['en-us'])).toBeNull();
    expect(await unifiedSearchSources(fakeHost({}).host, ['en-us'])).toBeNull();
    await expect(unifiedSearchSources(failing(500), ['en-us'])).rejects.toThrow();
  });

  it('rejects a result without the documented url', async () => {
    const { host } = fakeHost({ 'GET /api/v2/guide/search': () => ({ results: [{ type: 'EXTERNAL_RECORD', title: 't' }] }) });
    await expect(searchExternalRecords(host, { query: 'q', locales: ['en-us'], pageSize: 5 })).rejects.toThrow();
  });
});
