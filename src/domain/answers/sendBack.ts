/**
 * A lead sending a proposal back to its proposer with a note on what to change. The note is a
 * field of the record (`review_note`), which any agent can write; who sent it back and when are
 * never stored alongside it but read from what Zendesk recorded: the record's last writer
 * (`updated_by_user_id`, which no client can set) and `updated_at`. So a proposal counts as sent
 * back only while a lead's write is the last one: a later write by anyone else (the proposer
 * revising it in Zendesk, say) ends the send-back, and a note written by a non-lead never shows as
 * a lead's. The app's other lead saves (approve, retire, edit) clear the note.
 */

/** The longest note a lead can send: a few sentences, well inside a record's 32 KB. */
export const REVIEW_NOTE_MAX_CHARS = 1000;

/** What is wrong with a note as typed, or null when it can be sent. */
export function reviewNoteProblem(note: string): 'empty' | 'too_long' | null {
  const trimmed = note.trim();
  if (!trimmed) return 'empty';
  return [...trimmed].length > REVIEW_NOTE_MAX_CHARS ? 'too_long' : null;
}

export interface SendBackRecord {
  status: 'draft' | 'approved' | 'retired';
  reviewNote: string;
  /** Zendesk's record of who last wrote the record (null where Zendesk did not say). */
  updatedById: number | null;
  updatedAt: string;
}

export interface SentBack {
  byId: number;
  at: string;
  note: string;
}

/** The send-back a proposal is under, as Zendesk's records bear it out; `isLead` answers for users looked up fresh. */
export function sentBack(record: SendBackRecord, isLead: (userId: number) => boolean): SentBack | null {
  const note = record.reviewNote.trim();
  if (record.status !== 'draft' || !note || record.updatedById === null || !isLead(record.updatedById)) return null;
  return { byId: record.updatedById, at: record.updatedAt, note };
}

/** The users whose lead status decides whether these records are sent back. */
export function sendBackPeople(records: SendBackRecord[]): number[] {
  const ids = records.flatMap((r) => (r.status === 'draft' && r.reviewNote.trim() && r.updatedById !== null ? [r.updatedById] : []));
  return [...new Set(ids)];
}
