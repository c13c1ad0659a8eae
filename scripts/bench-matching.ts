/**
 * Matcher timing on synthetic answer sets (index build and ms per ticket).
 * `benchMatching()` returns the figures so a project-wide bench can call it;
 * run directly it prints them: tsx scripts/bench-matching.ts [answers...]
 */
import { fileURLToPath } from 'node:url';
import { createMatcher, type AnswerDoc } from '../src/domain/matching/index';

export interface MatchingBench {
  answers: number;
  examplesPerAnswer: number;
  buildMs: number;
  msPerTicket: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ster', 'an', 'por', 'de', 'vi', 'tru', 'sel', 'ing', 'bra', 'on', 'qui', 'ment', 'far'];

/** Zipf-distributed vocabulary words plus a few topic words per answer, like real support text. */
function syntheticAnswers(count: number, examplesPerAnswer: number, seed: number): AnswerDoc[] {
  const rand = rng(seed);
  const vocab = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w;
  });
  const zipf = (): string => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * Math.log(vocab.length)) - 1))]!;
  const sentence = (topic: string[]): string => {
    const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, zipf);
    for (const t of topic) if (rand() < 0.6) words.splice(Math.floor(rand() * words.length), 0, t);
    return words.join(' ');
  };
  return Array.from({ length: count }, (_, i) => {
    const topic = [zipf(), zipf(), vocab[Math.floor(rand() * vocab.length)]!];
    return {
      id: `a${i}`,
      title: sentence(topic).split(' ').slice(0, 5).join(' '),
      examples: Array.from({ length: examplesPerAnswer }, () => sentence(topic)),
      tags: [`tag_${i}`],
    };
  });
}

export function benchMatching(sizes: readonly number[] = [1_000, 10_000], examplesPerAnswer = 5, queries = 500): MatchingBench[] {
  return sizes.map((size) => {
    const answers = syntheticAnswers(size, examplesPerAnswer, size);
    const t0 = performance.now();
    const matcher = createMatcher(answers);
    const buildMs = performance.now() - t0;
    const rand = rng(99);
    const tickets = Array.from({ length: queries }, () => {
      const a = answers[Math.floor(rand() * answers.length)]!;
      return { subject: a.examples[Math.floor(rand() * a.examples.length)]!.split(' ').reverse().join(' ') };
    });
    matcher.match(tickets[0]!); // warm-up so JIT compilation is not billed to the first ticket
    const t1 = performance.now();
    for (const t of tickets) matcher.match(t);
    const msPerTicket = (performance.now() - t1) / tickets.length;
    return { answers: size, examplesPerAnswer, buildMs: Math.round(buildMs), msPerTicket: Math.round(msPerTicket * 1000) / 1000 };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const result = benchMatching(sizes.length ? sizes : undefined);
  for (const r of result) console.log(JSON.stringify(r));
}
