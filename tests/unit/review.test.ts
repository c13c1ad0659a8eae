import { describe, expect, it } from 'vitest';
import { relativeAge } from '../../src/domain/dates';
import { reviewStatus } from '../../src/domain/answers/review';

const now = new Date('2024-06-15T12:00:00Z');

describe('reviewStatus', () => {
  it('uses the answer interval when set', () => {
    const status = reviewStatus('2024-06-01T12:00:00Z', 30, 90, now);
    expect(status.dueAt?.toISOString()).toBe('2024-07-01T12:00:00.000Z');
    expect(status.overdue).toBe(false);
    expect(status.daysUntilDue).toBe(16);
  });

  it('never comes due, and never yields an Invalid Date, for an interval past the end of time', () => {
    for (const days of [1e300, Number.MAX_SAFE_INTEGER, 1e9]) {
      expect(reviewStatus('2024-06-01T12:00:00Z', days, 90, now)).toEqual({ dueAt: null, overdue: false, daysUntilDue: null });
    }
  });

  it('falls back to the default interval', () => {
    const status = reviewStatus('2024-01-01T00:00:00Z', null, 90, now);
    expect(status.dueAt?.toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(status.overdue).toBe(true);
    expect(status.daysUntilDue).toBe(-77);
  });

  it('rounds partial days away from zero', () => {
    expect(reviewStatus('2024-06-14T18:00:00Z', 1, 90, now).daysUntilDue).toBe(1);
    expect(reviewStatus('2024-06-14T06:00:00Z', 1, 90, now).daysUntilDue).toBe(-1);
  });

  it('is overdue exactly at the due time', () => {
    expect(reviewStatus('2024-06-08T12:00:00Z', 7, 90, now)).toEqual({
      dueAt: new Date('2024-06-15T12:00:00Z'),
      overdue: true,
      daysUntilDue: 0,
    });
  });

  it('has no schedule without approval, with a bad date or a zero interval', () => {
    const none = { dueAt: null, overdue: false, daysUntilDue: null };
    expect(reviewStatus(null, 30, 90, now)).toEqual(none);
    expect(reviewStatus('not a date', 30, 90, now)).toEqual(none);
    expect(reviewStatus('2020-01-01T00:00:00Z', 0, 90, now)).toEqual(none);
    expect(reviewStatus('2020-01-01T00:00:00Z', null, 0, now)).toEqual(none);
  });
});

describe('relativeAge', () => {
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;

  it.each([
    [0, 'minute', 0],
    [59 * 1000, 'minute', 0],
    [5 * minute, 'minute', 5],
    [59 * minute, 'minute', 59],
    [hour, 'hour', 1],
    [23 * hour + 59 * minute, 'hour', 23],
    [day, 'day', 1],
    [12 * day, 'day', 12],
    [29 * day, 'day', 29],
    [30 * day, 'month', 1],
    [364 * day, 'month', 12],
    [365 * day, 'year', 1],
    [3 * 365 * day + 10 * day, 'year', 3],
  ] as const)('%i ms ago is %s × %i', (ms, unit, value) => {
    expect(relativeAge(ago(ms), now)).toEqual({ unit, value });
  });

  it('accepts ISO strings', () => {
    expect(relativeAge('2024-06-03T12:00:00Z', now)).toEqual({ unit: 'day', value: 12 });
  });

  it('treats future dates as just now', () => {
    expect(relativeAge(new Date(now.getTime() + 5 * hour), now)).toEqual({ unit: 'minute', value: 0 });
  });
});
