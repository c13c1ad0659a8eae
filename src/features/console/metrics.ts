import { signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import { leadConsoleMetrics, uniqueById, type LeadConsoleMetrics } from '../../domain/metrics';
import { exportTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import { escalationEvents, escalationFieldId, histories } from './data';

const DAY_MS = 86_400_000;

export interface MetricsReport extends LeadConsoleMetrics {
  /** How many tickets the figures cover when the window held more than the console reads; else null. */
  truncatedAt: number | null;
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
    const [found, fieldId] = await Promise.all([exportTickets(host, `updated>${since}`), escalationFieldId(host)]);
    const tickets = uniqueById(found.tickets);
    const escalated = tickets.filter((t) => t.tags.some((tag) => tag.startsWith('escalation_') && tag !== 'escalation_none'));
    const history = await histories(host, escalated, fieldId);
    const authors = [...new Set([...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)))];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    const events = escalationEvents(history, (id) => people.get(id)?.isLead === true);
    return { ...leadConsoleMetrics(events, tickets, { days: window, now: at }), truncatedAt: found.complete ? null : tickets.length };
  }

  const load = (window = days.value) => {
    days.value = window;
    return metrics.run(() => read(window));
  };
  return { days, metrics: metrics.state, load };
}
