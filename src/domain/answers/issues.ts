/**
 * Which recurring issue (approved answer) each ticket is about, and what changed once the answer
 * existed: how many tickets the library matches to it, and the escalations of its issue in equal
 * periods before and after its approval. Pure: the console reads the tickets, the escalation
 * histories, the root causes and the library, and runs the matcher.
 */
import { answerIdsFromTags, uniqueById, windowRange, type EscalationEvent, type MetricWindow } from '../metrics';
import { byLead } from '../rootCauses';
import type { Approval } from './approval';

export interface IssueTicket {
  id: number;
  created_at: string;
  tags: string[];
}

/** A root cause as Zendesk recorded it: whose it is decides whether its tickets count. */
export interface IssueCause {
  ticketIds: number[];
  answerId: string | null;
  createdById: number | null;
  updatedById: number | null;
}

export type IssueSource = 'tag' | 'root_cause' | 'matcher';

export interface TicketIssue {
  answerId: string;
  source: IssueSource;
}

/**
 * The approved answer each ticket is about, by the strongest evidence first: the answer an agent
 * inserted (its usage tag), else the answer a lead's root cause for the ticket became, else the
 * answer the matcher is confident about (`matched`, the sidebar's rule). Only approved answers are
 * issues; ids compare in lower case, as tags store them. Tickets with none are left out.
 */
export function assignIssues(
  tickets: readonly IssueTicket[],
  approvedIds: readonly string[],
  causes: readonly IssueCause[],
  isLead: (userId: number) => boolean,
  matched: (ticket: IssueTicket) => string | null,
): Map<number, TicketIssue> {
  const approved = new Set(approvedIds.map((id) => id.toLowerCase()));
  const causeOf = new Map<number, string>();
  for (const cause of causes) {
    const answerId = cause.answerId?.toLowerCase();
    if (!answerId || !approved.has(answerId) || !byLead(cause, isLead)) continue;
    for (const ticketId of cause.ticketIds) if (!causeOf.has(ticketId)) causeOf.set(ticketId, answerId);
  }
  const issues = new Map<number, TicketIssue>();
  for (const ticket of uniqueById(tickets)) {
    const tagged = answerIdsFromTags(ticket.tags).find((id) => approved.has(id));
    const caused = causeOf.get(ticket.id);
    const guessed = tagged || caused ? null : matched(ticket)?.toLowerCase();
    if (tagged) issues.set(ticket.id, { answerId: tagged, source: 'tag' });
    else if (caused) issues.set(ticket.id, { answerId: caused, source: 'root_cause' });
    else if (guessed && approved.has(guessed)) issues.set(ticket.id, { answerId: guessed, source: 'matcher' });
  }
  return issues;
}

/** Tickets created in the window that the matcher confidently matches to each answer (lower-case ids). */
export function matchedCounts(
  tickets: readonly IssueTicket[],
  matched: (ticket: IssueTicket) => string | null,
  window: MetricWindow,
): Map<string, number> {
  const range = windowRange(window);
  const counts = new Map<string, number>();
  for (const ticket of uniqueById(tickets)) {
    const created = Date.parse(ticket.created_at);
    if (!(created >= range.start && created < range.end)) continue;
    const id = matched(ticket)?.toLowerCase();
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface ApprovedIssue {
  answerId: string;
  /** When a lead approved it, as Zendesk's records bear it out (`approvalTime`); null when they do not. */
  approvedAt: string | null;
}

export type Comparison =
  | {
      kind: 'compared';
      /** The length of each period: the days since approval, or up to the window's start when that is nearer. */
      days: number;
      /** Tickets of the issue a lead escalated in the period before the approval, and in the one after. */
      before: number;
      after: number;
    }
  /** Approved before the window began (nothing before it was read) or after it ended, or just now. */
  | { kind: 'outside' }
  /** The approval time is not borne out by Zendesk's records. */
  | { kind: 'unverified' };

export interface EscalationChange {
  answerId: string;
  approvedAt: string | null;
  comparison: Comparison;
}

const DAY_MS = 86_400_000;

/**
 * Escalations of each issue in the N days before its approval against the N days after, N being
 * the time since the approval, shortened so that the period before stays inside the window (the
 * figures read nothing older). Each ticket counts once, at its lead's escalation
 * (`leadEscalatedAt`): an escalation no lead made is not one.
 */
export function escalationsAroundApproval(
  answers: readonly ApprovedIssue[],
  issues: ReadonlyMap<number, TicketIssue>,
  events: readonly EscalationEvent[],
  window: MetricWindow,
): EscalationChange[] {
  const range = windowRange(window);
  const now = Math.min(window.now.getTime(), range.end);
  const escalations = new Map<string, number[]>();
  for (const event of events) {
    const issue = issues.get(event.ticketId);
    const at = event.leadEscalatedAt ? Date.parse(event.leadEscalatedAt) : NaN;
    if (!issue || Number.isNaN(at)) continue;
    const list = escalations.get(issue.answerId) ?? [];
    list.push(at);
    escalations.set(issue.answerId, list);
  }
  return answers.map(({ answerId, approvedAt }) => {
    const id = answerId.toLowerCase();
    const approved = approvedAt ? Date.parse(approvedAt) : NaN;
    if (Number.isNaN(approved)) return { answerId: id, approvedAt: null, comparison: { kind: 'unverified' } };
    const span = Math.min(now - approved, approved - range.start);
    if (span <= 0) return { answerId: id, approvedAt, comparison: { kind: 'outside' } };
    const times = escalations.get(id) ?? [];
    return {
      answerId: id,
      approvedAt,
      comparison: {
        kind: 'compared',
        days: span / DAY_MS,
        before: times.filter((t) => t >= approved - span && t < approved).length,
        after: times.filter((t) => t >= approved && t < approved + span).length,
      },
    };
  });
}

/**
 * When the answer was approved, as far as Zendesk's records bear it out: only for a verified
 * approval, and only when the stamp lies between the record's creation and its last write (both
 * recorded by Zendesk); a stamp outside them was not written by the approving lead. Else null.
 */
export function approvalTime(
  record: { approvedAt: string | null; createdAt: string; updatedAt: string },
  approval: Approval | null,
): string | null {
  if (approval?.kind !== 'approved' || !record.approvedAt) return null;
  const at = Date.parse(record.approvedAt);
  if (Number.isNaN(at) || at < Date.parse(record.createdAt) || at > Date.parse(record.updatedAt)) return null;
  return record.approvedAt;
}
