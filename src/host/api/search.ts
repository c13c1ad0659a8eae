import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { TicketSchema, type Ticket } from './tickets';

const SearchPageSchema = z.object({
  results: z.array(TicketSchema),
  count: z.number(),
  next_page: z.optional(z.nullable(z.string())),
});

export interface TicketPage {
  tickets: Ticket[];
  count: number;
  nextPage: number | null;
}

/** One page of Zendesk search over tickets (GET /api/v2/search.json). */
export async function searchTickets(host: HostClient, query: string, page = 1, perPage = 25): Promise<TicketPage> {
  const params = new URLSearchParams({ query: `type:ticket ${query}`, page: String(page), per_page: String(perPage) });
  const response = await host.request({ url: `/api/v2/search.json?${params}` }, SearchPageSchema);
  return { tickets: response.results, count: response.count, nextPage: response.next_page ? page + 1 : null };
}

/** Every page of a search, for metrics over a window (bounded so a huge account cannot run away). */
export async function searchAllTickets(host: HostClient, query: string, maxPages = 10): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for (let page: number | null = 1; page !== null && page <= maxPages;) {
    const result: TicketPage = await searchTickets(host, query, page, 100);
    tickets.push(...result.tickets);
    page = result.nextPage;
  }
  return tickets;
}
