import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import * as textAnalysis from '../../src/domain/textAnalysis';
import { createKnowledgeModel } from '../../src/features/knowledge/model';
import { createTicketModel } from '../../src/features/ticket/model';
import type { HostClient } from '../../src/host/client';
import { ApiError } from '../../src/host/errors';
import { fakeHost } from './fakeHost';

/** A Unified Search page as Zendesk's reference shows one: an article (the articles search has it too) and a Confluence page. */
const UNIFIED_PAGE = {
  results: [
    {
      type: 'ARTICLE',
      title: 'An article',
      url: 'https://hc.example/hc/en-us/articles/1-an-article',
      snippet: 'x',
      updated_at: '2026-01-01T00:00:00Z',
    },
    {
      type: 'POST',
      title: 'Card declined in Lisbon: what worked',
      url: 'https://hc.example/hc/en-us/community/posts/5-card-declined',
      snippet: 'My <em>card</em> was declined…',
      updated_at: '2026-01-15T00:00:00Z',
    },
    {
      type: 'EXTERNAL_RECORD',
      title: 'Declined card runbook',
      url: 'https://acme.atlassian.net/wiki/spaces/OPS/pages/7/Declined',
      snippet: 'When a <em>card</em> is declined…',
      updated_at: '2026-02-01T00:00:00Z',
    },
  ],
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { first: null, last: null, next: null, prev: null },
};

/**
 * A host whose Help Center answers only when the test says so; records each request as it is made.
 * Unified Search answers UNIFIED_PAGE, a page without results, or the status given (403 or 404: not on the account's plan).
 */
function fakeHelpCenter(helpCenterLocales: string[], unified: 'page' | 'empty' | 403 | 404 = 'empty') {
  const pending: (() => void)[] = [];
  /** The answer, given once the test calls answerAll. */
  const later = (body: unknown) => new Promise((resolve) => pending.push(() => resolve(body)));
  const fake = fakeHost({
    'GET /api/v2/help_center/locales.json': () => later({ locales: helpCenterLocales }),
    'GET /api/v2/help_center/articles/search.json': (_req, url) =>
      later({
        results: [
          {
            id: fake.requests.length,
            title: `Found in ${url.searchParams.get('locale')}`,
            html_url: 'https://hc.example/a',
            // About what was asked: the panel shows only results that hold the query's words.
            body: `<p>The whole article, on ${url.searchParams.get('query')}.</p>`,
          },
        ],
      }),
    'GET /api/v2/guide/search': (req) =>
      typeof unified === 'number'
        ? Promise.reject(new ApiError(unified, req.url))
        : later(unified === 'page' ? UNIFIED_PAGE : { ...UNIFIED_PAGE, results: [] }),
  });
  /**
   * Answers every request made so far, then lets the model's promises run; again while that made
   * new requests (Unified Search's code is a chunk of its own: its request follows the chunk).
   */
  const answerAll = async () => {
    do {
      for (const answer of pending.splice(0)) answer();
      await new Promise((r) => setTimeout(r, 20));
    } while (pending.length);
  };
  return {
    host: fake.host,
    /** The Help Center API's requests (Unified Search apart). */
    get requests() {
      return fake.urls.filter((u) => u.startsWith('/api/v2/help_center/'));
    },
    unified: () => fake.urls.filter((u) => u.startsWith('/api/v2/guide/search')),
    answerAll,
  };
}

function knowledge(host: HostClient, requesterLocale: string, subject = 'Card payment declined abroad', cache = createSessionCache(null)) {
  const ticket = createTicketModel(host, {
    'ticket.id': 7,
    'ticket.subject': subject,
    'ticket.requester': { id: 50, name: 'Ada Customer', locale: requesterLocale },
    'ticket.tags': [],
    'ticket.comments': [],
    'ticket.type': null,
    'ticket.updatedAt': null,
  });
  return createKnowledgeModel({
    host,
    settings: readSettings({}).settings,
    ticket,
    currentUser: { id: 11, name: 'Sam Agent', locale: 'en-US', role: 'agent' },
    cache,
    analysis: () => Promise.resolve(textAnalysis),
  });
}

/** Until the model has built the ticket's query (the query builder gets ready over a few tasks), which starts its searches. */
async function settle(model: { customerQuery: { value: string } }) {
  await expect.poll(() => model.customerQuery.value).not.toBe('');
  await new Promise((r) => setTimeout(r, 0));
}

// Loaded once before the tests, as the sidebar loads it beside the query builder: a slow first
// import would otherwise hold Unified Search's request past a test's answers.
beforeAll(() => import('../../src/host/api/unifiedSearch'));

