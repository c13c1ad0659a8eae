import { tokenize } from './text';

/**
 * Whether a ticket reports the outage a known issue describes, judged by the example phrasings the
 * lead gave: a ticket matches when it holds every content word (stemmed, in any order) of one
 * example. Exact on purpose: a wrong "Link to known issue" would file a customer under someone
 * else's outage, so a near miss is left to the agent (and the lead adds the phrasing).
 */
const contentStems = (text: string) => new Set(tokenize(text).flatMap((t) => (t.stop || t.surface.length < 2 ? [] : [t.stem])));

export function matchesOutage(examples: readonly string[], text: string): boolean {
  const words = contentStems(text);
  return examples.some((example) => {
    const wanted = contentStems(example);
    // One word alone ("card") would match half the tickets.
    return wanted.size >= 2 && [...wanted].every((stem) => words.has(stem));
  });
}
