import { signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import { hasEscalationTrace, suspiciousChanges } from '../../domain/escalation';
import { countInWindow, escalationEvents, leadConsoleMetrics, uniqueById, type LeadConsoleMetrics } from '../../domain/metrics';
import { exportTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import { escalationHistories } from './histories';

const DAY_MS = 86_400_000;

export interface MetricsReport extends LeadConsoleMetrics {
  /** The period these figures cover: the labels name it, not the button last pressed. */
  days: 7 | 30;
  /** How many tickets the figures cover when the window held more than the console reads; else null. */
  truncatedAt: number | null;
  /** Escalation changes in the window that the escalation rules forbid for whoever made them. */
  flaggedChanges: number;
}

/**
 * Team metrics for 7 or 30 days, from Zendesk search and the escalated tickets' audits. The
 * tickets come from the export search: the offset search stops at 1,000 results and can repeat
 * one across pages; the export does neither.
 */
export function createMetricsModel(host: HostClient, lead: LeadAccess, now: () => Date) {
  const days = signal<7 | 30>(7);
  const metrics = createResource<MetricsReport>();

  async function read(window: 7 | 30): Promise<MetricsReport> {
    const at = now();
    const since = new Date(at.getTime() - window * DAY_MS).toISOString().slice(0, 10);
    const found = await exportTickets(host, `updated>${since}`);
    const tickets = uniqueById(found.tickets);
    const history = await escalationHistories(
      host,
      tickets.filter((t) => hasEscalationTrace(t.tags)).map((t) => t.id),
    );
    const authors = [...new Set([...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)))];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    const events = escalationEvents(history, (id) => people.get(id)?.isLead === true);
    const flagged = [...history.values()].flatMap((h) => suspiciousChanges(h, (id) => people.get(id)?.isLead));
    return {
      ...leadConsoleMetrics(events, tickets, { days: window, now: at }),
      days: window,
      truncatedAt: found.complete ? null : tickets.length,
      flaggedChanges: countInWindow(
        flagged.map((c) => c.at),
        { days: window, now: at },
      ),
    };
  }

  const load = (window = days.value) => {
    days.value = window;
    return metrics.run(() => read(window));
  };
  return { days, metrics: metrics.state, load };
}
