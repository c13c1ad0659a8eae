import type { HostClient } from '../client';
import { FEEDBACK_OBJECT, listRecords } from './customObjects';
import { FeedbackRecordSchema, toFeedback, type FeedbackRecord } from './feedback';
import { updateRecord } from './recordWrites';

/* The leads' side of feedback (the console only): reading the reports and marking them handled. */

export async function listFeedback(host: HostClient): Promise<FeedbackRecord[]> {
  return (await listRecords(host, FEEDBACK_OBJECT, FeedbackRecordSchema)).map(toFeedback);
}

export async function markFeedbackHandled(host: HostClient, id: string): Promise<FeedbackRecord> {
  return toFeedback(await updateRecord(host, FEEDBACK_OBJECT, id, { fields: { handled: true } }, FeedbackRecordSchema));
}
