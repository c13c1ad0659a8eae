import type { SessionCache } from '../../app/sessionCache';
import { runInSlices } from '../../app/slices';
import type { AnswerDoc, Matcher } from '../../domain/matching';
import type { TextAnalysis } from '../../domain/textAnalysis';

/**
 * One slot for the session: it names the library it was trained on (its fingerprint), so a changed
 * library is trained again and its entry replaces the old one rather than piling up beside it.
 */
const KEY = 'matcher';
/**
 * The classifier's weights are kept up to this size (about 7,500 answers of 10 examples, at 16-bit
 * precision: 5,000 take 1.0 million); larger, only the calibration is kept. The browser gives the session about 5 million characters, shared
 * with the library itself, which must not be pushed out to make room for them.
 */
export const MAX_WEIGHT_CHARS = 1_500_000;

/**
 * The matcher for `answers`, trained once per agent session: the first sidebar trains it (in
 * slices) and keeps what training learnt in the session cache; the next ones, on the same library,
 * restore it from there, and a library that changed in any way is trained again. Null when
 * superseded (`signal` aborted).
 */
export async function sessionMatcher(
  cache: SessionCache,
  tool: TextAnalysis,
  answers: AnswerDoc[],
  signal: AbortSignal,
): Promise<Matcher | null> {
  const stored = cache.get<unknown>(KEY, Number.POSITIVE_INFINITY)?.value ?? null;
  const built = await runInSlices(tool.restoreOrTrainSteps(answers, stored, MAX_WEIGHT_CHARS), signal);
  if (built?.store) cache.set(KEY, built.store);
  return built?.matcher ?? null;
}
