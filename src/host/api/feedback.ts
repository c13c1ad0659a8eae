import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { createRecord, FEEDBACK_OBJECT, listRecords, recordSchema, updateRecord } from './customObjects';

/**
 * Agent reports for the leads, stored as `closed_loop_feedback` records: an answer that did not
 * fit a ticket, an outdated Help Center article, which articles were used on which ticket, and
 * ticket subjects proposed as new example phrasings of an answer.
 */

const FeedbackFieldsSchema = z.object({
  // Records made in Zendesk's own records list may have no kind, or one the app does not know.
  kind: z.optional(z.nullable(z.string())),
  answer_id: z.optional(z.nullable(z.string())),
  article_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  ticket_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  note: z.optional(z.nullable(z.string())),
  reporter_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  handled: z.optional(z.nullable(z.boolean())),
});
const FeedbackRecordSchema = recordSchema(FeedbackFieldsSchema);
type RawFeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

export type FeedbackKind = 'misfit' | 'outdated_article' | 'article_used' | 'example';
const KINDS: readonly string[] = ['misfit', 'outdated_article', 'article_used', 'example'] satisfies FeedbackKind[];

/** A feedback record; a kind the app does not write (or none) is `other`. */
export type FeedbackRecord = Omit<RawFeedbackRecord, 'custom_object_fields'> & {
  custom_object_fields: Omit<RawFeedbackRecord['custom_object_fields'], 'kind'> & { kind: FeedbackKind | 'other' };
};

function toFeedback(record: RawFeedbackRecord): FeedbackRecord {
  const kind = record.custom_object_fields.kind;
  return {
    ...record,
    custom_object_fields: { ...record.custom_object_fields, kind: kind && KINDS.includes(kind) ? (kind as FeedbackKind) : 'other' },
  };
}

export async function createFeedback(
  host: HostClient,
  feedback: {
    kind: FeedbackKind;
    name: string;
    ticketId: number;
    reporterId: number;
    articleId?: number;
    answerId?: string;
    note?: string;
  },
): Promise<FeedbackRecord> {
  const record = await createRecord(
    host,
    FEEDBACK_OBJECT,
    {
      name: feedback.name.slice(0, 255),
      fields: {
        kind: feedback.kind,
        ticket_id: feedback.ticketId,
        reporter_id: feedback.reporterId,
        article_id: feedback.articleId ?? null,
        answer_id: feedback.answerId ?? null,
        note: feedback.note ?? '',
        handled: false,
      },
    },
    FeedbackRecordSchema,
  );
  return toFeedback(record);
}

export async function listFeedback(host: HostClient): Promise<FeedbackRecord[]> {
  return (await listRecords(host, FEEDBACK_OBJECT, FeedbackRecordSchema)).map(toFeedback);
}

export async function markFeedbackHandled(host: HostClient, id: string): Promise<FeedbackRecord> {
  return toFeedback(await updateRecord(host, FEEDBACK_OBJECT, id, { fields: { handled: true } }, FeedbackRecordSchema));
}
