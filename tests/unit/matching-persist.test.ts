import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRows } from '../../scripts/matching-eval-lib';
import { createSessionCache } from '../../src/app/sessionCache';
import { drain } from '../../src/domain/steps';
import { createMatcher, type AnswerDoc, type Matcher } from '../../src/domain/matching';
import { SupportClassifier } from '../../src/domain/matching/classifier';
import {
  decodeTraining,
  encodeTraining,
  fingerprintSteps,
  restoreOrTrainSteps,
  type StoredTraining,
} from '../../src/domain/matching/persist';
import * as textAnalysis from '../../src/domain/textAnalysis';
import { sessionMatcher, type SessionMatcher } from '../../src/features/answers/sessionMatcher';
import { createMatcherServer } from '../../src/features/answers/matcherServer';
import type { MatcherClient } from '../../src/features/answers/sharedMatcher';
import { workerPorts } from './workerPorts';
import type { SessionCache } from '../../src/app/sessionCache';
import { bankingLibrary } from './bankingLibrary';

// The sidebar trains the matcher once per agent session: what training learnt is kept in the
// session cache under a fingerprint of the library, and the next sidebars restore it. A restored
// matcher must be the trained one exactly; a changed library or a damaged entry trains again.

/** Twenty BANKING77 intents with 8 examples each: calibrated, with a classifier. */
const library = () => bankingLibrary(20, 8).map((a, i) => ({ ...a, tags: i % 3 ? [] : [`tag_${i % 6}`], locale: i % 4 ? 'en-us' : 'de' }));

/** BANKING77 rows past the examples the library holds, of its intents and of the 47 others (off the library). */
const queries = (() => {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const row of readRows('data/banking77/train.csv')) {
    const n = (seen.get(row.category) ?? 0) + 1;
    seen.set(row.category, n);
    if (n > 8 && n <= 12) out.push(row.text);
  }
  return out;
})();

const train = (answers: AnswerDoc[], stored: unknown = null, maxWeightChars = 5_000_000) =>
  drain(restoreOrTrainSteps(answers, stored, maxWeightChars));

/** A session's matcher, wherever it runs, answers every query as `trained` does. */
async function expectSameAnswers(session: SessionMatcher, trained: Matcher) {
  for (const [i, subject] of queries.slice(0, 120).entries()) {
    const q = { subject, tags: i % 5 ? [] : [`tag_${i % 6}`], locale: i % 2 ? 'de' : 'en' };
    expect(await session.match(q)).toEqual(trained.match(q));
  }
  const exclude = new Set(trained.rank({ subject: queries[0]! }, 2).map((a) => a.id));
  for (const subject of queries.slice(0, 20))
    expect(await session.match({ subject }, { exclude })).toEqual(trained.match({ subject }, { exclude }));
}

/** The stored entry as storage gives it back: through JSON. */
const throughStorage = (entry: StoredTraining | null): unknown => JSON.parse(JSON.stringify(entry)) as unknown;

function expectSameMatches(restored: Matcher, trained: Matcher) {
  expect(restored.threshold).toBe(trained.threshold);
  expect(restored.calibrated).toBe(trained.calibrated);
  queries.forEach((subject, i) => {
    const q = { subject, tags: i % 5 ? [] : [`tag_${i % 6}`], locale: i % 2 ? 'de' : 'en' };
    expect(restored.match(q)).toEqual(trained.match(q));
    expect(restored.rank(q, 5)).toEqual(trained.rank(q, 5));
  });
  // Ruled out on the ticket: the answers the first query ranks highest.
  const exclude = new Set(trained.rank({ subject: queries[0]! }, 2).map((a) => a.id));
  expect(exclude.size).toBe(2);
  for (const subject of queries.slice(0, 50))
    expect(restored.match({ subject }, { exclude })).toEqual(trained.match({ subject }, { exclude }));
}

afterEach(() => vi.restoreAllMocks());

