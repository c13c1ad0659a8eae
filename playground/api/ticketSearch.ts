import type { Store, Ticket } from './store';

/**
 * Zendesk's ticket search as the app meets it: an index that trails writes, the query syntax the
 * app uses, and the documented limits. Sources: developer.zendesk.com, Search API ("Results
 * limit": at most 1,000 results per query and 100 per page, page 11 at 100 per page is a 422,
 * `count` is the full number; "It can take up to a few minutes for new tickets ... to be
 * indexed"; "Offset pagination may result in duplicate results") and Export Search Results
 * (cursor pagination, no 1,000 cap, ordered by created_at only, up to 1,000 per page).
 */
export const SEARCH_RESULT_LIMIT = 1000;
export const SEARCH_MAX_PER_PAGE = 100;
export const EXPORT_MAX_PAGE_SIZE = 1000;
// Not documented; the recommended page size.
export const EXPORT_DEFAULT_PAGE_SIZE = 100;

/** Zendesk's body for a page past the limit (as reported by API clients; the docs name only the 422). */
export const LIMIT_ERROR = {
  error: 'invalid',
  description: 'Invalid search: Requested response size was greater than Search Response Limits',
};

interface Version {
  ticket: Ticket;
  /** When the version was written; it is searchable `lagMs` later. */
  at: number;
}

/**
 * The search index of one account. A ticket version becomes searchable a lag after it was
 * written (its updated_at); until then search sees the version before it, or nothing for a new
 * ticket. Versions are noticed when search runs, so of two writes within one lag only the later
 * one is kept: search then shows the older state a little longer, never a newer one too early.
 */
class TicketIndex {
  private versions = new Map<number, Version[]>();

  constructor(private readonly tickets: Map<number, Ticket>) {
    // What the account held when it was created is already indexed.
    for (const ticket of tickets.values()) this.versions.set(ticket.id, [{ ticket: structuredClone(ticket), at: -Infinity }]);
  }

  /** The tickets as search sees them at `now`. */
  visible(lagMs: number, now = Date.now()): Ticket[] {
    const before = now - lagMs;
    const found: Ticket[] = [];
    for (const id of this.versions.keys()) if (!this.tickets.has(id)) this.versions.delete(id);
    for (const ticket of this.tickets.values()) {
      let list = this.versions.get(ticket.id);
      if (!list) this.versions.set(ticket.id, (list = []));
      if (list.at(-1)?.ticket.updated_at !== ticket.updated_at) {
        const written = Date.parse(ticket.updated_at);
        list.push({ ticket: structuredClone(ticket), at: Number.isFinite(written) ? Math.min(now, written) : now });
      }
      let current = list.length - 1;
      while (current >= 0 && list[current]!.at > before) current--;
      if (current < 0) continue;
      // Older versions can never be seen again at this lag.
      list.splice(0, current);
      found.push(list[0]!.ticket);
    }
    return found;
  }
}

const indexes = new WeakMap<Store, TicketIndex>();

/** One index per account, kept when the routes are rebuilt (seeding) and new after a reset. */
export function ticketIndex(store: Store): TicketIndex {
  let index = indexes.get(store);
  if (!index) indexes.set(store, (index = new TicketIndex(store.tickets)));
  return index;
}

interface TicketQuery {
  /** The type the query names (`type:ticket`), if any. */
  type: string | null;
  matches: (ticket: Ticket) => boolean;
  orderBy: 'created_at' | 'updated_at';
  sort: 'asc' | 'desc';
}

const STATUS = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

/** Who is searching, and who commented on a ticket: what `commenter:` needs. */
export interface Searcher {
  meId: number;
  commenterIds: (ticketId: number) => readonly number[];
}

/**
 * Zendesk search syntax, the parts the app uses: `type:ticket`, `tags:x` (any of several),
 * `status:x` / `status<solved`, `created>2026-11-01`, `group:<id>`, `assignee:<id>` or
 * `assignee:none`, `order_by:created_at sort:asc`, `commenter:me` or `commenter:<user id>`
 * (anyone who added a comment, internal notes included, as agents search), free text.
 */
