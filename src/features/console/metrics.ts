import { signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import { leadConsoleMetrics, type LeadConsoleMetrics } from '../../domain/metrics';
import { searchAllTickets } from '../../host/api/search';
import type { HostClient } from '../../host/client';
import { escalationEvents, escalationFieldId, histories } from './data';

const DAY_MS = 86_400_000;

/** Team metrics for 7 or 30 days, from Zendesk search and the escalated tickets' audits. */
export function createMetricsModel(host: HostClient, lead: LeadAccess, now: () => Date) {
  const days = signal<7 | 30>(7);
  const metrics = createResource<LeadConsoleMetrics>();

  async function read(window: 7 | 30): Promise<LeadConsoleMetrics> {
    const at = now();
    const since = new Date(at.getTime() - window * DAY_MS).toISOString().slice(0, 10);
    const [tickets, fieldId] = await Promise.all([searchAllTickets(host, `updated>${since}`), escalationFieldId(host)]);
    const escalated = tickets.filter((t) => t.tags.some((tag) => tag.startsWith('escalation_') && tag !== 'escalation_none'));
    const history = await histories(host, escalated, fieldId);
    const authors = [...new Set([...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)))];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    const events = escalationEvents(history, (id) => people.get(id)?.isLead === true);
    return leadConsoleMetrics(events, tickets, { days: window, now: at });
  }

  const load = (window = days.value) => {
    days.value = window;
    return metrics.run(() => read(window));
  };
  return { days, metrics: metrics.state, load };
}
