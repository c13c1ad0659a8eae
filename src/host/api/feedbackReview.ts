import type { HostClient } from '../client';
import { FEEDBACK_OBJECT, fieldsEqual, searchRecords } from './customObjects';
import { FeedbackRecordSchema, toFeedback, type FeedbackRecord } from './feedback';
import { updateRecord } from './recordWrites';

/* The leads' side of feedback (the console only): reading the reports and marking them handled. */

/** The reports no lead has marked handled yet: Zendesk filters them (a handled one never comes over the wire). */
export async function listOpenFeedback(host: HostClient): Promise<FeedbackRecord[]> {
  return (await searchRecords(host, FEEDBACK_OBJECT, fieldsEqual({ handled: false }), FeedbackRecordSchema)).map(toFeedback);
}

/** The "not right for this ticket" reports made after `since`, handled or not: what the team metrics count. */
export async function misfitReportsSince(host: HostClient, since: Date): Promise<FeedbackRecord[]> {
  const conditions = [...fieldsEqual({ kind: 'misfit' }), { created_at: { $gt: since.toISOString() } }];
  return (await searchRecords(host, FEEDBACK_OBJECT, conditions, FeedbackRecordSchema)).map(toFeedback);
}

export async function markFeedbackHandled(host: HostClient, id: string): Promise<FeedbackRecord> {
  return toFeedback(await updateRecord(host, FEEDBACK_OBJECT, id, { fields: { handled: true } }, FeedbackRecordSchema));
}