describe('knowledge suggestions on a session’s first ticket', () => {
  it('searches in the likeliest locale while the Help Center locales are still on their way', async () => {
    const hc = fakeHelpCenter(['en-us', 'de']);
    const model = knowledge(hc.host, 'de');
    // Both requests are out before either has answered: one round trip, not two.
    await expect.poll(() => hc.requests.length).toBe(2);
    expect(hc.requests.map((u) => u.split('?')[0])).toEqual([
      '/api/v2/help_center/locales.json',
      '/api/v2/help_center/articles/search.json',
    ]);
    expect(hc.requests[1]).toContain('locale=de');
    await hc.answerAll();
    await hc.answerAll();
    expect(model.suggestions.value).toMatchObject({ status: 'ready', data: [{ title: 'Found in de' }] });
    expect(hc.requests).toHaveLength(2);
  });

  it('searches again in the fallback locale when the guess is not a Help Center locale', async () => {
    const hc = fakeHelpCenter(['en-us']);
    const model = knowledge(hc.host, 'fr');
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    expect(hc.requests).toHaveLength(3);
    expect(hc.requests[2]).toContain('locale=en-us');
    expect(model.suggestions.value).toMatchObject({ status: 'ready', data: [{ title: 'Found in en-us' }] });
  });
});

describe('knowledge suggestions for a customer who wrote in another language', () => {
  it('searches an English Help Center with their words in English', async () => {
    const hc = fakeHelpCenter(['en-us']);
    const model = knowledge(hc.host, 'de', 'Karte im Ausland abgelehnt');
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    const searches = hc.requests.filter((u) => u.includes('/articles/search')).map((u) => new URL(u, 'https://x').searchParams);
    // The likeliest locale first, with what the customer wrote; then the Help Center's, in English.
    expect(searches.map((p) => [p.get('locale'), p.get('query')])).toEqual([
      ['de', 'karte ausland abgelehnt'],
      ['en-us', 'card abroad declined'],
    ]);
    expect(model.suggestions.value).toMatchObject({ status: 'ready', data: [{ title: 'Found in en-us' }] });
  });
});

describe('what a search gives away', () => {
  it('sends no names and keeps no article bodies in the session cache', async () => {
    const hc = fakeHelpCenter(['en-us']);
    const storage = new Map<string, string>();
    const cache = createSessionCache({
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    } as Storage);
    const model = knowledge(hc.host, 'en-US', 'Ada Customer: card payment declined, Sam Agent said to write', cache);
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    expect(model.suggestions.value).toMatchObject({ status: 'ready' });
    const search = hc.requests.find((u) => u.includes('/search'))!;
    expect(search).toContain('declined');
    expect(search.toLowerCase()).not.toMatch(/ada|customer|sam|agent/);
    const kept = [...storage.values()].join('\n');
    expect(kept).toContain('Found in');
    expect(kept).not.toContain('The whole article');
    expect(kept.toLowerCase()).not.toMatch(/ada|sam agent/);
  });

  it('removes personal data from a manual search before it is sent', async () => {
    const hc = fakeHelpCenter(['en-us']);
    const model = knowledge(hc.host, 'en-US');
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    model.setManualQuery('refund ada.customer@example.com DE89 3704 0044 0532 0130 00');
    await expect.poll(() => hc.requests.filter((u) => u.includes('/search')).length).toBe(2);
    const manual = hc.requests.filter((u) => u.includes('/search'))[1]!;
    expect(new URL(manual, 'https://x').searchParams.get('query')).toBe('refund');
    // Unified Search gets the same scrubbed words.
    await expect.poll(() => hc.unified().length).toBe(2);
    expect(new URL(hc.unified()[1]!, 'https://x').searchParams.get('query')).toBe('refund');
  });
});