describe('keeping the trained matcher for the session', () => {
  it('restores a matcher giving exactly the results of the trained one, without training again', () => {
    const answers = library();
    const trained = train(answers);
    expect(trained.store).not.toBeNull();
    expect(trained.store!.weights).not.toBeNull();
    // 16-bit steps: under 2.7 characters a weight (base64 of 32-bit floats took 5.3).
    expect(trained.store!.weights!.length).toBeLessThan(2.7 * trained.matcher.trained.weights!.length);
    expect(trained.matcher.calibrated).toBe(true);

    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const restored = train(answers, throughStorage(trained.store));
    // Neither the classifier nor the calibration (three more classifiers) was trained.
    expect(training).not.toHaveBeenCalled();
    expect(restored.store).toBeNull();
    expectSameMatches(restored.matcher, trained.matcher);
    // And both are the matcher built the plain way.
    expectSameMatches(restored.matcher, createMatcher(answers));
  });

  it('gives every change to what the matcher reads another fingerprint, and trains again for it', () => {
    const answers = library();
    const fingerprint = (list: AnswerDoc[]) => drain(fingerprintSteps(list));
    const base = fingerprint(answers);
    expect(fingerprint(library())).toBe(base);
    const edit = (change: (a: AnswerDoc) => AnswerDoc, at = 3) => answers.map((a, i) => (i === at ? change(a) : a));
    const changed = [
      edit((a) => ({ ...a, title: a.title + '!' })),
      edit((a) => ({ ...a, summary: 'A summary' })),
      edit((a) => ({ ...a, examples: [...a.examples.slice(0, -1), a.examples.at(-1) + 's'] })),
      edit((a) => ({ ...a, examples: a.examples.slice(1) })),
      edit((a) => ({ ...a, tags: ['new_tag'] })),
      edit((a) => ({ ...a, locale: 'fr' })),
      edit((a) => ({ ...a, id: a.id + 'x' })),
      // The same text cut elsewhere between two examples.
      edit((a) => ({ ...a, examples: [a.examples[0]! + a.examples[1]!.slice(0, 3), a.examples[1]!.slice(3), ...a.examples.slice(2)] })),
      answers.slice(1),
      [...answers, { id: 'new', title: 'A new answer', examples: ['something new'] }],
      [answers[1]!, answers[0]!, ...answers.slice(2)],
    ];
    const prints = changed.map(fingerprint);
    expect(new Set([base, ...prints]).size).toBe(changed.length + 1);

    const stored = throughStorage(train(answers).store);
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const edited = changed[2]!;
    const again = train(edited, stored);
    expect(training).toHaveBeenCalled();
    expect(again.store?.fingerprint).toBe(prints[2]);
    expectSameMatches(again.matcher, createMatcher(edited));
  });

  it('trains again, never failing, on an entry that is damaged or not one', () => {
    const answers = library();
    const sound = throughStorage(train(answers).store) as StoredTraining;
    const fresh = createMatcher(answers);
    const fingerprint = sound.fingerprint;
    const flipped = sound.weights!.slice(0, 100) + (sound.weights![100] === 'A' ? 'B' : 'A') + sound.weights!.slice(101);
    const bad: unknown[] = [
      null,
      'text',
      42,
      [],
      { ...sound, format: 99 },
      { ...sound, fingerprint: '0'.repeat(16) },
      { ...sound, calibration: 7 },
      { ...sound, calibration: '0.8' },
      { ...sound, weights: 17 },
      { ...sound, check: null },
      // One character of the weights changed: the check tells.
      { ...sound, weights: flipped },
      { ...sound, weights: '!!not base64!!' },
    ];
    for (const entry of bad) expect(drain(decodeTraining(entry, fingerprint))).toBeNull();
    // Training over one is training afresh (three kinds, to keep the test short).
    for (const entry of [bad[1], bad[5], bad[10]]) {
      const built = train(answers, entry);
      expect(built.store).toEqual(sound);
      expectSameMatches(built.matcher, fresh);
    }
  });

  it('refuses weights of the wrong shape even when their check holds (a foreign entry), and replaces them', () => {
    const answers = library();
    const fresh = createMatcher(answers);
    const fingerprint = drain(fingerprintSteps(answers));
    const n = fresh.trained.weights!.length;
    // A weight that is not a number cannot be stored at all: the steps are whole numbers (weights.test.ts).
    for (const values of [new Float32Array(n - 1), new Float32Array(n + 1)]) {
      const entry = drain(
        encodeTraining(fingerprint, { calibration: fresh.trained.calibration, weights: values }, Number.POSITIVE_INFINITY),
      );
      expect(drain(decodeTraining(throughStorage(entry), fingerprint))?.weights).toEqual(values);
      const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
      const built = train(answers, throughStorage(entry));
      expect(training).toHaveBeenCalled();
      expectSameMatches(built.matcher, fresh);
      expect(built.store?.weights).not.toBe(entry.weights);
      expect(train(answers, throughStorage(built.store)).store).toBeNull();
      training.mockRestore();
    }
  });

  it('keeps the calibration alone when the weights are too large to store, and trains only the classifier', () => {
    const answers = library();
    const fresh = createMatcher(answers);
    const { store } = train(answers, null, 1000);
    expect(store?.weights).toBeNull();
    expect(store?.calibration).toBe(fresh.threshold);
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const built = train(answers, throughStorage(store), 1000);
    // One classifier for the library; the calibration's three were not trained.
    expect(training).toHaveBeenCalledTimes(1);
    expect(built.store).toBeNull();
    expectSameMatches(built.matcher, fresh);
  });
});

