import { computed, effect, signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { onDispose } from '../../app/model';
import { createResource } from '../../app/resource';
import { nextTask } from '../../app/slices';
import {
  assignIssues,
  escalationsAroundApproval,
  matchedCounts,
  type ApprovedIssue,
  type EscalationChange,
  type IssueCause,
} from '../../domain/answers/issues';
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
  type EscalationEvent,
  type EscalationRate,
  type LeadConsoleMetrics,
  type LeadDecisions,
  type MetricWindow,
  type TeamRate,
  type WindowDays,
} from '../../domain/metrics';
import { misfitOptions } from '../../domain/answers/misfits';
import type { ProposalRecord } from '../../domain/answers/provisional';
import type { AnswerDoc } from '../../domain/matching';
import type { TextAnalysis } from '../../domain/textAnalysis';
import type { Answer } from '../../host/api/answers';
import { misfitReportsSince } from '../../host/api/feedback';
import { listRootCauses } from '../../host/api/rootCauseReview';
import { exportTickets } from '../../host/api/search';
import type { Ticket } from '../../host/api/tickets';
import { getGroups } from '../../host/api/users';
import { ticketMetricsSince } from '../../host/api/ticketMetrics';
import type { HostClient } from '../../host/client';
import type { SessionCache } from '../../app/sessionCache';
import { sessionMatcher, type SessionMatcher } from '../answers/sessionMatcher';
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
  usage: {
    tickets: (OutcomeTicket & Ticket)[];
    counts: Map<number, TicketCounts>;
    misfits: (MisfitReport & { ticketId: number })[];
    span: MetricWindow;
  };
  /** What the issues of the tickets are found from: the lead escalations, the root causes, and who of their writers are leads. */
  issues: { events: EscalationEvent[]; causes: IssueCause[]; leads: ReadonlySet<number> };
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
  /**
   * The issues the library answers: its approved answers but known-issue statements (the ones the
   * sidebar matches), each with its verified approval time (issues.ts `approvalTime`), undefined
   * while the approval is being checked. Read inside an effect.
   */
  issueAnswers: () => { answer: Answer; approvedAt: string | null | undefined }[];
  /** The agent's session cache: a ticket's trail read at its version is not read again. */
  cache: SessionCache;
  /** The example phrasings agents proposed that no lead handled yet: the sidebar's matcher learns from them, so this one does too. Read inside an effect. */
  proposals: () => readonly ProposalRecord[];
  /** Loads the matcher's chunk: only once the figures are asked for. */
  analysis: () => Promise<TextAnalysis>;
}

/** Which approved answer the sidebar would show on each ticket: the session's matcher run on every ticket. Null once superseded. */
async function matchTickets(
  tools: TextAnalysis,
  matcher: SessionMatcher,
  answers: AnswerDoc[],
  { tickets, misfits }: Pick<MetricsReport['usage'], 'tickets' | 'misfits'>,
  signal: AbortSignal,
): Promise<Map<number, string | null> | null> {
  const matched = new Map<number, string | null>();
  // The sidebar's reports, as far as the window has them: a ticket's subject comes from the window's read of it.
  const subjects = new Map(tickets.map((t) => [t.id, t.subject]));
  const reported = misfitOptions(
    misfits.map(({ ticketId, answerId }) => ({ ticketId, answerId, subject: subjects.get(ticketId) ?? null })),
    answers,
  );
  for (const ticket of tickets) {
    if (signal.aborted) return null;
    const subject = ticket.subject ?? '';
    const requesterId = ticket.requester_id ?? -1;
    // The sidebar reads the customer's latest message; the search gives their first: the description.
    const text = tools.customerText({ subject, comments: [{ authorId: requesterId, body: ticket.description ?? '' }], requesterId });
    matched.set(ticket.id, (await matcher.match({ subject, text, tags: ticket.tags }, reported(ticket.id))).best?.id ?? null);
  }
  return matched;
}

/**
 * Team metrics for 7, 30 or 90 days, from Zendesk search, the escalated tickets' audits, Zendesk's
 * ticket metrics and the agents' "not right" reports. The tickets come from the export search:
 * the offset search stops at 1,000 results and can repeat one across pages; the export does neither.
 */
