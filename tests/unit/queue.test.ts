import { describe, expect, it } from 'vitest';
import { ALL, queueCounts, queueView, sortQueue, type QueueEntry } from '../../src/domain/queue';

const entry = (ticketId: number, patch: Partial<QueueEntry>): QueueEntry => ({
  ticketId,
  status: 'escalated',
  remainingMinutes: null,
  escalatedAt: null,
  groupId: 1,
  assigneeId: 7,
  ...patch,
});

const entries = [
  entry(1, { escalatedAt: '2026-11-10T00:00:00Z' }),
  entry(2, { status: 'requested', remainingMinutes: 30 }),
  entry(3, { status: 'overdue', remainingMinutes: -60, groupId: 2 }),
  entry(4, { escalatedAt: '2026-11-01T00:00:00Z', assigneeId: 8 }),
  entry(5, { status: 'overdue', remainingMinutes: -2000 }),
  entry(6, { status: 'requested', remainingMinutes: 5, assigneeId: null }),
];

describe('escalation queue order', () => {
  it('puts overdue requests first (longest past the target first), then requests by time left, then escalations oldest first', () => {
    expect(sortQueue(entries).map((e) => e.ticketId)).toEqual([5, 3, 6, 2, 4, 1]);
  });

  it('does not depend on the order it was given, and breaks ties by ticket id', () => {
    const tie = [entry(9, { escalatedAt: '2026-11-01T00:00:00Z' }), entry(8, { escalatedAt: '2026-11-01T00:00:00Z' })];
    expect(sortQueue([...entries].reverse())).toEqual(sortQueue(entries));
    expect(sortQueue(tie).map((e) => e.ticketId)).toEqual([8, 9]);
  });

  it('puts an escalation whose date is unknown after the dated ones', () => {
    expect(sortQueue([entry(1, {}), entry(2, { escalatedAt: '2026-11-01T00:00:00Z' })]).map((e) => e.ticketId)).toEqual([2, 1]);
  });
});

describe('escalation queue filters and counts', () => {
  it('filters by status, group and assignee, in queue order', () => {
    expect(queueView(entries, ALL).map((e) => e.ticketId)).toEqual([5, 3, 6, 2, 4, 1]);
    // Requests: the overdue ones too, first.
    expect(queueView(entries, { ...ALL, status: 'requested' }).map((e) => e.ticketId)).toEqual([5, 3, 6, 2]);
    expect(queueView(entries, { ...ALL, status: 'overdue' }).map((e) => e.ticketId)).toEqual([5, 3]);
    expect(queueView(entries, { ...ALL, groupId: 2 }).map((e) => e.ticketId)).toEqual([3]);
    expect(queueView(entries, { ...ALL, assigneeId: 8 }).map((e) => e.ticketId)).toEqual([4]);
    expect(queueView(entries, { status: 'overdue', groupId: 1, assigneeId: 7 }).map((e) => e.ticketId)).toEqual([5]);
  });

  it('counts each status under the group and assignee filters, whatever status is chosen', () => {
    expect(queueCounts(entries, ALL)).toEqual({ overdue: 2, requested: 2, escalated: 2 });
    expect(queueCounts(entries, { status: 'escalated', groupId: 1, assigneeId: null })).toEqual({
      overdue: 1,
      requested: 2,
      escalated: 2,
    });
    expect(queueCounts(entries, { ...ALL, assigneeId: 7 })).toEqual({ overdue: 2, requested: 1, escalated: 1 });
  });
});
