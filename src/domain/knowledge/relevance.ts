/**
 * Whether a Help Center result is about what the customer wrote. Help Center ranks its results
 * but gives no score, and it returns something for nearly any query, so the panel scores each
 * result itself: the share of the query's terms the article contains (in its title counting
 * double), each term weighted by how few of the results contain it. A result far below the best
 * one, or below an absolute floor, is not shown: nothing is better than a wrong suggestion.
 */
import { stemKey } from './query';

export interface ResultText {
  title: string;
  /** Plain text. */
  body: string;
}

/** Kept: results scoring at least `min` and at least `ratio` of the best result's score (tuned on the labelled set, see `npm run bench`). */
const RELEVANCE_FLOOR = { min: 0.05, ratio: 0.7 } as const;

const words = (text: string) => new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stemKey));

/** Each result's score in 0..1, in the order given. */
export function relevanceScores(results: readonly ResultText[], terms: readonly string[]): number[] {
  const keys = [...new Set(terms.map((t) => stemKey(t.toLowerCase())))];
  const docs = results.map((r) => ({ title: words(r.title), body: words(r.body) }));
  const weight = new Map(
    keys.map((key) => {
      const containing = docs.filter((d) => d.title.has(key) || d.body.has(key)).length;
      return [key, Math.log(1 + (docs.length + 1) / (1 + containing))];
    }),
  );
  return docs.map((doc) => {
    let found = 0;
    let total = 0;
    for (const key of keys) {
      const w = weight.get(key) ?? 0;
      found += w * ((doc.title.has(key) ? 2 : 0) + (doc.body.has(key) ? 1 : 0));
      total += w * 3;
    }
    return total > 0 ? found / total : 0;
  });
}

/** The results worth showing, in Help Center's order: none when even the best is below the floor. */
export function relevantResults<T>(
  results: readonly T[],
  text: (result: T) => ResultText,
  terms: readonly string[],
  floor: { min: number; ratio: number } = RELEVANCE_FLOOR,
): T[] {
  const scores = relevanceScores(results.map(text), terms);
  const best = Math.max(0, ...scores);
  return results.filter((_, i) => scores[i]! >= floor.min && scores[i]! >= floor.ratio * best);
}
