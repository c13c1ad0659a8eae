import type { AnswerDoc } from '../matching';

/**
 * Provisional examples: ticket subjects agents proposed as example phrasings of an approved answer
 * that no lead has handled yet. The matcher learns from them at once, for everyone; the answer
 * record is not touched (its approval covers its examples, so an agent's write would un-verify it).
 * Any agent can create such a proposal through the API, so their weight is limited: a few per
 * answer, the most recent first, one per person as Zendesk recorded the creator, each kept short.
 */
export interface ProposedExample {
  answerId: string;
  text: string;
  /** Zendesk's `created_by_user_id` (no client can set it), never the record's own reporter field; null when Zendesk did not say. */
  by: number | null;
  /** Zendesk's `created_at`. */
  at: string;
}

/** What the rule reads of a `closed_loop_feedback` record of kind `example` (host/api/feedback.ts validates it). */
export interface ProposalRecord {
  created_at: string;
  created_by_user_id?: string | number | null;
  custom_object_fields: { answer_id?: string | null; note?: string | null };
}

/** At most this many provisional examples per answer. */
export const PROVISIONAL_PER_ANSWER = 3;
/** A provisional example is cut to this many characters (a subject, not a message). */
export const PROVISIONAL_MAX_CHARS = 150;

const clean = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, PROVISIONAL_MAX_CHARS).trim();
const time = (iso: string) => Date.parse(iso) || 0;

/** The proposals as Zendesk recorded them: the creator and time are Zendesk's, the text is cut short (so the session keeps little). */
export function proposedExamples(records: readonly ProposalRecord[]): ProposedExample[] {
  return records.flatMap(({ created_at, created_by_user_id, custom_object_fields: f }) => {
    const by = Number(created_by_user_id ?? NaN);
    const text = clean(f.note ?? '');
    return f.answer_id && text ? [{ answerId: f.answer_id, text, by: Number.isSafeInteger(by) && by > 0 ? by : null, at: created_at }] : [];
  });
}

/** What an answer took: from whom, the texts it says (its own examples too), the examples added. */
interface Slot {
  by: Set<number>;
  texts: Set<string>;
  added: string[];
}

/**
 * The matcher's input: `answers` (the approved ones only) with the provisional examples each may
 * take appended to its own. Proposals for any other answer are dropped, so no answer is matched
 * that was not before; a proposal without a known creator, empty, or saying what the answer's
 * examples (or a newer proposal) already say, is dropped too. The answers' records are not changed.
 */
export function withProvisional(answers: readonly AnswerDoc[], proposed: readonly ProposedExample[]): AnswerDoc[] {
  const byId = new Map(answers.map((a) => [a.id, a]));
  // Only the answers proposals name are read: a large library has many more.
  const taken = new Map<string, Slot>();
  const slotOf = (id: string): Slot | undefined => {
    const answer = byId.get(id);
    if (!answer || taken.has(id)) return taken.get(id);
    const slot: Slot = { by: new Set(), texts: new Set(answer.examples.map((e) => clean(e).toLowerCase())), added: [] };
    taken.set(id, slot);
    return slot;
  };
  const newestFirst = [...proposed].sort((a, b) => time(b.at) - time(a.at));
  for (const p of newestFirst) {
    const slot = slotOf(p.answerId);
    const text = clean(p.text);
    if (!slot || p.by === null || !text || slot.added.length >= PROVISIONAL_PER_ANSWER || slot.by.has(p.by)) continue;
    if (slot.texts.has(text.toLowerCase())) continue;
    slot.by.add(p.by);
    slot.texts.add(text.toLowerCase());
    slot.added.push(text);
  }
  return answers.map((answer) => {
    const added = taken.get(answer.id)?.added ?? [];
    return added.length ? { ...answer, examples: [...answer.examples, ...added] } : answer;
  });
}
