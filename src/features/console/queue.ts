import { signal } from '@preact/signals';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import { reasonFromNote, requestAge, suspiciousChanges, type RequestAge } from '../../domain/escalation';
import type { AppSettings } from '../../domain/settings';
import { SEARCH_RESULT_LIMIT, searchTickets } from '../../host/api/search';
import type { Ticket } from '../../host/api/tickets';
import { getUsers } from '../../host/api/users';
import type { HostClient } from '../../host/client';
import { escalationHistories } from './histories';

export interface QueueItem {
  ticket: Ticket;
  state: 'requested' | 'escalated';
  requestedAt: string | null;
  reason: string | null;
  requester: string;
  age: RequestAge | null;
  /** Changes in the ticket's escalation history that the rules forbid for whoever made them. */
  flagged: number;
}

export interface QueuePage {
  items: QueueItem[];
  count: number;
  page: number;
  hasNext: boolean;
  /** Zendesk search lists only this many of `count` when more are waiting; null when it lists all. */
  limit: number | null;
}

const QUEUE_QUERY = 'tags:escalation_requested tags:escalation_escalated order_by:created_at sort:asc';

/**
 * The escalation queue, a page at a time: waiting time from the audits, oldest request first.
 * Zendesk search serves the first 1,000 results only, so paging stops there and the view says
 * how many more wait; and since each page runs the search again, a ticket already listed on the
 * page before (pushed along by a request made meanwhile) is not listed twice.
 */
export function createQueueModel(host: HostClient, lead: LeadAccess, settings: AppSettings, now: () => Date) {
  const page = createResource<QueuePage>();
  const pageNo = signal(1);
  let shown: { page: number; ids: Set<number> } | null = null;

  async function read(n: number): Promise<QueuePage> {
    const result = await searchTickets(host, QUEUE_QUERY, n);
    const before = shown?.page === n - 1 ? shown.ids : new Set<number>();
    const tickets = result.tickets.filter((t) => !before.has(t.id));
    const [history, users] = await Promise.all([
      escalationHistories(
        host,
        tickets.map((t) => t.id),
      ),
      getUsers(host, [...new Set(tickets.map((t) => t.requester_id).filter((id): id is number => typeof id === 'number'))]),
    ]);
    const authors = [...new Set([...history.values()].flatMap((h) => h.changes.map((c) => c.authorId)))];
    const people = authors.length ? await lead.people(authors) : new Map<number, { isLead: boolean }>();
    if (n === pageNo.value) shown = { page: n, ids: new Set(result.tickets.map((t) => t.id)) };
    const names = new Map(users.map((u) => [u.id, u.name]));
    const items = tickets.map((ticket): QueueItem => {
      const found = history.get(ticket.id);
      const request = found?.lastRequest ?? null;
      const state = ticket.tags.includes('escalation_escalated') ? 'escalated' : 'requested';
      return {
        ticket,
        state,
        requestedAt: request?.at ?? null,
        reason: reasonFromNote(request?.note),
        requester: (ticket.requester_id && names.get(ticket.requester_id)) || '',
        age: state === 'requested' && request ? requestAge(new Date(request.at), now(), settings.leadResponseMinutes) : null,
        flagged: found ? suspiciousChanges(found, (id) => people.get(id)?.isLead).length : 0,
      };
    });
    items.sort((a, b) => (a.requestedAt ?? a.ticket.created_at).localeCompare(b.requestedAt ?? b.ticket.created_at));
    return {
      items,
      count: result.count,
      page: n,
      hasNext: result.nextPage !== null,
      limit: result.count > SEARCH_RESULT_LIMIT ? SEARCH_RESULT_LIMIT : null,
    };
  }

  const load = (n = pageNo.value) => {
    pageNo.value = n;
    return page.run(() => read(n));
  };
  return { page: page.state, load, open: (id: number) => host.invoke('routeTo', 'ticket', String(id)) };
}
