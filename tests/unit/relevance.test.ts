import { describe, expect, it } from 'vitest';
import { relevanceScores, relevantResults, suggestArticles } from '../../src/domain/knowledge/relevance';
import { searchLocaleFor } from '../../src/domain/locale';

const article = (title: string, body = '') => ({ title, body });
const text = (x: { title: string; body: string }) => x;
const terms = (...list: string[]) => ({ terms: list });

describe('relevance of Help Center results', () => {
  const crash = article("The app keeps crashing or won't open", 'If the app crashes at launch, update it, then reinstall the app.');
  const sms = article("I'm not receiving SMS verification codes", 'Open the app settings and check your phone number.');
  const reinstall = article('Reinstalling the app', 'If the app still crashes at launch after an update, delete it and install it again.');

  it('scores the share of the query an article holds, the title counting double and rare terms more', () => {
    const [c, s, r] = relevanceScores([crash, sms, reinstall], terms('app', 'crashes', 'launch', 'update'));
    expect(c).toBeGreaterThan(r!);
    expect(r).toBeGreaterThan(s!);
    expect(relevanceScores([crash], terms())).toEqual([0]);
  });

  it('weighs each term by what it says about the problem', () => {
    const declined = article('Why was my card declined?', 'A payment can be declined at a shop or online.');
    const airport = article('Using your card at the airport', 'Airport shops accept the card.');
    const query = { terms: ['card', 'declined', 'airport'], weights: [6, 6, 1] };
    const [d, a] = relevanceScores([declined, airport], query);
    expect(d).toBeGreaterThan(a!);
    expect(relevanceScores([declined, airport], { terms: query.terms, weights: [1, 1, 6] })[1]).toBeGreaterThan(d!);
  });

  it('finds a hyphenated term in an article that spells its parts', () => {
    const [withParts] = relevanceScores([article('Why did my top up fail?'), article('Cards')], terms('top-up'));
    expect(withParts).toBeGreaterThan(0);
  });

  it('suggests the next results only when they score nearly as well as the best, up to the limit', () => {
    const query = terms('app', 'crashes', 'launch', 'update');
    const launch = article('The app crashes at launch', 'Update the app, then open it again.');
    const [l, c, r] = relevanceScores([launch, crash, reinstall, sms], query);
    expect(c! / l!).toBeGreaterThan(0.8);
    // The old rule kept every result within 70 % of the best: the reinstall article too.
    expect(r! / l!).toBeGreaterThan(0.7);
    expect(r! / l!).toBeLessThan(0.8);
    // Scoring alike, the two keep Help Center's order.
    expect(relevantResults([sms, reinstall, crash, launch], text, query)).toEqual([crash, launch]);
    expect(relevantResults([sms, reinstall, crash, launch], text, query, 1)).toEqual([crash]);
  });

  it('orders by its own score, not only by Help Center’s rank', () => {
    const activate = article('Activating your physical card', 'Your card arrived? Activate it in the app.');
    const missing = article("My card hasn't arrived", 'If your card has not arrived after ten working days, order a new one.');
    expect(relevantResults([activate, missing], text, { terms: ['card', 'arrived', 'ordered'], weights: [6, 6, 1] })).toEqual([missing]);
  });

  it('meets a misspelt long word in the article, never a short one', () => {
    const password = article('Resetting your password', 'Tap Forgot password on the login screen.');
    const [misspelt] = relevanceScores([password, sms], terms('pasword'));
    expect(misspelt).toBeGreaterThan(0);
    expect(relevantResults([sms, password], text, terms('forgot', 'pasword'))).toEqual([password]);
    // "cart" is one letter from "card", and a different word: short words must match exactly.
    expect(relevanceScores([article('Your card')], terms('cart'))).toEqual([0]);
  });

  it('suggests nothing when more than three results score exactly as the best', () => {
    const cards = ['Freezing your card', 'Activating your card', 'Your card abroad', 'Card limits'].map((title) =>
      article(title, 'We email you when anything changes.'),
    );
    const query = terms('card', 'email');
    expect(relevantResults(cards, text, query)).toEqual([]);
    // Three alike are still shown: the panel shows three.
    expect(relevantResults(cards.slice(0, 3), text, query)).toEqual(cards.slice(0, 3));
  });

  it('keeps nothing when no result holds enough of the query', () => {
    expect(relevantResults([sms, crash], text, terms('mortgage', 'interest', 'flat'))).toEqual([]);
    expect(relevantResults([], text, terms('card'))).toEqual([]);
  });
});

