import { englishOf } from '../matching/glossary';
import { languageOf, otherThanEnglish } from '../locale';
import type { SearchQuery } from './query';
import type { SuggestionSearch } from './relevance';

/**
 * The searches for a ticket's suggestions, one per locale in turn (the customer's, then the
 * fallback). An English locale searched for a customer who wrote in another language (German,
 * French, Spanish, Portuguese, Japanese: the matcher's glossary) gets their words in English, each
 * as much as the word it stands for, the rest as written (names, codes, words the glossary does not
 * know): the customer's own words find no English article, so the fallback was a search for nothing.
 * A module of its own, so a sidebar whose customers write English never downloads the glossary.
 */
export function suggestionSearches(
  query: SearchQuery,
  language: string | null,
  locales: readonly string[],
): SuggestionSearch<SearchQuery>[] {
  return locales.map((locale) => ({
    locale,
    query: otherThanEnglish(language) && languageOf(locale) === 'en' ? inEnglish(query) : query,
  }));
}

function inEnglish(query: SearchQuery): SearchQuery {
  const terms: string[] = [];
  const weights: number[] = [];
  query.terms.forEach((term, i) => {
    const weight = query.weights[i] ?? 1;
    const english = englishOf(term);
    for (const word of english.length ? english : [term]) {
      const at = terms.indexOf(word);
      if (at < 0) {
        terms.push(word);
        weights.push(weight);
      } else weights[at] = Math.max(weights[at]!, weight);
    }
  });
  return { query: terms.join(' '), terms, weights };
}