function parseTicketQuery(query: string, searcher?: Searcher): TicketQuery {
  const tests: ((t: Ticket) => boolean)[] = [];
  const tagAny: string[] = [];
  let type: string | null = null;
  let orderBy: TicketQuery['orderBy'] = 'created_at';
  let sort: TicketQuery['sort'] = 'desc';
  for (const token of query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const m = /^(\w+)(:|<|>)(.+)$/.exec(token);
    const value = m?.[3]?.replace(/^"|"$/g, '') ?? '';
    if (!m) {
      const word = token.replace(/^"|"$/g, '').toLowerCase();
      tests.push((t) => `${t.subject} ${t.description}`.toLowerCase().includes(word));
      continue;
    }
    const [, key, op] = m;
    if (key === 'type') type = value;
    else if (key === 'tags' || key === 'tag') tagAny.push(...value.split(','));
    else if (key === 'commenter') {
      const id = value === 'me' ? searcher?.meId : Number(value);
      tests.push((t) => id !== undefined && (searcher?.commenterIds(t.id).includes(id) ?? false));
    } else if (key === 'status') {
      if (op === ':') tests.push((t) => t.status === value);
      else if (op === '<') tests.push((t) => STATUS.indexOf(t.status) < STATUS.indexOf(value));
      else tests.push((t) => STATUS.indexOf(t.status) > STATUS.indexOf(value));
    } else if (key === 'created' || key === 'updated') {
      const field = key === 'created' ? 'created_at' : 'updated_at';
      const time = Date.parse(value);
      tests.push((t) => (op === '>' ? Date.parse(t[field]) > time : op === '<' ? Date.parse(t[field]) < time : t[field].startsWith(value)));
    } else if (key === 'group') tests.push((t) => String(t.group_id) === value);
    else if (key === 'assignee') tests.push((t) => (value === 'none' ? t.assignee_id === null : String(t.assignee_id) === value));
    else if (key === 'order_by') orderBy = value === 'updated_at' ? 'updated_at' : 'created_at';
    else if (key === 'sort') sort = value === 'asc' ? 'asc' : 'desc';
  }
  if (tagAny.length) tests.push((t) => t.tags.some((tag) => tagAny.includes(tag)));
  return { type, orderBy, sort, matches: (t) => tests.every((test) => test(t)) };
}

/** The offset search's results in its order (created_at or updated_at, then id). */
export function searchTickets(tickets: Ticket[], query: string, searcher?: Searcher): Ticket[] {
  const q = parseTicketQuery(query, searcher);
  if (q.type !== null && q.type !== 'ticket') return [];
  const dir = q.sort === 'asc' ? 1 : -1;
  return tickets.filter(q.matches).sort((a, b) => dir * a[q.orderBy].localeCompare(b[q.orderBy]) || a.id - b.id);
}

/** The export's order, as its cursor says: created_at descending, ties by id ascending. */
const exportOrder = (a: Ticket, b: Ticket) => b.created_at.localeCompare(a.created_at) || a.id - b.id;

interface ExportCursor {
  field: 'created_at';
  desc: true;
  tieBreakField: 'id';
  tieBreakDesc: false;
  sortValues: [string, number];
  exportedThusFar: number;
}

const encodeCursor = (cursor: ExportCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64');

function decodeCursor(value: string): ExportCursor | null {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<ExportCursor>;
    const [created, id] = Array.isArray(cursor.sortValues) ? cursor.sortValues : [];
    return typeof created === 'string' && typeof id === 'number' ? (cursor as ExportCursor) : null;
  } catch {
    return null;
  }
}

type ExportPage = { ok: true; results: Ticket[]; afterCursor: string | null; hasMore: boolean } | { ok: false; description: string };

/**
 * One page of the export search. The cursor names the last result given (keyset), so a result
 * added or changed meanwhile never repeats one: it is either after the cursor or not given.
 */
export function exportPage(tickets: Ticket[], query: string, size: number, after: string | null): ExportPage {
  const q = parseTicketQuery(query);
  if (q.type !== null) return { ok: false, description: 'Use filter[type] instead of type in the query' };
  const cursor = after === null ? null : decodeCursor(after);
  if (after !== null && !cursor) return { ok: false, description: 'Invalid page[after] cursor' };
  const sorted = tickets.filter(q.matches).sort(exportOrder);
  let rest = sorted;
  if (cursor) {
    const [created, id] = cursor.sortValues;
    rest = sorted.filter((t) => t.created_at < created || (t.created_at === created && t.id > id));
  }
  const results = rest.slice(0, size);
  const hasMore = rest.length > size;
  const last = results.at(-1);
  const afterCursor =
    hasMore && last
      ? encodeCursor({
          field: 'created_at',
          desc: true,
          tieBreakField: 'id',
          tieBreakDesc: false,
          sortValues: [last.created_at, last.id],
          exportedThusFar: (cursor?.exportedThusFar ?? 0) + results.length,
        })
      : null;
  return { ok: true, results, afterCursor, hasMore };
}
