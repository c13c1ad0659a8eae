import type { AnswerDoc, MatchOptions, MatchResult, TicketQuery } from '../../domain/matching';
import type { StoredTraining } from '../../domain/matching/persist';
import { nextTask } from '../../app/slices';

/**
 * One matcher for every frame of the app in the agent's browser session: a shared worker holds it,
 * trained once (or restored from the session cache), and each sidebar asks it for matches over a
 * message port. A sidebar that opens on a library the worker already holds is ready after one
 * round trip, however large the library, and training never runs on a sidebar's main thread.
 *
 * The protocol: `open` asks whether the worker holds the matcher for a fingerprint (it waits for
 * a training under way); `train` hands it the answers and the session's stored training;
 * `match` runs one ticket, and answers null when that matcher was let go meanwhile. `keep` and
 * `recall` hold a list the session cache cannot store for every frame, a part at a time (`keepList`
 * and `recallList` below; cachedLibrary.ts). The worker's side is matcherServer.ts; this module is
 * the frame's, and loads none of the matcher's code.
 */
export type MatcherRequest =
  | { id: number; kind: 'open'; fingerprint: string }
  | { id: number; kind: 'train'; answers: AnswerDoc[]; stored: unknown }
  | { id: number; kind: 'match'; fingerprint: string; query: TicketQuery; options: MatchOptions }
  | { id: number; kind: 'keep'; key: string; part: KeptPart }
  | { id: number; kind: 'recall'; key: string; index: number };

/**
 * A part of a list too large for the browser's storage, kept in the worker instead (the answer
 * library of a large account). A list goes in parts and comes back in parts, each a message of its
 * own: a frame took 5,000 answers from one message in one task of 60–110 ms.
 */
export interface KeptPart {
  /** When the frame saved the list: a part of an older list never mixes with a newer one. */
  savedAt: number;
  index: number;
  count: number;
  items: unknown[];
}

export type MatcherReply =
  | { id: number; kind: 'open'; ready: boolean }
  | { id: number; kind: 'train'; fingerprint: string; store: StoredTraining | null }
  | { id: number; kind: 'match'; result: MatchResult | null }
  | { id: number; kind: 'keep' }
  | { id: number; kind: 'recall'; part: KeptPart | null }
  | { id: number; kind: 'failed'; message: string };

/** What a port needs to offer: a worker's MessagePort, or either end of a MessageChannel in tests. */
export interface Port {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * The classifier's weights are kept in the session cache up to this size (about 7,500 answers of
 * 10 examples, at 16-bit precision: 5,000 take 1.0 million); larger, only the calibration is kept.
 * The browser gives the session about 5 million characters, shared with the library itself, which
 * must not be pushed out to make room for them.
 */
export const MAX_WEIGHT_CHARS = 1_500_000;

/** The worker could not be started or stopped answering: the sidebar trains its own matcher. */
export class WorkerUnavailableError extends Error {}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
/** A request as the frame writes it: the client numbers it. */
export type MatcherAsk = DistributiveOmit<MatcherRequest, 'id'>;

export interface MatcherClient {
  ask<R extends MatcherAsk>(request: R): Promise<Extract<MatcherReply, { kind: R['kind'] }>>;
  /** Every request waiting, and every later one, fails with WorkerUnavailableError. */
  fail(): void;
}

/** The sidebar's side of the port: requests matched to their replies by id. */
export function createMatcherClient(port: Port): MatcherClient {
  let last = 0;
  let broken = false;
  const waiting = new Map<number, { resolve: (reply: MatcherReply) => void; reject: (error: Error) => void }>();
  port.onmessage = ({ data }: MessageEvent) => {
    const reply = data as MatcherReply;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if (reply.kind === 'failed') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  };
  return {
    ask: <R extends MatcherAsk>(request: R) =>
      new Promise<Extract<MatcherReply, { kind: R['kind'] }>>((resolve, reject) => {
        if (broken) return reject(new WorkerUnavailableError());
        const id = ++last;
        waiting.set(id, { resolve: resolve as (reply: MatcherReply) => void, reject });
        port.postMessage({ ...request, id });
      }),
    fail() {
      broken = true;
      for (const { reject } of waiting.values()) reject(new WorkerUnavailableError());
      waiting.clear();
    },
  };
}

/** Items in one part of a kept list: a few milliseconds' work for the frame that takes it. */
const PART_ITEMS = 500;

/** Hands `items` to the worker a part at a time, each in a task of its own (copying thousands takes tens of milliseconds). */
export async function keepList(client: MatcherClient, key: string, items: readonly unknown[], savedAt: number): Promise<void> {
  const count = Math.max(1, Math.ceil(items.length / PART_ITEMS));
  for (let index = 0; index < count; index++) {
    await nextTask();
    await client.ask({
      kind: 'keep',
      key,
      part: { savedAt, index, count, items: items.slice(index * PART_ITEMS, (index + 1) * PART_ITEMS) },
    });
  }
}

/** The list the worker keeps under `key`, taken a part per message; null when it holds none, or a newer list came in between. */
export async function recallList(client: MatcherClient, key: string): Promise<{ items: unknown[]; savedAt: number } | null> {
  const first = (await client.ask({ kind: 'recall', key, index: 0 })).part;
  if (!first) return null;
  const rest = await Promise.all(Array.from({ length: first.count - 1 }, (_, i) => client.ask({ kind: 'recall', key, index: i + 1 })));
  const parts = [first, ...rest.map((reply) => reply.part)];
  if (parts.some((part) => part?.savedAt !== first.savedAt)) return null;
  return { items: parts.flatMap((part) => part!.items), savedAt: first.savedAt };
}

let shared: MatcherClient | null | undefined;

/**
 * This frame's connection to the session's shared worker, opened once; null in a browser without
 * shared workers. The worker lives while a frame holds a connection: the background location,
 * which lives as long as the agent's session, opens one so the matcher outlives each ticket's sidebar.
 */
export function connectSharedMatcher(): MatcherClient | null {
  if (shared !== undefined) return shared;
  if (typeof SharedWorker !== 'function') return (shared = null);
  try {
    const worker = new SharedWorker(new URL('./matcherWorker.ts', import.meta.url), { type: 'module', name: 'closed-loop-matcher' });
    const client = createMatcherClient(worker.port);
    // A worker that cannot start (its file blocked or missing) says so here: the frame then trains its own.
    worker.addEventListener('error', () => client.fail());
    return (shared = client);
  } catch {
    // Refused (a browser that keeps a cross-site frame from shared workers): the frame trains its own.
    return (shared = null);
  }
}
