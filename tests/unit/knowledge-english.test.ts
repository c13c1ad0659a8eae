import { describe, expect, it } from 'vitest';
import { suggestionSearches } from '../../src/domain/knowledge/english';
import type { SearchQuery } from '../../src/domain/knowledge/query';

const query = (...terms: string[]): SearchQuery => ({ query: terms.join(' '), terms, weights: terms.map((_, i) => i + 1) });

describe('the searches for a ticket’s suggestions', () => {
  it('search an English locale with the customer’s words in English, the rest as written', () => {
    const [de, en] = suggestionSearches(query('überweisung', 'finanzamt', 'überwiesen'), 'de', ['de', 'en-us']);
    expect(de).toEqual({ locale: 'de', query: query('überweisung', 'finanzamt', 'überwiesen') });
    // Two words for one concept are one term, weighing as much as the weightier.
    expect(en).toEqual({ locale: 'en-us', query: { query: 'transfer finanzamt', terms: ['transfer', 'finanzamt'], weights: [3, 2] } });
  });

  it('read Japanese words within a term', () => {
    const [en] = suggestionSearches(query('カードが届かない', 'sms'), 'ja', ['en-us']);
    expect(en!.query.terms).toEqual(['card', 'arrived', 'not', 'sms']);
  });

  it('leave the words of a customer who wrote in English, and any locale not in English, as they are', () => {
    const english = query('card', 'declined');
    expect(suggestionSearches(english, 'en', ['en-us'])[0]!.query).toBe(english);
    const french = query('carte', 'refusée');
    expect(suggestionSearches(french, 'fr', ['fr', 'de'])).toEqual([
      { locale: 'fr', query: french },
      { locale: 'de', query: french },
    ]);
  });
});
