import * as z from 'zod/mini';
import type { HostClient } from '../client';
import { TicketSchema, type Ticket } from './tickets';

/* Problem and incident tickets, for known issues: the sidebar's known-issue part and the console read them. */

/** Up to 100 tickets in one call (Show Multiple Tickets takes at most 100 ids); ids Zendesk does not have are left out. */
export async function getTickets(host: HostClient, ids: number[]): Promise<Ticket[]> {
  if (!ids.length) return [];
  const url = `/api/v2/tickets/show_many.json?ids=${ids.slice(0, 100).join(',')}`;
  return (await host.request({ url }, z.object({ tickets: z.array(TicketSchema) }))).tickets;
}

const IncidentPage = z.object({
  tickets: z.array(TicketSchema),
  count: z.optional(z.number()),
  next_page: z.optional(z.nullable(z.string())),
});

/** How many incidents are linked to a problem ticket (List Ticket Incidents' `count`, one small page read). */
export async function countIncidents(host: HostClient, problemId: number): Promise<number> {
  const page = await host.request({ url: `/api/v2/tickets/${problemId}/incidents.json?per_page=1` }, IncidentPage);
  return page.count ?? page.tickets.length;
}
