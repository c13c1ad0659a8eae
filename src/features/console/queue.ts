import { signal } from '@preact/signals';
import { createAction, done, type Report } from '../../app/action';
import { applyEscalation } from '../../app/escalation';
import type { LeadAccess } from '../../app/lead';
import { createResource } from '../../app/resource';
import {
  reasonFromNote,
  requestAge,
  suspiciousChanges,
  type EscalationAction,
  type EscalationState,
  type RequestAge,
} from '../../domain/escalation';
import { ALL, queueCounts, queueView, type QueueEntry, type QueueFilter, type QueueStatus } from '../../domain/queue';
import type { AppSettings } from '../../domain/settings';
import { SEARCH_RESULT_LIMIT, searchTickets, type TicketPage } from '../../host/api/search';
import type { Ticket } from '../../host/api/tickets';
import { getGroups } from '../../host/api/users';
import type { HostClient } from '../../host/client';
import type { I18n } from '../../i18n';
import type { SessionCache } from '../../app/sessionCache';
import { escalationHistories } from './histories';

export interface QueueItem extends QueueEntry {
  ticket: Ticket;
  state: 'requested' | 'escalated';
  requestedAt: string | null;
  reason: string | null;
  /** The agent who asked: the author of the audit that set the field to requested (not the customer). */
  requestedById: number | null;
  requestedBy: string | null;
  assignee: string | null;
  age: RequestAge | null;
  /** Changes in the ticket's escalation history that the rules forbid for whoever made them. */
  flagged: number;
}

export interface QueuePage {
  /** In queue order, the status filter applied. */
  items: QueueItem[];
  /** Tickets waiting under the group and assignee filters: requests (overdue ones included) and escalations. */
  requests: number;
  escalated: number;
  /** Overdue requests; known only when every request is on this page, else null. */
  overdue: number | null;
  page: number;
  hasNext: boolean;
  /** Zendesk search lists only this many of a status when more are waiting; null when it lists all. */
  limit: number | null;
}

const PER_PAGE = 25;
const REQUESTS = 'tags:escalation_requested order_by:created_at sort:asc';
const ESCALATIONS = 'tags:escalation_escalated order_by:created_at sort:asc';

/** How many of a status's tickets search lists: Zendesk serves the first 1,000 results only. */
const served = (count: number) => Math.min(count, SEARCH_RESULT_LIMIT);

/** Zendesk search keywords for the group and assignee filters (by id). */
function scope({ groupId, assigneeId }: QueueFilter): string {
  return [groupId !== null ? ` group:${groupId}` : '', assigneeId !== null ? ` assignee:${assigneeId}` : ''].join('');
}

interface Deps {
  host: HostClient;
  lead: LeadAccess;
  settings: AppSettings;
  i18n: I18n;
  now: () => Date;
  /** The agent's session cache: a ticket's trail read at its version is not read again. */
  cache: SessionCache;
}

/**
 * The escalation queue, a page at a time, what needs a lead first: every request comes before
 * the escalated tickets (two searches, so an overdue request is never on a page after an
 * escalation), and each page is put in queue order from its audits (domain/queue). Group and
 * assignee filters go into the search, so counts and pages cover the whole queue. Each page runs
 * the search again, so a ticket already listed on the page before (pushed along by a request made
 * meanwhile) is not listed twice.
 */
