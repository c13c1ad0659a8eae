/**
 * Spelling normalisation learnt from the answers' own words: a ticket word the
 * answers never use is replaced by an answer word one edit away (insertion,
 * deletion, substitution or adjacent swap), preferring the more frequent one.
 * Short words are left alone (too many are one edit apart), as are words whose
 * stem the answers know and corrections changing the first letter: typos rarely
 * hit it, while real words often differ only there (mailed/failed).
 */
import { drain, type Steps } from '../steps';

const MIN_LENGTH = 6;
/** Words read between two yields while learning. */
const WORDS_STEP = 2048;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export class SpellingCorrector {
  private readonly counts = new Map<string, number>();
  /** deletion variant -> most frequent vocabulary word producing it */
  private readonly byDeletion = new Map<string, string>();

  constructor(
    words: Iterable<string>,
    private readonly knownStem: (word: string) => boolean = () => false,
  ) {
    drain(this.learn(words));
  }

  /** Built as steps: a large library has hundreds of thousands of words. */
  static *build(words: Iterable<string>, knownStem: (word: string) => boolean): Steps<SpellingCorrector> {
    const corrector = new SpellingCorrector([], knownStem);
    yield* corrector.learn(words);
    return corrector;
  }

  private *learn(words: Iterable<string>): Steps<void> {
    let read = 0;
    for (const w of words) {
      this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
      if (++read % WORDS_STEP === 0) yield;
    }
    for (const w of this.counts.keys()) {
      if (++read % WORDS_STEP === 0) yield;
      if (w.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(w)) continue;
      for (const d of deletions(w)) {
        const prev = this.byDeletion.get(d);
        if (prev === undefined || this.count(w) > this.count(prev)) this.byDeletion.set(d, w);
      }
    }
  }

  private count(w: string): number {
    return this.counts.get(w) ?? 0;
  }

  correct(word: string): string {
    if (word.length < MIN_LENGTH || this.counts.has(word) || !/^[a-z]+$/.test(word) || this.knownStem(word)) return word;
    let best = word;
    const consider = (w: string | undefined): void => {
      if (w !== undefined && w[0] === word[0] && this.count(w) > this.count(best)) best = w;
    };
    consider(this.byDeletion.get(word)); // the ticket dropped a letter
    for (const d of deletions(word)) {
      if (this.counts.has(d)) consider(d); // the ticket added a letter
      consider(this.byDeletion.get(d)); // substituted or swapped letters
    }
    return best;
  }
}
