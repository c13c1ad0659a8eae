import type { Steps } from '../steps';
import { checkSteps, FORMAT, fingerprintSteps } from './fingerprint';
import { DEFAULT_TUNING, matcherSteps, type AnswerDoc, type Matcher, type TrainedState } from './matcher';
import { decodeWeights, encodedLength, encodeWeights } from './weights';

/**
 * What a trained matcher learnt, in a form storage keeps (JSON, the weights as base64 of their
 * 16-bit steps: weights.ts), so another sidebar of the same session builds the same matcher without training.
 * It is bound to a fingerprint of the exact training input: any change to an answer the matcher
 * reads, or to the order of the answers, is another fingerprint and the entry no longer applies.
 */
export interface StoredTraining {
  format: number;
  fingerprint: string;
  calibration: number | null;
  /** Null: no classifier, or its weights were too large to keep (they are then trained again). */
  weights: string | null;
  /** Hash of `weights`, so a damaged entry is told from a sound one. */
  check: string;
}

/**
 * The entry to store for a matcher trained on input with `fingerprint`; the weights are left out
 * when they would take more than `maxWeightChars` characters (the calibration is kept).
 */
export function* encodeTraining(fingerprint: string, trained: TrainedState, maxWeightChars: number): Steps<StoredTraining> {
  const fits = trained.weights !== null && encodedLength(trained.weights.length) <= maxWeightChars;
  const weights = fits ? yield* encodeWeights(trained.weights!) : null;
  return { format: FORMAT, fingerprint, calibration: trained.calibration, weights, check: yield* checkSteps(weights ?? '') };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a stored entry says training learnt, or null when it is not one for this input: another
 * fingerprint or format, or anything damaged or foreign. It comes from storage, so nothing in it
 * is taken on trust (the classifier also refuses weights of another shape: classifier.ts).
 */
export function* decodeTraining(stored: unknown, fingerprint: string): Steps<TrainedState | null> {
  if (!isRecord(stored) || stored.format !== FORMAT || stored.fingerprint !== fingerprint) return null;
  const { calibration, weights, check } = stored;
  const calibrationOk = calibration === null || (typeof calibration === 'number' && calibration > 0 && calibration <= 1);
  if (!calibrationOk || !(weights === null || typeof weights === 'string') || typeof check !== 'string') return null;
  if ((yield* checkSteps(weights ?? '')) !== check) return null;
  if (weights === null) return { calibration, weights: null };
  const values = yield* decodeWeights(weights);
  return values && { calibration, weights: values };
}

function sameValues(a: Float32Array, b: Float32Array | null): boolean {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The matcher for `answers`, restored from `stored` when it was trained on exactly these answers,
 * else trained; `store` is then the entry to keep for the next sidebar (null when restored).
 */
export function* restoreOrTrainSteps(
  answers: AnswerDoc[],
  stored: unknown,
  maxWeightChars: number,
  /** The answers' fingerprint, when the caller took it already. */
  known?: string,
): Steps<{ matcher: Matcher; store: StoredTraining | null }> {
  const fingerprint = known ?? (yield* fingerprintSteps(answers));
  const restored = yield* decodeTraining(stored, fingerprint);
  const matcher = yield* matcherSteps(answers, {}, DEFAULT_TUNING, restored ?? undefined);
  // Weights the classifier refused were trained again: the entry is replaced by a sound one.
  const taken = restored !== null && (restored.weights === null || sameValues(restored.weights, matcher.trained.weights));
  return { matcher, store: taken ? null : yield* encodeTraining(fingerprint, matcher.trained, maxWeightChars) };
}

export { fingerprintSteps };
