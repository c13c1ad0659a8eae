import { describe, expect, it } from 'vitest';
import { createSessionCache } from '../../src/app/sessionCache';
import { readSettings } from '../../src/domain/settings';
import * as textAnalysis from '../../src/domain/textAnalysis';
import { createKnowledgeModel } from '../../src/features/knowledge/model';
import { createTicketModel } from '../../src/features/ticket/model';
import type { HostClient } from '../../src/host/client';
import { fakeHost } from './fakeHost';

/** A host whose Help Center answers only when the test says so; records each request as it is made. */
function fakeHelpCenter(helpCenterLocales: string[]) {
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
            body: '<p>The whole article.</p>',
          },
        ],
      }),
  });
  /** Answers every request made so far, then lets the model's promises run. */
  const answerAll = async () => {
    for (const answer of pending.splice(0)) answer();
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    host: fake.host,
    requests: fake.urls,
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

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('knowledge suggestions on a session’s first ticket', () => {
  it('searches in the likeliest locale while the Help Center locales are still on their way', async () => {
    const hc = fakeHelpCenter(['en-us', 'de']);
    const model = knowledge(hc.host, 'de');
    await settle();
    // Both requests are out before either has answered: one round trip, not two.
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
    await settle();
    await hc.answerAll();
    await hc.answerAll();
    expect(hc.requests).toHaveLength(3);
    expect(hc.requests[2]).toContain('locale=en-us');
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
    await settle();
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
    await settle();
    await hc.answerAll();
    await hc.answerAll();
    model.setManualQuery('refund ada.customer@example.com DE89 3704 0044 0532 0130 00');
    await expect.poll(() => hc.requests.filter((u) => u.includes('/search')).length).toBe(2);
    const manual = hc.requests.filter((u) => u.includes('/search'))[1]!;
    expect(new URL(manual, 'https://x').searchParams.get('query')).toBe('refund');
  });
});
