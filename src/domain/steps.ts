/**
 * Long work written as a generator that yields between steps of a few milliseconds: run at once
 * with `drain` (scripts, tests), or spread over short tasks by the app (app/slices.ts) so the page
 * never freezes while the matcher trains.
 */
export type Steps<T> = Generator<void, T, void>;

export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
