/**
 * Matcher timing on libraries made from BANKING77: the index build on a cold session (training),
 * its restore on a warm one (what the first sidebar kept in the session cache), the size of what is
 * kept, the memory the restored matcher holds, and the time to match a ticket. `benchMatching()` returns the figures so a project-wide
 * bench can call it; run directly it prints them: tsx scripts/bench-matching.ts [answers...]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Steps } from '../src/domain/steps';
import type { AnswerDoc } from '../src/domain/matching/index';
import { restoreOrTrainSteps } from '../src/domain/matching/persist';
import { encodedLength } from '../src/domain/matching/weights';
import { MAX_WEIGHT_CHARS } from '../src/features/answers/sharedMatcher';
import { readRows } from './matching-eval-lib';

export interface MatchingBench {
  answers: number;
  examplesPerAnswer: number;
  /** Training on a cold session. */
  buildMs: number;
  /** Building it from the stored entry on a warm session. */
  restoreMs: number;
  /** Characters the session cache keeps (JSON), and whether the classifier's weights are among them. */
  storedChars: number;
  weightsStored: boolean;
  /** The characters the weights take in the session's entry (their 16-bit steps), whether kept or not. */
  weightsChars: number;
  /**
   * The longest stretch between two yields (CPU time), cold and warm: the sidebar runs the steps in
   * slices of 12 ms, but a single step longer than that is one task on the main thread however it is sliced.
   */
  longestStepMs: { build: number; restore: number };
  /**
   * The heap the matcher restored on a warm session holds (its vocabulary, indexes and weights), in
   * MB: what each sidebar keeps in memory. Measured in a process of its own, so nothing the cold
   * build left behind counts.
   */
  matcherHeapMB: number;
  msPerTicket: number;
}

/**
 * `count` answers from BANKING77's 77 intents, `examples` real customer messages each: answer i
 * is intent i mod 77, with the next `examples` of its messages (wrapping round), so a large
 * library holds many answers per intent, as a library grown over years holds near-duplicates.
 */
export function bankingAnswers(count: number, examples: number): { answers: AnswerDoc[]; tickets: string[] } {
  const byIntent = new Map<string, string[]>();
  for (const row of readRows(fileURLToPath(new URL('../data/banking77/train.csv', import.meta.url)))) {
    const list = byIntent.get(row.category) ?? [];
    byIntent.set(row.category, list);
    list.push(row.text);
  }
  const intents = [...byIntent];
  const answers = Array.from({ length: count }, (_, i) => {
    const [intent, texts] = intents[i % intents.length]!;
    const round = Math.floor(i / intents.length);
    return {
      id: `a${i}`,
      title: `${intent.replace(/_/g, ' ')} ${round + 1}`,
      examples: Array.from({ length: examples }, (_, k) => texts[(round * examples + k) % texts.length]!),
      tags: [intent],
      locale: 'en-us',
    };
  });
  // Tickets: the last messages of each intent, which small libraries have not seen.
  const tickets = intents.flatMap(([, texts]) => texts.slice(-7));
  return { answers, tickets };
}

const time = <T>(run: () => T): [T, number] => {
  const t0 = performance.now();
  const out = run();
  return [out, performance.now() - t0];
};

/**
 * Runs `steps` to the end as `drain` does, also timing the longest step between two yields, in
 * CPU time: on a shared machine a step's wall time also counts the time others had the processor.
 */
function drainTimed<T>(steps: Steps<T>): { value: T; longestMs: number } {
  let longestMicros = 0;
  for (;;) {
    const before = process.cpuUsage();
    const step = steps.next();
    const { user, system } = process.cpuUsage(before);
    longestMicros = Math.max(longestMicros, user + system);
    if (step.done) return { value: step.value, longestMs: longestMicros / 1000 };
  }
}

/** The heap in use after a full collection (the flag is set at run time, for this process only). */
function heapUsed(): number {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

/** In this process: the heap a matcher restored from the entry in `storedFile` holds, in MB. */
function restoredHeapMB(size: number, examplesPerAnswer: number, storedFile: string): number {
  const { answers } = bankingAnswers(size, examplesPerAnswer);
  const stored = JSON.parse(readFileSync(storedFile, 'utf8')) as unknown;
  const before = heapUsed();
  const warm = drainTimed(restoreOrTrainSteps(answers, stored, MAX_WEIGHT_CHARS)).value;
  const held = heapUsed() - before;
  if (!warm.matcher) throw new Error('no matcher');
  return Math.round((held / 2 ** 20) * 10) / 10;
}

/** The same, in a child process of its own. */
function heapInChild(size: number, examplesPerAnswer: number, stored: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'matcher-heap-'));
  try {
    const file = join(dir, 'stored.json');
    writeFileSync(file, stored);
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const out = execFileSync(tsx, [fileURLToPath(import.meta.url), '--heap', String(size), String(examplesPerAnswer), file], {
      encoding: 'utf8',
    });
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchMatching(sizes: readonly number[] = [25, 1_000, 5_000], examplesPerAnswer = 10): MatchingBench[] {
  return sizes.map((size) => {
    const { answers, tickets } = bankingAnswers(size, examplesPerAnswer);
    const [{ value: cold, longestMs: buildStep }, buildMs] = time(() => drainTimed(restoreOrTrainSteps(answers, null, MAX_WEIGHT_CHARS)));
    const stored = JSON.stringify(cold.store);
    const [{ value: warm, longestMs: restoreStep }, restoreMs] = time(() =>
      drainTimed(restoreOrTrainSteps(answers, JSON.parse(stored) as unknown, MAX_WEIGHT_CHARS)),
    );
    const matcher = warm.matcher;
    matcher.match({ subject: tickets[0]! }); // warm-up so JIT compilation is not billed to the first ticket
    const [, matchMs] = time(() => tickets.forEach((subject) => matcher.match({ subject })));
    const weights = cold.matcher.trained.weights;
    return {
      answers: size,
      examplesPerAnswer,
      buildMs: Math.round(buildMs),
      restoreMs: Math.round(restoreMs),
      storedChars: stored.length,
      weightsStored: cold.store?.weights != null,
      weightsChars: weights ? encodedLength(weights.length) : 0,
      longestStepMs: { build: Math.round(buildStep), restore: Math.round(restoreStep) },
      matcherHeapMB: heapInChild(size, examplesPerAnswer, stored),
      msPerTicket: Math.round((matchMs / tickets.length) * 1000) / 1000,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--heap') {
  const [size, examples, file] = process.argv.slice(3);
  console.log(restoredHeapMB(Number(size), Number(examples), file!));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const r of benchMatching(sizes.length ? sizes : undefined)) console.log(JSON.stringify(r));
}