describe('records of the sources connected to Zendesk (Unified Search)', () => {
  it('adds the community posts and external records after the articles, named by their source, in documented parameters only', async () => {
    const hc = fakeHelpCenter(['en-us', 'de'], 'page');
    const model = knowledge(hc.host, 'de');
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    await hc.answerAll();
    expect(model.suggestions.value).toMatchObject({
      status: 'ready',
      data: [
        { title: 'Found in de' },
        { kind: 'post', title: 'Card declined in Lisbon: what worked', source: 'Community' },
        {
          kind: 'record',
          title: 'Declined card runbook',
          source: 'Confluence',
          url: 'https://acme.atlassian.net/wiki/spaces/OPS/pages/7/Declined',
        },
      ],
    });
    // The article Unified Search also found is not shown twice.
    expect((model.suggestions.value as { data: unknown[] }).data).toHaveLength(3);
    const params = new URL(hc.unified()[0]!, 'https://x').searchParams;
    expect([...params.keys()].sort()).toEqual(['filter[locales]', 'page[size]', 'query']);
    expect(params.get('filter[locales]')).toBe('de,en-us');
  });

  it('suggests a record only as relevant as the page’s best result; a manual search shows the records it finds', async () => {
    const result = (type: string, title: string, snippet: string) => ({
      type,
      title,
      url: `https://acme.atlassian.net/wiki/spaces/OPS/pages/${title.length}`,
      snippet,
      updated_at: '2026-01-01T00:00:00Z',
    });
    const fake = fakeHost({
      'GET /api/v2/help_center/locales.json': () => Promise.resolve({ locales: ['en-us'] }),
      'GET /api/v2/help_center/articles/search.json': () => Promise.resolve({ results: [] }),
      'GET /api/v2/guide/search': () =>
        Promise.resolve({
          ...UNIFIED_PAGE,
          results: [
            result(
              'ARTICLE',
              'Why was my card declined abroad?',
              'A <em>card</em> <em>payment</em> <em>abroad</em> can be <em>declined</em>…',
            ),
            // Shares the one common word of the ticket: what Unified Search returns for nearly any query.
            result('EXTERNAL_RECORD', 'Locked account after failed sign-ins', 'Ask for the last four digits of the <em>card</em>…'),
            result(
              'EXTERNAL_RECORD',
              'Declined card payments abroad: runbook',
              'When a <em>card</em> <em>payment</em> is <em>declined</em> <em>abroad</em>…',
            ),
          ],
        }),
    });
    const model = knowledge(fake.host, 'en-US', 'Card payment declined abroad');
    await expect.poll(() => model.suggestions.value.status, { timeout: 20_000 }).toBe('ready');
    expect((model.suggestions.value as { data: { title: string }[] }).data.map((r) => r.title)).toEqual([
      'Declined card payments abroad: runbook',
    ]);
    const unified = () => fake.urls.filter((u) => u.startsWith('/api/v2/guide/search'));
    // A page large enough to weigh the records against (the articles' pool), as one request.
    expect(new URL(unified()[0]!, 'https://x').searchParams.get('page[size]')).toBe('25');

    model.setManualQuery('card');
    await expect.poll(() => (model.manual.value as { data?: unknown[] }).data?.length, { timeout: 20_000 }).toBe(2);
    expect(new URL(unified()[1]!, 'https://x').searchParams.get('page[size]')).toBe('5');
  });

  it.each([403, 404] as const)('falls back to the articles alone, for the session, where Unified Search answers %i', async (status) => {
    const hc = fakeHelpCenter(['en-us'], status);
    const cache = createSessionCache(null);
    const model = knowledge(hc.host, 'en-US', 'Card payment declined abroad', cache);
    await settle(model);
    await hc.answerAll();
    await hc.answerAll();
    expect(model.suggestions.value).toMatchObject({ status: 'ready', data: [{ title: 'Found in en-us' }] });
    expect(hc.unified()).toHaveLength(1);
    // The next ticket of the session does not ask again.
    const next = knowledge(hc.host, 'en-US', 'Refund missing from my statement', cache);
    await settle(next);
    await hc.answerAll();
    await hc.answerAll();
    expect(next.suggestions.value).toMatchObject({ status: 'ready', data: [{ title: 'Found in en-us' }] });
    expect(hc.unified()).toHaveLength(1);
  });
});

describe('which articles are suggested', () => {
  it('asks for a page of results and suggests those about the ticket; a manual search asks for the setting’s count and shows all', async () => {
    const result = (id: number, title: string, body: string) => ({ id, title, html_url: `https://hc.example/${id}`, body });
    const fake = fakeHost({
      'GET /api/v2/help_center/locales.json': () => Promise.resolve({ locales: ['en-us'] }),
      'GET /api/v2/help_center/articles/search.json': () =>
        Promise.resolve({
          results: [
            result(1, 'Using your card abroad', '<p>Your card works abroad.</p>'),
            result(2, 'Why was my card declined abroad?', '<p>A card payment abroad can be declined.</p>'),
            result(3, 'Card spending limits', '<p>A payment over your limit is declined.</p>'),
          ],
        }),
      'GET /api/v2/guide/search': () => Promise.resolve({ ...UNIFIED_PAGE, results: [] }),
    });
    const model = knowledge(fake.host, 'en-US', 'Card payment declined abroad');
    await expect.poll(() => model.suggestions.value.status, { timeout: 20_000 }).toBe('ready');
    expect(model.suggestions.value).toMatchObject({ data: [{ id: 2 }] });
    expect((model.suggestions.value as { data: unknown[] }).data).toHaveLength(1);
    const searches = () => fake.urls.filter((u) => u.includes('/articles/search'));
    expect(new URL(searches()[0]!, 'https://x').searchParams.get('per_page')).toBe('25');

    model.setManualQuery('card abroad');
    await expect.poll(() => searches().length, { timeout: 20_000 }).toBe(2);
    expect(new URL(searches()[1]!, 'https://x').searchParams.get('per_page')).toBe('5');
    await expect.poll(() => (model.manual.value as { data?: unknown[] }).data?.length, { timeout: 20_000 }).toBe(3);
  });
});
