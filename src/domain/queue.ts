/** The lead's escalation queue: which ticket needs a lead first, filters and counts. Pure. */

/** Disjoint, as the queue's badges show them: an overdue request is not also counted as requested. */
export const QUEUE_STATUSES = ['overdue', 'requested', 'escalated'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueEntry {
  ticketId: number;
  status: QueueStatus;
  /** Minutes left to the lead response target, negative once overdue; null for escalated tickets. */
  remainingMinutes: number | null;
  /** When the ticket was escalated (ISO), or when it was created when the audits do not say. */
  escalatedAt: string | null;
  groupId: number | null;
  assigneeId: number | null;
}

export interface QueueFilter {
  /** 'requested': every open request, overdue ones included. */
  status: QueueStatus | 'all';
  /** null: any group. */
  groupId: number | null;
  /** null: anyone. */
  assigneeId: number | null;
}

export const ALL: QueueFilter = { status: 'all', groupId: null, assigneeId: null };

const RANK: Record<QueueStatus, number> = { overdue: 0, requested: 1, escalated: 2 };

function time(iso: string | null): number {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? Infinity : ms;
}

/**
 * What needs a lead now comes first: overdue requests (longest past the target first), then
 * requests by time left, then escalated tickets by age (escalated longest ago first). With one
 * target for every request, both request orders are "asked longest ago first".
 */
function compareQueue(a: QueueEntry, b: QueueEntry): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    (a.remainingMinutes ?? 0) - (b.remainingMinutes ?? 0) ||
    time(a.escalatedAt) - time(b.escalatedAt) ||
    a.ticketId - b.ticketId
  );
}

export function sortQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareQueue);
}

function matchesFilter(entry: QueueEntry, filter: QueueFilter): boolean {
  return (
    (filter.status === 'all' || entry.status === filter.status || (filter.status === 'requested' && entry.status === 'overdue')) &&
    (filter.groupId === null || entry.groupId === filter.groupId) &&
    (filter.assigneeId === null || entry.assigneeId === filter.assigneeId)
  );
}

/** The entries a filter keeps, in queue order. */
export function queueView<T extends QueueEntry>(entries: readonly T[], filter: QueueFilter): T[] {
  return sortQueue(entries.filter((entry) => matchesFilter(entry, filter)));
}

/** How many entries have each status, under the group and assignee filters (not the status one, so every count stays visible). */
export function queueCounts(entries: readonly QueueEntry[], filter: QueueFilter): Record<QueueStatus, number> {
  const counts: Record<QueueStatus, number> = { overdue: 0, requested: 0, escalated: 0 };
  for (const entry of entries) if (matchesFilter(entry, { ...filter, status: 'all' })) counts[entry.status]++;
  return counts;
}
