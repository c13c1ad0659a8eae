import { afterAll } from 'vitest';
import type { Fault } from '../../playground/api/faults';

export interface FaultCase {
  name: string;
  fault: Fault;
  /** How many calls it hits; every call when absent. */
  times?: number;
  /** Whether the call fails for the app (a slow or rate-limited call still succeeds). */
  fails: boolean;
  /** The translated message the app shows for it. */
  message?: RegExp;
}

/** The faults of the matrix: each one applied to every REST endpoint the app uses. */
export const FAULTS: FaultCase[] = [
  { name: 'latency 3 s', fault: { kind: 'latency', ms: 3000 }, fails: false },
  { name: '429 then Retry-After', fault: { kind: 'status', status: 429, retryAfter: 1 }, times: 1, fails: false },
  { name: '500', fault: { kind: 'status', status: 500 }, fails: true, message: /error \(500\)/ },
  { name: 'timeout', fault: { kind: 'timeout' }, fails: true, message: /took too long/ },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, fails: true, message: /did not expect/ },
  { name: 'wrong shape', fault: { kind: 'wrong_shape' }, fails: true, message: /did not expect/ },
];

/** Counts the cases a test file tried and passed, and prints the tally when the file ends. */
export function faultMatrix(label: string) {
  const results: boolean[] = [];
  afterAll(() => {
    console.log(`fault matrix (${label}): ${results.length} cases tried, ${results.filter(Boolean).length} passed`);
  });
  return async function check(run: () => Promise<void>) {
    try {
      await run();
      results.push(true);
    } catch (error) {
      results.push(false);
      throw error;
    }
  };
}
