import * as z from 'zod/mini';
import { causeTitle, isCategory, mergedTickets, parseIds, serialiseWhys, type RootCauseCategory, type Why } from '../../domain/rootCauses';
import type { HostClient } from '../client';
import { createRecord, recordSchema, ROOT_CAUSE_OBJECT } from './customObjects';

/*
 * Root causes of resolved escalations, stored as `closed_loop_root_cause` records. Filing one is
 * the sidebar's; reading, linking and merging them are in rootCauseReview.ts, out of its download.
 */

const RootCauseFieldsSchema = z.object({
  ticket_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  category: z.optional(z.nullable(z.string())),
  whys: z.optional(z.nullable(z.string())),
  merged_ticket_ids: z.optional(z.nullable(z.string())),
  answer_id: z.optional(z.nullable(z.string())),
});
export const RootCauseRecordSchema = recordSchema(RootCauseFieldsSchema);
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

export function toRootCause(record: RawRootCause): RootCause {
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
