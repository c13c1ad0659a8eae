/**
 * What happened on the tickets an approved answer was used on, for the lead console: uses,
 * "not right" reports, reopens and one-touch resolution, against the tickets without an answer.
 * Pure: the console reads the tickets, Zendesk's per-ticket metrics and the feedback records.
 */
import { answerIdsFromTags, isSolved, uniqueById, windowRange, type MetricWindow } from '../metrics';

export interface OutcomeTicket {
  id: number;
  status: string;
  created_at: string;
  tags: string[];
}

/** The part of Zendesk's Ticket Metrics the figures use. */
export interface TicketCounts {
  /** Public replies by agents. */
  replies: number;
  /** How often the ticket was reopened. */
  reopens: number;
}

export interface MisfitReport {
  answerId: string;
  at: string;
}

export interface ResolutionShare {
  /** Solved tickets whose metrics were read. */
  solved: number;
  /** Of those, solved with at most one public agent reply. */
  oneTouch: number;
}

export interface AnswerOutcome {
  answerId: string;
  /** Tickets created in the window that carry the answer's tag. */
  used: number;
  /** "Not right for this ticket" reports made in the window. */
  misfits: number;
  /** Tickets using the answer that were reopened, of those whose metrics were read. */
  reopened: number;
  resolution: ResolutionShare;
}

export interface AnswerOutcomes {
  /** Every approved answer, then any other answer used in the window; most used first. */
  answers: AnswerOutcome[];
  withAnswer: ResolutionShare;
  withoutAnswer: ResolutionShare;
  /** Approved answers no ticket of the window used. */
  unused: string[];
  /** Solved tickets of the window whose metrics were not read: the shares leave them out. */
  unmeasured: number;
}

const ONE_TOUCH_REPLIES = 1;

function share(): ResolutionShare {
  return { solved: 0, oneTouch: 0 };
}

function count(into: ResolutionShare, counts: TicketCounts): void {
  into.solved++;
  if (counts.replies <= ONE_TOUCH_REPLIES) into.oneTouch++;
}

/**
 * Tickets are those created in the window (ticket metrics describe a ticket's whole life, so a
 * ticket counts in the window it was opened). Answer ids compare in lower case, as tags store them.
 */
export function answerOutcomes(
  tickets: readonly OutcomeTicket[],
  counts: ReadonlyMap<number, TicketCounts>,
  misfits: readonly MisfitReport[],
  approvedIds: readonly string[],
  window: MetricWindow,
): AnswerOutcomes {
  const range = windowRange(window);
  const inWindow = (iso: string) => {
    const ms = Date.parse(iso);
    return ms >= range.start && ms < range.end;
  };
  const rows = new Map<string, AnswerOutcome>();
  const row = (id: string) => {
    const key = id.toLowerCase();
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { answerId: key, used: 0, misfits: 0, reopened: 0, resolution: share() }));
    return found;
  };
  for (const id of approvedIds) row(id);

  const withAnswer = share();
  const withoutAnswer = share();
  let unmeasured = 0;
  for (const ticket of uniqueById(tickets)) {
    if (!inWindow(ticket.created_at)) continue;
    const ids = answerIdsFromTags(ticket.tags);
    const measured = counts.get(ticket.id);
    for (const id of ids) {
      const outcome = row(id);
      outcome.used++;
      if (measured && measured.reopens > 0) outcome.reopened++;
      if (measured && isSolved(ticket.status)) count(outcome.resolution, measured);
    }
    if (!isSolved(ticket.status)) continue;
    if (!measured) unmeasured++;
    else count(ids.length ? withAnswer : withoutAnswer, measured);
  }
  for (const report of misfits) if (inWindow(report.at)) row(report.answerId).misfits++;

  const approved = new Set(approvedIds.map((id) => id.toLowerCase()));
  const answers = [...rows.values()]
    .filter((r) => approved.has(r.answerId) || r.used > 0 || r.misfits > 0)
    // Compared as plain text: `localeCompare` sets up a collator for every comparison, a long task over thousands.
    .sort((a, b) => b.used - a.used || (a.answerId < b.answerId ? -1 : a.answerId > b.answerId ? 1 : 0));
  return {
    answers,
    withAnswer,
    withoutAnswer,
    unused: answers.filter((r) => approved.has(r.answerId) && r.used === 0).map((r) => r.answerId),
    unmeasured,
  };
}