/** sessionStorage as the tab's app instances share it. */
const memoryStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
};

describe("the sidebars of one agent's session", () => {
  it('train the matcher once: the next sidebar restores it, a changed library trains again', async () => {
    const storage = memoryStorage();
    const answers = library();
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const first = await sessionMatcher(createSessionCache(storage), textAnalysis, answers, new AbortController().signal);
    const trainings = training.mock.calls.length;
    expect(trainings).toBe(4); // the library and its three calibration folds
    const second = await sessionMatcher(createSessionCache(storage), textAnalysis, answers, new AbortController().signal);
    expect(training).toHaveBeenCalledTimes(trainings);
    await expectSameAnswers(first!, createMatcher(answers));
    await expectSameAnswers(second!, createMatcher(answers));

    const changed = answers.map((a, i) => (i === 0 ? { ...a, examples: [...a.examples, 'my new card is still not here'] } : a));
    const third = await sessionMatcher(createSessionCache(storage), textAnalysis, changed, new AbortController().signal);
    expect(training.mock.calls.length).toBeGreaterThan(trainings);
    await expectSameAnswers(third!, createMatcher(changed));
  });

  it('train again over a damaged entry in the storage, and replace it', async () => {
    const storage = memoryStorage();
    const answers = library();
    storage.setItem('closed-loop:v2:matcher', `${Date.now()}|{"format":1,"fingerprint":`);
    const matcher = await sessionMatcher(createSessionCache(storage), textAnalysis, answers, new AbortController().signal);
    await expectSameAnswers(matcher!, createMatcher(answers));
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    await sessionMatcher(createSessionCache(storage), textAnalysis, answers, new AbortController().signal);
    expect(training).not.toHaveBeenCalled();
  });
});

