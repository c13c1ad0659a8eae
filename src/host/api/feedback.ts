import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { createRecord, listRecords, recordSchema, updateRecord } from './customObjects';

/**
 * Agent reports for the leads, stored as `closed_loop_feedback` records: an answer that did not
 * fit a ticket, an outdated Help Center article, which articles were used on which ticket, and
 * ticket subjects proposed as new example phrasings of an answer.
 */
const FEEDBACK_OBJECT = 'closed_loop_feedback';

const FeedbackFieldsSchema = z.object({
  kind: z.string(),
  answer_id: z.optional(z.nullable(z.string())),
  article_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  ticket_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  note: z.optional(z.nullable(z.string())),
  reporter_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  handled: z.optional(z.nullable(z.boolean())),
});
const FeedbackRecordSchema = recordSchema(FeedbackFieldsSchema);
export type FeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

export type FeedbackKind = 'misfit' | 'outdated_article' | 'article_used' | 'example';

export function createFeedback(
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
  return createRecord(
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
}

export async function listFeedback(host: HostClient): Promise<FeedbackRecord[]> {
  return listRecords(host, FEEDBACK_OBJECT, FeedbackRecordSchema);
}

export async function markFeedbackHandled(host: HostClient, id: string): Promise<FeedbackRecord> {
  return updateRecord(host, FEEDBACK_OBJECT, id, { fields: { handled: true } }, FeedbackRecordSchema);
}
