import type { SessionCache } from '../../app/sessionCache';
import { listAnswers, type Answer } from '../../host/api/answers';
import type { HostClient } from '../../host/client';

const KEY = 'answers';
/** How long a session trusts its copy before asking for what changed (by updated_at). */
export const LIBRARY_FRESH_MS = 60 * 60 * 1000;

interface Stored {
  answers: Answer[];
  /** The newest updated_at seen: the next refresh asks only for records changed after it. */
  cursor: string;
}

const newest = (answers: Answer[], since = '') => answers.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), since);

/**
 * The answer library, fetched once per agent session and shared by every ticket's sidebar
 * through the session cache; afterwards only changed records are fetched, at most hourly.
 */
export function createAnswerLibrary(host: HostClient, cache: SessionCache, now: () => number = Date.now) {
  let inflight: Promise<Answer[]> | null = null;

  async function fetchLibrary(force: boolean): Promise<Answer[]> {
    const hit = cache.get<Stored>(KEY, Number.POSITIVE_INFINITY);
    if (hit && !force && now() - hit.savedAt < LIBRARY_FRESH_MS) return hit.value.answers;
    if (hit) {
      const changed = await listAnswers(host, hit.value.cursor);
      const byId = new Map(hit.value.answers.map((a) => [a.id, a]));
      for (const answer of changed) byId.set(answer.id, answer);
      const answers = [...byId.values()];
      cache.set(KEY, { answers, cursor: newest(changed, hit.value.cursor) } satisfies Stored);
      return answers;
    }
    const answers = await listAnswers(host);
    cache.set(KEY, { answers, cursor: newest(answers) } satisfies Stored);
    return answers;
  }

  return {
    load(force = false): Promise<Answer[]> {
      inflight ??= fetchLibrary(force).finally(() => (inflight = null));
      return inflight;
    },
    /** Puts a record the app itself changed into the cached copy right away. */
    remember(answer: Answer) {
      const hit = cache.get<Stored>(KEY, Number.POSITIVE_INFINITY);
      if (!hit) return;
      const answers = hit.value.answers.filter((a) => a.id !== answer.id).concat(answer);
      cache.set(KEY, { answers, cursor: hit.value.cursor } satisfies Stored);
    },
  };
}
export type AnswerLibrary = ReturnType<typeof createAnswerLibrary>;