describe("the session's shared worker", () => {
  /** A frame's connection to the worker that `serve` runs. */
  const connect = workerPorts();
  const open = (cache: SessionCache, answers: AnswerDoc[], worker: MatcherClient) =>
    sessionMatcher(cache, textAnalysis, answers, new AbortController().signal, { worker });

  it('trains once for every sidebar: the next one neither trains nor restores, and the session keeps the training for a new worker', async () => {
    const storage = memoryStorage();
    const answers = library();
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const restoring = vi.spyOn(SupportClassifier.prototype, 'restoreSteps');
    const serve = createMatcherServer();
    const first = await open(createSessionCache(storage), answers, connect(serve));
    expect(training).toHaveBeenCalledTimes(4); // the library and its three calibration folds
    const second = await open(createSessionCache(storage), answers, connect(serve));
    expect(training).toHaveBeenCalledTimes(4);
    expect(restoring).not.toHaveBeenCalled();
    await expectSameAnswers(first!, createMatcher(answers));
    await expectSameAnswers(second!, createMatcher(answers));

    // All frames closed, the worker is gone: a new one restores from the session cache.
    training.mockClear();
    const later = await open(createSessionCache(storage), answers, connect(createMatcherServer()));
    expect(training).not.toHaveBeenCalled();
    expect(restoring).toHaveBeenCalledTimes(1);
    await expectSameAnswers(later!, createMatcher(answers));
  });

  it('trains a library once when two sidebars ask for it at the same time', async () => {
    const answers = library();
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const serve = createMatcherServer();
    const [a, b] = await Promise.all([
      open(createSessionCache(memoryStorage()), answers, connect(serve)),
      open(createSessionCache(memoryStorage()), answers, connect(serve)),
    ]);
    expect(training).toHaveBeenCalledTimes(4);
    await expectSameAnswers(a!, createMatcher(answers));
    await expectSameAnswers(b!, createMatcher(answers));
  });

  it('builds a library again for a sidebar still on it after the worker let it go for newer ones', async () => {
    const answers = library();
    const serve = createMatcherServer();
    const sidebar = await open(createSessionCache(memoryStorage()), answers, connect(serve));
    for (const n of [1, 2]) {
      const changed = answers.map((a, i) => (i === 0 ? { ...a, examples: [...a.examples, `a new phrasing ${n}`] } : a));
      await open(createSessionCache(memoryStorage()), changed, connect(serve));
    }
    await expectSameAnswers(sidebar!, createMatcher(answers));
  });

  it('hashes a library named for the session once: the next sidebar on that name finds the matcher without hashing it', async () => {
    const storage = memoryStorage();
    const answers = library();
    const serve = createMatcherServer();
    const hashing = vi.fn(textAnalysis.fingerprintSteps);
    const tool = { ...textAnalysis, fingerprintSteps: hashing };
    /** Libraries hashed so far (the code's own settings, hashed as no answers, aside). */
    const hashed = () => hashing.mock.calls.filter(([docs]) => docs.length > 0).length;
    const named = (docs: AnswerDoc[], name: string) =>
      sessionMatcher(createSessionCache(storage), tool, docs, new AbortController().signal, { worker: connect(serve), name });
    await named(answers, 'copy 1');
    expect(hashed()).toBe(1);
    const training = vi.spyOn(SupportClassifier.prototype, 'trainSteps');
    const next = await named(answers, 'copy 1');
    expect(hashed()).toBe(1);
    expect(training).not.toHaveBeenCalled();
    await expectSameAnswers(next!, createMatcher(answers));

    // Another name is hashed, and its own answers are matched.
    const changed = answers.map((a, i) => (i === 0 ? { ...a, examples: [...a.examples, 'my new card is still not here'] } : a));
    const other = await named(changed, 'copy 2');
    expect(hashed()).toBe(2);
    await expectSameAnswers(other!, createMatcher(changed));
  });

  it('trains in the frame when the worker cannot start, or stops answering after it started', async () => {
    const answers = library();
    const down = connect(createMatcherServer());
    down.fail();
    await expectSameAnswers((await open(createSessionCache(memoryStorage()), answers, down))!, createMatcher(answers));

    const worker = connect(createMatcherServer());
    const sidebar = await open(createSessionCache(memoryStorage()), answers, worker);
    worker.fail();
    await expectSameAnswers(sidebar!, createMatcher(answers));
  });
});
