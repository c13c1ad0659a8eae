import * as z from 'zod/mini';
import { isCategory, mergedTickets, parseIds, serialiseWhys, causeTitle, type RootCauseCategory, type Why } from '../../domain/rootCauses';
import type { HostClient } from '../client';
import { ApiError } from '../errors';
import { createRecord, getRecord, listRecords, recordSchema, ROOT_CAUSE_OBJECT } from './customObjects';
import { deleteRecord, updateRecord } from './recordWrites';

/* Root causes of resolved escalations, stored as `closed_loop_root_cause` records. */

const RootCauseFieldsSchema = z.object({
  ticket_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  category: z.optional(z.nullable(z.string())),
  whys: z.optional(z.nullable(z.string())),
  merged_ticket_ids: z.optional(z.nullable(z.string())),
  answer_id: z.optional(z.nullable(z.string())),
});
const RootCauseRecordSchema = recordSchema(RootCauseFieldsSchema);
type RawRootCause = z.infer<typeof RootCauseRecordSchema>;

/** The stored why/because lines; a field that is not this (edited by hand in Zendesk) reads as none. */
const WhysSchema = z.array(z.object({ why: z.string(), because: z.string() }));

export function parseWhys(text: string | null | undefined): Why[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = WhysSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

export interface RootCause {
  id: string;
  name: string;
  category: RootCauseCategory;
  whys: Why[];
  /** The ticket it was found on first, then those of duplicates merged into it. */
  ticketIds: number[];
  answerId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Zendesk's record of who created it and who last changed it (null where it did not say). */
  createdById: number | null;
  updatedById: number | null;
}

const userId = (value: string | number | null | undefined) => (value == null || value === '' ? null : Number(value));

function toRootCause(record: RawRootCause): RootCause {
  const f = record.custom_object_fields;
  const first = parseIds(f.ticket_id == null ? '' : String(f.ticket_id));
  return {
    id: record.id,
    name: record.name,
    category: isCategory(f.category) ? f.category : 'other',
    whys: parseWhys(f.whys),
    ticketIds: mergedTickets(first, parseIds(f.merged_ticket_ids)),
    answerId: f.answer_id || null,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
    createdById: userId(record.created_by_user_id),
    updatedById: userId(record.updated_by_user_id),
  };
}

export async function createRootCause(
  host: HostClient,
  cause: { ticketId: number; category: RootCauseCategory; whys: Why[] },
): Promise<RootCause> {
  const record = await createRecord(
    host,
    ROOT_CAUSE_OBJECT,
    {
      name: causeTitle(cause.whys) || `#${cause.ticketId}`,
      fields: {
        ticket_id: cause.ticketId,
        category: cause.category,
        whys: serialiseWhys(cause.whys),
        merged_ticket_ids: '',
        answer_id: '',
      },
    },
    RootCauseRecordSchema,
  );
  return toRootCause(record);
}

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
