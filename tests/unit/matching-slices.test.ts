import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../src/app/slices';
import { createMatcher, matcherSteps } from '../../src/domain/matching';
import { bankingLibrary } from './bankingLibrary';

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
});
