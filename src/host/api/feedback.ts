import * as z from 'zod/mini';
import type { ReportedMisfit } from '../../domain/answers/misfits';
import type { HostClient } from '../client';
import { createRecord, FEEDBACK_OBJECT, fieldsEqual, recordSchema, searchRecords } from './customObjects';
import { getTickets } from './tickets';

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
  article_title: z.optional(z.nullable(z.string())),
  ticket_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  note: z.optional(z.nullable(z.string())),
  reporter_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  handled: z.optional(z.nullable(z.boolean())),
});
export const FeedbackRecordSchema = recordSchema(FeedbackFieldsSchema);
type RawFeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

export type FeedbackKind = 'misfit' | 'outdated_article' | 'article_used' | 'example';
const KINDS: readonly string[] = ['misfit', 'outdated_article', 'article_used', 'example'] satisfies FeedbackKind[];

/** A feedback record; a kind the app does not write (or none) is `other`. */
export type FeedbackRecord = Omit<RawFeedbackRecord, 'custom_object_fields'> & {
  custom_object_fields: Omit<RawFeedbackRecord['custom_object_fields'], 'kind'> & { kind: FeedbackKind | 'other' };
};

/** Records written before the article title had its field carry it in their name only ("Outdated: …", "link: …"). */
const OLD_TITLE_PREFIX = /^(?:Outdated|link|quote): /;

export function toFeedback(record: RawFeedbackRecord): FeedbackRecord {
  const fields = record.custom_object_fields;
  const kind = fields.kind;
  const oldTitle = fields.article_id != null ? record.name.replace(OLD_TITLE_PREFIX, '') : null;
  return {
    ...record,
    custom_object_fields: {
      ...fields,
      kind: kind && KINDS.includes(kind) ? (kind as FeedbackKind) : 'other',
      article_title: fields.article_title || oldTitle,
    },
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
    articleTitle?: string;
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
        article_title: feedback.articleTitle ?? null,
        answer_id: feedback.answerId ?? null,
        note: feedback.note ?? '',
        // A record of use asks nothing of a lead: written handled, it stays out of the console's read of open reports.
        handled: feedback.kind === 'article_used',
      },
    },
    FeedbackRecordSchema,
  );
  return toFeedback(record);
}

/** The "not right for this ticket" reports made after `since`, handled or not (one filtered search): the sidebar's and the team metrics'. */
export async function misfitReportsSince(host: HostClient, since: Date): Promise<FeedbackRecord[]> {
  const conditions = [...fieldsEqual({ kind: 'misfit' }), { created_at: { $gt: since.toISOString() } }];
  return (await searchRecords(host, FEEDBACK_OBJECT, conditions, FeedbackRecordSchema)).map(toFeedback);
}

/** Show Multiple Tickets reads this many tickets at most: the subjects of the most recently reported ones. */
const SUBJECTS_READ = 100;

/**
 * The misfits reported after `since`, on every ticket, as Zendesk recorded them (only the pair
 * each names), with the reported tickets' subjects read from the tickets themselves in one call:
 * what a report says about other tickets rests on Zendesk's words, never the record's. Without
 * them (the read failed) a report still counts for its own ticket.
 */
export async function misfitsSince(host: HostClient, since: Date): Promise<ReportedMisfit[]> {
  const pairs = (await misfitReportsSince(host, since)).flatMap(({ custom_object_fields: f }) => {
    const ticketId = Number(f.ticket_id);
    return f.answer_id && Number.isSafeInteger(ticketId) ? [{ ticketId, answerId: f.answer_id }] : [];
  });
  const newest = [...new Set(pairs.map((p) => p.ticketId).reverse())].slice(0, SUBJECTS_READ);
  const tickets = await getTickets(host, newest).catch(() => []);
  const subjects = new Map(tickets.map((t) => [t.id, t.subject]));
  return pairs.map((p) => ({ ...p, subject: subjects.get(p.ticketId) ?? null }));
}

/** The example phrasings agents proposed that no lead has handled yet: one filtered search (kind and handled). */
export async function openExamples(host: HostClient): Promise<FeedbackRecord[]> {
  return (await searchRecords(host, FEEDBACK_OBJECT, fieldsEqual({ kind: 'example', handled: false }), FeedbackRecordSchema)).map(
    toFeedback,
  );
}
