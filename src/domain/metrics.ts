/** Pure metric computations for the lead console; all days are UTC days. */
import { ANSWER_TAG_PREFIX } from './answers/usage';
import type { EscalationHistory } from './escalation';

export interface EscalationEvent {
  ticketId: number;
  requestedAt?: string;
  escalatedAt?: string;
  /** The last escalation a lead made, as Zendesk recorded its author: anyone can set the field, only a lead escalates. */
  leadEscalatedAt?: string;
  firstLeadResponseAt?: string;
  /** The request is still open: no lead has answered it and nobody withdrew it. */
  waiting?: boolean;
  /** The first lead response turned the request down. */
  declined?: boolean;
}

/** Request, escalation and the first lead response (escalate or decline) of each escalated ticket. */
export function escalationEvents(history: Map<number, EscalationHistory>, isLead: (id: number) => boolean): EscalationEvent[] {
  const events: EscalationEvent[] = [];
  for (const [ticketId, h] of history) {
    const request = h.lastRequest;
    const response = request ? h.changes.find((c) => c.at >= request.at && c.from === 'requested' && isLead(c.authorId)) : undefined;
    const event: EscalationEvent = { ticketId };
    if (request) event.requestedAt = request.at;
    if (h.lastEscalation) event.escalatedAt = h.lastEscalation.at;
    const byLead = [...h.changes].reverse().find((c) => c.to === 'escalated' && isLead(c.authorId));
    if (byLead) event.leadEscalatedAt = byLead.at;
    if (response) {
      event.firstLeadResponseAt = response.at;
      if (response.to === 'none') event.declined = true;
    } else if (request && h.changes.at(-1)?.auditId === request.auditId) {
      // The same audit, not the same object: a trail kept for the session comes back from JSON as copies.
      event.waiting = true;
    }
    events.push(event);
  }
  return events;
}

export interface MetricTicket {
  id: number;
  created_at: string;
  tags: string[];
}

export const METRIC_WINDOWS = [7, 30, 90] as const;
export type WindowDays = (typeof METRIC_WINDOWS)[number];

export interface MetricWindow {
  days: WindowDays;
  now: Date;
}

export interface DayCount {
  day: string;
  requested: number;
  escalated: number;
}

export interface LeadConsoleMetrics {
  perDay: DayCount[];
  medianLeadResponseMinutes: number | null;
  /** 0..1, or null when no ticket was created in the window. */
  approvedAnswerShare: number | null;
}

const DAY_MS = 86_400_000;

export function median(numbers: readonly number[]): number | null {
  const sorted = numbers.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

function parse(iso: string | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** [start, end) covering `days` whole UTC days, the last one being today. */
export function windowRange(window: MetricWindow): { start: number; end: number } {
  const now = window.now.getTime();
  const end = now - (now % DAY_MS) + DAY_MS;
  return { start: end - window.days * DAY_MS, end };
}

function inWindow(ms: number | null, range: { start: number; end: number }): ms is number {
  return ms !== null && ms >= range.start && ms < range.end;
}

/** How many of these moments (ISO timestamps, e.g. flagged escalation changes) fall in the window. */
export function countInWindow(moments: readonly string[], window: MetricWindow): number {
  const range = windowRange(window);
  return moments.filter((iso) => inWindow(parse(iso), range)).length;
}

/** Every day of the window is present, zero or not, so charts need no gap filling. */
export function requestsPerDay(events: readonly EscalationEvent[], window: MetricWindow): DayCount[] {
  const range = windowRange(window);
  const days: DayCount[] = [];
  for (let t = range.start; t < range.end; t += DAY_MS) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), requested: 0, escalated: 0 });
  }
  const bump = (iso: string | undefined, key: 'requested' | 'escalated'): void => {
    const ms = parse(iso);
    if (!inWindow(ms, range)) return;
    const day = days[Math.floor((ms - range.start) / DAY_MS)];
    if (day) day[key]++;
  };
  for (const event of events) {
    bump(event.requestedAt, 'requested');
    bump(event.escalatedAt, 'escalated');
  }
  return days;
}

/**
 * Minutes from request to the first lead response, for requests made in the window. A request
 * still waiting counts with its wait so far: leaving it out would make the figures look best
 * exactly when the leads answer nothing. Direct escalations without a request have no wait and
 * are left out.
 */
function leadWaits(events: readonly EscalationEvent[], window: MetricWindow): number[] {
  const range = windowRange(window);
  const now = window.now.getTime();
  const waits: number[] = [];
  for (const event of events) {
    const requested = parse(event.requestedAt);
    const responded = event.waiting ? Math.max(now, requested ?? now) : parse(event.firstLeadResponseAt);
    if (!inWindow(requested, range) || responded === null || responded < requested) continue;
    waits.push((responded - requested) / 60_000);
  }
  return waits;
}

