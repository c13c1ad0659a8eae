import { computed, signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import {
  answerOutcomes,
  type AnswerOutcomes,
  type MisfitReport,
  type OutcomeTicket,
  type TicketCounts,
} from '../../domain/answers/outcomes';
import { hasEscalationTrace, suspiciousChanges } from '../../domain/escalation';
import {
  countInWindow,
  escalationEvents,
  escalationRate,
  escalationRateByGroup,
  leadConsoleMetrics,
  leadDecisions,
  uniqueById,
  type EscalationRate,
  type LeadConsoleMetrics,
  type LeadDecisions,
  type MetricWindow,
  type TeamRate,
  type WindowDays,
} from '../../domain/metrics';
import { listFeedback } from '../../host/api/feedbackReview';
import { exportTickets } from '../../host/api/search';
import { getGroups } from '../../host/api/users';
import { ticketMetricsSince } from '../../host/api/ticketMetrics';
import type { HostClient } from '../../host/client';
import { escalationHistories } from './histories';

const DAY_MS = 86_400_000;

export interface MetricsReport extends LeadConsoleMetrics {
  /** The period these figures cover: the labels name it, not the button last pressed. */
  days: WindowDays;
  /** How many tickets the figures cover when the window held more than the console reads; else null. */
  truncatedAt: number | null;
  /** Escalation changes in the window that the escalation rules forbid for whoever made them. */
  flaggedChanges: number;
  rate: EscalationRate;
  /** The rate per team, with the teams' names (a group the account no longer lists is named by its id). */
  teams: (TeamRate & { name: string | null })[];
  decisions: LeadDecisions;
  /** What the answer figures are computed from, with the library as it is when they are shown. */
  usage: { tickets: OutcomeTicket[]; counts: Map<number, TicketCounts>; misfits: MisfitReport[]; span: MetricWindow };
  /** The ticket metrics stopped before the window's oldest ticket: reopen and one-touch figures are partial. */
  metricsPartial: boolean;
}

interface Deps {
  host: HostClient;
  lead: LeadAccess;
  now: () => Date;
  leadResponseMinutes: number;
  /** The library's approved answers, whose use the figures follow (read inside a computed). */
  approvedIds: () => string[];
}

/**
 * Team metrics for 7, 30 or 90 days, from Zendesk search, the escalated tickets' audits, Zendesk's
 * ticket metrics and the agents' "not right" reports. The tickets come from the export search:
 * the offset search stops at 1,000 results and can repeat one across pages; the export does neither.
 */
export function createMetricsModel({ host, lead, now, leadResponseMinutes, approvedIds }: Deps) {
  const days = signal<WindowDays>(7);
  const metrics = createResource<MetricsReport>();

  async function read(window: WindowDays): Promise<MetricsReport> {
    const at = now();
    const start = new Date(at.getTime() - window * DAY_MS);
    const [found, counts, feedback, groups] = await Promise.all([
      exportTickets(host, `updated>${start.toISOString().slice(0, 10)}`),
      ticketMetricsSince(host, start),
      listFeedback(host),
      getGroups(host),
    ]);
    const groupNames = new Map(groups.map((g) => [g.id, g.name]));
    const tickets = uniqueById(found.tickets);
    const history = await escalationHistories(
      host,
      tickets.filter((t) => hasEscalationTrace(t.tags)).map((t) => t.id),
    );
    const authors = [...new Set([...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)))];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    const events = escalationEvents(history, (id) => people.get(id)?.isLead === true);
    const flagged = [...history.values()].flatMap((h) => suspiciousChanges(h, (id) => people.get(id)?.isLead));
    const span = { days: window, now: at };
    const misfits = feedback.flatMap(({ custom_object_fields: f, created_at }) =>
      f.kind === 'misfit' && f.answer_id ? [{ answerId: f.answer_id, at: created_at }] : [],
    );
    return {
      ...leadConsoleMetrics(events, tickets, span),
      days: window,
      truncatedAt: found.complete ? null : tickets.length,
      flaggedChanges: countInWindow(
        flagged.map((c) => c.at),
        span,
      ),
      rate: escalationRate(events, tickets, span),
      teams: escalationRateByGroup(events, tickets, span).map((team) => ({
        ...team,
        name: team.groupId === null ? null : (groupNames.get(team.groupId) ?? null),
      })),
      decisions: leadDecisions(events, span, leadResponseMinutes),
      usage: { tickets, counts: counts.counts, misfits, span },
      metricsPartial: !counts.complete,
    };
  }

  const load = (window = days.value) => {
    days.value = window;
    return metrics.run(() => read(window));
  };
  // Recomputed when the library changes (or loads after the figures): approving an answer adds its row.
  const outcomes = computed<AnswerOutcomes | null>(() => {
    const state = metrics.state.value;
    if (!('data' in state) || !state.data) return null;
    const { tickets, counts, misfits, span } = state.data.usage;
    return answerOutcomes(tickets, counts, misfits, approvedIds(), span);
  });
  return { days, metrics: metrics.state, outcomes, load };
}
