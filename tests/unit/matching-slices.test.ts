import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../src/app/slices';
import { createMatcher, matcherSteps } from '../../src/domain/matching';
import { bankingLibrary } from './bankingLibrary';
import type { Steps } from '../../src/domain/steps';
import { SupportClassifier } from '../../src/domain/matching/classifier';
import { SpellingCorrector } from '../../src/domain/matching/spelling';
import { centroids, InvertedMatrix, ROWS_STEP, VectorSpace, type SparseVec } from '../../src/domain/matching/vectors';

// The sidebar trains the matcher in slices of a few milliseconds, so the panel never freezes:
// the training must yield often, give the same matcher as training at once, and stop when superseded.

/** Thirty BANKING77 intents with 20 examples each. */
const library = () => bankingLibrary(30, 20);

const TICKETS = ['my card has not arrived yet', 'I was charged twice for one payment', 'how do I top up by bank transfer'];

describe('training the matcher in slices', () => {
  it('yields many times over a training, never going through more than 16 examples at once', () => {
    const answers = library();
    const examples = answers.reduce((n, a) => n + a.examples.length + 1, 0);
    const steps = matcherSteps(answers);
    let yields = 0;
    while (!steps.next().done) yields++;
    // At least once per 16 examples for each training epoch (the library's build and its calibration folds).
    expect(yields).toBeGreaterThan((2 * examples) / 16);
  });

  it('gives the same matches as training at once, pausing between slices', async () => {
    const answers = library();
    let pauses = 0;
    const sliced = await runInSlices(matcherSteps(answers), new AbortController().signal, async () => {
      pauses++;
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
    const whole = createMatcher(answers);
    expect(sliced).not.toBeNull();
    expect(sliced!.threshold).toBe(whole.threshold);
    for (const subject of TICKETS) expect(sliced!.match({ subject })).toEqual(whole.match({ subject }));
    expect(pauses).toBeGreaterThan(0);
  });

  it('stops a superseded training at its next slice, and resolves with nothing', async () => {
    const stop = new AbortController();
    let pauses = 0;
    const result = await runInSlices(matcherSteps(library()), stop.signal, async () => {
      pauses++;
      stop.abort();
      await Promise.resolve();
    });
    expect(result).toBeNull();
    expect(pauses).toBe(1);
  });

  it('builds the vocabulary, the indexes and the classifier in steps too, a few rows at a time', () => {
    // One step over a large library's vocabulary or index is one long task, however the training around it is sliced.
    const yieldsOf = <T>(steps: Steps<T>): number => {
      let yields = 0;
      while (!steps.next().done) yields++;
      return yields;
    };
    const rows = 40 * ROWS_STEP;
    const bags = Array.from(
      { length: rows },
      (_, i) =>
        new Map([
          [`wword${i % 500}`, 1],
          [`c${i % 7}`, 0.5],
        ]),
    );
    const groups = bags.map((_, i) => i % 100);
    const vecs: SparseVec[] = bags.map((_, i) => ({ idx: Int32Array.of(i % 500, 500 + (i % 7)), val: Float32Array.of(0.8, 0.6) }));
    const byGroup = Array.from({ length: rows / 4 }, (_, g) => vecs.slice(4 * g, 4 * g + 4));
    const words = Array.from({ length: 50_000 }, (_, i) => `payment${i % 3000}`);

    expect(yieldsOf(VectorSpace.build(bags, groups, { w: 1, b: 1, c: 1 }))).toBeGreaterThanOrEqual(rows / ROWS_STEP - 1);
    expect(yieldsOf(InvertedMatrix.build(vecs, 507))).toBeGreaterThanOrEqual((2 * rows) / ROWS_STEP - 1);
    expect(yieldsOf(centroids(byGroup, 507))).toBeGreaterThanOrEqual(rows / 4 / ROWS_STEP - 1);
    expect(yieldsOf(SupportClassifier.build(100, 507, vecs, groups))).toBeGreaterThanOrEqual((2 * rows) / ROWS_STEP - 1);
    expect(yieldsOf(SpellingCorrector.build(words, () => false))).toBeGreaterThanOrEqual(20);
  });
});
