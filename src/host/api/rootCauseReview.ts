import { mergedTickets } from '../../domain/rootCauses';
import type { HostClient } from '../client';
import { ApiError } from '../errors';
import { getRecord, listRecords, ROOT_CAUSE_OBJECT } from './customObjects';
import { deleteRecord, updateRecord } from './recordWrites';
import { RootCauseRecordSchema, toRootCause, type RootCause } from './rootCauses';

/* The leads' side of root causes (the console, and the proposal modal linking its answer): reading, linking, merging. */

/** Links the answer made from a cause to it: one update. */
export async function linkRootCauseAnswer(host: HostClient, id: string, answerId: string): Promise<RootCause> {
  return toRootCause(await updateRecord(host, ROOT_CAUSE_OBJECT, id, { fields: { answer_id: answerId } }, RootCauseRecordSchema));
}

export async function listRootCauses(host: HostClient): Promise<RootCause[]> {
  return (await listRecords(host, ROOT_CAUSE_OBJECT, RootCauseRecordSchema)).map(toRootCause);
}

/** A cause as Zendesk has it now, or null when it is gone. */
async function currentCause(host: HostClient, id: string): Promise<RootCause | null> {
  try {
    return toRootCause(await getRecord(host, ROOT_CAUSE_OBJECT, id, RootCauseRecordSchema));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export type MergeResult = { kind: 'merged'; kept: RootCause } | { kind: 'gone' } | { kind: 'changed' };

/**
 * Merges a duplicate into the cause kept: the kept one takes the duplicate's tickets (and its
 * answer, when it has none), then the duplicate is deleted. Both are read again first: one that
 * is gone, or changed since the lead saw it (`seen`: updated_at by id), stops the merge untouched.
 */
export async function mergeRootCauses(
  host: HostClient,
  keptId: string,
  duplicateId: string,
  seen: Record<string, string>,
): Promise<MergeResult> {
  const [kept, duplicate] = await Promise.all([currentCause(host, keptId), currentCause(host, duplicateId)]);
  if (!kept || !duplicate) return { kind: 'gone' };
  if (kept.updatedAt !== seen[keptId] || duplicate.updatedAt !== seen[duplicateId]) return { kind: 'changed' };
  const [first, ...others] = mergedTickets(kept.ticketIds, duplicate.ticketIds);
  const fields: Record<string, unknown> = { ticket_id: first, merged_ticket_ids: others.join(' ') };
  if (!kept.answerId && duplicate.answerId) fields.answer_id = duplicate.answerId;
  const updated = toRootCause(await updateRecord(host, ROOT_CAUSE_OBJECT, keptId, { fields }, RootCauseRecordSchema));
  await deleteRecord(host, ROOT_CAUSE_OBJECT, duplicateId);
  return { kind: 'merged', kept: updated };
}
