import type { Steps } from '../domain/steps';

/** Work per task before giving the page back: well under the 50 ms at which a task is long. */
const SLICE_MS = 12;

/** Gives the page a turn (input, rendering) before the next slice: a message is not clamped as nested timers are. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `steps` in slices of about SLICE_MS, each its own task, so long work (training the
 * matcher) never freezes the panel it feeds. Resolves with the result, or null once `signal`
 * is aborted (the work was superseded: the rest is never run).
 */
export async function runInSlices<T>(steps: Steps<T>, signal: AbortSignal, pause: () => Promise<void> = nextTask): Promise<T | null> {
  let started = performance.now();
  for (;;) {
    if (signal.aborted) return null;
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= SLICE_MS) {
      await pause();
      started = performance.now();
    }
  }
}
