/** Review scheduling for approved answers and "12 days ago" style ages. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface ReviewStatus {
  dueAt: Date | null;
  overdue: boolean;
  /** Whole days until due, rounded away from zero; negative once overdue. */
  daysUntilDue: number | null;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
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

export type RelativeUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

export interface RelativeAge {
  unit: RelativeUnit;
  /** Whole units elapsed, never negative; pass -value to Intl.RelativeTimeFormat for "… ago". */
  value: number;
}

/**
 * Largest unit with at least one whole step. Months are counted as 30 days and
 * years as 365: close enough for "approved 3 months ago". Future dates (clock
 * skew between browser and server) count as "0 minutes".
 */
export function relativeAge(date: Date | string, now: Date): RelativeAge {
  const then = toDate(date);
  const elapsed = then ? Math.max(0, now.getTime() - then.getTime()) : 0;
  const days = Math.floor(elapsed / DAY_MS);
  if (days >= 365) return { unit: 'year', value: Math.floor(days / 365) };
  if (days >= 30) return { unit: 'month', value: Math.floor(days / 30) };
  if (days >= 1) return { unit: 'day', value: days };
  if (elapsed >= HOUR_MS) return { unit: 'hour', value: Math.floor(elapsed / HOUR_MS) };
  return { unit: 'minute', value: Math.floor(elapsed / MINUTE_MS) };
}
