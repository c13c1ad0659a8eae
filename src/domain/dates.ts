/** Dates as the app reads them from Zendesk, and "12 days ago" style ages. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A date from an ISO string or a Date, or null when there is none or it cannot be read. */
export function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
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
