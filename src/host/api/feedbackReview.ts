import type { HostClient } from '../client';
import { FEEDBACK_OBJECT, fieldsEqual, searchRecords } from './customObjects';
import { FeedbackRecordSchema, toFeedback, type FeedbackRecord } from './feedback';
import { updateRecord } from './recordWrites';

/* The leads' side of feedback (the console only): reading the reports and marking them handled. */

/** The reports no lead has marked handled yet: Zendesk filters them (a handled one never comes over the wire). */
export async function listOpenFeedback(host: HostClient): Promise<FeedbackRecord[]> {
  return (await searchRecords(host, FEEDBACK_OBJECT, fieldsEqual({ handled: false }), FeedbackRecordSchema)).map(toFeedback);
}

export async function markFeedbackHandled(host: HostClient, id: string): Promise<FeedbackRecord> {
  return toFeedback(await updateRecord(host, FEEDBACK_OBJECT, id, { fields: { handled: true } }, FeedbackRecordSchema));
}
