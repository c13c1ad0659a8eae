import type { SessionCache } from '../../app/sessionCache';
import { listAnswers, type Answer } from '../../host/api/answers';
import type { HostClient } from '../../host/client';

const KEY = 'answers';
/** How long a session trusts its copy before reading the library again. */
export const LIBRARY_FRESH_MS = 60 * 60 * 1000;

interface Stored {
  answers: Answer[];
}

/**
 * The answer library, fetched once per agent session and shared by every ticket's sidebar
 * through the session cache. At most hourly it is read again in full: Zendesk documents no
 * "changed since" filter for records, and a full read also drops records deleted in Zendesk.
 */
export function createAnswerLibrary(host: HostClient, cache: SessionCache, now: () => number = Date.now) {
  let inflight: Promise<Answer[]> | null = null;

  async function fetchLibrary(force: boolean): Promise<Answer[]> {
    const hit = force ? null : cache.get<Stored>(KEY, LIBRARY_FRESH_MS);
    if (hit && now() - hit.savedAt < LIBRARY_FRESH_MS) return hit.value.answers;
    const answers = await listAnswers(host);
    cache.set(KEY, { answers } satisfies Stored);
    return answers;
  }

  return {
    load(force = false): Promise<Answer[]> {
      inflight ??= fetchLibrary(force).finally(() => (inflight = null));
      return inflight;
    },
    /** Puts a record the app itself changed into the cached copy right away (a stale copy is read again anyway). */
    remember(answer: Answer) {
      const hit = cache.get<Stored>(KEY, LIBRARY_FRESH_MS);
      if (!hit) return;
      const answers = hit.value.answers.filter((a) => a.id !== answer.id).concat(answer);
      cache.set(KEY, { answers } satisfies Stored);
    },
  };
}
export type AnswerLibrary = ReturnType<typeof createAnswerLibrary>;