export function createQueueModel({ host, lead, settings, i18n, now, cache }: Deps) {
  const page = createResource<QueuePage>();
  const pageNo = signal(1);
  const filter = signal<QueueFilter>(ALL);
  /** Group names for the filter: the account's groups, read once. */
  const groups = createResource<{ id: number; name: string }[]>();
  /** Assignees met in the queue so far, for the filter. */
  const assignees = signal<Map<number, string>>(new Map());
  const status = signal<Report | null>(null);
  let shown: { page: number; ids: Set<number> } | null = null;
  /**
   * Decisions made here, until search catches up: Zendesk's index trails writes, so a page read
   * right after a decline would still list the ticket as requested. A listed version older than
   * the one our update got back is shown in the state we left it in.
   */
  const decided = new Map<number, { state: EscalationState; updatedAt: string }>();
  function current(ticket: Ticket): { state: EscalationState; at: string | null } | null {
    const known = decided.get(ticket.id);
    if (!known || Date.parse(ticket.updated_at) >= Date.parse(known.updatedAt)) {
      decided.delete(ticket.id);
      return null;
    }
    return { state: known.state, at: known.updatedAt };
  }

  /** Results [from, to) of a search whose first page is `first`: at most two pages more. */
  async function slice(query: string, first: TicketPage, from: number, to: number): Promise<Ticket[]> {
    if (to <= from) return [];
    const pages: number[] = [];
    for (let p = Math.floor(from / PER_PAGE) + 1; p <= Math.floor((to - 1) / PER_PAGE) + 1; p++) pages.push(p);
    const read = await Promise.all(pages.map((p) => (p === 1 ? Promise.resolve(first) : searchTickets(host, query, p, PER_PAGE))));
    const offset = ((pages[0] ?? 1) - 1) * PER_PAGE;
    return read.flatMap((page) => page.tickets).slice(from - offset, to - offset);
  }

  async function read(n: number, wanted: QueueFilter): Promise<QueuePage> {
    const where = scope(wanted);
    const [requests, escalations] = await Promise.all([
      searchTickets(host, `${REQUESTS}${where}`, 1, PER_PAGE),
      searchTickets(host, `${ESCALATIONS}${where}`, 1, PER_PAGE),
    ]);
    // The queue is every request, then every escalation; page n is its n-th run of PER_PAGE.
    const requestCount = wanted.status === 'escalated' ? 0 : served(requests.count);
    const escalatedCount = wanted.status === 'all' || wanted.status === 'escalated' ? served(escalations.count) : 0;
    const start = (n - 1) * PER_PAGE;
    const end = Math.min(n * PER_PAGE, requestCount + escalatedCount);
    const [requested, escalated] = await Promise.all([
      start >= requestCount ? null : n === 1 ? Promise.resolve(requests) : searchTickets(host, `${REQUESTS}${where}`, n, PER_PAGE),
      slice(`${ESCALATIONS}${where}`, escalations, Math.max(0, start - requestCount), Math.max(0, end - requestCount)),
    ]);
    const listed = [...(requested?.tickets ?? []), ...escalated];
    const before = shown?.page === n - 1 ? shown.ids : new Set<number>();
    const tickets = listed.filter((t) => !before.has(t.id) && ['requested', 'escalated', undefined].includes(current(t)?.state));
    const history = await escalationHistories({ host, cache, now }, tickets);
    const authors = [...history.values()].flatMap((h) => h.changes.map((c) => c.authorId));
    const assigned = tickets.map((t) => t.assignee_id).filter((id): id is number => typeof id === 'number');
    const ids = [...new Set([...authors, ...assigned])];
    const people = ids.length ? await lead.people(ids) : new Map<number, { name: string; isLead: boolean }>();
    if (n === pageNo.value) shown = { page: n, ids: new Set(listed.map((t) => t.id)) };
    const items = tickets.map((ticket): QueueItem => {
      const found = history.get(ticket.id);
      const request = found?.lastRequest ?? null;
      const ours = current(ticket);
      const state = ours ? (ours.state as QueueItem['state']) : ticket.tags.includes('escalation_escalated') ? 'escalated' : 'requested';
      const age = state === 'requested' && request ? requestAge(new Date(request.at), now(), settings.leadResponseMinutes) : null;
      const queueStatus: QueueStatus = state === 'escalated' ? 'escalated' : age?.overdue ? 'overdue' : 'requested';
      return {
        ticketId: ticket.id,
        status: queueStatus,
        remainingMinutes: age?.remainingMinutes ?? null,
        escalatedAt: state === 'escalated' ? (ours?.at ?? found?.lastEscalation?.at ?? ticket.created_at) : null,
        groupId: ticket.group_id ?? null,
        assigneeId: ticket.assignee_id ?? null,
        ticket,
        state,
        requestedAt: request?.at ?? null,
        reason: reasonFromNote(request?.note),
        requestedById: request?.authorId ?? null,
        requestedBy: request ? (people.get(request.authorId)?.name ?? `#${request.authorId}`) : null,
        assignee: ticket.assignee_id ? (people.get(ticket.assignee_id)?.name ?? `#${ticket.assignee_id}`) : null,
        age,
        flagged: found ? suspiciousChanges(found, (id) => people.get(id)?.isLead).length : 0,
      };
    });
    const met = new Map(assignees.peek());
    for (const item of items) if (item.assigneeId !== null && item.assignee) met.set(item.assigneeId, item.assignee);
    assignees.value = met;
    // Every request is on this page when they fit on one and this page is the first of them.
    const allRequests = requestCount <= PER_PAGE && n === 1 && wanted.status !== 'escalated';
    return {
      items: queueView(items, wanted),
      requests: requests.count,
      escalated: escalations.count,
      overdue: allRequests ? queueCounts(items, { ...wanted, status: 'all' }).overdue : null,
      page: n,
      hasNext: n * PER_PAGE < requestCount + escalatedCount,
      limit: Math.max(requests.count, escalations.count) > SEARCH_RESULT_LIMIT ? SEARCH_RESULT_LIMIT : null,
    };
  }

  const load = (n = pageNo.value) => {
    pageNo.value = n;
    if (groups.state.peek().status === 'idle') void groups.run(() => getGroups(host));
    const wanted = filter.peek();
    return page.run(() => read(n, wanted));
  };

  /** A new filter starts again at the first page. */
  const setFilter = (patch: Partial<QueueFilter>) => {
    filter.value = { ...filter.peek(), ...patch };
    shown = null;
    return load(1);
  };

  /**
   * A lead's decision from the row: the same single safe update as the sidebar's (app/escalation),
   * decided on the state the row showed, so a change made meanwhile is a conflict, never an
   * overwrite. The page is read again afterwards, but not after a failure: nothing changed.
   */
  const act = createAction(
    async (item: QueueItem, action: EscalationAction, reason?: string) => {
      const outcome = await applyEscalation({ host, lead, settings, i18n }, item.ticket.id, {
        action,
        seen: item.state,
        reason,
        requesterId: item.requestedById,
      });
      if (outcome.kind === 'done') decided.set(item.ticket.id, outcome.value);
      if (outcome.kind !== 'failed') void load();
      return outcome.kind === 'done' ? done(action) : outcome;
    },
    { report: status, done: (action) => `ui.escalation.done_${action}` },
  );

  return {
    page: page.state,
    filter,
    groups: groups.state,
    assignees,
    status,
    load,
    setFilter,
    act,
    open: (id: number) => host.invoke('routeTo', 'ticket', String(id)),
  };
}
