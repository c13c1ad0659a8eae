import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { TicketSchema, type Ticket } from './tickets';

/**
 * Zendesk search returns at most 1,000 results per query, however many match (`count` still says
 * how many): a page reaching past them is a 422, though `next_page` points to it.
 */
export const SEARCH_RESULT_LIMIT = 1000;

const SearchPageSchema = z.object({
  results: z.array(TicketSchema),
  count: z.number(),
  next_page: z.optional(z.nullable(z.string())),
});

export interface TicketPage {
  tickets: Ticket[];
  /** How many tickets match, also those past the first 1,000. */
  count: number;
  /** The next page, if there is one search will serve. */
  nextPage: number | null;
}

/**
 * One page of Zendesk search over tickets (GET /api/v2/search.json). Offset pages run the query
 * again, so a result can repeat or be skipped between pages when tickets change meanwhile.
 */
export async function searchTickets(host: HostClient, query: string, page = 1, perPage = 25): Promise<TicketPage> {
  const params = new URLSearchParams({ query: `type:ticket ${query}`, page: String(page), per_page: String(perPage) });
  const response = await host.request({ url: `/api/v2/search.json?${params}` }, SearchPageSchema);
  const served = (page + 1) * perPage <= SEARCH_RESULT_LIMIT;
  return { tickets: response.results, count: response.count, nextPage: response.next_page && served ? page + 1 : null };
}

const ExportPageSchema = z.object({
  results: z.array(TicketSchema),
  meta: z.object({ has_more: z.boolean(), after_cursor: z.optional(z.nullable(z.string())) }),
});

// Zendesk recommends 100 per export page; 20 pages keep one read well inside the account's 100 export requests a minute.
const EXPORT_PAGE_SIZE = 100;
const EXPORT_MAX_PAGES = 20;

export interface TicketExport {
  tickets: Ticket[];
  /** False when more tickets matched than `maxPages` pages hold; the newest created come first. */
  complete: boolean;
}

/**
 * Every ticket matching `query`, through the export search (GET /api/v2/search/export.json):
 * cursor pages that never repeat a result and are not capped at 1,000, newest created first.
 * Bounded, so a huge account cannot use up the account's export rate limit.
 */
export async function exportTickets(host: HostClient, query: string, maxPages = EXPORT_MAX_PAGES): Promise<TicketExport> {
  const tickets: Ticket[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const params = new URLSearchParams({ query, 'filter[type]': 'ticket', 'page[size]': String(EXPORT_PAGE_SIZE) });
    if (after) params.set('page[after]', after);
    const response = await host.request({ url: `/api/v2/search/export.json?${params}` }, ExportPageSchema);
    tickets.push(...response.results);
    if (!response.meta.has_more || !response.meta.after_cursor) return { tickets, complete: true };
    after = response.meta.after_cursor;
  }
  return { tickets, complete: false };
}
