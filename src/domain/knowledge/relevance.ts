/**
 * Which Help Center results to suggest for what the customer wrote. Help Center ranks its results
 * but gives no score, and it returns something for nearly any query, so the panel scores each
 * result itself: the share of the customer's terms the article holds (in its title counting
 * double), each term weighted by what it says about the problem (subject words weigh more, see
 * query.ts) and by how few of the results hold it. It asks for a page of results large enough for
 * "how few" to mean something, orders them by that score (Help Center's rank breaks near-ties),
 * and suggests the best one only when it holds enough of the ticket, and the next ones only when
 * they score nearly as well: nothing is better than a wrong suggestion. A misspelt word still
 * counts, and a query that scores many results alike suggests none.
 */
import { htmlToText } from '../html';
import { stemKey } from './query';

export interface ResultText {
  title: string;
  /** Plain text. */
  body: string;
}

/** The customer's terms, with how much each one says about the problem (1 each when not given). */
export interface WeightedTerms {
  terms: readonly string[];
  weights?: readonly number[];
}

/** Results a suggestion is chosen from: Help Center's default page size. */
export const SUGGESTION_POOL = 25;
/** The least share of the ticket's terms the suggestion must hold (tuned on the labelled set, see `npm run bench`). */
const SUGGESTION_FLOOR = 0.1;
/**
 * A further suggestion scores at least this share of the best one's. On the labelled set (`npm run
 * bench`) a lower share brought more wrong articles than right ones; showing the best alone lost
 * more right articles than it spared wrong ones.
 */
const SUGGESTION_RATIO = 0.8;
/**
 * A best result holding this share of the ticket is suggested without searching the next locale.
 * On the labelled set (`npm run bench`) any share from 0.15 to 0.3, with a factor below from 1.5
 * to 3, gives the same suggestions.
 */
const CLEAR_MATCH = 0.25;
/** A later locale's suggestion replaces a weak one in the customer's own only when it scores this many times as well. */
const ANOTHER_LOCALE = 2;
/** Added to a result's score for Help Center's rank (1/rank): their ranking decides between near-equals. */
const RANK_WEIGHT = 0.1;
/**
 * More results than this scoring exactly as the best: they hold the same few words of the ticket
 * ("card" and "email" of "Re: Your card is on its way"), so the query tells them apart no better
 * than chance, and none is suggested.
 */
const MAX_TIED = 3;
/** Words at least this long meet an article's word one letter away: customers misspell ("pasword"), articles seldom do. */
const TYPO_MIN_LENGTH = 6;

const parts = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const words = (text: string) => new Set(parts(text).map(stemKey));

/** At most one insertion, deletion or substitution apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + (a.length < b.length ? 0 : 1)) === b.slice(i + (b.length < a.length ? 0 : 1));
}

/** A text's words, with each long key one letter away from a long word of it, as if spelt alike. */
function wordsNear(text: string, keys: readonly string[]): Set<string> {
  const found = words(text);
  const long = [...found].filter((word) => word.length >= TYPO_MIN_LENGTH);
  for (const key of keys) if (key.length >= TYPO_MIN_LENGTH && long.some((word) => oneEditApart(word, key))) found.add(key);
  return found;
}

/** Each result's score in 0..1, in the order given. */
export function relevanceScores(results: readonly ResultText[], query: WeightedTerms): number[] {
  // "top-up" is held by an article that has "top" and "up": its parts are what articles are split into.
  const wanted = new Map<string, number>();
  query.terms.forEach((term, i) => {
    for (const part of parts(term)) wanted.set(stemKey(part), Math.max(wanted.get(stemKey(part)) ?? 0, query.weights?.[i] ?? 1));
  });
  const keys = [...wanted.keys()];
  const docs = results.map((r) => ({ title: wordsNear(r.title, keys), body: wordsNear(r.body, keys) }));
  const weights = [...wanted].map(([key, weight]) => {
    const containing = docs.filter((d) => d.title.has(key) || d.body.has(key)).length;
    return { key, weight: weight * Math.log(1 + (docs.length + 1) / (1 + containing)) };
  });
  const total = weights.reduce((sum, { weight }) => sum + 3 * weight, 0);
  return docs.map((doc) => {
    if (total <= 0) return 0;
    const found = weights.reduce((sum, { key, weight }) => sum + weight * ((doc.title.has(key) ? 2 : 0) + (doc.body.has(key) ? 1 : 0)), 0);
    return found / total;
  });
}

/** The results to suggest, best first, at most `limit`: none when even the best holds too little of the ticket. */
export const relevantResults = <T>(results: readonly T[], text: (result: T) => ResultText, query: WeightedTerms, limit = Infinity): T[] =>
  suggestion(results, text, query, limit).results;

/** The results to suggest, with the best one's score (0 when none is suggested). */
function suggestion<T>(results: readonly T[], text: (result: T) => ResultText, query: WeightedTerms, limit: number) {
  const scores = relevanceScores(results.map(text), query);
  const ranked = results
    .map((result, i) => ({ result, score: scores[i]!, order: scores[i]! + RANK_WEIGHT / (i + 1) }))
    .sort((a, b) => b.order - a.order);
  const best = ranked[0];
  if (!best || best.score < SUGGESTION_FLOOR || ranked.filter((r) => r.score >= best.score).length > MAX_TIED)
    return { results: [], best: 0 };
  const shown = ranked
    .filter((r) => r.score >= SUGGESTION_RATIO * best.score)
    .slice(0, limit)
    .map((r) => r.result);
  return { results: shown, best: best.score };
}

/** A result of a search that gives a snippet of its body, not the body (Unified Search). */
interface SnippetResult {
  title: string;
  /** HTML, the query's words highlighted. */
  snippet?: string | null;
}

/**
 * The results of a page of Unified Search worth suggesting, by the rule above over the whole page:
 * a connected source's record or a community post shows only when it is about as relevant as the
 * page's best result, an article or not. A snippet is all of a result's body that Unified Search gives.
 */
export const relevantOnPage = <T extends SnippetResult>(page: readonly T[], query: WeightedTerms): T[] =>
  relevantResults(page, (result) => ({ title: result.title, body: htmlToText(result.snippet ?? '') }), query);

/** One search for a ticket's suggestions: a Help Center locale and the customer's terms for it. */
export interface SuggestionSearch<Q extends WeightedTerms = WeightedTerms> {
  locale: string;
  query: Q;
}

/**
 * The suggestions for a ticket: each search in turn (the customer's locale, then the fallback)
 * until one's best result holds a fair share of the ticket, the best of those searched winning; a
 * locale is searched once. A weak result in the customer's locale ("Restablecer tu contraseña" for
 * a Spanish ticket about SMS codes) is often the only one near a topic its Help Center lacks, while
 * the fallback has the article. One rule for the sidebar and the benchmark.
 */
export async function suggestArticles<T, Q extends WeightedTerms>(
  search: (attempt: SuggestionSearch<Q>) => Promise<readonly T[]>,
  attempts: readonly SuggestionSearch<Q>[],
  text: (result: T) => ResultText,
  limit: number,
): Promise<T[]> {
  const searched = new Set<string>();
  let chosen: { results: T[]; best: number } = { results: [], best: 0 };
  for (const attempt of attempts) {
    if (searched.has(attempt.locale)) continue;
    searched.add(attempt.locale);
    const found = suggestion(await search(attempt), text, attempt.query, limit);
    if (found.best > (chosen.best ? ANOTHER_LOCALE * chosen.best : 0)) chosen = found;
    if (chosen.best >= CLEAR_MATCH) break;
  }
  return chosen.results;
}
