import { loadOnce } from '../../app/loadOnce';
import type { SessionCache } from '../../app/sessionCache';
import { nextTask, runInSlices } from '../../app/slices';
import type { AnswerDoc, MatchOptions, MatchResult, TicketQuery } from '../../domain/matching';
import { drain } from '../../domain/steps';
import type { TextAnalysis } from '../../domain/textAnalysis';
import { connectSharedMatcher, MAX_WEIGHT_CHARS, WorkerUnavailableError, type MatcherClient } from './sharedMatcher';

/**
 * One slot for the session: it names the library it was trained on (its fingerprint), so a changed
 * library is trained again and its entry replaces the old one rather than piling up beside it.
 */
const KEY = 'matcher';
/** The fingerprint of the last input named for the session (`fingerprintOf`). */
const FINGERPRINT_KEY = 'matcher:fingerprint';

/** A matcher ready for this sidebar's tickets, wherever it runs. */
export interface SessionMatcher {
  match(query: TicketQuery, options?: MatchOptions): Promise<MatchResult>;
}

const storedTraining = (cache: SessionCache) => cache.get<unknown>(KEY, Number.POSITIVE_INFINITY)?.value ?? null;

/** The matcher's code, for a frame that trains it itself: a chunk of its own, which a frame served by the worker never downloads. */
const loadTraining = loadOnce(() => import('../../domain/matching/persist'));

/** Trained (or restored) in this frame, in slices so the panel stays responsive. */
async function inFrame(cache: SessionCache, answers: AnswerDoc[], signal: AbortSignal): Promise<SessionMatcher | null> {
  const { restoreOrTrainSteps } = await loadTraining();
  const built = await runInSlices(restoreOrTrainSteps(answers, storedTraining(cache), MAX_WEIGHT_CHARS), signal);
  if (!built) return null;
  if (built.store) cache.set(KEY, built.store);
  const { matcher } = built;
  // Each match a task of its own, as the worker's replies are: a page matching many tickets (the console's figures) stays responsive.
  return { match: (query, options) => nextTask().then(() => matcher.match(query, options)) };
}

/**
 * The fingerprint the worker knows `answers` by. Hashing a library of thousands of answers keeps a
 * sidebar busy for 100 ms and more, so an input named by `name` (the copy of the library and what
 * was added to it) is hashed once per session, by the first sidebar to meet it. The name counts
 * the matching code's own settings in (the fingerprint of no answers), so another version of the
 * app never takes this one's fingerprint.
 */
async function fingerprintOf(cache: SessionCache, tool: TextAnalysis, answers: AnswerDoc[], signal: AbortSignal, name?: string) {
  const named = name && `${drain(tool.fingerprintSteps([]))}:${name}`;
  const known = named ? cache.get<{ name: string; fingerprint: string }>(FINGERPRINT_KEY, Number.POSITIVE_INFINITY)?.value : null;
  if (known && known.name === named) return known.fingerprint;
  const fingerprint = await runInSlices(tool.fingerprintSteps(answers), signal);
  if (named && fingerprint !== null) cache.set(FINGERPRINT_KEY, { name: named, fingerprint });
  return fingerprint;
}

/** Held by the shared worker: trained there only when no frame of the session trained it before. */
async function inWorker(
  worker: MatcherClient,
  cache: SessionCache,
  tool: TextAnalysis,
  answers: AnswerDoc[],
  signal: AbortSignal,
  name?: string,
): Promise<SessionMatcher | null> {
  let fingerprint = await fingerprintOf(cache, tool, answers, signal, name);
  if (fingerprint === null) return null;
  const train = async () => {
    const trained = await worker.ask({ kind: 'train', answers, stored: storedTraining(cache) });
    if (trained.store) cache.set(KEY, trained.store);
    fingerprint = trained.fingerprint;
  };
  if (!(await worker.ask({ kind: 'open', fingerprint })).ready) await train();
  if (signal.aborted) return null;
  let local: Promise<SessionMatcher | null> | undefined;
  const ask = async (query: TicketQuery, options: MatchOptions) => {
    const matched = await worker.ask({ kind: 'match', fingerprint: fingerprint!, query, options });
    if (matched.result) return matched.result;
    // The worker let this library go (two newer ones came since): it is built there again.
    await train();
    const again = await worker.ask({ kind: 'match', fingerprint: fingerprint!, query, options });
    if (!again.result) throw new Error('The shared matcher lost the library again');
    return again.result;
  };
  return {
    async match(query, options = {}) {
      try {
        return await ask(query, options);
      } catch (error) {
        if (!(error instanceof WorkerUnavailableError)) throw error;
        const own = await (local ??= inFrame(cache, answers, signal));
        if (!own) throw error;
        return own.match(query, options);
      }
    },
  };
}

/**
 * The matcher for `answers`, trained once per agent session: by the session's shared worker where
 * the browser has one, so every sidebar on the same library shares it and none trains; else in
 * the frame, keeping what training learnt in the session cache so the next sidebars restore it.
 * Either way a library that changed in any way is trained again. Null when superseded (`signal` aborted).
 * `name` names `answers` for the whole session, if the caller can: the same name, the same answers.
 */
export async function sessionMatcher(
  cache: SessionCache,
  tool: TextAnalysis,
  answers: AnswerDoc[],
  signal: AbortSignal,
  { name, worker = connectSharedMatcher() }: { name?: string; worker?: MatcherClient | null } = {},
): Promise<SessionMatcher | null> {
  if (worker) {
    try {
      return await inWorker(worker, cache, tool, answers, signal, name);
    } catch (error) {
      if (!(error instanceof WorkerUnavailableError)) throw error;
    }
  }
  return inFrame(cache, answers, signal);
}
