/** Escalation history read back from Zendesk ticket audits. */
import { changeError, isEscalationState, type EscalationState, type TransitionError } from './machine';
import { reasonFromNote } from './notes';

export interface AuditEvent {
  id: number;
  type: string;
  field_name?: string | null;
  value?: unknown;
  previous_value?: unknown;
  body?: string | null;
  public?: boolean | null;
}

export interface TicketAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  events: AuditEvent[];
}

export interface StatusChange {
  /** ISO timestamp of the audit. */
  at: string;
  authorId: number;
  from: EscalationState;
  to: EscalationState;
  auditId: number;
  /** Private comment saved in the same audit: the note carrying the reason, if any. */
  note?: string;
}

export interface EscalationHistory {
  /** Oldest first. */
  changes: StatusChange[];
  lastRequest: StatusChange | null;
  lastEscalation: StatusChange | null;
}

/**
 * Reads the custom field's value. Dropdown fields store option tags, so both
 * "escalation_requested" and "requested" are accepted; empty means 'none'.
 * Returns undefined for values this app did not write.
 */
export function stateFromFieldValue(value: unknown): EscalationState | undefined {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value !== 'string') return undefined;
  const bare = value
    .trim()
    .toLowerCase()
    .replace(/^escalation_/, '');
  return isEscalationState(bare) ? bare : undefined;
}

function timeOf(audit: TicketAudit): number {
  const ms = Date.parse(audit.created_at);
  return Number.isNaN(ms) ? 0 : ms;
}

function lastTo(changes: StatusChange[], state: EscalationState): StatusChange | null {
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i];
    if (change && change.to === state) return change;
  }
  return null;
}

export function historyFromAudits(audits: readonly TicketAudit[], fieldId: number | string): EscalationHistory {
  const field = String(fieldId);
  // The API pages oldest first, but merged pages may not be; sort a copy to be sure.
  const ordered = [...audits].sort((a, b) => timeOf(a) - timeOf(b) || a.id - b.id);
  const changes: StatusChange[] = [];
  let current: EscalationState = 'none';

  for (const audit of ordered) {
    const note = audit.events.find((e) => e.type === 'Comment' && e.public === false)?.body ?? undefined;
    for (const event of audit.events) {
      if (event.field_name !== field || (event.type !== 'Change' && event.type !== 'Create')) continue;
      const to = stateFromFieldValue(event.value);
      if (to === undefined) continue;
      // Trust previous_value when it is present; otherwise continue from what we saw last.
      const from =
        event.type === 'Change' && event.previous_value !== undefined ? (stateFromFieldValue(event.previous_value) ?? current) : current;
      current = to;
      if (from === to) continue;
      changes.push({
        at: audit.created_at,
        authorId: audit.author_id,
        from,
        to,
        auditId: audit.id,
        ...(note !== undefined ? { note } : {}),
      });
    }
  }

  return {
    changes,
    lastRequest: lastTo(changes, 'requested'),
    lastEscalation: lastTo(changes, 'escalated'),
  };
}

export interface FlaggedChange extends StatusChange {
  /** Why the rules forbid it: no rule makes this change, or not for this author. */
  rule: Exclude<TransitionError, 'reason_required'>;
}

/**
 * Every change in the trail the escalation rules forbid for the person who made it (lead or
 * not), e.g. an agent declining or reverting by editing the field directly. The rules are
 * replayed in order, so a withdrawal is matched against the request open at that moment.
 * Unknown authors (undefined) are not flagged: a deleted user or a trigger is no evidence of
 * misuse; the state they leave is followed all the same.
 */
export function suspiciousChanges(
  history: EscalationHistory | readonly StatusChange[],
  isLeadById: (id: number) => boolean | undefined,
): FlaggedChange[] {
  const changes = 'changes' in history ? history.changes : history;
  const flagged: FlaggedChange[] = [];
  let requesterId: number | null = null;
  for (const change of changes) {
    const isLead = isLeadById(change.authorId);
    const rule = isLead === undefined ? null : changeError(change.from, change.to, { id: change.authorId, isLead }, requesterId);
    if (rule) flagged.push({ ...change, rule });
    requesterId = change.to === 'requested' ? change.authorId : null;
  }
  return flagged;
}

