import { runInSlices } from '../../app/slices';
import type { AnswerDoc, Matcher } from '../../domain/matching';
import { fingerprintSteps, restoreOrTrainSteps } from '../../domain/matching/persist';
import { MAX_WEIGHT_CHARS, type KeptPart, type MatcherReply, type MatcherRequest, type Port } from './sharedMatcher';

/** Matchers the worker keeps: the library in use, and the one before it for a sidebar that has not caught up. */
const KEEP = 2;
/** The worker's work never waits for a page, yet a match asked meanwhile is answered between slices. */
const NEVER = new AbortController().signal;

/**
 * The worker's side: matchers by the fingerprint of what they were trained on, shared by every
 * port it serves. Returns the function that serves one port.
 */
export function createMatcherServer(maxWeightChars = MAX_WEIGHT_CHARS): (port: Port) => void {
  const matchers = new Map<string, Promise<Matcher>>();
  /** The lists too large for the session's storage: the newest whole one of each key, and the one coming in. */
  const kept = new Map<string, KeptPart[]>();
  const arriving = new Map<string, { savedAt: number; parts: KeptPart[] }>();
  function keepPart(key: string, part: KeptPart) {
    if ((kept.get(key)?.[0]?.savedAt ?? -Infinity) > part.savedAt) return;
    let list = arriving.get(key);
    if (!list || list.savedAt < part.savedAt) arriving.set(key, (list = { savedAt: part.savedAt, parts: [] }));
    // A part of an older list than the one coming in is dropped.
    if (list.savedAt !== part.savedAt) return;
    list.parts[part.index] = part;
    if (list.parts.filter(Boolean).length < part.count) return;
    kept.set(key, list.parts);
    arriving.delete(key);
  }
  /** Holds `matcher` as the newest, letting go of the oldest past KEEP. */
  const hold = (fingerprint: string, matcher: Promise<Matcher>) => {
    matchers.delete(fingerprint);
    matchers.set(fingerprint, matcher);
    for (const old of matchers.keys()) if (matchers.size > KEEP) matchers.delete(old);
  };

  async function train(answers: AnswerDoc[], stored: unknown): Promise<Omit<MatcherReply & { kind: 'train' }, 'id'>> {
    const fingerprint = (await runInSlices(fingerprintSteps(answers), NEVER))!;
    const held = matchers.get(fingerprint);
    if (held) {
      hold(fingerprint, held);
      await held;
      return { kind: 'train', fingerprint, store: null };
    }
    const built = runInSlices(restoreOrTrainSteps(answers, stored, maxWeightChars, fingerprint), NEVER).then((b) => b!);
    const matcher = built.then((b) => b.matcher);
    hold(fingerprint, matcher);
    // A failed training is not kept: the next request trains again.
    matcher.catch(() => matchers.get(fingerprint) === matcher && matchers.delete(fingerprint));
    return { kind: 'train', fingerprint, store: (await built).store };
  }

  async function reply(request: MatcherRequest): Promise<MatcherReply> {
    const { id } = request;
    switch (request.kind) {
      case 'open': {
        const held = matchers.get(request.fingerprint);
        return {
          id,
          kind: 'open',
          ready:
            held !== undefined &&
            (await held.then(
              () => true,
              () => false,
            )),
        };
      }
      case 'train':
        return { id, ...(await train(request.answers, request.stored)) };
      case 'keep':
        keepPart(request.key, request.part);
        return { id, kind: 'keep' };
      case 'recall':
        return { id, kind: 'recall', part: kept.get(request.key)?.[request.index] ?? null };
      case 'match': {
        const held = matchers.get(request.fingerprint);
        return { id, kind: 'match', result: held ? (await held).match(request.query, request.options) : null };
      }
    }
  }

  return (port) => {
    port.onmessage = ({ data }: MessageEvent) => {
      const request = data as MatcherRequest;
      reply(request).then(
        (answer) => port.postMessage(answer),
        (error: unknown) => port.postMessage({ id: request.id, kind: 'failed', message: String(error) }),
      );
    };
  };
}