export function createMetricsModel({ host, lead, now, cache, leadResponseMinutes, approvedIds, issueAnswers, proposals, analysis }: Deps) {
  const days = signal<WindowDays>(7);
  const metrics = createResource<MetricsReport>();

  async function read(window: WindowDays): Promise<MetricsReport> {
    const at = now();
    const start = new Date(at.getTime() - window * DAY_MS);
    const [found, counts, reports, groups, causes] = await Promise.all([
      exportTickets(host, `updated>${start.toISOString().slice(0, 10)}`),
      ticketMetricsSince(host, start),
      misfitReportsSince(host, start),
      getGroups(host),
      listRootCauses(host),
    ]);
    const groupNames = new Map(groups.map((g) => [g.id, g.name]));
    const tickets = uniqueById(found.tickets);
    const history = await escalationHistories(
      { host, cache, now },
      tickets.filter((t) => hasEscalationTrace(t.tags)),
    );
    const causeWriters = causes.flatMap((c) => [c.createdById, c.updatedById]).filter((id): id is number => id !== null);
    const authors = [...new Set([...[...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)), ...causeWriters])];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    const events = escalationEvents(history, (id) => people.get(id)?.isLead === true);
    const flagged = [...history.values()].flatMap((h) => suspiciousChanges(h, (id) => people.get(id)?.isLead));
    const span = { days: window, now: at };
    const misfits = reports.flatMap(({ custom_object_fields: f, created_at }) => {
      const ticketId = Number(f.ticket_id);
      return f.kind === 'misfit' && f.answer_id && Number.isSafeInteger(ticketId)
        ? [{ answerId: f.answer_id, at: created_at, ticketId }]
        : [];
    });
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
      issues: { events, causes, leads: new Set([...people].flatMap(([id, p]) => (p.isLead ? [id] : []))) },
    };
  }

  /** The text analysis: its chunk downloads only when the figures are first asked for. */
  const tools = createResource<TextAnalysis>();
  /** The sidebar's answer for each ticket of the figures; null while the matcher trains and runs. */
  const matched = signal<ReadonlyMap<number, string | null> | null>(null);

  const load = (window = days.value) => {
    days.value = window;
    if (tools.state.peek().status !== 'ready') void tools.run(analysis);
    return metrics.run(() => read(window));
  };
  // The session's matcher, as the sidebar's (features/answers/sessionMatcher.ts): the one the
  // sidebars share when the library is the same, trained once otherwise. A newer run stops the one before.
  let running: { key: string; data: MetricsReport; stop: AbortController } | null = null;
  onDispose(() => running?.stop.abort());
  onDispose(
    effect(() => {
      const toolState = tools.state.value;
      const state = metrics.state.value;
      const loaded = toolState.status === 'ready' ? toolState.data : null;
      const data = state.status === 'ready' ? state.data : null;
      if (!loaded || !data) return;
      // The sidebar's matcher input: the approved answers with the agents' provisional examples.
      const approved = issueAnswers().map((a) => a.answer);
      const proposed = loaded.proposedExamples(proposals());
      const answers = loaded.withProvisional(approved, proposed);
      const key = [...approved.map((a) => `${a.id}@${a.updatedAt}`), ...proposed.map((p) => `${p.answerId}:${p.by}:${p.text}`)].join(' ');
      if (running?.key === key && running.data === data) return;
      running?.stop.abort();
      const stop = new AbortController();
      running = { key, data, stop };
      matched.value = null;
      // In a task of its own: the figures this follows from took one already (thousands of answers).
      void nextTask()
        .then(() => sessionMatcher(cache, loaded, answers, stop.signal))
        .then((matcher) => matcher && matchTickets(loaded, matcher, answers, data.usage, stop.signal))
        .then((result) => {
          if (result) matched.value = result;
        });
    }),
  );
  // Recomputed when the library changes (or loads after the figures): approving an answer adds its row.
  const outcomes = computed<AnswerOutcomes | null>(() => {
    const state = metrics.state.value;
    if (!('data' in state) || !state.data) return null;
    const { tickets, counts, misfits, span } = state.data.usage;
    return answerOutcomes(tickets, counts, misfits, approvedIds(), span);
  });
  /** Per answer, the tickets of the period the sidebar shows it on, and the escalations of its issue around its approval. */
  const issues = computed<{ shown: Map<string, number>; around: EscalationChange[] } | null>(() => {
    const state = metrics.state.value;
    const found = matched.value;
    const answers = issueAnswers();
    if (!('data' in state) || !state.data || !found || answers.some((a) => a.approvedAt === undefined)) return null;
    const { usage, issues: sources } = state.data;
    const confident = (ticket: { id: number }) => found.get(ticket.id) ?? null;
    const assigned = assignIssues(
      usage.tickets,
      answers.map((a) => a.answer.id),
      sources.causes,
      (id) => sources.leads.has(id),
      confident,
    );
    const approved: ApprovedIssue[] = answers.map((a) => ({ answerId: a.answer.id, approvedAt: a.approvedAt ?? null }));
    return {
      shown: matchedCounts(usage.tickets, confident, usage.span),
      around: escalationsAroundApproval(approved, assigned, sources.events, usage.span),
    };
  });
  return { days, metrics: metrics.state, outcomes, issues, analysis: tools.state, load };
}
