import { describe, expect, it } from 'vitest';
import { relevanceScores, relevantResults } from '../../src/domain/knowledge/relevance';
import { searchLocaleFor } from '../../src/domain/locale';

const article = (title: string, body = '') => ({ title, body });

describe('relevance of Help Center results', () => {
  const crash = article("The app keeps crashing or won't open", 'If the app crashes at launch, update it, then reinstall the app.');
  const sms = article("I'm not receiving SMS verification codes", 'Open the app settings and check your phone number.');
  const reinstall = article('Reinstalling the app', 'If the app still crashes at launch after an update, delete it and install it again.');

  it('scores the share of the query an article holds, the title counting double and rare terms more', () => {
    const [c, s, r] = relevanceScores([crash, sms, reinstall], ['app', 'crashes', 'launch', 'update']);
    expect(c).toBeGreaterThan(r!);
    expect(r).toBeGreaterThan(s!);
    expect(relevanceScores([crash], [])).toEqual([0]);
  });

  it('keeps results near the best one, in the order given, and drops the weak tail', () => {
    const text = (x: { title: string; body: string }) => x;
    expect(relevantResults([sms, crash, reinstall], text, ['app', 'crashes', 'launch', 'update'])).toEqual([crash, reinstall]);
  });

  it('keeps nothing when no result holds enough of the query', () => {
    const text = (x: { title: string; body: string }) => x;
    expect(relevantResults([sms, crash], text, ['mortgage', 'interest', 'flat'])).toEqual([]);
    expect(relevantResults([], text, ['card'])).toEqual([]);
  });
});

describe('the Help Center locale searched for a customer', () => {
  const available = ['en-us', 'de', 'fr', 'es', 'pt-br'];

  it('follows the language they wrote in over their profile', () => {
    expect(searchLocaleFor('en', 'es', available, 'en-us')).toBe('en-us');
    expect(searchLocaleFor('de', 'en-US', available, 'en-us')).toBe('de');
    expect(searchLocaleFor('pt', 'en-US', available, 'en-us')).toBe('pt-br');
    expect(searchLocaleFor('ja', 'en-US', available, 'en-us')).toBe('en-us');
  });

  it('keeps the profile and its region when it is that language, or when the language is unknown', () => {
    expect(searchLocaleFor('pt', 'pt-BR', available, 'en-us')).toBe('pt-br');
    expect(searchLocaleFor(null, 'fr-CA', available, 'en-us')).toBe('fr');
    expect(searchLocaleFor(null, undefined, available, 'en-us')).toBe('en-us');
  });

  it('guesses before the list of locales is known', () => {
    expect(searchLocaleFor('en', 'es', null, 'en-us')).toBe('en-us');
    expect(searchLocaleFor('de', 'en-US', null, 'en-us')).toBe('de');
    expect(searchLocaleFor(null, 'pt-BR', null, 'en-us')).toBe('pt-br');
  });
});
