import type { Token } from './text';

/**
 * Sparse feature bags. Three blocks with different strengths:
 *  - word stems: the main signal;
 *  - stem bigrams: word order and negation ("not received" vs "received");
 *  - character n-grams inside words: typos and compound/inflected forms.
 * Each block is normalised separately later so its weight is a share of the cosine.
 */

export const BLOCKS = ['w', 'b', 'c'] as const;
export type Block = (typeof BLOCKS)[number];

export type FeatureBag = Map<string, number>;

/** Term weight of a function word relative to a content word. */
const STOP_WEIGHT = 0.5;
const CHAR_MIN = 3;
const CHAR_MAX = 4;

function add(bag: FeatureBag, key: string, n = 1): void {
  bag.set(key, (bag.get(key) ?? 0) + n);
}

export function extractFeatures(tokens: readonly Token[]): FeatureBag {
  const bag: FeatureBag = new Map();
  let prev: Token | null = null;
  for (const t of tokens) {
    add(bag, 'w' + t.stem, t.stop ? STOP_WEIGHT : 1);
    if (prev !== null) add(bag, 'b' + prev.stem + ' ' + t.stem, prev.stop && t.stop ? STOP_WEIGHT : 1);
    prev = t;
    if (t.stop) continue;
    const padded = ' ' + t.surface + ' ';
    const len = padded.length;
    // Short words are already exact word features; n-grams would only duplicate them.
    if (len - 2 < CHAR_MIN) continue;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      for (let i = 0; i + n <= len; i++) add(bag, 'c' + padded.slice(i, i + n));
    }
  }
  return bag;
}

export const blockOf = (key: string): Block => key[0] as Block;