export function medianLeadResponseMinutes(events: readonly EscalationEvent[], window: MetricWindow): number | null {
  return median(leadWaits(events, window));
}

export interface LeadDecisions {
  medianMinutes: number | null;
  /** 0..1 of the window's requests answered within the response target; null when there were none. */
  withinTarget: number | null;
  /** Requests made in the window that a lead turned down. */
  declined: number;
}

/** How fast and how the leads answered the window's requests, against the team's response target. */
export function leadDecisions(events: readonly EscalationEvent[], window: MetricWindow, targetMinutes: number): LeadDecisions {
  const waits = leadWaits(events, window);
  const range = windowRange(window);
  return {
    medianMinutes: median(waits),
    withinTarget: waits.length ? waits.filter((w) => w <= targetMinutes).length / waits.length : null,
    declined: events.filter((e) => e.declined && inWindow(parse(e.requestedAt), range)).length,
  };
}

export interface StatusTicket {
  id: number;
  status: string;
  updated_at: string;
}

export const isSolved = (status: string) => status === 'solved' || status === 'closed';

export interface EscalationRate {
  escalated: number;
  solved: number;
  /** escalated / solved; null when nothing was solved in the window. */
  rate: number | null;
}

/**
 * Tickets escalated in the window over tickets solved in it (solved or closed, last changed in
 * the window), the rate a lead is judged on. Each ticket counts once on either side.
 */
export function escalationRate(events: readonly EscalationEvent[], tickets: readonly StatusTicket[], window: MetricWindow): EscalationRate {
  const range = windowRange(window);
  const escalated = new Set(events.filter((e) => inWindow(parse(e.escalatedAt), range)).map((e) => e.ticketId)).size;
  const solved = uniqueById(tickets).filter((t) => isSolved(t.status) && inWindow(parse(t.updated_at), range)).length;
  return { escalated, solved, rate: solved ? escalated / solved : null };
}

export interface TeamRate extends EscalationRate {
  /** The ticket's group now; null for tickets in no group. */
  groupId: number | null;
}

/** The escalation rate per team (the tickets' groups), the largest team first. */
export function escalationRateByGroup(
  events: readonly EscalationEvent[],
  tickets: readonly (StatusTicket & { group_id?: number | null | undefined })[],
  window: MetricWindow,
): TeamRate[] {
  const groupOf = new Map(tickets.map((t) => [t.id, t.group_id ?? null]));
  const groups = [...new Set(groupOf.values())];
  return groups
    .map((groupId) => ({
      groupId,
      ...escalationRate(
        events.filter((e) => groupOf.get(e.ticketId) === groupId),
        tickets.filter((t) => (t.group_id ?? null) === groupId),
        window,
      ),
    }))
    .filter((r) => r.escalated > 0 || r.solved > 0)
    .sort((a, b) => b.solved - a.solved || b.escalated - a.escalated || (a.groupId ?? 0) - (b.groupId ?? 0));
}

/** Answer ids from a ticket's tags, each once. */
export function answerIdsFromTags(tags: readonly string[]): string[] {
  const ids = tags
    .filter((tag) => tag.startsWith(ANSWER_TAG_PREFIX) && tag.length > ANSWER_TAG_PREFIX.length)
    .map((tag) => tag.slice(ANSWER_TAG_PREFIX.length));
  return [...new Set(ids)];
}

/**
 * Each ticket once, first occurrence kept: Zendesk's offset search can return a ticket on two
 * pages when results change between the reads.
 */
export function uniqueById<T extends { id: number }>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}

function ticketsInWindow(tickets: readonly MetricTicket[], window: MetricWindow): MetricTicket[] {
  const range = windowRange(window);
  return uniqueById(tickets).filter((ticket) => inWindow(parse(ticket.created_at), range));
}

export function approvedAnswerShare(tickets: readonly MetricTicket[], window: MetricWindow): number | null {
  const recent = ticketsInWindow(tickets, window);
  if (recent.length === 0) return null;
  return recent.filter((ticket) => answerIdsFromTags(ticket.tags).length > 0).length / recent.length;
}

/** How many tickets used each answer (by its tag), each ticket counted once. */
export function answerUses(tickets: readonly MetricTicket[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ticket of uniqueById(tickets)) {
    for (const id of answerIdsFromTags(ticket.tags)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function leadConsoleMetrics(
  events: readonly EscalationEvent[],
  tickets: readonly MetricTicket[],
  window: MetricWindow,
): LeadConsoleMetrics {
  return {
    perDay: requestsPerDay(events, window),
    medianLeadResponseMinutes: medianLeadResponseMinutes(events, window),
    approvedAnswerShare: approvedAnswerShare(tickets, window),
  };
}