describe('suggestions across locales', () => {
  const remboursement = article('Quel est le délai d’un remboursement ?', 'Un remboursement prend cinq jours.');
  const sms = article("I'm not receiving SMS verification codes", 'Check the SMS settings of your phone.');
  const query = terms('reçois', 'codes', 'sms');
  const searches = (...locales: string[]) => locales.map((locale) => ({ locale, query }));

  it('searches the fallback locale when the customer’s has no relevant result', async () => {
    const searched: string[] = [];
    const search = ({ locale }: { locale: string }) => {
      searched.push(locale);
      return Promise.resolve(locale === 'fr' ? [remboursement] : [sms]);
    };
    expect(await suggestArticles(search, searches('fr', 'en-us'), text, 5)).toEqual([sms]);
    expect(searched).toEqual(['fr', 'en-us']);
  });

  it('stops at the customer’s locale when it has one, and searches a locale once', async () => {
    const searched: string[] = [];
    const search = ({ locale }: { locale: string }) => {
      searched.push(locale);
      return Promise.resolve([sms]);
    };
    expect(await suggestArticles(search, searches('en-us', 'en-us'), text, 5)).toEqual([sms]);
    expect(searched).toEqual(['en-us']);
  });

  describe('a weak result in the customer’s locale', () => {
    const spanish = terms('llega', 'código', 'sms', 'viaje', 'méxico', 'entrar', 'app');
    const english = terms('arrive', 'code', 'sms', 'viaje', 'méxico', 'entrar', 'app');
    const contraseña = article('Restablecer tu contraseña', 'Te enviamos un código por correo para entrar en la app.');
    const codes = article("I'm not receiving SMS verification codes", 'If the SMS code does not arrive, open the app.');
    const both = [
      { locale: 'es', query: spanish },
      { locale: 'en-us', query: english },
    ];
    const searchIn = (results: Record<string, ReturnType<typeof article>[]>) => {
      const searched: string[] = [];
      const search = ({ locale }: { locale: string }) => {
        searched.push(locale);
        return Promise.resolve(results[locale] ?? []);
      };
      return { search, searched };
    };

    it('gives way to a fallback result that holds far more of the ticket', async () => {
      const [weak] = relevanceScores([contraseña], spanish);
      expect(weak).toBeGreaterThan(0.1); // enough to be suggested alone: the old rule showed it
      const { search, searched } = searchIn({ es: [contraseña], 'en-us': [codes] });
      expect(await suggestArticles(search, both, text, 5)).toEqual([codes]);
      expect(searched).toEqual(['es', 'en-us']);
    });

    it('stays when the fallback is not much better, and a fair one is kept without a second search', async () => {
      const near = article('No me llega el código SMS', 'Si el código SMS no llega en tu viaje, entra en la app.');
      const weakOnly = searchIn({ es: [contraseña], 'en-us': [article('Travel', 'Your app abroad.')] });
      expect(await suggestArticles(weakOnly.search, both, text, 5)).toEqual([contraseña]);
      const fair = searchIn({ es: [near], 'en-us': [codes] });
      expect(await suggestArticles(fair.search, both, text, 5)).toEqual([near]);
      expect(fair.searched).toEqual(['es']);
    });
  });

  it('shows nothing when no locale has a relevant result', async () => {
    expect(await suggestArticles(() => Promise.resolve([remboursement]), searches('fr', 'en-us'), text, 5)).toEqual([]);
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
