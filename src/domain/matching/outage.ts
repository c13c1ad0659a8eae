import { tokenize } from './text';

/**
 * Whether a ticket reports the outage a known issue describes, judged by the example phrasings the
 * lead gave: a ticket matches when it holds every content word (stemmed) of one example, or all
 * but one of an example of four words or more. Exact on purpose: a wrong "Link to known issue"
 * would file a customer under someone else's outage, so a near miss is left to the agent.
 */
const contentStems = (text: string) => new Set(tokenize(text).flatMap((t) => (t.stop || t.surface.length < 2 ? [] : [t.stem])));

/** The share of the best-covered example's content words the text holds (0 when no example has two or more). */
export function outageScore(examples: readonly string[], text: string): number {
  const words = contentStems(text);
  let best = 0;
  for (const example of examples) {
    const wanted = contentStems(example);
    if (wanted.size < 2) continue;
    let found = 0;
    for (const stem of wanted) if (words.has(stem)) found++;
    const missing = wanted.size - found;
    if (missing === 0 || (missing === 1 && wanted.size >= 4)) best = Math.max(best, found / wanted.size);
  }
  return best;
}

export const matchesOutage = (examples: readonly string[], text: string): boolean => outageScore(examples, text) > 0;
