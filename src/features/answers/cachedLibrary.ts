import type { SessionCache } from '../../app/sessionCache';
import { latestAnswer, listAnswers, versionOf, type Answer } from '../../host/api/answers';
import type { HostClient } from '../../host/client';
import { connectSharedMatcher, keepList, recallList, type MatcherClient } from './sharedMatcher';

const KEY = 'answers';
const CHECKED_KEY = 'answers:checked';
/** How long a session trusts its copy at most before reading the library again in full. */
export const LIBRARY_FRESH_MS = 60 * 60 * 1000;
/**
 * How often a ticket view checks the copy against Zendesk. The check is one small request (the
 * most recently written record); an agent opening tickets faster than this sees the copy as of
 * the last check, at most this old.
 */
export const LIBRARY_CHECK_MS = 30 * 1000;

interface Stored {
  answers: Answer[];
  /**
   * When the copy was read from Zendesk: it names the copy for every frame of the session, as it
   * names the worker's parts of it (sharedMatcher.ts). Absent in a copy an older version stored.
   */
  savedAt?: number;
}

/** Whether the copy already holds the library's most recent write (a save counts the revision up). */
function holds(answers: Answer[], newest: Answer | null): boolean {
  if (!newest) return answers.length === 0;
  return answers.some((a) => a.id === newest.id && versionOf(a) === versionOf(newest));
}

/**
 * The answer library, fetched once per agent session and shared by every ticket's sidebar
 * through the session cache, and through the session's shared worker as well: a large account's
 * library does not fit the browser's storage, and would otherwise be read in full on every ticket.
 * Zendesk documents no "changed since" filter for records, so a ticket
 * view checks cheaply instead: when the record written last is not in the copy, the library is
 * read again in full. The console's changes reach the copy at once (`remember`, and a message to
 * the open sidebars: features/answers/sync.ts). A record deleted in Zendesk drops out with the
 * hourly full read.
 */
export function createAnswerLibrary(
  host: HostClient,
  cache: SessionCache,
  now: () => number = Date.now,
  worker: () => MatcherClient | null = connectSharedMatcher,
) {
  let inflight: Promise<Answer[]> | null = null;
  /** When the copy each list this frame handed out was saved (`copyOf` names it from that). */
  const copies = new WeakMap<Answer[], number>();
  const named = ({ answers, savedAt }: Stored) => {
    if (savedAt !== undefined) copies.set(answers, savedAt);
    return answers;
  };
  /** The copy this frame had from the worker (not put in its own cache: storing it is what failed). */
  let recalled: { value: Stored; savedAt: number } | null = null;

  const fresh = <T extends { savedAt: number }>(entry: T | null) => (entry && now() - entry.savedAt < LIBRARY_FRESH_MS ? entry : null);
  /** The session's copy as this frame holds it, or null. */
  const held = () => cache.get<Stored>(KEY, LIBRARY_FRESH_MS) ?? fresh(recalled);
  /** The session's copy: this frame's, else the worker's. */
  async function sessionCopy() {
    const mine = held();
    if (mine) return mine;
    const client = worker();
    const list = client ? await recallList(client, KEY).catch(() => null) : null;
    if (list) recalled = { value: { answers: list.items as Answer[], savedAt: list.savedAt }, savedAt: list.savedAt };
    return held();
  }
  function keep(answers: Answer[]): Stored {
    const savedAt = now();
    const entry = { value: { answers, savedAt } satisfies Stored, savedAt };
    cache.set(KEY, entry.value);
    recalled = entry;
    const client = worker();
    if (client) void keepList(client, KEY, answers, entry.savedAt).catch(() => undefined);
    return entry.value;
  }

  async function fetchLibrary(force: boolean, checkNow = false): Promise<Answer[]> {
    const hit = force ? null : await sessionCopy();
    if (hit) {
      if (!checkNow && cache.get<boolean>(CHECKED_KEY, LIBRARY_CHECK_MS)) return named(hit.value);
      // A failed check keeps the copy: the panel still works, the next view checks again.
      const newest = await latestAnswer(host).catch(() => undefined);
      if (newest === undefined) return named(hit.value);
      cache.set(CHECKED_KEY, true);
      if (holds(hit.value.answers, newest)) return named(hit.value);
    }
    const copy = keep(await listAnswers(host));
    cache.set(CHECKED_KEY, true);
    return named(copy);
  }

  return {
    load(force = false): Promise<Answer[]> {
      inflight ??= fetchLibrary(force).finally(() => (inflight = null));
      return inflight;
    },
    /**
     * The library as Zendesk has it now, for a caller that asks seldom (the background's watcher):
     * the record written last is always asked for, however recently a ticket view checked, and
     * the library is read in full only when the copy does not hold it.
     */
    current(): Promise<Answer[]> {
      inflight ??= fetchLibrary(false, true).finally(() => (inflight = null));
      return inflight;
    },
    /**
     * Which copy of the library a list from `load` or `current` is: the same for every frame of
     * the session that reads that copy, so what is worked out from it once (the matcher's
     * fingerprint) is found again. Undefined when not known.
     */
    copyOf(list: Answer[]): string | undefined {
      const savedAt = copies.get(list);
      if (savedAt === undefined) return undefined;
      // Its time, with its size and its newest record: two frames saving different copies in the same millisecond still name them apart.
      const newest = list.reduce((last, a) => (a.updatedAt > last ? a.updatedAt : last), '');
      return `${savedAt}:${list.length}:${newest}`;
    },
    /** Whether the session's copy holds answer `id` at `version` (another instance put it there). */
    holds(id: string, version: string): boolean {
      return !!held()?.value.answers.some((a) => a.id === id && versionOf(a) === version);
    },
    /** Puts a record the app itself changed into the cached copy right away (a stale copy is read again anyway). */
    remember(answer: Answer) {
      const hit = held();
      if (hit) keep(hit.value.answers.filter((a) => a.id !== answer.id).concat(answer));
    },
  };
}
export type AnswerLibrary = ReturnType<typeof createAnswerLibrary>;
