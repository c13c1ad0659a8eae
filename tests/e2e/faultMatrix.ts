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

const WRONG_SHAPE: FaultCase = { name: 'wrong shape', fault: { kind: 'wrong_shape' }, fails: true, message: /did not expect/ };
/** Faults the host client handles alike for every endpoint: the call fails with a message. */
const FAILING: FaultCase[] = [
  { name: '500', fault: { kind: 'status', status: 500 }, fails: true, message: /error \(500\)/ },
  { name: 'timeout', fault: { kind: 'timeout' }, fails: true, message: /took too long/ },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, fails: true, message: /did not expect/ },
];
/** Faults a call must get through: the app waits, or retries after the time Zendesk asks for. */
const SURVIVED: FaultCase[] = [
  { name: 'latency 3 s', fault: { kind: 'latency', ms: 3000 }, fails: false },
  { name: '429 then Retry-After', fault: { kind: 'status', status: 429, retryAfter: 1 }, times: 1, fails: false },
];

/**
 * The faults the `index`-th endpoint of a list meets, a covering design rather than every
 * endpoint × every fault: each endpoint meets a wrong shape (its own schema must refuse it), one
 * of the other failing faults and one it must get through, in rotation, so that each fault meets
 * several endpoints. The other faults take the same path through the host client whatever the
 * endpoint, and the full matrix cost half the suite's time, a third of it in 12 s timeouts.
 */
export const faultsFor = (index: number): FaultCase[] => [
  WRONG_SHAPE,
  FAILING[index % FAILING.length]!,
  SURVIVED[index % SURVIVED.length]!,
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
