import * as z from 'zod/mini';
import type { ApprovedContent } from '../../domain/answers/approval';
import type { HostClient } from '../client';
import { ANSWER_OBJECT, getRecord, latestRecord, listRecords, recordSchema } from './customObjects';

/* The lead-approved answers: custom object `closed_loop_answer` (field keys fixed for outside tools).
   Reading them; the writes are in answerWrites.ts, which the sidebar never downloads. */

const idLike = z.optional(z.nullable(z.union([z.number(), z.string()])));

const AnswerFieldsSchema = z.object({
  summary: z.optional(z.nullable(z.string())),
  answer_body: z.optional(z.nullable(z.string())),
  examples: z.optional(z.nullable(z.string())),
  match_tags: z.optional(z.nullable(z.string())),
  locale: z.optional(z.nullable(z.string())),
  status: z.optional(z.nullable(z.string())),
  owner_id: idLike,
  approved_by_id: idLike,
  approved_at: z.optional(z.nullable(z.string())),
  approval_fingerprint: z.optional(z.nullable(z.string())),
  revision: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  review_interval_days: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  article_ids: z.optional(z.nullable(z.string())),
  source_ticket_id: idLike,
  review_note: z.optional(z.nullable(z.string())),
  problem_ticket_id: idLike,
  eta: z.optional(z.nullable(z.string())),
  replaces_macro_id: idLike,
});
export const AnswerRecordSchema = recordSchema(AnswerFieldsSchema);
export type AnswerRecord = z.infer<typeof AnswerRecordSchema>;

export type AnswerStatus = 'draft' | 'approved' | 'retired';

/** The record in the shape the app works with: lists split, ids as numbers, status checked. */
export interface Answer extends ApprovedContent {
  id: string;
  status: AnswerStatus;
  ownerId: number | null;
  approvedById: number | null;
  approvedAt: string | null;
  /** The content fingerprint stored with the approval (domain/answers/approval.ts). */
  approvalFingerprint: string | null;
  /** Counts the app's saves (0 for records written before the field existed): see `versionOf`. */
  revision: number;
  reviewIntervalDays: number | null;
  articleIds: number[];
  /** The ticket a proposal was made from (null for answers written in the console or in Zendesk). */
  sourceTicketId: number | null;
  /** A lead's note sending a proposal back; whether it counts is domain/answers/sendBack.ts's to say. */
  reviewNote: string;
  /** A known-issue statement: the problem ticket it speaks for (null for every other answer). */
  problemTicketId: number | null;
  /** A known-issue statement's expected fix time, as the lead gave it (ISO 8601), or null. */
  eta: string | null;
  /** The Zendesk macro this answer replaces (its id), so leads can retire the macro or align it. */
  replacesMacroId: number | null;
  updatedAt: string;
  createdAt: string;
  /** Who last wrote the record, as Zendesk recorded it. */
  updatedById: number | null;
  /** Who made the record, as Zendesk recorded it: for a proposal, who proposed it (unlike `ownerId`, no client can write it). */
  createdById: number | null;
}

const toId = (value: unknown): number | null => {
  const n = Number(value);
  return value !== null && value !== undefined && value !== '' && Number.isFinite(n) ? n : null;
};

export function toAnswer(record: AnswerRecord): Answer {
  const f = record.custom_object_fields;
  const status = f.status === 'approved' || f.status === 'retired' ? f.status : 'draft';
  return {
    id: record.id,
    title: record.name,
    summary: f.summary ?? '',
    body: f.answer_body ?? '',
    examples: (f.examples ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    tags: (f.match_tags ?? '').split(/[\s,]+/).filter(Boolean),
    locale: f.locale?.trim() || null,
    status,
    ownerId: toId(f.owner_id),
    approvedById: toId(f.approved_by_id),
    approvedAt: f.approved_at || null,
    approvalFingerprint: f.approval_fingerprint || null,
    revision: Math.max(0, Math.trunc(toId(f.revision) ?? 0)),
    reviewIntervalDays: toId(f.review_interval_days),
    articleIds: (f.article_ids ?? '')
      .split(/[\s,]+/)
      .map(Number)
      .filter((n) => Number.isFinite(n) && n > 0),
    sourceTicketId: toId(f.source_ticket_id),
    reviewNote: f.review_note ?? '',
    problemTicketId: toId(f.problem_ticket_id),
    eta: f.eta || null,
    replacesMacroId: toId(f.replaces_macro_id),
    updatedAt: record.updated_at,
    createdAt: record.created_at,
    updatedById: toId(record.updated_by_user_id),
    createdById: toId(record.created_by_user_id),
  };
}

/**
 * The version of an answer a save is based on. The revision alone misses writes by other tools
 * (they do not count it up); `updated_at` alone misses a second write within the same second.
 */
export const versionOf = (answer: Pick<Answer, 'revision' | 'updatedAt'>) => `${answer.revision}@${answer.updatedAt}`;

/** Every answer record, most recently written first (listRecords); `onPage` sees those read so far after each page but the last. */
export async function listAnswers(host: HostClient, onPage?: (soFar: Answer[]) => void): Promise<Answer[]> {
  return listRecords(host, ANSWER_OBJECT, AnswerRecordSchema, { map: toAnswer, onPage });
}

export async function getAnswer(host: HostClient, id: string): Promise<Answer> {
  return toAnswer(await getRecord(host, ANSWER_OBJECT, id, AnswerRecordSchema));
}

/** The answer written last, for a cheap check whether a copy of the library is current. */
export async function latestAnswer(host: HostClient): Promise<Answer | null> {
  const record = await latestRecord(host, ANSWER_OBJECT, AnswerRecordSchema);
  return record && toAnswer(record);
}
