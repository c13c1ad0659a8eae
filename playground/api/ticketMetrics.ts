import type { Audit, Comment, Ticket, User } from './store';

/**
 * A ticket's metrics as Zendesk's Ticket Metrics API describes them, derived from what the
 * playground recorded: `replies` counts the public comments of agents (not the requester's),
 * `reopens` the status changes from solved back to an open state.
 */
export function ticketMetric(
  ticket: Ticket,
  comments: readonly Comment[],
  audits: readonly Audit[],
  users: ReadonlyMap<number, User>,
  baseUrl: string,
) {
  const isAgent = (id: number) => {
    const role = users.get(id)?.role;
    return role === 'agent' || role === 'admin';
  };
  const statusChanges = audits.flatMap((a) =>
    a.events
      .filter((e) => e.type === 'Change' && e.field_name === 'status')
      .map((e) => ({ at: a.created_at, from: e.previous_value, to: e.value })),
  );
  const metric: Record<string, unknown> = {
    id: ticket.id + 700_000,
    ticket_id: ticket.id,
    url: `${baseUrl}/api/v2/ticket_metrics/${ticket.id + 700_000}.json`,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    replies: comments.filter((c) => c.public && c.author_id !== ticket.requester_id && isAgent(c.author_id)).length,
    reopens: statusChanges.filter((c) => c.from === 'solved' && c.to !== 'closed' && c.to !== 'solved').length,
  };
  const solved = statusChanges.filter((c) => c.to === 'solved').at(-1);
  // Zendesk leaves solved_at empty until a ticket is solved; the description types it a string only.
  if (solved || ticket.status === 'solved' || ticket.status === 'closed') metric.solved_at = solved?.at ?? ticket.updated_at;
  return metric;
}
