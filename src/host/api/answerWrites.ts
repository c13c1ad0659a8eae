import type { HostClient } from '../client';
import { ApiError, HostTimeoutError, WriteNotAppliedError, WriteUncertainError } from '../errors';
import { AnswerRecordSchema, toAnswer, type Answer } from './answers';
import { ANSWER_OBJECT, assertFits, createRecord, recordBytes } from './customObjects';
import { recordByExternalId, updateRecord } from './recordWrites';

/* Writing answers: the proposal modal and the console do, the sidebar never does (a chunk of its own). */

function answerFields(answer: Partial<Answer>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (answer.summary !== undefined) fields.summary = answer.summary;
  if (answer.body !== undefined) fields.answer_body = answer.body;
  if (answer.examples !== undefined) fields.examples = answer.examples.join('\n');
  if (answer.tags !== undefined) fields.match_tags = answer.tags.join(' ');
  if (answer.locale !== undefined) fields.locale = answer.locale ?? '';
  if (answer.status !== undefined) fields.status = answer.status;
  if (answer.ownerId !== undefined) fields.owner_id = answer.ownerId;
  if (answer.approvedById !== undefined) fields.approved_by_id = answer.approvedById;
  if (answer.approvedAt !== undefined) fields.approved_at = answer.approvedAt ?? '';
  if (answer.approvalFingerprint !== undefined) fields.approval_fingerprint = answer.approvalFingerprint ?? '';
  if (answer.revision !== undefined) fields.revision = answer.revision;
  if (answer.reviewIntervalDays !== undefined) fields.review_interval_days = answer.reviewIntervalDays;
  if (answer.articleIds !== undefined) fields.article_ids = answer.articleIds.join(' ');
  if (answer.sourceTicketId !== undefined) fields.source_ticket_id = answer.sourceTicketId;
  if (answer.reviewNote !== undefined) fields.review_note = answer.reviewNote;
  if (answer.problemTicketId !== undefined) fields.problem_ticket_id = answer.problemTicketId;
  if (answer.eta !== undefined) fields.eta = answer.eta ?? '';
  if (answer.replacesMacroId !== undefined) fields.replaces_macro_id = answer.replacesMacroId;
  return fields;
}

/**
 * Creates an answer at most once per `key` (the record's `external_id`, which Zendesk keeps unique
 * per object): a retry after a timed-out create finds the record the first attempt made instead of
 * making a second one.
 */
export async function createAnswer(host: HostClient, answer: Partial<Answer> & { title: string }, key: string): Promise<Answer> {
  const record = { name: answer.title, fields: answerFields({ revision: 1, ...answer }), externalId: key };
  assertFits(record);
  const find = () => recordByExternalId(host, ANSWER_OBJECT, key, AnswerRecordSchema);
  const existing = await find();
  if (existing) return toAnswer(existing);
  try {
    return toAnswer(await createRecord(host, ANSWER_OBJECT, record, AnswerRecordSchema));
  } catch (error) {
    const timedOut = error instanceof HostTimeoutError;
    // The key taken meanwhile (an earlier attempt landed after all), or a timeout that may have
    // made the record: a fresh read by the key tells.
    if (!timedOut && !(error instanceof ApiError && error.status === 422)) throw error;
    const made = await find().catch(() => undefined);
    if (made) return toAnswer(made);
    if (timedOut) throw made === undefined ? new WriteUncertainError('create answer') : new WriteNotAppliedError('create answer');
    throw error;
  }
}

/** Saves a change to an answer; `current` (as last read) lets an over-size result be refused unsent. */
export async function updateAnswer(host: HostClient, id: string, change: Partial<Answer>, current?: Answer): Promise<Answer> {
  const update: { name?: string; fields: Record<string, unknown> } = { fields: answerFields(change) };
  if (change.title !== undefined) update.name = change.title;
  const before = current && { name: current.title, fields: answerFields(current) };
  return toAnswer(await updateRecord(host, ANSWER_OBJECT, id, update, AnswerRecordSchema, before));
}

/** The size of the record an answer with these values is stored as (Zendesk allows 32 KB). */
export function answerRecordBytes(answer: Partial<Answer> & { title: string }): number {
  return recordBytes({ name: answer.title, fields: answerFields(answer) });
}
