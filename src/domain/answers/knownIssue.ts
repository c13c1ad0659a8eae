/**
 * Known issues: a lead marks a Zendesk problem ticket as a known issue with a short statement, an
 * approved answer that names the problem ticket (`problemTicketId`). The statement is verified like
 * any approved answer (approval.ts: Zendesk's own record of its last writer must be a lead); here,
 * what makes it live and where it shows.
 */

interface StatementLike {
  id: string;
  status: string;
  problemTicketId: number | null;
}

/** What known issues need of a ticket, as Show Multiple Tickets returns it. */
export interface TicketFacts {
  id: number;
  status: string;
  type?: string | null;
  problem_id?: number | null;
}

export const isStatement = (answer: { problemTicketId: number | null }) => answer.problemTicketId !== null;

/** A known issue lasts while its ticket is an unsolved problem: solving or closing it ends the known issue. */
export const isLiveProblem = (ticket: TicketFacts | undefined): boolean =>
  !!ticket && ticket.type === 'problem' && ticket.status !== 'solved' && ticket.status !== 'closed';

/**
 * The live statements among approved-and-verified ones: one per problem ticket (the most recently
 * written wins, should two records name the same problem), and only while the problem is live.
 */
export function liveStatements<A extends StatementLike & { updatedAt: string }>(
  verified: readonly A[],
  problems: ReadonlyMap<number, TicketFacts>,
): A[] {
  const byProblem = new Map<number, A>();
  for (const answer of verified) {
    if (answer.status !== 'approved' || answer.problemTicketId === null) continue;
    if (!isLiveProblem(problems.get(answer.problemTicketId))) continue;
    const other = byProblem.get(answer.problemTicketId);
    if (!other || other.updatedAt < answer.updatedAt) byProblem.set(answer.problemTicketId, answer);
  }
  return [...byProblem.values()];
}

/** The statement of the problem this ticket is linked to as an incident, if that one is live. */
export function linkedStatement<A extends StatementLike>(ticket: TicketFacts, live: readonly A[]): A | null {
  if (ticket.type !== 'incident' || ticket.problem_id == null) return null;
  return live.find((a) => a.problemTicketId === ticket.problem_id) ?? null;
}

/** Whether the sidebar may offer to link this ticket to a known issue: not a problem itself, not linked already. */
export const mayLink = (ticket: TicketFacts): boolean => ticket.type !== 'problem' && ticket.problem_id == null;

/** A lead's ETA as entered (a date-time input's local value) to an ISO instant; null when empty or not a date. */
export function etaFromInput(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const time = Date.parse(trimmed);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