/** What a change in the trail was, in the escalation rules' words; 'other' when the rules do not make it for its author. */
export type ChangeKind = 'requested' | 'withdrawn' | 'declined' | 'escalated' | 'resolved' | 'other';

export interface DescribedChange {
  kind: ChangeKind;
  change: StatusChange;
  /** The reason its note gives (requests and declines only). */
  reason: string | null;
}

/**
 * Names change `index` of the trail. A lead's kinds (declined, escalated, resolved) are only
 * given when `isLeadById` says the audit's author is a lead, i.e. from what Zendesk recorded
 * about who made it, never from what its note claims; an unknown author (undefined) makes 'other'.
 */
export function describeChange(
  history: EscalationHistory,
  index: number,
  isLeadById: (id: number) => boolean | undefined,
): DescribedChange | null {
  const change = history.changes[index];
  if (!change) return null;
  const before = history.changes[index - 1];
  const requesterId = before?.to === 'requested' ? before.authorId : null;
  const isLead = isLeadById(change.authorId);
  const allowed = isLead !== undefined && changeError(change.from, change.to, { id: change.authorId, isLead }, requesterId) === null;
  const kind: ChangeKind = !allowed
    ? 'other'
    : change.to === 'none'
      ? change.authorId === requesterId
        ? 'withdrawn'
        : 'declined'
      : change.to;
  const reason = kind === 'requested' || kind === 'declined' ? reasonFromNote(change.note) : null;
  return { kind, change, reason };
}

export interface Decision extends DescribedChange {
  kind: 'declined' | 'resolved';
}

/**
 * The lead's decision the ticket's current state rests on: its last change, when that is a
 * decline or a resolution by someone Zendesk records as a lead. A later request, escalation or
 * unverified change means there is no decision to show.
 */
export function lastDecision(history: EscalationHistory, isLeadById: (id: number) => boolean | undefined): Decision | null {
  const last = describeChange(history, history.changes.length - 1, isLeadById);
  return last && (last.kind === 'declined' || last.kind === 'resolved') ? (last as Decision) : null;
}

/**
 * Changes someone else made after the one a view was based on (`seenAuditId`, null: the view saw
 * no change at all), oldest first; undefined when that change is not in the trail, so nothing can
 * be said. The user's own changes do not count: they knew about them.
 */
export function changesSince(history: EscalationHistory, seenAuditId: number | null, userId: number): StatusChange[] | undefined {
  const at = seenAuditId === null ? -1 : history.changes.findIndex((c) => c.auditId === seenAuditId);
  if (seenAuditId !== null && at < 0) return undefined;
  return history.changes.slice(at + 1).filter((c) => c.authorId !== userId);
}

/**
 * The lead's answer to a request `requesterId` made: the trail's last change, when it escalates
 * or declines their request, or resolves the escalation that followed it, and its author is a
 * lead by what Zendesk recorded (not the requester themselves). Null for anything else.
 */
export function decisionOnRequest(
  history: EscalationHistory,
  requesterId: number,
  isLeadById: (id: number) => boolean | undefined,
): DescribedChange | null {
  const last = history.changes.length - 1;
  const decided = describeChange(history, last, isLeadById);
  if (!decided || decided.change.authorId === requesterId) return null;
  if (decided.kind !== 'escalated' && decided.kind !== 'declined' && decided.kind !== 'resolved') return null;
  // A resolution answers the request the escalation before it came from.
  const escalation = decided.kind === 'resolved' ? history.changes[last - 1] : decided.change;
  if (escalation?.from !== 'requested') return null;
  const request = history.changes[history.changes.indexOf(escalation) - 1];
  return request?.to === 'requested' && request.authorId === requesterId ? decided : null;
}
