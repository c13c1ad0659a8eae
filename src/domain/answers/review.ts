/** Review scheduling for approved answers. */
import { DAY_MS, toDate } from '../dates';

export interface ReviewStatus {
  dueAt: Date | null;
  overdue: boolean;
  /** Whole days until due, rounded away from zero; negative once overdue. */
  daysUntilDue: number | null;
}

/**
 * When an approved answer is due for another review. The answer's own interval
 * wins over the default; an interval of 0 or less means "never review again".
 * Never-approved answers (or an unreadable date) have no schedule and are not
 * overdue: awaiting first approval is a separate state for the caller.
 */
export function reviewStatus(approvedAt: string | null, intervalDays: number | null, defaultDays: number, now: Date): ReviewStatus {
  const approved = toDate(approvedAt);
  const days = intervalDays ?? defaultDays;
  if (!approved || !Number.isFinite(days) || days <= 0) {
    return { dueAt: null, overdue: false, daysUntilDue: null };
  }
  const dueAt = new Date(approved.getTime() + days * DAY_MS);
  // An interval past the last representable date (a hostile or mistyped record) never comes due.
  if (Number.isNaN(dueAt.getTime())) return { dueAt: null, overdue: false, daysUntilDue: null };
  const diff = dueAt.getTime() - now.getTime();
  const wholeDays = Math.ceil(Math.abs(diff) / DAY_MS);
  return {
    dueAt,
    overdue: diff <= 0,
    daysUntilDue: diff >= 0 ? wholeDays : -wholeDays,
  };
}
