import * as z from 'zod/mini';
import type { AnswerDraft } from '../answers/AnswerForm';

/** How long an unsaved edit waits for its editor: long enough for a weekend, not forever. */
export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An unsaved edit of one answer: the form's fields and the version they were based on. */
export interface StoredEdit {
  draft: AnswerDraft;
  basedOn: string;
}

// Read back from storage any frame of this origin can write: checked like any other input.
const StoredSchema = z.object({
  savedAt: z.number(),
  basedOn: z.string(),
  draft: z.object({
    title: z.string(),
    summary: z.string(),
    body: z.string(),
    examples: z.array(z.string()),
    tags: z.array(z.string()),
    locale: z.nullable(z.string()),
    replacesMacroId: z.optional(z.nullable(z.number())),
  }),
});

/**
 * A lead's unsaved edits, kept in localStorage so a reload or a crash loses nothing: per user (a
 * shared computer shows no one else's draft), expiring after DRAFT_TTL_MS, and cleared only by
 * the editor's own save or cancel — never by another action on the same answer.
 */
export function createDrafts(storage: Storage | null, userId: number, now: () => number = Date.now) {
  const key = (answerId: string) => `closed-loop:v2:draft:${userId}:${answerId}`;
  const attempt = <T>(work: () => T, fallback: T): T => {
    try {
      return work();
    } catch {
      return fallback; // storage full, blocked or holding something else
    }
  };
  const clear = (answerId: string) => attempt(() => storage?.removeItem(key(answerId)), undefined);
  return {
    read(answerId: string): StoredEdit | null {
      const raw = attempt(() => storage?.getItem(key(answerId)) ?? null, null);
      const parsed = raw === null ? null : StoredSchema.safeParse(attempt(() => JSON.parse(raw) as unknown, null));
      if (!parsed?.success || now() - parsed.data.savedAt > DRAFT_TTL_MS) {
        if (raw !== null) clear(answerId);
        return null;
      }
      return { draft: parsed.data.draft, basedOn: parsed.data.basedOn };
    },
    write(answerId: string, edit: StoredEdit) {
      attempt(() => storage?.setItem(key(answerId), JSON.stringify({ ...edit, savedAt: now() })), undefined);
    },
    clear,
  };
}
export type Drafts = ReturnType<typeof createDrafts>;
